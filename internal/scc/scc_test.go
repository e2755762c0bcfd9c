package scc

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/model"
)

func TestModuleFor(t *testing.T) {
	tests := []struct {
		name               string
		exporter, importer model.Role
		want               model.Module
	}{
		{"controller to controller", model.Controller, model.Controller, model.ModuleOne},
		{"controller to processor", model.Controller, model.Processor, model.ModuleTwo},
		{"processor to processor", model.Processor, model.Processor, model.ModuleThree},
		{"processor to controller", model.Processor, model.Controller, model.ModuleFour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ModuleFor(tt.exporter, tt.importer); got != tt.want {
				t.Errorf("ModuleFor(%v, %v) = %v, want %v", tt.exporter, tt.importer, got, tt.want)
			}
		})
	}
}

// party builds a party; opts may set fields.
func party(id, country string, opts ...func(*model.Party)) *model.Party {
	p := &model.Party{ID: id, Name: id, Country: country}
	for _, o := range opts {
		o(p)
	}
	return p
}

func region(r string) func(*model.Party) { return func(p *model.Party) { p.Region = r } }
func art32(p *model.Party)               { p.GDPRArt32 = true }
func rep(country string) func(*model.Party) {
	return func(p *model.Party) { p.Representative = &model.Representative{Name: "R", Country: country} }
}
func est(country, region string) func(*model.Party) {
	return func(p *model.Party) { p.Establishment = &model.Place{Country: country, Region: region} }
}

// desc builds a description with one transfer from exp to imp.
func desc(exp, imp *model.Party, ex, im model.Role) *model.Description {
	d := &model.Description{
		Parties:            []*model.Party{exp, imp},
		Transfers:          []*model.Transfer{{ID: "t", Exporters: model.List{exp.ID}, Importers: model.List{imp.ID}, Roles: model.Roles{Exporter: ex, Importer: im}, Controllers: "C"}},
		SCC:                &model.SCC{GoverningLaw: &model.GoverningLaw{State: "IE"}, Courts: "IE"},
		DPA:                model.DPA{Subprocessors: model.SubprocessorTerms{Authorisation: model.General, NoticeDays: model.Days{N: 30}}},
		AssistanceMeasures: model.List{"a"},
		Subprocessors:      []*model.Subprocessor{{ID: "s"}},
	}
	for i, p := range d.Parties {
		p.Ptr = fmt.Sprintf("/parties/%d", i)
	}
	return d
}

func codes(fs []Finding, sev diag.Severity) []string {
	var out []string
	for _, f := range fs {
		if f.Severity == sev {
			out = append(out, f.Code)
		}
	}
	return out
}

func has(fs []Finding, code string) *Finding {
	for i := range fs {
		if fs[i].Code == code {
			return &fs[i]
		}
	}
	return nil
}

// TestEveryRolePair runs each role pair for an importer inside and outside the EEA.
func TestEveryRolePair(t *testing.T) {
	lg := legal.MustLoad()
	for _, ex := range []model.Role{model.Controller, model.Processor} {
		for _, im := range []model.Role{model.Controller, model.Processor} {
			for _, where := range []string{"US", "FR"} {
				name := fmt.Sprintf("%s to %s in %s", ex, im, where)
				t.Run(name, func(t *testing.T) {
					d := desc(party("e", "NL"), party("i", where), ex, im)
					if where == "FR" {
						d.DPA.GoverningLaw, d.DPA.Courts = "FR", "FR"
					}
					if ex == model.Controller && im == model.Controller {
						d.DPA.Subprocessors, d.Subprocessors = model.SubprocessorTerms{}, nil
					}
					plan, fs := Analyze(d, lg)
					m := ModuleFor(ex, im)
					tp := plan.Transfers[0]
					if tp.Module != m || !strings.HasSuffix(tp.ModuleReason, "→ "+m.String()) {
						t.Errorf("module = %v (%q), want %v", tp.Module, tp.ModuleReason, m)
					}
					if errs := codes(fs, diag.Error); len(errs) > 0 {
						t.Errorf("errors %v", errs)
					}
					wantSCC := where == "US"
					if tp.SCC != wantSCC || slices.Contains(plan.Modules, m) != wantSCC {
						t.Errorf("SCC = %v, modules %v, want %v", tp.SCC, plan.Modules, wantSCC)
					}
					if (has(fs, "law.eea-importer") != nil) != (where == "FR") {
						t.Errorf("EEA importer warning: %v", codes(fs, diag.Warning))
					}
				})
			}
		}
	}
}

func TestModuleMismatch(t *testing.T) {
	d := desc(party("e", "NL"), party("i", "US"), model.Controller, model.Processor)
	d.Transfers[0].Module = 3
	_, fs := Analyze(d, legal.MustLoad())
	f := has(fs, "law.module")
	if f == nil || f.Ptr != "/transfers/0/roles" {
		t.Fatalf("want law.module at the roles, got %+v", fs)
	}
}

func TestForceAndModuleFourNote(t *testing.T) {
	lg := legal.MustLoad()
	d := desc(party("e", "US", art32, rep("IE")), party("i", "DE", region("DE-BY")), model.Controller, model.Processor)
	d.SCC.Force = true
	plan, fs := Analyze(d, lg)
	if !plan.Transfers[0].SCC || !plan.Forced || len(plan.Modules) != 1 {
		t.Fatalf("force: plan = %+v", plan.Transfers[0])
	}
	w := has(fs, "law.eea-importer")
	if w == nil || !strings.Contains(w.Msg, "by contract") || !strings.Contains(w.Msg, "Module Four") {
		t.Errorf("warning = %+v, want incorporation by contract and the Module Four remark", w)
	}
}

func TestMixedImporters(t *testing.T) {
	d := desc(party("e", "NL"), party("i", "US"), model.Controller, model.Processor)
	d.Parties = append(d.Parties, party("j", "FR"))
	d.Parties[2].Ptr = "/parties/2"
	d.Transfers[0].Importers = model.List{"i", "j"}
	_, fs := Analyze(d, legal.MustLoad())
	if has(fs, "law.mixed-importers") == nil {
		t.Errorf("want law.mixed-importers, got %v", codes(fs, diag.Error))
	}
}

// TestClause13 covers every way of deriving the competent authority.
func TestClause13(t *testing.T) {
	lg := legal.MustLoad()
	tests := []struct {
		name     string
		exporter *model.Party
		override string
		wantKey  string
		variant  model.Clause13
		wantErr  string
		wantWarn string
	}{
		{"EU state", party("e", "NL"), "", "NL", model.EstablishedInEU, "", ""},
		{"EEA state", party("e", "NO"), "", "NO", model.EstablishedInEU, "", ""},
		{"German Land", party("e", "DE", region("DE-BY")), "", "DE-BY", model.EstablishedInEU, "", ""},
		{"German Land via establishment", party("e", "US", est("DE", "DE-HH"), art32), "", "DE-HH", model.EstablishedInEU, "", ""},
		{"Germany without Land", party("e", "DE"), "", "", model.EstablishedInEU, "law.clause13-region", ""},
		{"Spain with region", party("e", "ES", region("ES-CT")), "", "ES", model.EstablishedInEU, "", ""},
		{"territory", party("e", "AX"), "", "FI", model.EstablishedInEU, "", ""},
		{"representative", party("e", "US", art32, rep("IE")), "", "IE", model.WithRepresentative, "", ""},
		{"representative outside EEA", party("e", "US", art32, rep("GB")), "", "", model.WithRepresentative, "law.clause13-representative", ""},
		{"no representative, no override", party("e", "US", art32), "", "", model.NoRepresentative, "law.clause13-authority", ""},
		{"no representative, override", party("e", "US", art32), "FR", "FR", model.NoRepresentative, "", ""},
		{"outside without Art. 3(2)", party("e", "US", rep("IE")), "", "IE", model.WithRepresentative, "", "law.exporter-outside"},
		{"override wins", party("e", "NL"), "IE", "IE", model.EstablishedInEU, "", ""},
		{"override Germany uses the exporter's Land", party("e", "DE", region("DE-BE")), "DE", "DE-BE", model.EstablishedInEU, "", ""},
		{"override Germany without Land", party("e", "NL"), "DE", "", model.EstablishedInEU, "law.authority", ""},
		{"override not a State", party("e", "NL"), "US", "NL", model.EstablishedInEU, "law.authority", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := desc(tt.exporter, party("i", "IN"), model.Controller, model.Processor)
			d.SCC.SupervisoryAuthority = tt.override
			plan, fs := Analyze(d, lg)
			if len(plan.Exporters) != 1 {
				t.Fatalf("exporters = %d", len(plan.Exporters))
			}
			e := plan.Exporters[0]
			if e.Variant != tt.variant {
				t.Errorf("variant = %v, want %v", e.Variant, tt.variant)
			}
			if tt.wantErr != "" {
				if has(fs, tt.wantErr) == nil {
					t.Errorf("want error %s, got %v", tt.wantErr, codes(fs, diag.Error))
				}
				return
			}
			if errs := codes(fs, diag.Error); len(errs) > 0 {
				t.Fatalf("unexpected errors %v", fs)
			}
			if e.Authority.Key != tt.wantKey || e.Rule == "" {
				t.Errorf("authority = %q (%s), want %q", e.Authority.Key, e.Rule, tt.wantKey)
			}
			if tt.wantWarn != "" && has(fs, tt.wantWarn) == nil {
				t.Errorf("want warning %s, got %v", tt.wantWarn, codes(fs, diag.Warning))
			}
		})
	}
}

// TestClause17 runs each option of Clause 17 with each supported module.
func TestClause17(t *testing.T) {
	lg := legal.MustLoad()
	tests := []struct {
		name    string
		law     model.GoverningLaw
		courts  string
		exp     *model.Party
		wantOpt int
		wantErr string
		note    bool
	}{
		{"option 1 member state", model.GoverningLaw{State: "IE"}, "IE", party("e", "NL"), 1, "", false},
		{"option 1 EEA state", model.GoverningLaw{State: "NO"}, "IE", party("e", "NL"), 1, "", true},
		{"option 1 third country", model.GoverningLaw{State: "US"}, "IE", party("e", "NL"), 1, "law.member-state", false},
		{"option 1 territory", model.GoverningLaw{State: "RE"}, "IE", party("e", "NL"), 1, "law.member-state", false},
		{"option 2", model.GoverningLaw{ExporterCountry: true, Fallback: "IE"}, "IE", party("e", "NL"), 2, "", false},
		{"option 2 exporter outside", model.GoverningLaw{ExporterCountry: true, Fallback: "IE"}, "IE", party("e", "US", art32, rep("IE")), 2, "law.clause17-option2", false},
		{"option 2 bad fallback", model.GoverningLaw{ExporterCountry: true, Fallback: "CH"}, "IE", party("e", "NL"), 2, "law.member-state", false},
		{"courts third country", model.GoverningLaw{State: "IE"}, "GB", party("e", "NL"), 1, "law.member-state", false},
	}
	for _, m := range []model.Module{model.ModuleTwo, model.ModuleThree} {
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%v/%s", m, tt.name), func(t *testing.T) {
				ex := model.Controller
				if m == model.ModuleThree {
					ex = model.Processor
				}
				d := desc(tt.exp, party("i", "IN"), ex, model.Processor)
				law := tt.law
				d.SCC.GoverningLaw, d.SCC.Courts = &law, tt.courts
				plan, fs := Analyze(d, lg)
				if plan.LawOption != tt.wantOpt {
					t.Errorf("LawOption = %d, want %d", plan.LawOption, tt.wantOpt)
				}
				if tt.wantErr != "" {
					if has(fs, tt.wantErr) == nil {
						t.Errorf("want %s, got %v", tt.wantErr, codes(fs, diag.Error))
					}
					return
				}
				if errs := codes(fs, diag.Error); len(errs) > 0 {
					t.Errorf("unexpected errors %v", fs)
				}
				if (has(fs, "law.eea-state") != nil) != tt.note {
					t.Errorf("EEA state note: %v", codes(fs, diag.Note))
				}
				if plan.BodyLaw != law.State && plan.BodyLaw != law.Fallback {
					t.Errorf("BodyLaw = %q, want the Clause 17 State", plan.BodyLaw)
				}
			})
		}
	}
}

func TestNotes(t *testing.T) {
	lg := legal.MustLoad()
	tests := []struct {
		name     string
		exp, imp *model.Party
		want     string
		contains string
	}{
		{"adequacy", party("e", "NL"), party("i", "JP"), "law.adequacy", "2019/419"},
		{"US with DPF", party("e", "NL"), party("i", "US", func(p *model.Party) { p.DPFCertified = true }), "law.adequacy", "2023/1795"},
		{"US without DPF", party("e", "NL"), party("i", "US"), "law.adequacy", "transfer impact assessment"},
		{"no adequacy", party("e", "NL"), party("i", "IN"), "law.adequacy", "transfer impact assessment"},
		{"UK exporter", party("e", "GB", art32, rep("IE")), party("i", "IN"), "law.uk-exporter", "UK"},
		{"Swiss exporter", party("e", "CH", art32, rep("IE")), party("i", "IN"), "law.swiss-exporter", "Swiss"},
		{"importer under Art. 3(2)", party("e", "NL"), party("i", "IN", art32), "law.importer-art3-2", "recital 7"},
		{"representative in the EEA", party("e", "NL", rep("IE")), party("i", "IN"), "law.representative", "EEA"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, fs := Analyze(desc(tt.exp, tt.imp, model.Controller, model.Processor), lg)
			f := has(fs, tt.want)
			if f == nil || !strings.Contains(f.Msg+f.Hint, tt.contains) {
				t.Errorf("want %s containing %q, got %+v", tt.want, tt.contains, fs)
			}
		})
	}
}

func TestAgreementRules(t *testing.T) {
	lg := legal.MustLoad()
	hours := 96
	d := desc(party("e", "NL"), party("i", "IN"), model.Controller, model.Processor)
	d.DPA.BreachNoticeHours = &hours
	d.AssistanceMeasures = nil
	d.Transfers[0].Sensitive = &model.Sensitive{Categories: model.List{"health"}}
	d.Subprocessors = nil
	_, fs := Analyze(d, lg)
	for _, code := range []string{"law.breach-hours", "law.assistance", "law.sensitive", "law.no-subprocessors"} {
		if has(fs, code) == nil {
			t.Errorf("want %s, got %+v", code, fs)
		}
	}
	// Without SCCs the body needs its own law and courts.
	d = desc(party("e", "NL"), party("i", "FR"), model.Controller, model.Processor)
	d.SCC = nil
	plan, fs := Analyze(d, lg)
	if plan.AnySCC() || has(fs, "law.body-law") == nil || has(fs, "law.body-courts") == nil {
		t.Errorf("EEA-only without dpa.governing_law: %+v", fs)
	}
	// SCCs needed but no scc section.
	d = desc(party("e", "NL"), party("i", "US"), model.Controller, model.Processor)
	d.SCC = nil
	if _, fs := Analyze(d, lg); has(fs, "law.scc-required") == nil {
		t.Errorf("want law.scc-required, got %+v", fs)
	}
	// Several importers: each sub-processor names its importer.
	d = desc(party("e", "NL"), party("i", "US"), model.Controller, model.Processor)
	d.Parties = append(d.Parties, party("j", "IN"))
	d.Parties[2].Ptr = "/parties/2"
	d.Transfers = append(d.Transfers, &model.Transfer{ID: "t2", Exporters: model.List{"e"}, Importers: model.List{"j"}, Roles: d.Transfers[0].Roles})
	d.Subprocessors = []*model.Subprocessor{{ID: "a"}, {ID: "b", Importer: "e"}, {ID: "c", Importer: "j"}}
	_, fs = Analyze(d, lg)
	var subs []string
	for _, f := range fs {
		if f.Code == "law.subprocessor-importer" {
			subs = append(subs, f.Ptr)
		}
	}
	if strings.Join(subs, " ") != "/subprocessors/0 /subprocessors/1/importer" {
		t.Errorf("sub-processor importer errors at %v", subs)
	}
}
