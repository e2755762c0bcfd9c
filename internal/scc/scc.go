// Package scc applies the legal rules of the description format: it picks
// the SCC module of each transfer from the parties' roles, decides which
// transfers need the clauses, resolves the clause elections (Clauses 7, 9,
// 11, 13, 17 and 18) and collects the notes, each with a readable reason.
// It is pure: the facts come from package legal, positions are JSON pointers.
package scc

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/model"
	"github.com/dpa-tool/dpa/internal/overlay"
)

// Finding is a diagnostic whose place is a JSON pointer into the description.
type Finding struct {
	Ptr      string
	Severity diag.Severity
	Code     string
	Msg      string
	Hint     string
}

// ModuleFor returns the module for a pair of roles.
func ModuleFor(exporter, importer model.Role) model.Module {
	switch {
	case exporter == model.Controller && importer == model.Controller:
		return model.ModuleOne
	case exporter == model.Controller && importer == model.Processor:
		return model.ModuleTwo
	case exporter == model.Processor && importer == model.Processor:
		return model.ModuleThree
	case exporter == model.Processor && importer == model.Controller:
		return model.ModuleFour
	}
	return 0
}

// Supported reports whether this release builds module m.
func Supported(m model.Module) bool { return m == model.ModuleTwo || m == model.ModuleThree }

type analyzer struct {
	d        *model.Description
	lg       *legal.Data
	plan     *model.Plan
	findings []Finding
	noted    map[string]bool
}

func (a *analyzer) add(ptr string, sev diag.Severity, code, hint, format string, args ...any) {
	a.findings = append(a.findings, Finding{ptr, sev, code, fmt.Sprintf(format, args...), hint})
}

// once reports whether key is seen for the first time.
func (a *analyzer) once(key string) bool {
	if a.noted[key] {
		return false
	}
	a.noted[key] = true
	return true
}

// Analyze derives the plan of d. References between ids are expected to
// resolve (the validator checks them first); unknown ids are skipped.
func Analyze(d *model.Description, lg *legal.Data) (*model.Plan, []Finding) {
	a := &analyzer{d: d, lg: lg, plan: &model.Plan{}, noted: map[string]bool{}}
	a.transfers()
	a.elections()
	a.partyRules()
	a.subprocessors()
	a.dpaTerms()
	return a.plan, a.findings
}

func (a *analyzer) parties(ids []string) []*model.Party {
	var out []*model.Party
	for _, id := range ids {
		if p := a.d.Party(id); p != nil {
			out = append(out, p)
		}
	}
	return out
}

// where describes a party's place of processing for reasons.
func (a *analyzer) where(p *model.Party) string {
	loc := p.Location()
	switch {
	case a.lg.InEU(loc.Country):
		return fmt.Sprintf("established in %s (in the EU)", loc.Country)
	case a.lg.InEEA(loc.Country):
		return fmt.Sprintf("established in %s (in the EEA)", loc.Country)
	}
	return fmt.Sprintf("established in %s (outside the EEA)", loc.Country)
}

func roleWord(r model.Role) string {
	if r == "" {
		return "(no role)"
	}
	return "a " + string(r)
}

func names(ps []*model.Party) string {
	var s []string
	for _, p := range ps {
		s = append(s, p.ID)
	}
	return strings.Join(s, ", ")
}

func (a *analyzer) transfers() {
	mods := map[model.Module]bool{}
	for i, t := range a.d.Transfers {
		ptr := fmt.Sprintf("/transfers/%d", i)
		tp := &model.TransferPlan{Transfer: t}
		a.plan.Transfers = append(a.plan.Transfers, tp)
		exps, imps := a.parties(t.Exporters), a.parties(t.Importers)
		if len(exps) == 0 || len(imps) == 0 {
			continue
		}
		m := ModuleFor(t.Roles.Exporter, t.Roles.Importer)
		tp.Module = m
		var where []string
		for _, p := range imps {
			where = append(where, fmt.Sprintf("%s is %s %s", p.ID, roleWord(t.Roles.Importer), a.where(p)))
		}
		tp.ModuleReason = fmt.Sprintf("exporter %s is %s, importer %s → %s",
			names(exps), roleWord(t.Roles.Exporter), strings.Join(where, ", importer "), m)
		if t.Module != 0 && t.Module != m {
			a.add(ptr+"/roles", diag.Error, "law.module", "remove module, or change the roles",
				"roles %s → %s give %s, but module says %d", t.Roles.Exporter, t.Roles.Importer, m, int(t.Module))
		}
		if !Supported(m) {
			a.add(ptr+"/roles", diag.Error, "law.module-unsupported", "this release builds Module Two (controller → processor) and Module Three (processor → processor)",
				"%s (%s) is not yet supported", m, strings.ToLower(m.Title()))
		}
		if m == model.ModuleThree && t.Controllers == "" {
			a.add(ptr, diag.Warning, "law.controllers", "add controllers: the controller(s) the exporter processes for",
				"transfer %s is Module Three but does not name the controller(s) the exporter acts for", t.ID)
		}
		if t.Sensitive != nil && len(t.Sensitive.Safeguards) == 0 {
			a.add(ptr+"/sensitive_data", diag.Error, "law.sensitive", "list the restrictions or safeguards under sensitive_data.safeguards (Clause 8.7, Annex I.B)",
				"sensitive data without safeguards")
		}
		in, out := 0, 0
		for _, p := range imps {
			if a.lg.InEEA(p.Location().Country) {
				in++
			} else {
				out++
			}
		}
		if in > 0 && out > 0 {
			a.add(ptr+"/importer", diag.Error, "law.mixed-importers", "split the transfer into one inside and one outside the EEA",
				"transfer %s has importers both inside and outside the EEA", t.ID)
			continue
		}
		tp.Needed = out > 0
		force := a.d.SCC != nil && a.d.SCC.Force
		tp.SCC = Supported(m) && (tp.Needed || force)
		exportersOutside := false
		for _, p := range exps {
			if !a.lg.InEEA(p.Location().Country) {
				exportersOutside = true
			}
		}
		switch {
		case tp.Needed:
			tp.SCCReason = fmt.Sprintf("importer %s outside the EEA: Chapter V GDPR requires safeguards; the %s clauses apply", names(imps), m)
		default:
			msg := fmt.Sprintf("importer %s is established in the EEA: transfer %s needs no SCCs", names(imps), t.ID)
			if force {
				msg += "; scc.force incorporates the clauses by contract although Chapter V does not require them"
				tp.SCCReason = "importer in the EEA; clauses incorporated by contract (scc.force)"
			} else {
				msg += "; the agreement is built without its clauses"
				tp.SCCReason = "importer in the EEA: no SCCs needed"
			}
			if exportersOutside {
				msg += "; the flow back from an EEA processor to a controller outside the EEA is what Module Four covers"
			}
			a.add(ptr+"/importer", diag.Warning, "law.eea-importer", "", "%s", msg)
			tp.Notes = append(tp.Notes, msg)
		}
		if !tp.SCC {
			continue
		}
		mods[m] = true
		if force && !tp.Needed {
			a.plan.Forced = true
		}
		for _, p := range imps {
			a.importerNotes(tp, p)
		}
	}
	for m := range mods {
		a.plan.Modules = append(a.plan.Modules, m)
	}
	sort.Slice(a.plan.Modules, func(i, j int) bool { return a.plan.Modules[i] < a.plan.Modules[j] })
}

func (a *analyzer) partyPtr(p *model.Party) string { return p.Ptr }

func (a *analyzer) importerNotes(tp *model.TransferPlan, p *model.Party) {
	ptr := a.partyPtr(p)
	if p.GDPRArt32 && a.once("art32:"+p.ID) {
		a.add(ptr+"/gdpr_art3_2", diag.Warning, "law.importer-art3-2", "consider whether a transfer tool is needed at all, or which one fits",
			"importer %s falls under GDPR Art. 3(2): the 2021/914 clauses are not designed for importers already subject to the GDPR (recital 7)", p.ID)
	}
	c := p.Location().Country
	if a.lg.InEEA(c) {
		return
	}
	adq, ok := a.lg.Adequacy[c]
	var note string
	switch {
	case ok && c == "US" && !p.DPFCertified:
		note = fmt.Sprintf("importer %s is in the United States and not marked dpf_certified: %s covers %s; Clause 14 requires a documented transfer impact assessment before signing", p.ID, adq.Decision, adq.Scope)
	case ok:
		note = fmt.Sprintf("importer %s: %s has an adequacy decision, %s; scope: %s; the SCCs are still built", p.ID, adq.Name, adq.Decision, adq.Scope)
	default:
		note = fmt.Sprintf("importer %s is in %s, which has no adequacy decision: Clause 14 requires a documented transfer impact assessment before signing", p.ID, a.lg.CountryName(c))
	}
	tp.Notes = append(tp.Notes, note)
	if a.once("adequacy:" + p.ID) {
		a.add(ptr+"/country", diag.Note, "law.adequacy", "", "%s", note)
	}
}

// elections resolves Clauses 7, 9, 11, 13, 17 and 18.
func (a *analyzer) elections() {
	p := a.plan
	p.Authorisation = a.d.DPA.Subprocessors.Authorisation
	p.NoticeDays = a.d.DPA.Subprocessors.NoticeDays
	s := a.d.SCC
	if s != nil {
		p.Docking, p.Redress = s.DockingClause, s.RedressBody
	}
	if !p.AnySCC() {
		return
	}
	if s == nil {
		a.add("", diag.Error, "law.scc-required", "add scc: {governing_law: IE, courts: IE} with the Member State you choose",
			"a transfer needs SCCs but the description has no scc section")
		return
	}
	if s.GoverningLaw == nil {
		a.add("/scc", diag.Error, "law.governing-law", "add governing_law: a Member State such as IE (Clause 17)", "scc lacks governing_law")
	}
	if s.Courts == "" {
		a.add("/scc", diag.Error, "law.courts", "add courts: a Member State such as IE (Clause 18(b))", "scc lacks courts")
	}
	a.exporters()
	if g := s.GoverningLaw; g != nil {
		if g.ExporterCountry {
			p.LawOption, p.LawState = 2, g.Fallback
			for _, e := range p.Exporters {
				if !a.lg.InEEA(e.Party.Location().Country) {
					a.add("/scc/governing_law", diag.Error, "law.clause17-option2", "use Option 1: governing_law: IE",
						"Clause 17 Option 2 needs every exporter established in the EU/EEA, but %s is not", e.Party.ID)
				}
			}
			a.memberState("/scc/governing_law/fallback", g.Fallback, "Clause 17 fallback")
		} else {
			p.LawOption, p.LawState = 1, g.State
			a.memberState("/scc/governing_law", g.State, "Clause 17")
		}
	}
	p.Courts = s.Courts
	if s.Courts != "" {
		a.memberState("/scc/courts", s.Courts, "Clause 18(b)")
	}
}

// memberState checks that code names an EU Member State; the three EEA EFTA
// States are accepted with a note.
func (a *analyzer) memberState(ptr, code, what string) {
	switch {
	case code == "":
	case a.lg.EUStates[code]:
	case a.lg.EEAEFTA[code]:
		a.add(ptr, diag.Note, "law.eea-state", "", "%s names %s, an EEA State outside the EU: the clauses speak of EU Member States; make sure its law allows third-party beneficiary rights", what, a.lg.CountryName(code))
	case a.lg.MemberState(code) != "":
		a.add(ptr, diag.Error, "law.member-state", fmt.Sprintf("use %s", a.lg.MemberState(code)), "%s must name a Member State; %s is a territory of %s", what, code, a.lg.MemberState(code))
	default:
		a.add(ptr, diag.Error, "law.member-state", "use an EU Member State such as IE, NL or DE", "%s must name an EU Member State; %s is not one", what, code)
	}
}

// exporters derives Clause 13 for every exporter of a transfer with SCCs.
func (a *analyzer) exporters() {
	byID := map[string]*model.ExporterPlan{}
	for _, tp := range a.plan.Transfers {
		if !tp.SCC {
			continue
		}
		for _, id := range tp.Transfer.Exporters {
			e := byID[id]
			if e == nil {
				if p := a.d.Party(id); p != nil {
					e = &model.ExporterPlan{Party: p}
					byID[id] = e
				} else {
					continue
				}
			}
			if !slices.Contains(e.Modules, tp.Module) {
				e.Modules = append(e.Modules, tp.Module)
				sort.Slice(e.Modules, func(i, j int) bool { return e.Modules[i] < e.Modules[j] })
			}
		}
	}
	override := a.d.SCC.SupervisoryAuthority
	if override != "" && !a.lg.IsState(override) {
		a.add("/scc/supervisory_authority", diag.Error, "law.authority", "name an EU/EEA State such as IE", "supervisory_authority must be an EU/EEA State; %s is not", override)
		override = ""
	}
	for _, p := range a.d.Parties {
		e := byID[p.ID]
		if e == nil {
			continue
		}
		a.plan.Exporters = append(a.plan.Exporters, e)
		a.clause13(e, override)
	}
}

func (a *analyzer) authority(c legal.Competent) model.AuthorityInfo {
	au := c.Authority
	return model.AuthorityInfo{Key: au.Key, Name: au.Name, NameEN: au.NameEN, DisplayName: au.DisplayName(), Address: au.Address, Website: au.Website}
}

func (a *analyzer) clause13(e *model.ExporterPlan, override string) {
	p := e.Party
	loc := p.Location()
	locPtr := p.Ptr + "/country"
	if p.Establishment != nil && p.Establishment.Country != "" {
		locPtr = p.Ptr + "/establishment"
	}
	switch {
	case a.lg.InEEA(loc.Country):
		e.Variant = model.EstablishedInEU
	case p.Representative != nil:
		e.Variant = model.WithRepresentative
	default:
		e.Variant = model.NoRepresentative
	}
	if e.Variant != model.EstablishedInEU && !p.GDPRArt32 {
		a.add(locPtr, diag.Warning, "law.exporter-outside", "set gdpr_art3_2: true if its processing falls under GDPR Art. 3(2), or give its EEA establishment",
			"exporter %s is established outside the EEA (%s) and is not marked as subject to the GDPR under Art. 3(2): the SCCs assume an exporter subject to the GDPR", p.ID, loc.Country)
	}
	if override != "" {
		region := ""
		if a.lg.MemberState(loc.Country) == override {
			region = loc.Region
		}
		c, err := a.lg.AuthorityFor(override, region)
		if err != nil {
			a.add("/scc/supervisory_authority", diag.Error, "law.authority", "Germany supervises private bodies by Land: give the exporter's establishment with its region, or name another State", "%v", err)
			return
		}
		e.Authority = a.authority(c)
		e.Rule = fmt.Sprintf("scc.supervisory_authority names %s → %s", override, c.Rule)
		return
	}
	switch e.Variant {
	case model.EstablishedInEU:
		c, err := a.lg.AuthorityFor(loc.Country, loc.Region)
		if err != nil {
			hint := ""
			if err == legal.ErrRegionNeeded {
				hint = "add region: DE-BY (or the Land of the establishment) to the party or its establishment"
				err = fmt.Errorf("exporter %s is established in Germany without a region: Clause 13 needs the Land to pick the authority", p.ID)
			}
			a.add(locPtr, diag.Error, "law.clause13-region", hint, "%v", err)
			return
		}
		e.Authority = a.authority(c)
		e.Rule = fmt.Sprintf("%s is established in %s → %s", p.ID, loc.Country, c.Rule)
	case model.WithRepresentative:
		rc := p.Representative.Country
		if !a.lg.InEEA(rc) {
			a.add(p.Ptr+"/representative/country", diag.Error, "law.clause13-representative", "an Art. 27 representative is established in the EU",
				"the representative of %s must be established in the EU/EEA, not in %s", p.ID, rc)
			return
		}
		c, err := a.lg.AuthorityFor(rc, "")
		if err != nil {
			a.add(p.Ptr+"/representative/country", diag.Error, "law.clause13-representative", "set scc.supervisory_authority, or name the Land through an establishment", "%v", err)
			return
		}
		e.Authority = a.authority(c)
		e.Rule = fmt.Sprintf("%s is outside the EEA with an Art. 27 representative in %s → %s", p.ID, rc, c.Rule)
	default:
		a.add(locPtr, diag.Error, "law.clause13-authority", "set scc.supervisory_authority to a Member State where the data subjects are",
			"exporter %s is outside the EEA without an Art. 27 representative: Clause 13 needs scc.supervisory_authority", p.ID)
	}
}

func (a *analyzer) partyRules() {
	for _, p := range a.d.Parties {
		if p.Representative != nil && a.lg.InEEA(p.Location().Country) {
			a.add(p.Ptr+"/representative", diag.Warning, "law.representative", "remove representative: only parties outside the EEA appoint one",
				"%s is established in the EEA: an Art. 27 representative is for parties outside it", p.ID)
		}
	}
	imp := map[string]bool{}
	for _, tp := range a.plan.Transfers {
		for _, id := range tp.Transfer.Importers {
			imp[id] = true
		}
	}
	for _, p := range a.d.Parties {
		if imp[p.ID] {
			a.plan.Importers = append(a.plan.Importers, p)
		}
	}
	// UK and Swiss exporters: the overlays' own rules (a note only where
	// the description leaves an overlay out).
	for _, f := range overlay.Check(a.d, a.plan, a.lg, overlay.Addenda(a.plan)) {
		a.findings = append(a.findings, Finding(f))
	}
}

func (a *analyzer) subprocessors() {
	if len(a.d.Subprocessors) == 0 {
		a.add("/subprocessors", diag.Note, "law.no-subprocessors", "",
			"no sub-processors: Annex III states that none are authorised")
	}
	several := len(a.plan.Importers) > 1
	for i, s := range a.d.Subprocessors {
		ptr := fmt.Sprintf("/subprocessors/%d", i)
		if s.Importer == "" {
			if several {
				a.add(ptr, diag.Error, "law.subprocessor-importer", "add importer: the id of the importer that engaged it",
					"the agreement has several importers (%s): sub-processor %s must name its importer", names(a.plan.Importers), s.ID)
			}
			continue
		}
		ok := false
		for _, p := range a.plan.Importers {
			ok = ok || p.ID == s.Importer
		}
		if !ok {
			a.add(ptr+"/importer", diag.Error, "law.subprocessor-importer", "importer names a party that imports in a transfer",
				"sub-processor %s names %q, which is not an importer in any transfer", s.ID, s.Importer)
		}
	}
}

func (a *analyzer) dpaTerms() {
	p := a.plan
	if p.AnySCC() {
		if len(a.d.AssistanceMeasures) == 0 {
			a.add("", diag.Warning, "law.assistance", "add assistance_measures: how the importer helps with data subject requests (Clause 10(b), Annex II)",
				"transfers with SCCs but no assistance_measures")
		}
	}
	if h := a.d.DPA.BreachNoticeHours; h != nil && *h > 72 {
		a.add("/dpa/breach_notice_hours", diag.Warning, "law.breach-hours", "48 hours or less leaves the controller time to meet Art. 33",
			"breach notice of %d hours: the controller itself must notify the authority within 72 hours", *h)
	}
	p.BodyLaw, p.BodyCourts = a.d.DPA.GoverningLaw, a.d.DPA.Courts
	if p.BodyLaw == "" && p.AnySCC() {
		p.BodyLaw = p.LawState
	}
	if p.BodyCourts == "" && p.AnySCC() {
		p.BodyCourts = p.Courts
	}
	if !p.AnySCC() {
		if p.BodyLaw == "" {
			a.add("/dpa", diag.Error, "law.body-law", "add dpa.governing_law: the country whose law governs the agreement", "no transfer has SCCs, so dpa.governing_law is required")
		}
		if p.BodyCourts == "" {
			a.add("/dpa", diag.Error, "law.body-courts", "add dpa.courts: the country whose courts decide disputes", "no transfer has SCCs, so dpa.courts is required")
		}
	}
}
