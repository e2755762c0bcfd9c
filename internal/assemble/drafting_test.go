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
		"Customer warrants that each Controller has authorised", "Sub-processors listed in Annex III",
		"the same data protection obligations as are set out in the contract or other legal act between Customer and the Controller, as Article 28(4) of the GDPR requires",
		"Provider shall address the information or request to Customer. Customer shall pass it on to the Controller without undue delay and shall communicate the Controller’s decision, including any objection, to Provider within 10 calendar days",
		"so as to enable the Controller to fulfil its obligation to respond to requests",
		"so as to enable the Controller to ensure compliance with the obligations pursuant to Articles 32 to 36",
		"so that Customer can inform the Controller without undue delay")
	lacks(t, "Module Three body", body, "in fulfilling Customer’s obligation", "Where Customer acts as a processor")
	contains(t, "Annex I.B", section(md, "#### B.1", "**Subject"), "| Controller(s) on whose behalf the data exporter acts | The business customers of Kestrel Payroll Oy")

	md = draft(t, kestrel, func(d *model.Description) {
		d.Transfers[0].Controllers = "Acme Retail GmbH and its affiliates."
		d.DPA.Subprocessors.ControllerDays = nil
	})
	contains(t, "controller named first", md, "(each, a “**Controller**”): Acme Retail GmbH and its affiliates.\n", "to Provider within 20 calendar days")

	md = draft(t, heron, nil)
	body = section(md, "## 1.", "## Addendum")
	contains(t, "mixed body", body,
		"For the transfer described in section B.2 of Annex I (“Hosting of hospital records for Heron's hospital customers”), Customer acts as a processor on behalf of the following controller or controllers",
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
// the Clauses unless elected, and never towards data subjects.
func TestLiability(t *testing.T) {
	towards := "No limitation of liability applies to the liability of a Party towards data subjects"
	md := section(draft(t, heron, nil), "## 12.", "## 13.")
	contains(t, "default", md, "but not to their liability under the Standard Contractual Clauses, which is not limited between the Parties", towards)
	md = section(draft(t, heron, func(d *model.Description) { d.DPA.LiabilityCap = true }), "## 12.", "## 13.")
	contains(t, "elected", md, "including their liability towards each other under Clause 12(a) of the Standard Contractual Clauses", towards)
	lacks(t, "elected", md, "not to their liability under the Standard Contractual Clauses")
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
