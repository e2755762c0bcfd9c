package assemble

import (
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/overlay"
	"github.com/dpa-tool/dpa/internal/scc"
)

// TestOverlaysInAgreement checks, for every example, that the UK Addendum
// and the Swiss supplement are in the agreement exactly when an exporter of
// an addendum calls for them, each right after its EU addendum, that the
// FDPIC is in Annex I.C exactly with a Swiss supplement, that Part 2 of the
// UK Addendum is incorporated by reference and not printed, and that the
// signature page executes them (issue 15).
func TestOverlaysInAgreement(t *testing.T) {
	seen := map[string]bool{}
	for _, ex := range examples {
		doc, r := buildExample(t, ex)
		md := string(doc.Markdown)
		for _, a := range doc.Addenda {
			name := "Addendum " + a.Numeral
			var uk, swiss bool
			for _, e := range r.Plan.ExportersOf(a.Module) {
				uk = uk || overlay.UK(e.Party).Applies
				swiss = swiss || overlay.Swiss(e.Party).Applies
			}
			seen["uk"], seen["swiss"] = seen["uk"] || uk, seen["swiss"] || swiss
			headings := []string{a.Heading}
			if uk {
				headings = append(headings, "## UK Addendum to "+name)
			}
			if swiss {
				headings = append(headings, "## Swiss Supplement to "+name)
			}
			// The level-2 headings from the EU addendum on: its overlays
			// follow it directly.
			i := strings.Index(md, a.Heading+"\n")
			if i < 0 {
				t.Fatalf("%s: %s not found", ex, a.Heading)
			}
			var got []string
			for _, l := range strings.Split(md[i:], "\n") {
				if strings.HasPrefix(l, "## ") {
					if len(got) > 0 && !strings.HasPrefix(l, "## UK Addendum") && !strings.HasPrefix(l, "## Swiss Supplement") {
						break
					}
					got = append(got, l)
				}
			}
			if strings.Join(got, "\n") != strings.Join(headings, "\n") {
				t.Errorf("%s: after %s come %q, want %q", ex, name, got, headings)
			}
			for _, h := range headings[1:] {
				executes := "the " + strings.TrimPrefix(h, "## ")
				if !strings.Contains(md, executes+",") && !strings.Contains(md, executes+" and the Annexes") {
					t.Errorf("%s: the signature page does not execute %s", ex, executes)
				}
			}
		}
		hasSwiss := strings.Contains(md, "## Swiss Supplement to ")
		annexC := md[strings.Index(md, "### C. COMPETENT SUPERVISORY AUTHORITY")+1:]
		annexC = annexC[:strings.Index(annexC, "\n## ")]
		if fdpic := strings.Contains(annexC, "Federal Data Protection and Information Commissioner, FDPIC"); fdpic != hasSwiss {
			t.Errorf("%s: FDPIC in Annex I.C = %v, Swiss supplement = %v", ex, fdpic, hasSwiss)
		}
		if strings.Contains(md, "Feldeggweg") {
			t.Errorf("%s: the FDPIC's unverified address is printed", ex)
		}
		for _, part2 := range []string{"Entering into this Addendum", "Interpretation of this Addendum", "Sections 9 to 11"} {
			if strings.Contains(md, part2) {
				t.Errorf("%s: Part 2 of the UK Addendum is printed (%q)", ex, part2)
			}
		}
	}
	if !seen["uk"] || !seen["swiss"] {
		t.Errorf("no example has a UK (%v) or Swiss (%v) exporter", seen["uk"], seen["swiss"])
	}
}

// TestOverlaysOptOut: include: false leaves each overlay out of the
// agreement, with its paragraph in the body and its Annex I.C entry.
func TestOverlaysOptOut(t *testing.T) {
	r := validated(t, "../../examples/uk-swiss/aldgate-alpine.yaml")
	no := false
	r.Desc.UKAddendum.Include = &no
	r.Desc.SwissSupplement.Include = &no
	doc, err := Build(r.Desc, r.Plan, legal.MustLoad())
	if err != nil {
		t.Fatal(err)
	}
	md := string(doc.Markdown)
	for _, gone := range []string{"UK Addendum", "Swiss Supplement", "FDPIC", "International Data Transfer Addendum"} {
		if strings.Contains(md, gone) {
			t.Errorf("opted out, but the agreement contains %q", gone)
		}
	}
}

// TestUKTablesInExample checks the cells of Tables 1 to 3 of the example's
// UK Addendum against its description, as printed.
func TestUKTablesInExample(t *testing.T) {
	doc, r := buildExample(t, "uk-swiss/aldgate-alpine.yaml")
	md := string(doc.Markdown)
	uk := md[strings.Index(md, "## UK Addendum to Addendum I"):]
	uk = uk[:strings.Index(uk, "\n## ")]
	exp, imp := r.Desc.Party("aldgate"), r.Desc.Party("cobalt")
	for _, row := range []string{
		"| Start date | 1 June 2026 |",
		"| The Parties | Exporter (who sends the Restricted Transfer): " + exp.Name + "; Importer (who receives the Restricted Transfer): " + esc(imp.Name) + " |",
		"| Parties’ details | Exporter (who sends the Restricted Transfer) | Importer (who receives the Restricted Transfer) |",
		"| Full legal name: | " + exp.Name + " | " + esc(imp.Name) + " |",
		"| Trading name (if different): | " + exp.TradingName + " | – |",
		"| Main address (if a company registered address): | " + exp.Address + " | " + imp.Address + " |",
		"| Official registration number (if any) (company number or similar identifier): | " + exp.Registration + " | " + imp.Registration + " |",
		"| Key Contact | Exporter (who sends the Restricted Transfer) | Importer (who receives the Restricted Transfer) |",
		"| Full Name (optional): | " + exp.Contact.Name + " | " + imp.Contact.Name + " |",
		"| Job Title: | " + exp.Contact.Position + " | " + imp.Contact.Position + " |",
		// A "+" within a cell needs no escape (the Markdown renderer
		// escapes what would start a block, at the start of a cell).
		"| Contact details including email: | " + exp.Contact.Email + ", " + exp.Contact.Phone + " | " + imp.Contact.Email + " |",
		"| Signature (if required for the purposes of Section 2) | See the signature page of the Agreement | See the signature page of the Agreement |",
		"| | Date: 1 June 2026 |",
		"| | Reference (if any): " + r.Desc.Agreement.Reference + " |",
		"| | Other identifier (if any): Addendum I of the Agreement (Module Two) |",
		"| 2 | Yes | No | Not selected | General Authorisation | 30 calendar days | Not applicable |",
		"| Annex 1B: Description of Transfer: | Annex I.B of the Agreement, section B.1 (“" + r.Desc.Transfer("aldgate-platform").Title + "”) |",
		"| Ending this Addendum when the Approved Addendum changes | Which Parties may end this Addendum as set out in Section 19: Importer and Exporter |",
	} {
		if !strings.Contains(uk, "\n"+row+"\n") {
			t.Errorf("UK Addendum lacks the row\n%s", row)
		}
	}
	for _, want := range []string{
		"(Article 46(2)(c) of the GDPR). Insofar as the transfer is a restricted transfer under the UK GDPR, the UK Addendum to Addendum I applies in addition. |",
		"(Article 46(2)(c) of the GDPR). Insofar as the transfer is subject to the Swiss Federal Act on Data Protection, the Standard Contractual Clauses apply as adapted by the Swiss Supplement to Addendum I. |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Annex I.B lacks the mechanism %q", want)
		}
	}
	if strings.Contains(uk, "Alpine") {
		t.Error("the Swiss exporter is a party to the UK Addendum")
	}
}

// TestOverlayOnlyExporters: exporters that are not subject to the GDPR
// have no authority under it in Annex I.C; the UK one is covered by its UK
// Addendum, the Swiss one by the FDPIC, without the GDPR sentence of the
// Swiss supplement.
func TestOverlayOnlyExporters(t *testing.T) {
	r := validated(t, "../../examples/uk-swiss/aldgate-alpine.yaml")
	for _, p := range r.Desc.Parties[:2] {
		p.GDPRArt32, p.Representative = false, nil
	}
	plan, fs := scc.Analyze(r.Desc, legal.MustLoad())
	for _, f := range fs {
		if f.Severity == diag.Error {
			t.Fatalf("%s: %s", f.Code, f.Msg)
		}
	}
	doc, err := Build(r.Desc, plan, legal.MustLoad())
	if err != nil {
		t.Fatal(err)
	}
	md := string(doc.Markdown)
	annexC := md[strings.Index(md, "### C. COMPETENT SUPERVISORY AUTHORITY"):]
	annexC = annexC[:strings.Index(annexC, "\n## ")]
	for _, want := range []string{
		"**Aldgate Insights Limited**: none under Regulation (EU) 2016/679, to which the data exporter is not subject (its transfers are restricted transfers under the UK GDPR, covered by the UK Addendum to Addendum I).",
		"**Alpine Ledger AG**: Eidgenössischer Datenschutz- und Öffentlichkeitsbeauftragter, EDÖB (Federal Data Protection and Information Commissioner, FDPIC)",
	} {
		if !strings.Contains(annexC, want) {
			t.Errorf("Annex I.C lacks %q:\n%s", want, annexC)
		}
	}
	if strings.Count(annexC, "**Alpine Ledger AG**") != 1 || strings.Contains(annexC, "Data Protection Commission") {
		t.Errorf("Annex I.C names an authority under the GDPR:\n%s", annexC)
	}
	for _, want := range []string{
		"| Transfer mechanism | The Standard Contractual Clauses, Module Two (Addendum I), which apply to this transfer through the UK Addendum to Addendum I, as the data exporter is not subject to the GDPR. |",
		"| Transfer mechanism | The Standard Contractual Clauses, Module Two (Addendum I), which apply to this transfer through the Swiss Supplement to Addendum I, as the data exporter is not subject to the GDPR. |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Annex I.B lacks %q", want)
		}
	}
	if strings.Contains(md, "Article 46(2)(c) of the GDPR). ") {
		t.Error("Annex I.B gives a GDPR basis for a transfer of an exporter not subject to the GDPR")
	}
	if strings.Contains(md, "Insofar as it is governed by Regulation (EU) 2016/679") {
		t.Error("the Swiss supplement speaks of a GDPR authority for an exporter not subject to the GDPR")
	}
}
