package scc

import (
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/model"
)

// TestMechanismOf: the Chapter V basis of a transfer inside the EEA,
// forced inside the EEA, to a country without adequacy, to one with
// adequacy and to a certified importer in the United States.
func TestMechanismOf(t *testing.T) {
	lg := legal.MustLoad()
	for _, c := range []struct {
		name, where string
		force, dpf  bool
		want        MechanismKind
		decisions   int
	}{
		{"inside the EEA", "FR", false, false, WithinEEA, 0},
		{"forced inside the EEA", "FR", true, false, Contractual, 0},
		{"no adequacy", "IN", false, false, Clauses, 0},
		{"adequacy", "JP", false, false, AdequacyAndClauses, 1},
		{"US without certification", "US", false, false, Clauses, 0},
		{"US certified", "US", false, true, AdequacyAndClauses, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := desc(party("e", "NL"), party("i", c.where, func(p *model.Party) { p.DPFCertified = c.dpf }), model.Controller, model.Processor)
			if c.where == "FR" {
				d.DPA.GoverningLaw, d.DPA.Courts = "FR", "FR"
			}
			d.SCC.Force = c.force
			plan, _ := Analyze(d, lg)
			m := MechanismOf(plan.Transfers[0])
			if m.Kind != c.want || len(m.Decisions) != c.decisions || m.DPF != (c.dpf && c.where == "US") || m.Module != model.ModuleTwo {
				t.Errorf("mechanism %+v, want kind %v with %d decisions", m, c.want, c.decisions)
			}
		})
	}
}

// TestForumOf: the law and courts of the Clauses and of the body by the
// names of the reference data.
func TestForumOf(t *testing.T) {
	lg := legal.MustLoad()
	d := desc(party("e", "NL"), party("i", "US"), model.Controller, model.Processor)
	d.DPA.GoverningLaw, d.DPA.Courts = "DE", "FR"
	plan, _ := Analyze(d, lg)
	f := ForumOf(plan, lg)
	want := Forum{ClauseLaw: lg.LawOf("IE"), ClauseCourts: lg.LawOf("IE"), BodyLaw: lg.LawOf("DE"), BodyCourts: lg.LawOf("FR")}
	if f != want || f.ClauseLaw != "Ireland" {
		t.Errorf("forum %+v, want %+v", f, want)
	}
}

// TestRedressParts: the Clause 11(a) body with the details given, none
// where not elected or not named.
func TestRedressParts(t *testing.T) {
	if got := RedressParts(model.RedressBody{Elected: true, Name: "N", Website: "w.example"}); strings.Join(got, "|") != "N|w.example" {
		t.Errorf("parts %q", got)
	}
	if RedressParts(model.RedressBody{Elected: true}) != nil || RedressParts(model.RedressBody{Name: "N"}) != nil {
		t.Error("parts without an elected, named body")
	}
}

// TestTIANote: the note on an importer without adequacy asks for a
// transfer impact assessment only where a transfer to it records none
// (explain showed "requires … before signing" even then); the transfer's
// own note names the assessment it records.
func TestTIANote(t *testing.T) {
	lg := legal.MustLoad()
	for _, where := range []string{"IN", "US"} {
		d := desc(party("e", "NL"), party("i", where), model.Controller, model.Processor)
		plan, fs := Analyze(d, lg)
		notes := strings.Join(plan.Transfers[0].Notes, "\n")
		if !strings.Contains(notes, "requires a documented transfer impact assessment before signing") || has(fs, "law.tia") == nil {
			t.Errorf("%s without TIA: notes %q", where, notes)
		}
		d.Transfers[0].TIA = &model.TIA{Reference: "TIA-7", Date: "2026-01-02"}
		plan, fs = Analyze(d, lg)
		notes = strings.Join(plan.Transfers[0].Notes, "\n")
		if strings.Contains(notes, "before signing") || !strings.Contains(notes, "which Annex I.B records") || !strings.Contains(notes, "transfer impact assessment TIA-7 of 2026-01-02 recorded in Annex I.B") || has(fs, "law.tia") != nil {
			t.Errorf("%s with TIA: notes %q", where, notes)
		}
		for _, f := range fs {
			if f.Code == "law.adequacy" && strings.Contains(f.Msg, "before signing") {
				t.Errorf("%s with TIA: note %q", where, f.Msg)
			}
		}
	}
}
