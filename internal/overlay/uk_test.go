package overlay

import (
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/dpa-tool/dpa/internal/model"
)

// TestModuleRow checks Table 2's module table for every module in operation
// with every election it reflects: Clause 7, the Clause 11 option, the
// Clause 9 option and time period, and Module Four's question whether data
// received from the importer is combined with data the exporter collected.
func TestModuleRow(t *testing.T) {
	n := 0
	for m := model.ModuleOne; m <= model.ModuleFour; m++ {
		for _, docking := range []bool{false, true} {
			for _, redress := range []bool{false, true} {
				for _, auth := range []model.Authorisation{model.General, model.Specific} {
					for _, combined := range []*bool{nil, ptr(false), ptr(true)} {
						for _, period := range []int{1, 30} {
							p := &model.Plan{Docking: docking, Redress: model.RedressBody{Elected: redress}, Authorisation: auth, NoticeDays: model.Days{N: period, Working: period == 1}}
							u := &model.UKAddendum{Module4Combined: combined}
							got := ModuleRow(m, true, p, u)
							want := Row{fmt.Sprint(int(m)), "Yes", map[bool]string{true: "Yes", false: "No"}[docking],
								map[bool]string{true: "Selected", false: "Not selected"}[redress]}
							if m == model.ModuleTwo || m == model.ModuleThree {
								want = append(want, map[model.Authorisation]string{model.General: "General Authorisation", model.Specific: "Prior Authorisation"}[auth],
									map[int]string{1: "1 working day", 30: "30 calendar days"}[period])
							} else {
								want = append(want, "Not applicable", "Not applicable")
							}
							switch {
							case m == model.ModuleFour && combined != nil && *combined:
								want = append(want, "Yes")
							case m == model.ModuleFour && combined != nil:
								want = append(want, "No")
							default:
								want = append(want, "Not applicable")
							}
							if strings.Join(got, "|") != strings.Join(want, "|") {
								t.Errorf("ModuleRow(%v, docking %v, redress %v, %s, combined %v, %d days) = %q, want %q", m, docking, redress, auth, combined, period, got, want)
							}
							n++
						}
					}
				}
			}
		}
		if got := ModuleRow(m, false, &model.Plan{Docking: true}, nil); strings.Join(got, "|") != fmt.Sprintf("%d|No|–|–|–|–|–", m) {
			t.Errorf("ModuleRow(%v, not in operation) = %q", m, got)
		}
	}
	t.Logf("%d module rows checked", n)
}

// TestTablesFromDescription checks every cell of Tables 1 to 3 (and the
// Table 4 choice) against the description it was filled from.
func TestTablesFromDescription(t *testing.T) {
	f := newFixture(t)
	c := f.context()
	pl := Derive(f.d, f.p, f.eu)
	tb, err := pl.UK[0].Tables(c)
	if err != nil {
		t.Fatal(err)
	}
	tx, _ := FixedTexts()
	t1 := tx.Table1
	exp, imp := f.d.Parties[0], f.d.Parties[3]
	check := func(what string, got, want Row) {
		t.Helper()
		if strings.Join(got, " | ") != strings.Join(want, " | ") {
			t.Errorf("%s:\n got %q\nwant %q", what, got, want)
		}
	}
	check("start date", tb.Start[0], Row{t1.StartDate, "1 May 2026"})
	check("the Parties", tb.Start[1], Row{t1.Parties, t1.Exporter + ": " + exp.Name + "; " + t1.Importer + ": " + imp.Name})
	wantDetails := []Row{
		{t1.Details, t1.Exporter, t1.Importer},
		{t1.FullLegalName, exp.Name, imp.Name},
		{t1.TradingName, exp.TradingName, "–"},
		{t1.MainAddress, exp.Address + ", United Kingdom", imp.Address + ", United States"},
		{t1.Registration, exp.Registration, "–"},
	}
	wantContacts := []Row{
		{t1.KeyContact, t1.Exporter, t1.Importer},
		{t1.FullName, exp.Contact.Name, imp.Contact.Name},
		{t1.JobTitle, exp.Contact.Position, imp.Contact.Position},
		{t1.ContactDetails, exp.Contact.Email + ", " + esc(exp.Contact.Phone), imp.Contact.Email},
		{t1.Signature, "See the signature page of the Agreement", "See the signature page of the Agreement"},
	}
	for _, g := range []struct {
		name      string
		got, want []Row
	}{{"details", tb.Details, wantDetails}, {"contacts", tb.Contacts, wantContacts}} {
		if len(g.got) != len(g.want) {
			t.Fatalf("Table 1 %s has %d rows, want %d", g.name, len(g.got), len(g.want))
		}
		for i := range g.want {
			check(fmt.Sprintf("Table 1 %s row %d", g.name, i), g.got[i], g.want[i])
		}
	}
	t2 := tx.Table2
	wantSelected := []Row{
		{t2.AddendumEUSCCs, t2.Appended},
		{"", t2.Date + " 1 May 2026"},
		{"", t2.Reference + " DPA-2026-042"},
		{"", t2.OtherIdentifier + " Addendum I of the Agreement (Module Two)"},
	}
	for i := range wantSelected {
		check(fmt.Sprintf("Table 2 row %d", i), tb.Selected[i], wantSelected[i])
	}
	check("module table header", tb.Modules[0], Row{t2.Module, t2.InOperation, t2.Clause7, t2.Clause11, t2.Clause9Option, t2.Clause9Period, t2.Combined})
	for m := 1; m <= 4; m++ {
		check(fmt.Sprintf("module %d", m), tb.Modules[m], ModuleRow(model.Module(m), m == 2, f.p, nil))
	}
	t3 := tx.Table3
	wantAppendix := []Row{
		{t3.Annex1A, "Annex I.A of the Agreement"},
		{t3.Annex1B, "Annex I.B of the Agreement, section B.1 (“Hosting for Aldgate Analytics Ltd”)"},
		{t3.Annex2, "Annex II of the Agreement"},
		{t3.Annex3, "Annex III of the Agreement"},
	}
	for i := range wantAppendix {
		check(fmt.Sprintf("Table 3 row %d", i), tb.Appendix[i], wantAppendix[i])
	}
	check("Table 4 default", tb.Ending, Row{tx.Table4.Row, tx.Table4.Which + " Importer and Exporter"})
	for e, want := range map[string]string{"importer": "Importer", "exporter": "Exporter", "neither": "neither Party", "both": "Importer and Exporter"} {
		if got := Ending(tx, &model.UKAddendum{Ending: e}); got != want {
			t.Errorf("Ending(%s) = %q, want %q", e, got, want)
		}
	}

	// Without a title, the section alone.
	f.d.Transfers[0].Title = ""
	tb, _ = pl.UK[0].Tables(c)
	check("untitled transfer", tb.Appendix[1], Row{t3.Annex1B, "Annex I.B of the Agreement, section B.1"})

	// No reference, no trading name on either side: the optional values say so.
	f.d.Agreement.Reference = ""
	exp.TradingName = ""
	tb, _ = pl.UK[0].Tables(c)
	check("no reference", tb.Selected[2], Row{"", t2.Reference + " –"})
	check("no trading name", tb.Details[2], Row{t1.TradingName, "–", "–"})
}

// TestTablesSeveralParties: two UK exporters of one module and two
// importers give one column each, exporters first.
func TestTablesSeveralParties(t *testing.T) {
	f := newFixture(t)
	f.d.Parties[2].UKGDPR = ptr(true) // the German exporter declares UK operations
	pl := Derive(f.d, f.p, f.eu)
	tb, err := pl.UK[0].Tables(f.context())
	if err != nil {
		t.Fatal(err)
	}
	tx, _ := FixedTexts()
	if got := strings.Join(tb.Details[0], " | "); got != strings.Join([]string{tx.Table1.Details, tx.Table1.Exporter, tx.Table1.Exporter, tx.Table1.Importer}, " | ") {
		t.Errorf("header %q", got)
	}
	if got := tb.Details[1][2]; got != "Bavaria Works GmbH" {
		t.Errorf("second exporter column %q", got)
	}
	if got := tb.Appendix[1][1]; got != "Annex I.B of the Agreement, sections B.1 and B.3 (“Hosting for Aldgate Analytics Ltd” and “Hosting for Bavaria Works GmbH”)" {
		t.Errorf("Annex 1B %q", got)
	}
}

// TestUKMarkdown parses the UK Addendum: its title block, seven tables
// whose rows all have the header's width, the Alternative Part 2 row, and
// nothing of Part 2 itself.
func TestUKMarkdown(t *testing.T) {
	f := newFixture(t)
	f.d.Parties[0].Name = "*Aldgate* | Analytics Ltd"
	pl := Derive(f.d, f.p, f.eu)
	md, err := pl.UK[0].UKMarkdown(f.context())
	if err != nil {
		t.Fatal(err)
	}
	tx, _ := FixedTexts()
	for _, want := range []string{"## UK Addendum to Addendum I\n", tx.Header, "### " + tx.Title, tx.Version, tx.Statement, "#### " + tx.Table4.Title, "### " + tx.Part2, tx.AlternativePart2, `\*Aldgate\* \| Analytics Ltd`} {
		if !strings.Contains(md, want) {
			t.Errorf("UK Addendum lacks %q", want)
		}
	}
	for _, part2 := range []string{"Entering into this Addendum", "Sections 9 to 11", "Alternative Part 2", "<br>"} {
		if strings.Contains(md, part2) {
			t.Errorf("UK Addendum contains %q", part2)
		}
	}
	src := []byte(md)
	doc := goldmark.New(goldmark.WithExtensions(extension.Table)).Parser().Parse(text.NewReader(src))
	tables := 0
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if tb, ok := n.(*east.Table); ok && entering {
			tables++
			width := len(tb.Alignments)
			for r := tb.FirstChild(); r != nil; r = r.NextSibling() {
				if r.ChildCount() != width {
					t.Errorf("table %d: a row has %d cells, want %d", tables, r.ChildCount(), width)
				}
			}
		}
		return ast.WalkContinue, nil
	})
	if tables != 8 {
		t.Errorf("%d tables, want 8", tables)
	}
}
