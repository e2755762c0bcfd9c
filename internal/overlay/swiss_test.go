package overlay

import (
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/model"
)

// TestSwissMarkdown checks the supplement's points for Modules One to
// Three, the law and courts by default and as elected, and that nothing
// else is said.
func TestSwissMarkdown(t *testing.T) {
	tests := []struct {
		name     string
		edit     func(f *fixture)
		want     []string
		wantNot  []string
		nPoints  int
		lastLine string
	}{
		{"defaults", func(f *fixture) {}, []string{
			"## Swiss Supplement to Addendum I\n",
			"for which Alpine Systems AG is data exporter, insofar as they are subject to the Swiss Federal Act on Data Protection (the “**FADP**”)",
			"(a) Insofar as a transfer is governed by the FADP, the competent supervisory authority under Clause 13 is the Federal Data Protection and Information Commissioner, named in Annex I.C. Insofar as it is governed by Regulation (EU) 2016/679, the supervisory authority named for the data exporter in Annex I.C under Clause 13 remains competent.",
			"(b) Insofar as a transfer is governed by the FADP, references in the Clauses to Regulation (EU) 2016/679 are to be read as references to the FADP.",
			"(c) The term “Member State” in the Clauses must not be interpreted in such a way as to exclude data subjects in Switzerland from the possibility of suing for their rights in their place of habitual residence (Switzerland) in accordance with Clause 18(c).",
		}, []string{"legal entities", "Feldeggweg", "CH", "(e)"}, 4,
			"(d) For those transfers too, the Clauses are governed by the law of Ireland (Clause 17), and disputes arising from them are resolved by the courts of Ireland (Clause 18(b))."},
		{"Swiss law and courts elected", func(f *fixture) { f.d.SwissSupplement = &model.SwissSupplement{GoverningLaw: "CH", Courts: "CH"} }, nil, nil, 4,
			"(d) Insofar as a transfer is governed by the FADP, the Clauses are governed by the law of Switzerland (Clause 17), and disputes arising from them are resolved by the courts of Switzerland (Clause 18(b))."},
		{"Swiss courts only", func(f *fixture) { f.d.SwissSupplement = &model.SwissSupplement{Courts: "CH"} }, nil, nil, 4,
			"(d) Insofar as a transfer is governed by the FADP, the Clauses are governed by the law of Ireland (Clause 17), and disputes arising from them are resolved by the courts of Switzerland (Clause 18(b))."},
		{"Clause 17 Option 2", func(f *fixture) { f.p.LawOption = 2 }, nil, nil, 4,
			"(d) For those transfers too, the Clauses are governed by the law determined under Clause 17, and disputes arising from them are resolved by the courts of Ireland (Clause 18(b))."},
		{"Clause 17 Option 2, Swiss law elected", func(f *fixture) {
			f.p.LawOption = 2
			f.d.SwissSupplement = &model.SwissSupplement{GoverningLaw: "CH"}
		}, nil, nil, 4,
			"(d) Insofar as a transfer is governed by the FADP, the Clauses are governed by the law of Switzerland (Clause 17), and disputes arising from them are resolved by the courts of Ireland (Clause 18(b))."},
		{"no EU authority for the exporter", func(f *fixture) { f.p.Exporters[1].Authority = model.AuthorityInfo{} }, nil,
			[]string{"remains competent"}, 4, ""},
		{"Module Four: no Clause 13, no Clause 18(c)", toModuleFour, []string{"(a) Insofar as a transfer is governed by the FADP, references in the Clauses to Regulation (EU) 2016/679"},
			[]string{"Clause 13", "18(c)", "Annex I.C"}, 2,
			"(b) For those transfers too, the Clauses are governed by the law of Ireland (Clause 17), and disputes arising from them are resolved by the courts of Ireland (Clause 18)."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			tt.edit(f)
			pl := Derive(f.d, f.p, f.eu)
			if len(pl.Swiss) != 1 {
				t.Fatalf("%d Swiss supplements", len(pl.Swiss))
			}
			md := pl.Swiss[0].SwissMarkdown(f.context())
			for _, w := range tt.want {
				if !strings.Contains(md, w) {
					t.Errorf("supplement lacks %q:\n%s", w, md)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(md, w) {
					t.Errorf("supplement contains %q", w)
				}
			}
			points := 0
			for _, l := range strings.Split(md, "\n") {
				if len(l) > 3 && l[0] == '(' && l[2] == ')' {
					points++
				}
			}
			if points != tt.nPoints {
				t.Errorf("%d points, want %d", points, tt.nPoints)
			}
			lines := strings.Split(md, "\n")
			if tt.lastLine != "" && lines[len(lines)-1] != tt.lastLine {
				t.Errorf("last line:\n got %q\nwant %q", lines[len(lines)-1], tt.lastLine)
			}
		})
	}
}

// TestSwissAuthorities: the FDPIC in Annex I.C for each Swiss exporter,
// once, with its names and website and without the unverified address.
func TestSwissAuthorities(t *testing.T) {
	f := newFixture(t)
	f.d.Parties[2].SwissFADP = ptr(true)
	pl := Derive(f.d, f.p, append(f.eu, EU{Name: "Addendum II", Module: model.ModuleThree}))
	got := SwissAuthorities(pl, f.context())
	if len(got) != 2 || got[0].Exporter != "Alpine Systems AG" || got[1].Exporter != "Bavaria Works GmbH" {
		t.Fatalf("entries %+v", got)
	}
	a := got[0]
	if a.Name != "Eidgenössischer Datenschutz- und Öffentlichkeitsbeauftragter, EDÖB (Federal Data Protection and Information Commissioner, FDPIC)" {
		t.Errorf("name %q", a.Name)
	}
	if a.Address != "" || a.Website != "https://www.edoeb.admin.ch/" {
		t.Errorf("address %q, website %q", a.Address, a.Website)
	}
	if a.Basis != "Swiss Supplement to Addendum I, paragraph (a): the competent supervisory authority insofar as the transfers are governed by the FADP" {
		t.Errorf("basis %q", a.Basis)
	}
	// Module Four has no Annex I.C.
	f = newFixture(t)
	toModuleFour(f)
	if got := SwissAuthorities(Derive(f.d, f.p, f.eu), f.context()); len(got) != 0 {
		t.Errorf("entries for Module Four: %+v", got)
	}
	// Without a Swiss exporter there is no entry.
	f = newFixture(t)
	f.d.Parties[1].SwissFADP = ptr(false)
	if got := SwissAuthorities(Derive(f.d, f.p, f.eu), f.context()); len(got) != 0 {
		t.Errorf("entries without a Swiss exporter: %+v", got)
	}
}
