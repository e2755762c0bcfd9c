package scc

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/clauses"
	"github.com/dpa-tool/dpa/internal/clause"
	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/model"
)

var allModules = []model.Module{model.ModuleOne, model.ModuleTwo, model.ModuleThree, model.ModuleFour}

// TestModuleForEveryRolePair is the rule table of SPEC §3: the module of
// every pair of roles, and none where a role is missing.
func TestModuleForEveryRolePair(t *testing.T) {
	roles := []model.Role{model.Controller, model.Processor, ""}
	want := map[[2]model.Role]model.Module{
		{model.Controller, model.Controller}: model.ModuleOne,
		{model.Controller, model.Processor}:  model.ModuleTwo,
		{model.Processor, model.Processor}:   model.ModuleThree,
		{model.Processor, model.Controller}:  model.ModuleFour,
	}
	for _, e := range roles {
		for _, i := range roles {
			if got := ModuleFor(e, i); got != want[[2]model.Role{e, i}] {
				t.Errorf("ModuleFor(%q, %q) = %v, want %v", e, i, got, want[[2]model.Role{e, i}])
			}
		}
	}
}

// TestModuleRules is the rule table of each module's Clause 9, 13, 17 and
// 18 options and Appendix, checked against the clause data and the
// reference texts so that the table cannot drift from them.
func TestModuleRules(t *testing.T) {
	table := []struct {
		m                 model.Module
		clause9, clause13 bool
		law               []int
		anyCountry        bool
		courts            string
		annexII, annexIII bool
		conditional1415   bool
	}{
		{model.ModuleOne, false, true, []int{1}, false, "Clause 18(b)", true, false, false},
		{model.ModuleTwo, true, true, []int{1, 2}, false, "Clause 18(b)", true, true, false},
		{model.ModuleThree, true, true, []int{1, 2}, false, "Clause 18(b)", true, true, false},
		{model.ModuleFour, false, false, nil, true, "Clause 18", false, false, true},
	}
	for _, tt := range table {
		t.Run(tt.m.String(), func(t *testing.T) {
			r := Rules(tt.m)
			if r.Clause9 != tt.clause9 || r.Clause13 != tt.clause13 || !slices.Equal(r.LawOptions, tt.law) || r.AnyCountry != tt.anyCountry ||
				r.Courts != tt.courts || r.AnnexII != tt.annexII || r.AnnexIII != tt.annexIII || (r.Clauses14And15 != "") != tt.conditional1415 {
				t.Errorf("Rules(%v) = %+v", tt.m, r)
			}
			// The clause data has the groups the rules say.
			b, err := clauses.FS.ReadFile(clauses.SCCPath(int(tt.m)))
			if err != nil {
				t.Fatal(err)
			}
			txt, err := clause.Parse(clauses.SCCPath(int(tt.m)), string(b))
			if err != nil {
				t.Fatal(err)
			}
			opts := txt.Options()
			var law []int
			for _, o := range opts["clause17"] {
				law = append(law, int(o[len(o)-1]-'0'))
			}
			if (opts["clause9"] != nil) != r.Clause9 || (opts["clause13"] != nil) != r.Clause13 || !slices.Equal(law, r.LawOptions) {
				t.Errorf("clause data options %v disagree with %+v", opts, r)
			}
			// The reference text has the blanks, annexes and marker the rules say.
			ref, err := os.ReadFile(fmt.Sprintf("../../testdata/scc/module-%d.md", tt.m))
			if err != nil {
				t.Fatal(err)
			}
			s := string(ref)
			checks := []struct {
				what string
				got  bool
				want bool
			}{
				{"Clause 17 names a country", strings.Contains(s, "this shall be the law of _______ (specify country)"), r.AnyCountry},
				{"Clause 18 names a country", strings.Contains(s, "the courts of _____ (specify country)"), r.AnyCountry},
				{"Clause 18(b)", strings.Contains(s, "(b) The Parties agree that those shall be the courts of"), r.Courts == "Clause 18(b)"},
				{"Annex I.C", strings.Contains(s, "### C. COMPETENT SUPERVISORY AUTHORITY"), r.Clause13},
				{"Annex II", strings.Contains(s, "## ANNEX II\n"), r.AnnexII},
				{"Annex III", strings.Contains(s, "## ANNEX III\n"), r.AnnexIII},
				{"Clause 14 marker", r.Clauses14And15 != "" && strings.Contains(s, "("+r.Clauses14And15+")"), r.Clauses14And15 != ""},
			}
			for _, c := range checks {
				if c.got != c.want {
					t.Errorf("%s: reference %v, rules %v", c.what, c.got, c.want)
				}
			}
		})
	}
}

// analyzerWith returns an analyzer whose plan includes modules mods, one
// transfer each, for the rules that look only at the included modules.
func analyzerWith(d *model.Description, mods ...model.Module) *analyzer {
	a := &analyzer{d: d, lg: legal.MustLoad(), plan: &model.Plan{Modules: mods}, noted: map[string]bool{}}
	for _, m := range mods {
		a.plan.Transfers = append(a.plan.Transfers, &model.TransferPlan{Transfer: &model.Transfer{ID: fmt.Sprintf("t%d", m)}, Module: m, SCC: true})
	}
	return a
}

// TestModuleLaw runs Clauses 17 and 18 with each set of included modules:
// options a module lacks are errors at the field; Module Four alone takes
// any country, with a note on third-party beneficiary rights.
func TestModuleLaw(t *testing.T) {
	one, two, three, four := model.ModuleOne, model.ModuleTwo, model.ModuleThree, model.ModuleFour
	tests := []struct {
		name    string
		mods    []model.Module
		scc     model.SCC
		wantErr string // code and pointer
		note    string
	}{
		{"one: member state", []model.Module{one}, model.SCC{GoverningLaw: &model.GoverningLaw{State: "IE"}, Courts: "IE"}, "", ""},
		{"one: option 2", []model.Module{one}, model.SCC{GoverningLaw: &model.GoverningLaw{ExporterCountry: true, Fallback: "IE"}, Courts: "IE"}, "law.clause17-option /scc/governing_law", ""},
		{"one: third country", []model.Module{one}, model.SCC{GoverningLaw: &model.GoverningLaw{State: "US"}, Courts: "IE"}, "law.member-state /scc/governing_law", ""},
		{"one: courts of a third country", []model.Module{one}, model.SCC{GoverningLaw: &model.GoverningLaw{State: "IE"}, Courts: "US"}, "law.member-state /scc/courts", ""},
		{"two and three: option 2", []model.Module{two, three}, model.SCC{GoverningLaw: &model.GoverningLaw{ExporterCountry: true, Fallback: "IE"}, Courts: "IE"}, "", ""},
		{"four: member state", []model.Module{four}, model.SCC{GoverningLaw: &model.GoverningLaw{State: "IE"}, Courts: "IE"}, "", ""},
		{"four: third country", []model.Module{four}, model.SCC{GoverningLaw: &model.GoverningLaw{State: "CH"}, Courts: "US"}, "", "law.module4-law /scc/governing_law"},
		{"four: EEA state", []model.Module{four}, model.SCC{GoverningLaw: &model.GoverningLaw{State: "NO"}, Courts: "NO"}, "", "law.module4-law /scc/governing_law"},
		{"four: option 2", []model.Module{four}, model.SCC{GoverningLaw: &model.GoverningLaw{ExporterCountry: true, Fallback: "IE"}, Courts: "IE"}, "law.clause17-option /scc/governing_law", ""},
		{"four: supervisory authority", []model.Module{four}, model.SCC{GoverningLaw: &model.GoverningLaw{State: "IE"}, Courts: "IE", SupervisoryAuthority: "IE"}, "law.clause13-absent /scc/supervisory_authority", ""},
		{"one and four: supervisory authority", []model.Module{one, four}, model.SCC{GoverningLaw: &model.GoverningLaw{State: "IE"}, Courts: "IE", SupervisoryAuthority: "IE"}, "", ""},
		{"two and four: third country", []model.Module{two, four}, model.SCC{GoverningLaw: &model.GoverningLaw{State: "US"}, Courts: "IE"}, "law.member-state /scc/governing_law", ""},
		{"two and four: courts of a third country", []model.Module{two, four}, model.SCC{GoverningLaw: &model.GoverningLaw{State: "IE"}, Courts: "CH"}, "law.member-state /scc/courts", ""},
		{"two and four: option 2", []model.Module{two, four}, model.SCC{GoverningLaw: &model.GoverningLaw{ExporterCountry: true, Fallback: "IE"}, Courts: "IE"}, "law.clause17-option /scc/governing_law", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.scc
			a := analyzerWith(&model.Description{SCC: &s}, tt.mods...)
			a.law(&s)
			a.clause13Elections(&s)
			var errs, notes []string
			for _, f := range a.findings {
				switch f.Severity {
				case diag.Error:
					errs = append(errs, f.Code+" "+f.Ptr)
				case diag.Note:
					notes = append(notes, f.Code+" "+f.Ptr)
				}
			}
			if tt.wantErr == "" && len(errs) > 0 || tt.wantErr != "" && !slices.Contains(errs, tt.wantErr) {
				t.Errorf("errors %v, want %q (%+v)", errs, tt.wantErr, a.findings)
			}
			if tt.note == "" && slices.ContainsFunc(notes, func(n string) bool { return strings.HasPrefix(n, "law.module4-law") }) ||
				tt.note != "" && !slices.Contains(notes, tt.note) {
				t.Errorf("notes %v, want %q", notes, tt.note)
			}
			if g := s.GoverningLaw; !g.ExporterCountry && (a.plan.LawOption != 1 || a.plan.LawState != g.State || a.plan.Courts != s.Courts) {
				t.Errorf("plan law %d %q courts %q", a.plan.LawOption, a.plan.LawState, a.plan.Courts)
			}
		})
	}
	// The messages name the module and its transfer, and the hint says what to use.
	s := model.SCC{GoverningLaw: &model.GoverningLaw{ExporterCountry: true, Fallback: "IE"}, Courts: "IE"}
	a := analyzerWith(&model.Description{SCC: &s}, two, four)
	a.law(&s)
	if f := has(a.findings, "law.clause17-option"); f == nil || !strings.Contains(f.Msg, "Module Four (transfer t4)") || strings.Contains(f.Msg, "Module Two") || !strings.Contains(f.Hint, "governing_law: IE") {
		t.Errorf("option 2 message: %+v", f)
	}
}

// TestModuleFourReturnFlow covers the note for a controller outside the EEA
// that uses a processor in the EEA: without the flow back described it
// shows the YAML to add; with it, no note, and scc.force is noted as not
// needed.
func TestModuleFourReturnFlow(t *testing.T) {
	lg := legal.MustLoad()
	ctrl := func() *model.Party { return party("acme", "US", art32, rep("IE")) }
	d := desc(ctrl(), party("proc", "DE", region("DE-BY")), model.Controller, model.Processor)
	_, fs := Analyze(d, lg)
	f := has(fs, "law.module4-return")
	if f == nil || f.Severity != diag.Note || f.Ptr != "/transfers/0" || !strings.Contains(f.Msg, "Module Four") ||
		!strings.Contains(f.Hint, "{id: t-return, exporter: proc, importer: acme, roles: {exporter: processor, importer: controller}") {
		t.Fatalf("no return-flow note: %+v", fs)
	}
	// An exporter in the EEA, or an importer outside it, gets no such note.
	for _, d := range []*model.Description{
		desc(party("e", "NL"), party("proc", "FR"), model.Controller, model.Processor),
		desc(ctrl(), party("i", "IN"), model.Controller, model.Processor),
		desc(ctrl(), party("proc", "FR"), model.Processor, model.Processor),
	} {
		if _, fs := Analyze(d, lg); has(fs, "law.module4-return") != nil {
			t.Errorf("unexpected return-flow note for %+v", d.Transfers[0])
		}
	}
	// With the flow back described, there is no note; under scc.force a
	// note says that force is not needed for it.
	d.Transfers = append(d.Transfers, &model.Transfer{ID: "back", Exporters: model.List{"proc"}, Importers: model.List{"acme"}, Roles: model.Roles{Exporter: model.Processor, Importer: model.Controller}})
	_, fs = Analyze(d, lg)
	if has(fs, "law.module4-return") != nil || has(fs, "law.module4-force") != nil {
		t.Errorf("return flow described, still noted: %+v", fs)
	}
	d.SCC.Force = true
	_, fs = Analyze(d, lg)
	if f := has(fs, "law.module4-force"); f == nil || f.Ptr != "/scc/force" || !strings.Contains(f.Msg, "transfer back (Module Four)") {
		t.Errorf("force with the return flow: %+v", f)
	}
}

// TestControllersOnly covers an agreement whose transfers are all from a
// controller to a controller: the Article 28 terms and the sub-processor
// list are rejected at their fields, and no sub-processor note is given.
func TestControllersOnly(t *testing.T) {
	lg := legal.MustLoad()
	hours, days := 24, model.Days{N: 30}
	d := desc(party("e", "NL"), party("i", "IN"), model.Controller, model.Controller)
	d.DPA.BreachNoticeHours, d.DPA.DeletionDays, d.DPA.Audit = &hours, &days, &model.Audit{Frequency: "annual"}
	plan, fs := Analyze(d, lg)
	if !ControllersOnly(plan) {
		t.Fatal("ControllersOnly = false")
	}
	var ptrs []string
	for _, f := range fs {
		if f.Code == "law.controller-terms" {
			ptrs = append(ptrs, f.Ptr)
		}
	}
	if want := "/dpa/subprocessors /dpa/breach_notice_hours /dpa/deletion_days /dpa/audit /subprocessors"; strings.Join(ptrs, " ") != want {
		t.Errorf("controller-terms errors at %v, want %s", ptrs, want)
	}
	d.DPA = model.DPA{}
	d.Subprocessors = nil
	if _, fs := Analyze(d, lg); has(fs, "law.controller-terms") != nil || has(fs, "law.no-subprocessors") != nil {
		t.Errorf("clean controller-only description: %+v", fs)
	}
	// One processor transfer keeps the Article 28 terms.
	d = desc(party("e", "NL"), party("i", "IN"), model.Controller, model.Controller)
	d.Transfers = append(d.Transfers, &model.Transfer{ID: "t2", Exporters: model.List{"e"}, Importers: model.List{"i"}, Roles: model.Roles{Exporter: model.Controller, Importer: model.Processor}})
	if plan, fs := Analyze(d, lg); ControllersOnly(plan) || has(fs, "law.controller-terms") != nil {
		t.Errorf("mixed agreement treated as controllers only: %+v", fs)
	}
}
