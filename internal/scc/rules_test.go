package scc

import (
	"os"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/model"
)

// TestClause13Basis checks that Annex I.C gets the basis in legal words.
func TestClause13Basis(t *testing.T) {
	lg := legal.MustLoad()
	tests := []struct {
		name     string
		exporter *model.Party
		override string
		want     string
	}{
		{"established", party("e", "DE", region("DE-BY")), "", basisEstablished},
		{"established, override of the same State", party("e", "NL"), "NL", basisEstablished},
		{"established, lead authority elsewhere", party("e", "NL"), "IE", basisAgreed},
		{"representative", party("e", "US", art32, rep("IE")), "", basisRepresentative},
		{"no representative", party("e", "US", art32), "FR", basisDataSubjects},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := desc(tt.exporter, party("i", "IN"), model.Controller, model.Processor)
			d.SCC.SupervisoryAuthority = tt.override
			plan, _ := Analyze(d, lg)
			if got := plan.Exporters[0].Basis; got != tt.want {
				t.Errorf("Basis = %q, want %q", got, tt.want)
			}
			for _, bad := range []string{"→", "DE-BY", " e ", "scc."} {
				if strings.Contains(plan.Exporters[0].Basis, bad) {
					t.Errorf("Basis %q contains %q", plan.Exporters[0].Basis, bad)
				}
			}
		})
	}
	if !strings.Contains(basisRepresentative, "Article 27(1)") || !strings.Contains(basisDataSubjects, "as agreed by the Parties") {
		t.Error("bases lost their legal words")
	}
}

// TestForceWording checks that scc.force is described as contractual
// safeguards only, and that the flow back to a controller outside the EEA
// is named as a Module Four transfer to describe.
func TestForceWording(t *testing.T) {
	d := desc(party("e", "US", art32, rep("IE")), party("i", "DE", region("DE-BY")), model.Controller, model.Processor)
	d.SCC.Force = true
	plan, fs := Analyze(d, legal.MustLoad())
	w := has(fs, "law.eea-importer")
	if w == nil {
		t.Fatal("no law.eea-importer warning")
	}
	for _, want := range []string{"not a transfer to a third country under Chapter V", "contractual safeguards only", "a transfer under Module Four: describe it as its own transfer"} {
		if !strings.Contains(w.Msg, want) {
			t.Errorf("warning %q lacks %q", w.Msg, want)
		}
	}
	if strings.Contains(w.Msg, "does not require them") || !strings.Contains(plan.Transfers[0].SCCReason, "contractual safeguards only") {
		t.Errorf("old wording: %q / %q", w.Msg, plan.Transfers[0].SCCReason)
	}
}

// TestTIA covers the Clause 14(b) warning and the adequacy of each destination.
func TestTIA(t *testing.T) {
	lg := legal.MustLoad()
	dpf := func(p *model.Party) { p.DPFCertified = true }
	tests := []struct {
		name     string
		imp      *model.Party
		tia      bool
		warn     bool
		adequacy string
	}{
		{"no adequacy, no tia", party("i", "IN"), false, true, ""},
		{"no adequacy, tia", party("i", "IN"), true, false, ""},
		{"US without DPF", party("i", "US"), false, true, ""},
		{"US with DPF", party("i", "US", dpf), false, false, "2023/1795"},
		{"adequacy", party("i", "CA"), false, false, "2002/2/EC"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := desc(party("e", "NL"), tt.imp, model.Controller, model.Processor)
			if tt.tia {
				d.Transfers[0].TIA = &model.TIA{Reference: "TIA-1", Date: "2026-01-01"}
			}
			plan, fs := Analyze(d, lg)
			w := has(fs, "law.tia")
			if (w != nil) != tt.warn {
				t.Fatalf("law.tia = %+v, want %v", w, tt.warn)
			}
			if w != nil && (w.Ptr != "/transfers/0" || !strings.Contains(w.Msg, "Clause 14(b) requires a documented assessment")) {
				t.Errorf("warning %+v", w)
			}
			dest := plan.Transfers[0].Destinations
			if len(dest) != 1 {
				t.Fatalf("destinations = %+v", dest)
			}
			got := ""
			if dest[0].Adequacy != nil {
				got = dest[0].Adequacy.Decision
			}
			if (tt.adequacy == "") != (got == "") || !strings.Contains(got, tt.adequacy) {
				t.Errorf("adequacy = %q, want %q", got, tt.adequacy)
			}
		})
	}
}

// TestSubprocessorSafeguards covers missing and contradictory safeguards of
// sub-processors outside the EEA.
func TestSubprocessorSafeguards(t *testing.T) {
	lg := legal.MustLoad()
	tests := []struct {
		name      string
		locations []string
		safeguard string
		dpf       bool
		want      diag.Severity // 0: nothing
	}{
		{"EEA only", []string{"DE", "IE"}, "", false, 0},
		{"EEA wording in the EEA", []string{"DE"}, "Within the EEA", false, 0},
		{"adequacy, nothing stated", []string{"CA"}, "", false, 0},
		{"US with DPF", []string{"US"}, "", true, 0},
		{"US without anything", []string{"US"}, "", false, diag.Warning},
		{"India without anything", []string{"DE", "IN"}, "", false, diag.Warning},
		{"US with SCCs", []string{"US"}, "Standard Contractual Clauses (Module Three)", false, 0},
		{"EEA wording for the US", []string{"US"}, "Within the EEA", false, diag.Error},
		{"adequacy claimed for India", []string{"IN"}, "Adequacy decision", false, diag.Error},
		{"DPF claimed without certification", []string{"US"}, "EU-U.S. Data Privacy Framework", false, diag.Error},
		{"DPF claimed outside the US", []string{"IN"}, "Data Privacy Framework", true, diag.Error},
		{"adequacy claimed for Canada", []string{"CA"}, "Adequacy decision (Canada) and Standard Contractual Clauses", false, 0},
		{"no locations: the country counts", nil, "", false, diag.Warning},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := desc(party("e", "NL"), party("i", "IN"), model.Controller, model.Processor)
			d.Subprocessors = []*model.Subprocessor{{ID: "s", Country: "US", Locations: tt.locations, Safeguard: tt.safeguard, DPFCertified: tt.dpf}}
			_, fs := Analyze(d, lg)
			f := has(fs, "law.subprocessor-safeguard")
			switch {
			case tt.want == 0 && f != nil:
				t.Errorf("unexpected %+v", f)
			case tt.want != 0 && (f == nil || f.Severity != tt.want):
				t.Errorf("got %+v, want severity %v", f, tt.want)
			case f != nil && f.Severity == diag.Error && f.Ptr != "/subprocessors/0/safeguard":
				t.Errorf("error at %s, want the safeguard", f.Ptr)
			}
		})
	}
}

// TestLawyerChecks covers the checks a careful lawyer makes.
func TestLawyerChecks(t *testing.T) {
	lg := legal.MustLoad()
	t.Run("Art. 3(2) exporter without representative", func(t *testing.T) {
		d := desc(party("e", "US", art32), party("i", "IN"), model.Controller, model.Processor)
		d.SCC.SupervisoryAuthority = "FR"
		_, fs := Analyze(d, lg)
		f := has(fs, "law.art27-representative")
		if f == nil || !strings.Contains(f.Hint, "Art. 27(2)") || f.Ptr != "/parties/0/gdpr_art3_2" {
			t.Errorf("got %+v", f)
		}
		d = desc(party("e", "US", art32, rep("IE")), party("i", "IN"), model.Controller, model.Processor)
		if _, fs := Analyze(d, lg); has(fs, "law.art27-representative") != nil {
			t.Error("warned although a representative is named")
		}
	})
	t.Run("breach notice of 72 hours", func(t *testing.T) {
		for h, want := range map[int]bool{48: false, 71: false, 72: true, 96: true} {
			d := desc(party("e", "NL"), party("i", "IN"), model.Controller, model.Processor)
			d.DPA.BreachNoticeHours = &h
			if _, fs := Analyze(d, lg); (has(fs, "law.breach-hours") != nil) != want {
				t.Errorf("%d hours: warning %v, want %v", h, !want, want)
			}
		}
	})
	t.Run("Annex II categories", func(t *testing.T) {
		d := desc(party("e", "NL"), party("i", "IN"), model.Controller, model.Processor)
		for _, c := range OfficialCategories[:4] {
			d.SecurityMeasures = append(d.SecurityMeasures, &model.Measure{Category: c, Measures: model.List{"m"}})
		}
		d.SecurityMeasures = append(d.SecurityMeasures, &model.Measure{Category: "Our own category", Measures: model.List{"m"}})
		if _, fs := Analyze(d, lg); has(fs, "law.annex2-categories") == nil {
			t.Error("four official categories: no warning")
		}
		d.SecurityMeasures[4].Category = strings.ToLower(OfficialCategories[7])
		if _, fs := Analyze(d, lg); has(fs, "law.annex2-categories") != nil {
			t.Error("five official categories: warning")
		}
	})
	t.Run("sensitive data without a scoped measure", func(t *testing.T) {
		d := desc(party("e", "NL"), party("i", "IN"), model.Controller, model.Processor)
		d.Transfers[0].Sensitive = &model.Sensitive{Categories: model.List{"health"}, Safeguards: model.List{"s"}}
		d.SecurityMeasures = []*model.Measure{{Category: "c", Measures: model.List{"m"}}}
		_, fs := Analyze(d, lg)
		if f := has(fs, "law.sensitive-measures"); f == nil || f.Ptr != "/transfers/0/sensitive_data" {
			t.Errorf("got %+v", f)
		}
		d.SecurityMeasures = append(d.SecurityMeasures, &model.Measure{Category: "c", Measures: model.List{"m"}, Transfers: model.List{"t"}})
		if _, fs := Analyze(d, lg); has(fs, "law.sensitive-measures") != nil {
			t.Error("warned although a measure is scoped to the transfer")
		}
	})
	t.Run("redress body without a name", func(t *testing.T) {
		d := desc(party("e", "NL"), party("i", "IN"), model.Controller, model.Processor)
		d.SCC.RedressBody = model.RedressBody{Elected: true}
		if _, fs := Analyze(d, lg); has(fs, "law.redress-body") == nil {
			t.Error("true without a name: no warning")
		}
		d.SCC.RedressBody.Name = "Mediation Board"
		if _, fs := Analyze(d, lg); has(fs, "law.redress-body") != nil {
			t.Error("named body: warning")
		}
	})
	t.Run("liability cap without a principal agreement", func(t *testing.T) {
		d := desc(party("e", "NL"), party("i", "IN"), model.Controller, model.Processor)
		on := true
		d.DPA.LiabilityCap = &on
		if _, fs := Analyze(d, lg); has(fs, "law.liability-cap") == nil {
			t.Error("no warning")
		}
		d.Agreement.PrincipalAgreement = "Services Agreement"
		if _, fs := Analyze(d, lg); has(fs, "law.liability-cap") != nil {
			t.Error("warning with a principal agreement")
		}
	})
	t.Run("controller decision period longer than the notice", func(t *testing.T) {
		d := desc(party("e", "NL"), party("i", "IN"), model.Processor, model.Processor)
		d.DPA.Subprocessors.ControllerDays = &model.Days{N: 31}
		if _, fs := Analyze(d, lg); has(fs, "law.controller-days") == nil {
			t.Error("31 days against a 30-day notice: no error")
		}
		d.DPA.Subprocessors.ControllerDays = &model.Days{N: 14}
		if _, fs := Analyze(d, lg); has(fs, "law.controller-days") != nil {
			t.Error("14 days against a 30-day notice: error")
		}
	})
}

// TestOfficialCategories keeps the list equal to Annex II of the reference.
func TestOfficialCategories(t *testing.T) {
	b, err := os.ReadFile("../../testdata/scc/module-2.md")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSuffix(strings.TrimPrefix(line, "["), "]")
		if strings.HasPrefix(line, "Measures ") || strings.HasPrefix(line, "Processes for regularly") {
			got = append(got, line)
		}
	}
	if strings.Join(got, "\n") != strings.Join(OfficialCategories, "\n") {
		t.Errorf("OfficialCategories differ from the reference Annex II:\n%s", strings.Join(got, "\n"))
	}
}
