package assemble

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/model"
)

// TestPresets builds every preset with Module Two (northwind) and Module
// Three (kestrel), under general and specific authorisation, and checks
// the wording of each position and that the Article 28 minimum stays:
// audits including inspections, a right to object (general) or prior
// specific authorisation, Customer's choice of deletion or return, full
// liability for sub-processors (issue 16).
func TestPresets(t *testing.T) {
	type want struct{ has, lacks []string }
	presets := map[model.Preset]want{
		model.CustomerFriendly: {
			has: []string{"in any event within 24 hours", "giving reasonable prior written notice",
				"Provider shall not charge Customer for making information available or for contributing to an audit",
				"in a structured, commonly used and machine-readable format, at no charge to Customer",
				"but not to their liability under the Standard Contractual Clauses",
				"The requirement of prior notice does not apply where there are indications of non-compliance",
				"If Customer has not chosen by then, it is deemed to have chosen return followed by deletion, and the period of 30 calendar days runs from the end of those 14 days."},
			lacks: []string{"no more than once", "first making available the reports", "carried out remotely",
				"deemed accepted", "deemed to have chosen deletion", "reimburse Provider’s reasonable costs", "limits on frequency"},
		},
		model.Balanced: {
			has: []string{"in any event within 36 hours", "no more than once a year, giving at least 30 calendar days’ prior written notice",
				"Provider may answer a request for an audit by first making available the reports of audits",
				"its certifications, if any, that are current and relevant",
				"Customer may take them into account in deciding on an audit and may carry out the audit, including inspections, where Customer, acting reasonably, considers that they do not suffice to demonstrate compliance with this Agreement.",
				"These limits on frequency and notice and the prior review of reports and certifications do not apply",
				"Each Party bears its own costs of an audit.",
				"Customer shall make its choice in writing within 14 calendar days after the end of the provision of the services, and Provider shall remind Customer of this in writing at that time. If Customer has not chosen by then, it is deemed to have chosen deletion", "at no charge to Customer",
				"Where the Standard Contractual Clauses apply, their provisions on documentation, audits and inspections prevail over this section.",
				"Where the Standard Contractual Clauses apply, their provisions on deletion and return prevail over this section.",
				"but not to their liability under the Standard Contractual Clauses"},
			lacks: []string{"carried out remotely", "reimburse Provider’s reasonable costs", "including their liability towards each other under Clause 12(a)", "Customer shall take them into account"},
		},
		model.ProviderFriendly: {
			has: []string{"in any event within 48 hours", "no more than once a year",
				"An audit is carried out remotely, by the review of documents and by interviews held by video conference, unless Customer, acting reasonably, considers that an inspection on site is needed for its purpose.",
				"Inspections may cover Provider’s premises and physical facilities and, through Provider and the obligations it imposes on its Sub-processors under section 6, those of its Sub-processors.",
				"the prior review of reports and certifications and the preference for remote audits do not apply",
				"shall reimburse Provider’s reasonable costs of contributing to it, except for an audit that follows a personal data breach affecting Personal Data or indications of non-compliance, that reveals a material failure",
				"Provider shall give Customer a written estimate of its costs, based on reasonable rates, before the audit begins",
				"Customer shall reimburse Provider’s reasonable costs of a return", "Provider shall not delay a return or deletion pending payment",
				"No costs are payable for a return that Customer makes itself through the export functions of the services, or where the services end because of Provider’s breach of this Agreement or because Customer terminates the contract under Clause 14(f) or 16(c) of the Standard Contractual Clauses.",
				"If Customer has not chosen by then, it is deemed to have chosen deletion",
				"but not to their liability under the Standard Contractual Clauses, including under Clause 12 of those Clauses, which is not limited between the Parties"},
			lacks: []string{"at no charge to Customer", "Each Party bears its own costs of an audit.", "Clause 12(a)", "Data Protection Law permits"},
		},
	}
	general := want{
		has: []string{"may object to the change on reasonable data protection grounds within that period"},
	}
	generalBy := map[model.Preset]want{
		model.CustomerFriendly: {has: []string{"If Customer objects, Provider shall not engage the new Sub-processor", "either Party may terminate the affected services without penalty"},
			lacks: []string{"Clause 9(a) of those Clauses prevails over this paragraph"}},
		model.Balanced: {has: []string{"shall use reasonable efforts to make available a change in the services",
			"Customer may terminate the affected services without penalty", "If Provider receives no objection within that period, the change is deemed accepted."},
			lacks: []string{"Clause 9(a) of those Clauses prevails over this paragraph"}},
	}
	generalBy[model.ProviderFriendly] = generalBy[model.Balanced]
	specific := want{
		has:   []string{"prior specific written authorisation"},
		lacks: []string{"deemed accepted", "reasonable efforts to make available a change", "Clause 9(a) of those Clauses prevails over this paragraph"},
	}
	always := []string{
		"shall allow for and contribute to audits, including inspections, conducted by Customer or another auditor mandated by Customer",
		"not apply where there are indications of non-compliance with this Agreement or with Data Protection Law, after a personal data breach affecting Personal Data, or where a supervisory authority requires an audit.",
		"Provider shall certify the deletion to Customer in writing.",
		"at Customer’s choice, delete or return all Personal Data",
		"Provider shall remain fully liable to Customer",
		"No limitation of liability applies to the liability of a Party towards data subjects",
	}
	for _, ex := range []string{"saas-us/northwind.yaml", kestrel} {
		for _, auth := range []model.Authorisation{model.General, model.Specific} {
			for _, pr := range model.Presets {
				t.Run(fmt.Sprintf("%s/%s/%s", ex, auth, pr), func(t *testing.T) {
					md := draft(t, ex, func(d *model.Description) {
						d.DPA.Preset = pr
						d.DPA.Audit, d.DPA.BreachNoticeHours, d.DPA.DeletionDays = nil, nil, nil
						d.DPA.Subprocessors.Authorisation = auth
						d.DPA.Subprocessors.ControllerDays = nil
					})
					body := md[:strings.Index(md, "\n## Addendum I ")]
					w := presets[pr]
					contains(t, string(pr), body, w.has...)
					lacks(t, string(pr), body, w.lacks...)
					contains(t, "every preset", body, always...)
					lacks(t, "every preset", body, "never apply", "confirm the deletion in writing on request", "Data Protection Law permits", "Data Protection Law and the Standard Contractual Clauses permit")
					if auth == model.General {
						contains(t, "general authorisation", body, general.has...)
						contains(t, "general authorisation", body, generalBy[pr].has...)
						lacks(t, "general authorisation", body, generalBy[pr].lacks...)
					} else {
						contains(t, "specific authorisation", body, specific.has...)
						lacks(t, "specific authorisation", body, specific.lacks...)
					}
				})
			}
		}
	}
}

// TestDefaultPositions: without a preset, the body keeps the wording it
// had before issue 16: no sentence of a position is added.
func TestDefaultPositions(t *testing.T) {
	md := draft(t, "saas-us/northwind.yaml", nil)
	lacks(t, "default positions", md, "first making available the reports", "carried out remotely", "deemed accepted",
		"reasonable efforts to make available a change", "deemed to have chosen deletion", "at no charge to Customer",
		"reimburse Provider’s reasonable costs", "prevails over this paragraph", "prevail over this section", "## 16. Acceptance")
	contains(t, "default positions", md, "Each Party bears its own costs of an audit.", "\n## SIGNATURES\n", "| Signature and date | See the signature page |")
}

var acceptanceRE = regexp.MustCompile(`\n## (\d+)\. Acceptance\n\n\d+\.1 This Agreement, including .* is concluded by electronic acceptance of the Principal Agreement and is not signed by hand\. Each Party’s acceptance of the Principal Agreement constitutes its signature of this Agreement`)

// TestClickThrough: click-through execution replaces the signature page
// by an acceptance clause at the end of the body that names what each
// Party signs by accepting, the availability of the text before
// acceptance, the authority of the person accepting and the acceptance
// record; Annex I.A and the UK Addendum refer to that section by number
// and take the date of acceptance from the record; the term
// runs from acceptance, not from the version date; for one module, two
// modules with split parties, the UK and Swiss overlays, an agreement
// between controllers only and one without Clauses.
func TestClickThrough(t *testing.T) {
	tests := []struct {
		ex    string
		parts string
		ctrl  bool
	}{
		{"saas-us/northwind.yaml", "16.1 This Agreement, including the Standard Contractual Clauses in Addendum I, and the Annexes, is concluded by electronic acceptance of the Principal Agreement and is not signed by hand. Each Party’s acceptance of the Principal Agreement constitutes its signature of this Agreement, of the Standard Contractual Clauses to which it is a Party and of Annex I for the purposes of those Clauses, with effect from the date of that acceptance.", false},
		{heron, "This Agreement, including its Addenda and the Annexes, is concluded by electronic acceptance of the Principal Agreement and is not signed by hand. Each Party’s acceptance of the Principal Agreement constitutes its signature of this Agreement, of the Standard Contractual Clauses to which Annex I.A states that it is a Party and of Annex I", false},
		{"uk-swiss/aldgate-alpine.yaml", "This Agreement, including the Standard Contractual Clauses in Addendum I, the UK Addendum to Addendum I, the Swiss Supplement to Addendum I, and the Annexes, is concluded", false},
		{"group-sharing/tidewell-group.yaml", "This Agreement, including the Standard Contractual Clauses in Addendum I, and the Annexes, is concluded", true},
		{"eea-only/fjord-lumen.yaml", "This Agreement, including its Annexes, is concluded by electronic acceptance of the Principal Agreement and is not signed by hand. Each Party’s acceptance of the Principal Agreement constitutes its signature of this Agreement, with effect from the date of that acceptance.", false},
	}
	for _, tt := range tests {
		t.Run(tt.ex, func(t *testing.T) {
			md := draft(t, tt.ex, func(d *model.Description) {
				d.Agreement.Execution = model.ClickThrough
				if d.Agreement.PrincipalAgreement == "" {
					d.Agreement.PrincipalAgreement = "Terms of Service"
				}
			})
			m := acceptanceRE.FindStringSubmatch(md)
			if m == nil {
				t.Fatalf("no acceptance clause")
			}
			n := m[1]
			contains(t, "acceptance", md, tt.parts)
			if tt.ctrl {
				contains(t, "acceptance", md, "Each Party confirms that the full text of this Agreement, including its Annexes, was made available to it before acceptance and that the person accepting on its behalf was authorised to bind it.",
					"Each Party shall keep a record of its acceptance (the version of this Agreement accepted, the date and time of acceptance, and the name and position of the person accepting)")
			} else {
				contains(t, "acceptance", md, "Customer confirms that the full text of this Agreement, including its Annexes, was made available to it before acceptance and that the person accepting on its behalf was authorised to bind it.",
					"Provider shall keep a record of each acceptance (the version of this Agreement accepted, the date and time of acceptance, and the name and position of the person accepting) and shall make it and a copy of the accepted text available to Customer in a durable medium, and to the competent supervisory authority, on request.")
			}
			i, j := strings.Index(md, "Acceptance\n\n"), strings.Index(md, "\n## Addendum I ")
			if j >= 0 && i > j {
				t.Errorf("acceptance clause after the Clauses, want it at the end of the body")
			}
			lacks(t, "click-through", md, "## SIGNATURES", "For and on behalf of", "See the signature page", "deemed to have signed", "Deemed signed", "under Acceptance", "date of signature", "| Date |")
			contains(t, "click-through", md, "| Version date |", "This Agreement takes effect on the date on which the Parties enter into the Principal Agreement in accordance with section "+n+" and remains in force")
			entry := regexp.MustCompile(`\| Signature and date \| Accepted electronically on behalf of [^|]+ by acceptance of the Principal Agreement, in accordance with section ` + n + ` of this Agreement, on the date of acceptance shown in the acceptance record kept under that section, which also records the name and position of the person who accepted \|`)
			if got, want := len(entry.FindAllString(md, -1)), strings.Count(md, "\n| Activities relevant to the data transferred |"); got != want || got == 0 {
				t.Errorf("%d Annex I.A signature entries refer to section %s and to the acceptance record, want %d", got, n, want)
			}
			if strings.Contains(md, "## UK Addendum") {
				contains(t, "UK Addendum", md, "Accepted electronically by acceptance of the Principal Agreement, in accordance with section "+n+" of the Agreement; the date of acceptance and the name and position of the person who accepted are recorded in the acceptance record kept under that section")
			}
		})
	}
}
