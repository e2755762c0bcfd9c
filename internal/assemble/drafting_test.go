package assemble

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/model"
	"github.com/dpa-tool/dpa/internal/scc"
)

// draft builds example ex after change has edited its description; the
// plan is derived again from the edited description.
func draft(t *testing.T, ex string, change func(d *model.Description)) string {
	t.Helper()
	r := validated(t, filepath.Join("../../examples", ex))
	d := r.Desc
	if change != nil {
		change(d)
	}
	lg := legal.MustLoad()
	p, fs := scc.Analyze(d, lg)
	for _, f := range fs {
		if f.Severity.String() == "error" {
			t.Fatalf("%s: edited description invalid: %s", ex, f.Msg)
		}
	}
	doc, err := Build(d, p, lg)
	if err != nil {
		t.Fatal(err)
	}
	return string(doc.Markdown)
}

// section returns the part of md from the line that starts with from up to
// the next line that starts with to.
func section(md, from, to string) string {
	i := strings.Index(md, "\n"+from)
	if i < 0 {
		return ""
	}
	rest := md[i+1:]
	if j := strings.Index(rest[len(from):], "\n"+to); j >= 0 {
		return rest[:len(from)+j]
	}
	return rest
}

func contains(t *testing.T, what, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

func lacks(t *testing.T, what, text string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(text, b) {
			t.Errorf("%s contains %q", what, b)
		}
	}
}

const kestrel = "support-india/kestrel-lotus.yaml"
const heron = "two-modules/heron-maplewood.yaml"
const northwind = "saas-us/northwind.yaml"

// TestTransferTitles: the body, the addenda and Annex I.B use the title;
// without one they refer to the block of Annex I.B.
func TestTransferTitles(t *testing.T) {
	md := draft(t, kestrel, nil)
	ref := "the transfer described in section B.1 of Annex I (“Second-line support of the Kestrel payroll platform”)"
	contains(t, "body", section(md, "## 2.", "## 3."), ref)
	contains(t, "addendum", section(md, "## Addendum I ", "### STANDARD"), "These Clauses apply to "+ref)
	contains(t, "Annex I.B", md, "\n#### B.1 Second-line support of the Kestrel payroll platform\n")
	md = draft(t, kestrel, func(d *model.Description) { d.Transfers[0].Title = "" })
	contains(t, "untitled body", section(md, "## 2.", "## 3."), "For the transfer described in section B.1 of Annex I, Kestrel")
	contains(t, "untitled Annex I.B", md, "\n#### B.1 Transfer\n")
	lacks(t, "untitled agreement", md, "“support”", "Transfer “")
}

// TestModuleThreeBody: the Controller is defined from controllers, and the
// body routes what the Clauses require for the Controller through Customer.
func TestModuleThreeBody(t *testing.T) {
	md := draft(t, kestrel, nil)
	body := section(md, "## 1.", "## Addendum")
	contains(t, "Module Three body", body,
		"(each, a “**Controller**”): the business customers of Kestrel Payroll Oy",
		"Customer warrants that each Controller has authorised",
		"the same data protection obligations as are set out in the contract or other legal act between Customer and the Controller, as Article 28(4) of the GDPR requires",
		"Provider shall address the information or request to Customer, which receives it as the Controller’s agent for receipt",
		"Customer shall pass it on to the Controller without undue delay and shall communicate the Controller’s decision, including any objection, to Provider within 10 calendar days of receiving it and in any event before the end of the period of 20 calendar days set out above.",
		"so as to enable the Controller to fulfil its obligation to respond to requests",
		"so as to enable the Controller to ensure compliance with the obligations pursuant to Articles 32 to 36",
		"so that Customer can inform the Controller without undue delay")
	lacks(t, "Module Three body", body, "in fulfilling Customer’s obligation", "Where Customer acts as a processor")
	contains(t, "Annex I.B", section(md, "#### B.1", "**Subject"), "| Controller(s) on whose behalf the data exporter acts | The business customers of Kestrel Payroll Oy")

	md = draft(t, kestrel, func(d *model.Description) {
		d.Transfers[0].Controllers = "Acme Retail GmbH and its affiliates."
		d.DPA.Subprocessors.ControllerDays = nil
	})
	contains(t, "controller named first", md, "(each, a “**Controller**”): Acme Retail GmbH and its affiliates.\n", "to Provider before the end of the period of 20 calendar days set out above.")

	md = draft(t, heron, nil)
	body = section(md, "## 1.", "## Addendum")
	contains(t, "mixed body", body,
		"For the transfer described in section B.2 of Annex I (“Hosting of hospital records for Heron's hospital customers”), Heron Data Services S.r.l. acts as a processor on behalf of the following controller or controllers",
		"in fulfilling Customer’s obligation or, where Customer acts as a processor, so as to enable the Controller to fulfil its obligation",
		"Where Customer acts as a processor and the Standard Contractual Clauses or Article 28 of the GDPR require Provider to inform the Controller")
	lacks(t, "Module Two Annex I.B block", section(md, "#### B.1", "**Subject"), "Controller(s)")
}

// TestChapterV: scc.force makes the Clauses contractual safeguards only, and
// the flow back to a controller outside the EEA is left to its own safeguard.
func TestChapterV(t *testing.T) {
	md := draft(t, northwind, func(d *model.Description) {
		d.SCC.Force = true
		nw, bl := d.Parties[0], d.Parties[1]
		nw.Country, nw.Region, nw.GDPRArt32 = "US", "", true
		nw.Address = "1 Main Street, Boston, MA 02110, USA"
		nw.Representative = &model.Representative{Name: "Rep Ltd", Address: "1 Quay, Dublin", Country: "IE"}
		bl.Country, bl.Region = "FR", ""
		bl.Address = "1 rue de Rivoli, 75001 Paris, France"
		d.Transfers[0].TIA = nil
	})
	body := section(md, "## 11. International transfers", "## 12.")
	contains(t, "forced transfer section", body,
		"the data importer is established in the European Economic Area, so that the transfer is not a transfer to a third country under Chapter V of the GDPR",
		"as contractual safeguards only",
		"Any transfer of Personal Data from Brightlane Inc. back to Northwind Analytics B.V., established outside the European Economic Area, is not covered by this Agreement and requires its own safeguard under Chapter V of the GDPR")
	lacks(t, "forced agreement", md, "does not require them", "as a matter of contract")
	contains(t, "Annex I.B", section(md, "#### B.1", "**Subject"), "No transfer to a third country under Chapter V of the GDPR")
	contains(t, "Annex I.C", section(md, "### C.", "## ANNEX II"), "Clause 13(a): the supervisory authority of the Member State in which the data exporter’s representative within the meaning of Article 27(1) GDPR is established")
}

// TestTransferMechanism: Annex I.B states the legal basis of every transfer
// and the transfer impact assessment where recorded.
func TestTransferMechanism(t *testing.T) {
	md := draft(t, northwind, nil)
	b1 := section(md, "#### B.1", "**Subject")
	contains(t, "US without DPF", b1, "| Transfer mechanism | The Standard Contractual Clauses, Module Two (Addendum I): standard data protection clauses adopted by the Commission (Article 46(2)(c) of the GDPR). |",
		"| Transfer impact assessment (Clause 14(b)) | Reference NW-TIA-2026-03, dated 20 April 2026 |")
	md = draft(t, northwind, func(d *model.Description) { d.Parties[1].DPFCertified = true })
	contains(t, "US with DPF", section(md, "#### B.1", "**Subject"), "Adequacy decision for the United States, Commission Implementing Decision (EU) 2023/1795", "for which the data importer is certified", "apply in addition and govern the transfer if the decision ceases to apply, the data importer’s certification lapses or the transfer falls outside its scope")
	md = draft(t, heron, nil)
	contains(t, "Canada", section(md, "#### B.1", "**Subject"), "Adequacy decision for Canada, Commission Decision 2002/2/EC of 20 December 2001 (scope: commercial organisations only", "The Standard Contractual Clauses, Module Two (Addendum I), apply in addition")
	contains(t, "body", section(md, "## 11.", "## 12."), "Where Annex I.B states that an adequacy decision covers a transfer, the Standard Contractual Clauses apply to that transfer in addition")
	if got := scopeText("Eastern Republic of Uruguay, with regard to automated processing of personal data (limitation stated in the decision's title; Art. 1 wording not read)"); got != "Eastern Republic of Uruguay, with regard to automated processing of personal data" {
		t.Errorf("scopeText = %q", got)
	}
}

// TestSubprocessors: the body instructs the transfers to sub-processors
// and Annex III states a safeguard for every one, under the official label.
func TestSubprocessors(t *testing.T) {
	md := draft(t, northwind, func(d *model.Description) {
		d.Subprocessors[1].Locations = model.List{"US"}
		d.Subprocessors[1].Safeguard = ""
	})
	contains(t, "instructions", section(md, "## 3.", "## 4."), "Customer instructs Provider to transfer Personal Data to the Sub-processors listed in Annex III, at the locations and on the transfer safeguards stated there.")
	a3 := section(md, "## ANNEX III", "## SIGNATURES")
	contains(t, "Annex III", a3,
		"| Description of processing (including a clear delimitation of responsibilities in case several sub-processors are authorised) |",
		"| Transfer safeguard | Germany and Ireland: within the European Economic Area; no transfer safeguard needed. |",
		"| Transfer safeguard | United States: none stated. |")
	lacks(t, "Annex III", a3, "| – |")
	md = draft(t, heron, nil)
	contains(t, "Annex III", section(md, "## ANNEX III", "## SIGNATURES"), "| Transfer safeguard | Canada: adequacy decision, Commission Decision 2002/2/EC of 20 December 2001; in addition, Standard Contractual Clauses (Module Three). |")
	lacks(t, "no sub-processors", section(draft(t, kestrel, nil), "## 3.", "## 4."), "Customer instructs Provider to transfer")
}

// TestLiability: the Principal Agreement's limitation does not apply under
// the Clauses unless elected; elected, only its amount caps Clause 12(a),
// without exclusions, never claims back under Clause 12, wilful misconduct
// or gross negligence, and never towards data subjects.
func TestLiability(t *testing.T) {
	towards := "No limitation of liability applies to the liability of a Party towards data subjects"
	md := section(draft(t, heron, nil), "## 12.", "## 13.")
	contains(t, "default", md, "under this Agreement to the extent permitted by applicable law, but not to their liability under the Standard Contractual Clauses, including under Clause 12 of those Clauses, which is not limited between the Parties.",
		"Where the same act or omission gives rise to liability under this Agreement and under the Standard Contractual Clauses, the limitations do not apply to the liability under the Clauses.", towards)
	lacks(t, "default", md, "Data Protection Law permits")
	md = section(draft(t, heron, func(d *model.Description) {
		on := true
		d.DPA.LiabilityCap = &on
	}), "## 12.", "## 13.")
	contains(t, "elected", md, "except that the liability of each Party towards the other Parties under Clause 12(a) of the Standard Contractual Clauses is limited to the maximum amount that the Principal Agreement sets for its liability.",
		"No exclusion of liability applies to the liability of the Parties under the Standard Contractual Clauses",
		"that limit does not apply to a Party’s right under Clause 12 of the Standard Contractual Clauses to claim back compensation paid to data subjects or to liability for wilful misconduct or gross negligence", towards)
	lacks(t, "elected", md, "including their liability towards each other", "Data Protection Law and the Standard Contractual Clauses permit", "Clause 12(d)", "Clause 12(f)")
}

// TestBreachNotice: the notification carries the content of Art. 33(3) and
// may come in phases.
func TestBreachNotice(t *testing.T) {
	md := section(draft(t, northwind, nil), "## 8.", "## 9.")
	contains(t, "breach notice", md, "categories and approximate number of data subjects concerned", "categories and approximate number of personal data records concerned",
		"name and contact details of the data protection officer or other contact point", "likely consequences", "measures taken or proposed to be taken", "in phases without undue further delay")
}

// TestRedressBody: the named body is printed where the Clauses are
// incorporated and in the addendum; an unnamed election prints nothing.
func TestRedressBody(t *testing.T) {
	md := draft(t, heron, nil)
	contains(t, "body", section(md, "## 11.", "## 12."), "For the purposes of Clause 11(a) of the Standard Contractual Clauses, the independent dispute resolution body is Northern Privacy Mediation Service, cases@mediation.example, https://mediation.example.")
	contains(t, "addendum", section(md, "## Addendum II", "### STANDARD"), "The independent dispute resolution body referred to in Clause 11(a) is Northern Privacy Mediation Service")
	md = draft(t, heron, func(d *model.Description) { d.SCC.RedressBody = model.RedressBody{Elected: true} })
	lacks(t, "unnamed", md, "dispute resolution body is", "dispute resolution body referred to")
}

// TestDays: periods say whether they are calendar or working days.
func TestDays(t *testing.T) {
	md := draft(t, kestrel, nil)
	contains(t, "kestrel", md, "at least 20 calendar days before the engagement", "at least 15 working days’ prior written notice", "within 14 calendar days, unless", "at least 20 calendar days prior to the engagement of the sub-processor")
	md = draft(t, kestrel, func(d *model.Description) { d.DPA.Subprocessors.NoticeDays = model.Days{N: 10, Working: true} })
	contains(t, "working", md, "at least 10 working days before the engagement", "at least 10 working days prior to the engagement of the sub-processor")
}

// TestActivities: without activities, Annex I.A gives a neutral sentence
// from the party's role, never another party's purposes.
func TestActivities(t *testing.T) {
	md := section(draft(t, kestrel, nil), "### A.", "### B.")
	contains(t, "importer", md, "| Activities relevant to the data transferred | Provision of the services under the Principal Agreement, as sub-processor |")
	lacks(t, "importer", md, "Resolution of support tickets")
	md = section(draft(t, heron, func(d *model.Description) { d.Parties[0].Activities = "" }), "### A.", "### B.")
	contains(t, "controller exporter", md, "| Activities relevant to the data transferred | Use of the services under the Principal Agreement, as controller |")
}

// TestAddressCountry: the country is printed once.
func TestAddressCountry(t *testing.T) {
	md := draft(t, heron, func(d *model.Description) {
		d.Parties[0].Address = "Leopoldstraße 50, 80802 München, Deutschland"
		d.Parties[1].Address = "Via Torino 20, 20123 Milano"
	})
	contains(t, "Annex I.A", md, "| Address | Leopoldstraße 50, 80802 München, Deutschland |", "| Address | Via Torino 20, 20123 Milano, Italy |")
	contains(t, "cover", md, "| Heron Health Analytics GmbH | Leopoldstraße 50, 80802 München | Germany |", "| Heron Data Services S.r.l. | Via Torino 20, 20123 Milano | Italy |")
	lacks(t, "agreement", draft(t, northwind, nil), "Deutschland, Germany", "USA, United States", "Netherlands, Netherlands")
}

// TestAccessionRecordsAgreement: the accession form records the agreement
// of the existing Parties (Clause 7(a)).
func TestAccessionRecordsAgreement(t *testing.T) {
	md := section(draft(t, heron, nil), "### Accession form (Clause 7)", "## Addendum II")
	contains(t, "accession form", md, "The Parties to these Clauses agree to the accession of the entity named above (Clause 7(a)):",
		"| For Heron Health Analytics GmbH: name, position, date and signature | |", "| For Maplewood Cloud Ltd.: name, position, date and signature | |")
	lacks(t, "Module Two accession form", md, "Heron Data Services S.r.l.")
}

// TestAnnexIC: per exporter, the authority with address and website and
// the Clause 13 basis in legal words.
func TestAnnexIC(t *testing.T) {
	md := section(draft(t, heron, nil), "### C.", "## ANNEX II")
	contains(t, "Annex I.C", md, "**Heron Health Analytics GmbH**: Bayerisches Landesamt für Datenschutzaufsicht (Bavarian Data Protection Authority, BayLDA), Postfach 1349, 91504 Ansbach, Deutschland, https://www.lda.bayern.de/ (Clause 13(a): the supervisory authority of the Member State in which the data exporter is established).")
}

// TestAnnexIIScope: measures scoped to transfers name their Annex I.B block.
func TestAnnexIIScope(t *testing.T) {
	contains(t, "Annex II", draft(t, heron, nil), "**Measures for ensuring data minimisation** (only for the transfer described in section B.2 of Annex I)\n")
}

// TestPartiesToAddenda: with several exporters under different addenda,
// Annex I.A, each addendum's Appendix and the signature page say which
// Party is bound by which Clauses, and the body names the processor.
func TestPartiesToAddenda(t *testing.T) {
	md := draft(t, heron, nil)
	a := section(md, "### A.", "### B.")
	contains(t, "Annex I.A", a, "| Party to | Addendum I (Module Two) |", "| Party to | Addendum II (Module Three) |", "| Party to | Addendum I (Module Two) and Addendum II (Module Three) |")
	contains(t, "Addendum I", section(md, "## Addendum I ", "### STANDARD"),
		"For the purposes of these Clauses, the Appendix consists of the following parts of the Annexes of the Agreement: in Annex I.A, entry 1 of the data exporters (Heron Health Analytics GmbH) and entry 1 of the data importers (Maplewood Cloud Ltd.); section B.1 of Annex I.B; in Annex I.C, the entry for Heron Health Analytics GmbH; Annex II, except the measures stated to apply only to other transfers; and Annex III.")
	contains(t, "Addendum II", section(md, "## Addendum II ", "### STANDARD"),
		"in Annex I.A, entry 2 of the data exporters (Heron Data Services S.r.l.) and entry 1 of the data importers (Maplewood Cloud Ltd.); section B.2 of Annex I.B; in Annex I.C, the entry for Heron Data Services S.r.l.; Annex II; and Annex III.")
	lacks(t, "addenda", md, "The Appendix to these Clauses consists of Annexes I, II and III")
	contains(t, "signatures", section(md, "## SIGNATURES", "###"), "each Party executes this Agreement and the Annexes, and the Addendum or Addenda to which Annex I.A states that it is a party.")
	body := section(md, "## 1.", "## Addendum")
	contains(t, "body", body,
		"This Agreement applies to each Customer and each Provider only for the transfers in which it takes part, as listed in Annex I.B, and in relation to a transfer “Customer” means only the Customer and “Provider” only the Provider that takes part in it; each one is a Party to the Standard Contractual Clauses of the Addendum that covers those transfers, as Annex I.A states.",
		"Heron Data Services S.r.l. acts as a processor on behalf of the following controller or controllers",
		"within 48 hours after becoming aware of it and, where Customer acts as a processor, so that Customer can inform the Controller")
	lacks(t, "body", body, "Customer acts as a processor on behalf")

	// One exporter and one importer: every Party is bound by every
	// addendum, and nothing needs saying.
	md = draft(t, kestrel, nil)
	lacks(t, "single addendum", md, "| Party to |", "Addendum or Addenda")
	contains(t, "single addendum", md, "The Appendix to these Clauses consists of Annexes I, II and III of the Agreement.", "each Party executes this Agreement, Addendum I and the Annexes.")
}

// TestModuleThreeAuthority: under Module Three the instructions are the
// Controller's as communicated by Customer (Clause 8.1), the authorisation
// of sub-processors and the right to object are the Controller's, received
// by Customer as its agent, and nothing refers to sub-processors that do
// not exist.
func TestModuleThreeAuthority(t *testing.T) {
	md := draft(t, kestrel, nil)
	body := section(md, "## 1.", "## Addendum")
	contains(t, "Module Three body", body,
		"\n## 3. Instructions\n",
		"Provider shall process Personal Data on the documented instructions of the Controller, as communicated to Provider by Customer, and on Customer’s additional documented instructions, which shall not conflict with the instructions of the Controller; Customer gives its instructions on behalf of and in accordance with the instructions of the Controller, which Customer shall make available to Provider before the processing starts.",
		"process Personal Data only on the instructions referred to in section 3 and",
		"Provider shall not engage a Sub-processor without the prior specific written authorisation of the Controller, obtained through Customer as set out below.",
		"At the date of signature no Sub-processor is authorised.",
		"including the engagement of Provider as a sub-processor, and that")
	lacks(t, "Module Three body", body, "only on Customer’s instructions", "without Customer’s prior specific written authorisation", "Sub-processors listed in Annex III", "Where Customer acts as a processor")
	contains(t, "Annex III", section(md, "## ANNEX III", "## SIGNATURES"), "Provider shall request the Controller’s prior specific authorisation before engaging any")

	md = draft(t, heron, nil)
	body = section(md, "## 1.", "## Addendum")
	contains(t, "mixed body", body,
		"Where Customer acts as a processor, Provider shall process Personal Data on the documented instructions of the Controller",
		"Where Customer acts as a processor, it gives this authorisation on behalf of the Controller, and the right to object is the Controller’s, exercised through Customer as set out below.",
		"and of the Sub-processors listed in Annex III",
		"to Provider before the end of the period of 45 calendar days set out above.")
	lacks(t, "mixed body", body, "within 45 calendar days of receiving it")

	md = section(draft(t, northwind, nil), "## 1.", "## Addendum")
	lacks(t, "Module Two body", md, "Controller", "agent for receipt")
	contains(t, "Module Two body", md, "Provider shall not engage", "Customer gives Provider its general written authorisation to engage the Sub-processors listed in Annex III.")
	md = section(draft(t, kestrel, func(d *model.Description) { d.DPA.Subprocessors.Authorisation = model.General }), "## 1.", "## Addendum")
	contains(t, "general, none", md, "Customer gives Provider its general written authorisation to engage Sub-processors on the terms of this section; at the date of signature no Sub-processor is engaged.", "Customer gives this authorisation on behalf of the Controller")
}

// TestExampleFacts: the examples' facts agree with each other (the review
// of the three agreements): deletion covers backups, no recordings kept by
// the importer, one system of law, annual audits of hospital data.
func TestExampleFacts(t *testing.T) {
	md := draft(t, heron, nil)
	contains(t, "heron", md, "delete existing copies within 35 calendar days", "deleted within 35 days, including from backups",
		"Customer may carry out an audit no more than once a year", "This Agreement is governed by the law of Germany",
		"The Parties agree that this shall be the law of Germany", "| Transfer impact assessment (Clause 14(b)) | Reference HERON-TIA-2026-02")
	lacks(t, "heron", md, "Ireland", "once every two years", "within 30 calendar days")
	md = draft(t, kestrel, nil)
	contains(t, "kestrel", md, "Recurring, on an ad hoc basis", "kept by Kestrel on its virtual desktop platform in the EU for 12 months; Lotus keeps no recordings or copies", "as listed in a schedule that Kestrel makes available to Lotus")
	lacks(t, "kestrel", md, "customer register", "without Kestrel's specific prior authorisation")
	md = draft(t, northwind, nil)
	contains(t, "northwind", md, "delete existing copies within 35 calendar days", "law of the Netherlands", "Requests forwarded to Customer without undue delay")
	lacks(t, "northwind", md, "the customer's", "law of Ireland", "courts of Ireland")
}

// TestReviewMinors: suspension never obliges Provider to carry out an
// unlawful instruction, stricter obligations of the head contract are
// notified and applied, and a superseded agreement is dealt with.
func TestReviewMinors(t *testing.T) {
	md := draft(t, kestrel, nil)
	contains(t, "suspension", section(md, "## 3.", "## 4."), "Provider may suspend the processing concerned until Customer has changed the instruction or the Parties have agreed in writing that it is lawful; Clauses 8.1 and 16 of the Standard Contractual Clauses are unaffected.")
	lacks(t, "suspension", md, "until Customer confirms")
	contains(t, "head contract", section(md, "## 2.", "## 3."),
		"Where that contract or other legal act imposes stricter data protection obligations than this Agreement, Customer shall notify them to Provider in writing and, from that notice, Provider shall comply with them for the Personal Data of that Controller.",
		"Customer shall give Provider, on request, the name and contact details of each Controller.")
	md = draft(t, northwind, nil)
	contains(t, "superseded", section(md, "## 13.", "## 14."), "13.2 This Agreement replaces DPA-2025-031 with effect from 1 May 2026. From that date, Personal Data processed under DPA-2025-031 is processed under this Agreement, whose Standard Contractual Clauses replace any standard contractual clauses agreed in DPA-2025-031 without interruption of the protection of that Personal Data. Rights and liabilities accrued under DPA-2025-031 are unaffected.")
	lacks(t, "Module Two", section(md, "## 1.", "## Addendum"), "Controller")
	md = draft(t, northwind, func(d *model.Description) { d.Agreement.Supersedes = "" })
	lacks(t, "nothing superseded", md, "This Agreement replaces")
	md = draft(t, "eea-only/fjord-lumen.yaml", nil)
	contains(t, "no Clauses", md, "or the Parties have agreed in writing that it is lawful.")
	lacks(t, "no Clauses", md, "Clause 16")
}
