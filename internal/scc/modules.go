package scc

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/model"
)

// ModuleRules is what the official text of one module contains and lets the
// Parties elect (Decision 2021/914, as in the module texts of the reference).
type ModuleRules struct {
	// Clause9 is true where Clause 9 has text: sub-processors under Option 1
	// (specific prior authorisation) or Option 2 (general written
	// authorisation). Modules One and Four keep only its heading.
	Clause9 bool
	// Clause13 is true where Clause 13 has text (its three variants) and the
	// Appendix has Annex I.C. Module Four keeps only the heading.
	Clause13 bool
	// LawOptions are the options of Clause 17. Module One has Option 1 only;
	// Module Four none: its Clause 17 is one text that names a country.
	LawOptions []int
	// AnyCountry is true where Clauses 17 and 18 name a country that need not
	// be an EU Member State (Module Four); otherwise both name a Member State.
	AnyCountry bool
	// Courts is the clause that names the courts: "Clause 18(b)", or
	// "Clause 18" in Module Four, whose Clause 18 has no paragraphs.
	Courts string
	// AnnexII and AnnexIII are true where the Appendix has them.
	AnnexII, AnnexIII bool
	// Clauses14And15 is the condition under which Clauses 14 and 15 apply,
	// from the official module marker; "" where they always apply.
	Clauses14And15 string
}

var moduleRules = map[model.Module]ModuleRules{
	model.ModuleOne: {
		Clause13: true, LawOptions: []int{1}, Courts: "Clause 18(b)", AnnexII: true,
	},
	model.ModuleTwo: {
		Clause9: true, Clause13: true, LawOptions: []int{1, 2}, Courts: "Clause 18(b)", AnnexII: true, AnnexIII: true,
	},
	model.ModuleThree: {
		Clause9: true, Clause13: true, LawOptions: []int{1, 2}, Courts: "Clause 18(b)", AnnexII: true, AnnexIII: true,
	},
	model.ModuleFour: {
		AnyCountry: true, Courts: "Clause 18",
		Clauses14And15: "where the EU processor combines the personal data received from the third country-controller with personal data collected by the processor in the EU",
	},
}

// Rules returns the rules of module m; the zero value for an unknown module.
func Rules(m model.Module) ModuleRules { return moduleRules[m] }

// ControllersOnly reports whether every transfer of p is from a controller
// to a controller (Module One). Such an agreement is a data transfer
// agreement between independent controllers: it has no Article 28 terms.
func ControllersOnly(p *model.Plan) bool {
	if len(p.Transfers) == 0 {
		return false
	}
	for _, t := range p.Transfers {
		if t.Module != model.ModuleOne {
			return false
		}
	}
	return true
}

// processors returns the parties of a transfer that act as processor and
// may engage sub-processors under the agreement: its importers when they
// are processors, and under Module Four its exporters, the processors of
// the controller that imports.
func processors(tp *model.TransferPlan) []string {
	switch {
	case tp.Transfer.Roles.Importer == model.Processor:
		return tp.Transfer.Importers
	case tp.Module == model.ModuleFour:
		return tp.Transfer.Exporters
	}
	return nil
}

// lacking returns the included modules for which keep is false, with the
// id of the first transfer that uses each, as "Module One (transfer x)".
func (a *analyzer) lacking(keep func(ModuleRules) bool) []string {
	var out []string
	for _, m := range a.plan.Modules {
		if keep(Rules(m)) {
			continue
		}
		for _, tp := range a.plan.TransfersOf(m) {
			out = append(out, fmt.Sprintf("%s (transfer %s)", m, tp.Transfer.ID))
			break
		}
	}
	return out
}

// anyModule reports whether f holds for one of the included modules.
func (a *analyzer) anyModule(f func(ModuleRules) bool) bool {
	return slices.ContainsFunc(a.plan.Modules, func(m model.Module) bool { return f(Rules(m)) })
}

// law resolves Clauses 17 and 18 for the modules the agreement includes.
// An option that one of them lacks is an error at its field; the law and
// courts of a Member State are required unless only Module Four is
// included, whose Clauses 17 and 18 name any country.
func (a *analyzer) law(s *model.SCC) {
	p := a.plan
	anyCountry := !a.anyModule(func(r ModuleRules) bool { return !r.AnyCountry })
	if g := s.GoverningLaw; g != nil {
		if g.ExporterCountry {
			p.LawOption, p.LawState = 2, g.Fallback
			if without := a.lacking(func(r ModuleRules) bool { return slices.Contains(r.LawOptions, 2) }); len(without) > 0 {
				hint := "use Option 1: governing_law: IE (a Member State whose law allows for third-party beneficiary rights)"
				if anyCountry {
					hint = "name one country: governing_law: IE (a country whose law allows for third-party beneficiary rights)"
				}
				a.add("/scc/governing_law", diag.Error, "law.clause17-option", hint,
					"Clause 17 Option 2 exists only in Modules Two and Three, but the agreement includes %s", strings.Join(without, " and "))
			}
			for _, e := range p.Exporters {
				if !a.lg.InEEA(e.Party.Location().Country) {
					a.add("/scc/governing_law", diag.Error, "law.clause17-option2", "use Option 1: governing_law: IE",
						"Clause 17 Option 2 needs every exporter established in the EU/EEA, but %s is not", e.Party.ID)
				}
			}
			a.memberState("/scc/governing_law/fallback", g.Fallback, "Clause 17 fallback")
		} else {
			p.LawOption, p.LawState = 1, g.State
			if anyCountry {
				a.anyCountryLaw("/scc/governing_law", g.State)
			} else {
				a.memberState("/scc/governing_law", g.State, "Clause 17")
			}
		}
	}
	p.Courts = s.Courts
	if s.Courts != "" && !anyCountry {
		a.memberState("/scc/courts", s.Courts, "Clause 18(b)")
	}
}

// anyCountryLaw notes, for Module Four's Clause 17, that the law of a
// country outside the EU must allow for third-party beneficiary rights.
func (a *analyzer) anyCountryLaw(ptr, code string) {
	if code == "" || a.lg.EUStates[code] {
		return
	}
	a.add(ptr, diag.Note, "law.module4-law", "",
		"Clause 17 of Module Four names the law of %s, which is not an EU Member State: it must be the law of a country allowing for third-party beneficiary rights, and the Parties must be satisfied that it does", a.lg.CountryName(code))
}

// clause13Elections rejects scc.supervisory_authority when no included
// module has Clause 13.
func (a *analyzer) clause13Elections(s *model.SCC) {
	if s.SupervisoryAuthority == "" || len(a.plan.Modules) == 0 {
		return
	}
	if a.anyModule(func(r ModuleRules) bool { return r.Clause13 }) {
		return
	}
	a.add("/scc/supervisory_authority", diag.Error, "law.clause13-absent", "remove supervisory_authority",
		"supervisory_authority has no effect: Module Four has no Clause 13 and no Annex I.C")
}

// ReturnFlow returns the transfer of d that carries the flow back for t:
// from one of t's importers, as processor, to one of t's exporters, as
// controller (Module Four); nil if d has none.
func ReturnFlow(d *model.Description, t *model.Transfer) *model.Transfer {
	for _, r := range d.Transfers {
		if ModuleFor(r.Roles.Exporter, r.Roles.Importer) != model.ModuleFour {
			continue
		}
		back := slices.ContainsFunc(r.Exporters, func(id string) bool { return slices.Contains(t.Importers, id) }) &&
			slices.ContainsFunc(r.Importers, func(id string) bool { return slices.Contains(t.Exporters, id) })
		if back {
			return r
		}
	}
	return nil
}

// moduleFourNotes checks the Module Four transfers: their exporter is the
// processor in the EU, and Clauses 14 and 15 apply to them only under the
// condition of the official module marker. It then looks at every transfer
// from a controller outside the EEA to a processor in the EEA. What the processor makes available to that
// controller is a transfer under Module Four: without such a transfer in
// the description, a note shows how to describe it; with it, scc.force is
// not needed for the flow back.
func (a *analyzer) moduleFourNotes() {
	for i, tp := range a.plan.Transfers {
		if tp.Module != model.ModuleFour || !tp.SCC {
			continue
		}
		tp.Notes = append(tp.Notes, "Clauses 14 and 15 apply to Module Four only "+Rules(model.ModuleFour).Clauses14And15)
		for _, p := range a.parties(tp.Transfer.Exporters) {
			if !a.lg.InEEA(p.Location().Country) && !p.GDPRArt32 {
				a.add(fmt.Sprintf("/transfers/%d/exporter", i), diag.Warning, "law.module4-exporter", "give the processor's establishment in the EU, or check the roles",
					"Module Four is for a processor subject to the GDPR that transfers to its controller, but exporter %s is established in %s, outside the EEA", p.ID, p.Location().Country)
			}
		}
	}
	for i, t := range a.d.Transfers {
		if ModuleFor(t.Roles.Exporter, t.Roles.Importer) != model.ModuleTwo {
			continue
		}
		exps, imps := a.parties(t.Exporters), a.parties(t.Importers)
		if len(exps) == 0 || len(imps) == 0 {
			continue
		}
		outside := slices.ContainsFunc(exps, func(p *model.Party) bool { return !a.lg.InEEA(p.Location().Country) })
		inside := !slices.ContainsFunc(imps, func(p *model.Party) bool { return !a.lg.InEEA(p.Location().Country) })
		if !outside || !inside {
			continue
		}
		ptr := fmt.Sprintf("/transfers/%d", i)
		if r := ReturnFlow(a.d, t); r != nil {
			if a.d.SCC != nil && a.d.SCC.Force {
				a.add("/scc/force", diag.Note, "law.module4-force", "remove force: true unless the Parties want the Clauses as contractual safeguards for the transfer into the EEA as well",
					"transfer %s (Module Four) covers the flow back from %s to %s: scc.force is not needed for it", r.ID, names(imps), names(exps))
			}
			continue
		}
		a.add(ptr, diag.Note, "law.module4-return",
			fmt.Sprintf("add it to transfers: {id: %s-return, exporter: %s, importer: %s, roles: {exporter: processor, importer: controller}, subject_matter: ..., ...}", t.ID, t.Importers[0], t.Exporters[0]),
			"%s processes for %s, a controller outside the EEA: whatever %s makes available to %s (results, reports, the data itself) is a transfer under Module Four; describe it as its own transfer to build its Clauses",
			names(imps), names(exps), names(imps), names(exps))
	}
}

// controllerTerms rejects the Article 28 terms and the sub-processor list
// in an agreement between controllers only: it has no Article 28 body,
// Module One has no Clause 9 and its Appendix no Annex III.
func (a *analyzer) controllerTerms() {
	if !ControllersOnly(a.plan) {
		return
	}
	const why = "every transfer is from a controller to a controller, so the agreement is a data transfer agreement without Article 28 terms"
	d := a.d.DPA
	for _, f := range []struct {
		ptr string
		set bool
	}{
		{"/dpa/subprocessors", d.Subprocessors != (model.SubprocessorTerms{})},
		{"/dpa/breach_notice_hours", d.BreachNoticeHours != nil},
		{"/dpa/deletion_days", d.DeletionDays != nil},
		{"/dpa/audit", d.Audit != nil},
		{"/dpa/preset", d.Preset != ""},
		{"/dpa/return", d.Return != nil},
	} {
		if f.set {
			key := f.ptr[strings.LastIndex(f.ptr, "/")+1:]
			a.add(f.ptr, diag.Error, "law.controller-terms", "remove "+key+"; each Party is responsible for its own processing as a controller",
				"dpa.%s does not apply: %s", key, why)
		}
	}
	if len(a.d.Subprocessors) > 0 {
		a.add("/subprocessors", diag.Error, "law.controller-terms", "remove subprocessors; each controller engages its own processors under its own Article 28 contracts",
			"subprocessors do not apply: %s, and Module One has no Annex III", why)
	}
}
