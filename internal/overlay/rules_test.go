package overlay

import (
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/model"
)

// TestApplicability: UK restricted transfers for an exporter established in
// the United Kingdom (seat or establishment) or declared; Swiss likewise.
func TestApplicability(t *testing.T) {
	tests := []struct {
		name        string
		p           model.Party
		uk, swiss   bool
		ukDeclared  bool
		reasonParts string
	}{
		{"seat in GB", model.Party{ID: "a", Country: "GB"}, true, false, false, "established in GB"},
		{"establishment in GB", model.Party{ID: "a", Country: "US", Establishment: &model.Place{Country: "GB"}}, true, false, false, "established in GB"},
		{"declared UK operations", model.Party{ID: "a", Country: "IE", UKGDPR: ptr(true)}, true, false, true, "declares uk_gdpr: true"},
		{"GB seat, declared not", model.Party{ID: "a", Country: "GB", UKGDPR: ptr(false)}, false, false, true, "declares uk_gdpr: false"},
		{"seat in CH", model.Party{ID: "a", Country: "CH"}, false, true, false, ""},
		{"declared FADP", model.Party{ID: "a", Country: "DE", SwissFADP: ptr(true)}, false, true, false, ""},
		{"CH seat, declared not", model.Party{ID: "a", Country: "CH", SwissFADP: ptr(false)}, false, false, false, ""},
		{"EU only", model.Party{ID: "a", Country: "FR"}, false, false, false, ""},
		{"US only", model.Party{ID: "a", Country: "US"}, false, false, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, s := UK(&tt.p), Swiss(&tt.p)
			if u.Applies != tt.uk || s.Applies != tt.swiss || u.Declared != tt.ukDeclared {
				t.Errorf("UK = %+v, Swiss = %+v; want UK %v (declared %v), Swiss %v", u, s, tt.uk, tt.ukDeclared, tt.swiss)
			}
			if !strings.Contains(u.Reason, tt.reasonParts) {
				t.Errorf("UK reason %q lacks %q", u.Reason, tt.reasonParts)
			}
		})
	}
}

// TestDerive: one UK Addendum and one Swiss supplement for the EU
// addendum, each with its own exporter only; include: false leaves each out
// and lists the exporter as omitted.
func TestDerive(t *testing.T) {
	f := newFixture(t)
	pl := Derive(f.d, f.p, f.eu)
	if len(pl.UK) != 1 || len(pl.Swiss) != 1 {
		t.Fatalf("UK %d, Swiss %d overlays, want 1 and 1", len(pl.UK), len(pl.Swiss))
	}
	if u := pl.UK[0]; len(u.Exporters) != 1 || u.Exporters[0].ID != "aldgate" || len(u.Importers) != 1 || u.Importers[0].ID != "cobalt" || len(u.Transfers) != 1 || u.Transfers[0].Transfer.ID != "aldgate-hosting" {
		t.Errorf("UK overlay = %+v", u)
	}
	if s := pl.Swiss[0]; len(s.Exporters) != 1 || s.Exporters[0].ID != "alpine" || s.Transfers[0].Transfer.ID != "alpine-hosting" {
		t.Errorf("Swiss overlay = %+v", s)
	}
	if pl.UK[0].UKHeading() != "UK Addendum to Addendum I" || pl.Swiss[0].SwissHeading() != "Swiss Supplement to Addendum I" {
		t.Errorf("headings %q, %q", pl.UK[0].UKHeading(), pl.Swiss[0].SwissHeading())
	}

	f.d.UKAddendum = &model.UKAddendum{Include: ptr(false)}
	f.d.SwissSupplement = &model.SwissSupplement{Include: ptr(false)}
	pl = Derive(f.d, f.p, f.eu)
	if len(pl.UK)+len(pl.Swiss) != 0 || len(pl.UKOmitted) != 1 || len(pl.SwissOmitted) != 1 {
		t.Errorf("opted out: UK %d, Swiss %d, omitted %d and %d", len(pl.UK), len(pl.Swiss), len(pl.UKOmitted), len(pl.SwissOmitted))
	}

	// A transfer without SCCs (importer in the EEA) gets no overlay.
	f = newFixture(t)
	f.p.Transfers[0].SCC = false
	if pl := Derive(f.d, f.p, f.eu); len(pl.UK) != 0 {
		t.Errorf("UK Addendum for a transfer without SCCs")
	}
}

// TestCheck pins each rule of Check to its finding.
func TestCheck(t *testing.T) {
	lg := legal.MustLoad()
	tests := []struct {
		name     string
		edit     func(f *fixture)
		want     []string // "severity code ptr"
		contains string
	}{
		{"defaults: overlays included, nothing to say", func(f *fixture) {}, nil, ""},
		{"UK opted out: the note says what to add", func(f *fixture) { f.d.UKAddendum = &model.UKAddendum{Include: ptr(false)} },
			[]string{"note law.uk-exporter /parties/0/country"}, "the EU clauses alone do not cover UK transfers"},
		{"Swiss opted out", func(f *fixture) { f.d.SwissSupplement = &model.SwissSupplement{Include: ptr(false)} },
			[]string{"note law.swiss-exporter /parties/1/country"}, "the EU clauses alone do not cover Swiss transfers"},
		{"bad Table 4 choice", func(f *fixture) { f.d.UKAddendum = &model.UKAddendum{Ending: "both-parties"} },
			[]string{"error law.uk-ending /uk_addendum/ending"}, "not a Table 4 choice"},
		{"Swiss law outside CH and the EU", func(f *fixture) { f.d.SwissSupplement = &model.SwissSupplement{GoverningLaw: "US", Courts: "NO"} },
			[]string{"error law.swiss-law /swiss_supplement/governing_law", "error law.swiss-law /swiss_supplement/courts"}, "must be Switzerland or an EU Member State"},
		{"Swiss law CH and an EU State", func(f *fixture) { f.d.SwissSupplement = &model.SwissSupplement{GoverningLaw: "CH", Courts: "DE"} }, nil, ""},
		{"uk_addendum without a UK exporter", func(f *fixture) {
			f.d.UKAddendum = &model.UKAddendum{Ending: "neither"}
			f.d.Parties[0].UKGDPR = ptr(false)
		}, []string{"warning law.uk-unused /uk_addendum"}, "no effect"},
		{"declaration on an importer", func(f *fixture) { f.d.Parties[3].SwissFADP = ptr(true) },
			[]string{"warning law.overlay-party /parties/3/swiss_fadp"}, "not the exporter"},
		{"Module Four without the combined answer", func(f *fixture) { toModuleFour(f) },
			[]string{"error law.uk-module4 "}, "Module Four"},
		{"Module Four with the combined answer", func(f *fixture) {
			toModuleFour(f)
			f.d.UKAddendum = &model.UKAddendum{Module4Combined: ptr(true)}
		}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			tt.edit(f)
			got := Check(f.d, f.p, lg, f.eu)
			var keys []string
			for _, g := range got {
				keys = append(keys, g.Severity.String()+" "+g.Code+" "+g.Ptr)
			}
			if strings.Join(keys, "\n") != strings.Join(tt.want, "\n") {
				t.Fatalf("Check = %q, want %q", keys, tt.want)
			}
			if tt.contains != "" && !strings.Contains(got[0].Msg, tt.contains) {
				t.Errorf("message %q lacks %q", got[0].Msg, tt.contains)
			}
			for _, g := range got {
				if g.Severity != diag.Note && g.Hint == "" {
					t.Errorf("%s has no hint", g.Code)
				}
			}
		})
	}
}

// toModuleFour turns the fixture's transfers into Module Four.
func toModuleFour(f *fixture) {
	for _, tp := range f.p.Transfers {
		tp.Module = model.ModuleFour
	}
	for _, e := range f.p.Exporters {
		e.Modules = []model.Module{model.ModuleFour}
	}
	f.p.Modules = []model.Module{model.ModuleFour}
	f.eu = []EU{{Name: "Addendum I", Module: model.ModuleFour}}
}
