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
				"but not to their liability under the Standard Contractual Clauses"},
			lacks: []string{"no more than once", "first making available the reports", "carried out remotely",
				"deemed accepted", "deemed to have chosen deletion", "reimburse Provider’s reasonable costs"},
		},
		model.Balanced: {
			has: []string{"in any event within 36 hours", "no more than once a year, giving at least 30 calendar days’ prior written notice",
				"Provider may answer a request for an audit by first making available the reports of audits",
				"These limits on frequency and notice and the prior review of reports and certifications never apply",
				"Each Party bears its own costs of an audit.",
				"if it has not done so, it is deemed to have chosen deletion", "at no charge to Customer",
				"Where the Standard Contractual Clauses apply, their provisions on documentation, audits and inspections prevail over this section.",
				"Where the Standard Contractual Clauses apply, their provisions on deletion and return prevail over this section.",
				"but not to their liability under the Standard Contractual Clauses"},
			lacks: []string{"carried out remotely", "reimburse Provider’s reasonable costs", "including their liability towards each other under Clause 12(a)"},
		},
		model.ProviderFriendly: {
			has: []string{"in any event within 48 hours", "no more than once a year",
				"An audit is carried out remotely", "An inspection of the premises and physical facilities where Personal Data is processed remains available",
				"the prior review of reports and certifications and the preference for remote audits never apply",
				"shall reimburse Provider’s reasonable costs of contributing to it, except for an audit that reveals a material failure",
				"Customer shall reimburse Provider’s reasonable costs of a return", "Provider shall not delay a return or deletion pending payment",
				"if it has not done so, it is deemed to have chosen deletion",
				"including their liability towards each other under Clause 12(a) of the Standard Contractual Clauses"},
			lacks: []string{"at no charge to Customer", "Each Party bears its own costs of an audit."},
		},
	}
	general := want{
		has: []string{"may object to the change on reasonable data protection grounds within that period"},
	}
	generalBy := map[model.Preset]want{
		model.CustomerFriendly: {has: []string{"If Customer objects, Provider shall not engage the new Sub-processor", "either Party may terminate the affected services without penalty"},
			lacks: []string{"Clause 9(a) of those Clauses prevails over this paragraph"}},
		model.Balanced: {has: []string{"shall use reasonable efforts to make available a change in the services",
			"Customer may terminate the affected services without penalty", "If Provider receives no objection within that period, the change is deemed accepted.",
			"For Personal Data transferred under the Standard Contractual Clauses, Clause 9(a) of those Clauses prevails over this paragraph."}},
	}
	generalBy[model.ProviderFriendly] = generalBy[model.Balanced]
	specific := want{
		has:   []string{"prior specific written authorisation"},
		lacks: []string{"deemed accepted", "reasonable efforts to make available a change", "Clause 9(a) of those Clauses prevails over this paragraph"},
	}
	always := []string{
		"shall allow for and contribute to audits, including inspections, conducted by Customer or another auditor mandated by Customer",
		"never apply where there are indications of non-compliance",
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

var acceptanceRE = regexp.MustCompile(`\n## \d+\. Acceptance\n\n\d+\.1 This Agreement is not signed separately\. By entering into the Principal Agreement, each Party is deemed to have signed this Agreement`)

// TestClickThrough: click-through execution replaces the signature page
// by an acceptance clause at the end of the body that names what each
// Party is deemed to sign, and Annex I.A and the UK Addendum say so, for
// one module, two modules with split parties, the UK and Swiss overlays
// and an agreement between controllers only.
func TestClickThrough(t *testing.T) {
	tests := []struct {
		ex    string
		parts string
	}{
		{"saas-us/northwind.yaml", "this Agreement, including the Standard Contractual Clauses in Addendum I, and the Annexes, with the same effect as a signature"},
		{heron, "this Agreement, the Annexes and the Addendum or Addenda to which Annex I.A states that it is a party, with the same effect"},
		{"uk-swiss/aldgate-alpine.yaml", "including the Standard Contractual Clauses in Addendum I, the UK Addendum to Addendum I, the Swiss Supplement to Addendum I, and the Annexes"},
		{"group-sharing/tidewell-group.yaml", "including the Standard Contractual Clauses in Addendum I, and the Annexes"},
		{"eea-only/fjord-lumen.yaml", "deemed to have signed this Agreement and its Annexes, with the same effect"},
	}
	for _, tt := range tests {
		t.Run(tt.ex, func(t *testing.T) {
			md := draft(t, tt.ex, func(d *model.Description) {
				d.Agreement.Execution = model.ClickThrough
				if d.Agreement.PrincipalAgreement == "" {
					d.Agreement.PrincipalAgreement = "Terms of Service"
				}
			})
			if !acceptanceRE.MatchString(md) {
				t.Errorf("no acceptance clause")
			}
			contains(t, "acceptance", md, tt.parts)
			i, j := strings.Index(md, "Acceptance\n\n"), strings.Index(md, "\n## Addendum I ")
			if j >= 0 && i > j {
				t.Errorf("acceptance clause after the Clauses, want it at the end of the body")
			}
			lacks(t, "click-through", md, "## SIGNATURES", "For and on behalf of", "See the signature page")
			if n, want := strings.Count(md, "| Signature and date | Deemed signed on entering into the Principal Agreement, as this Agreement provides under Acceptance |"), strings.Count(md, "\n| Activities relevant to the data transferred |"); n != want || n == 0 {
				t.Errorf("%d Annex I.A signature entries say deemed signed, want %d", n, want)
			}
			if strings.Contains(md, "## UK Addendum") {
				contains(t, "UK Addendum", md, "Deemed signed on entering into the Principal Agreement, as")
			}
		})
	}
}
