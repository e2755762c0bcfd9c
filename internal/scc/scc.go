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
	"github.com/dpa-tool/dpa/internal/lazyre"
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
	a.positions()
	a.moduleFourNotes()
	a.controllerTerms()
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
		tp.SCC = m != 0 && (tp.Needed || force)
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
			msg := fmt.Sprintf("importer %s is established in the EEA: transfer %s is not a transfer to a third country under Chapter V GDPR and needs no SCCs", names(imps), t.ID)
			if force {
				msg += "; scc.force incorporates the clauses by contract, as contractual safeguards only"
				tp.SCCReason = "importer in the EEA: no transfer under Chapter V; clauses agreed as contractual safeguards only (scc.force)"
			} else {
				msg += "; the agreement is built without its clauses"
				tp.SCCReason = "importer in the EEA: no SCCs needed"
			}
			if r := ReturnFlow(a.d, t); exportersOutside && r != nil {
				msg += fmt.Sprintf("; the flow back from the EEA processor to the controller outside the EEA is transfer %s, under Module Four", r.ID)
			} else if exportersOutside && m == model.ModuleTwo {
				msg += "; the flow back from the EEA processor to the controller outside the EEA is a transfer under Module Four: describe it as its own transfer"
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
		a.tia(ptr, tp)
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
	dest := model.Destination{Party: p, Adequacy: a.adequacy(c, p.DPFCertified)}
	tp.Destinations = append(tp.Destinations, dest)
	if a.lg.InEEA(c) {
		return
	}
	adq, ok := a.lg.Adequacy[c]
	// Clause 14(b) requires a documented transfer impact assessment; where
	// every transfer to the importer records one, the note says so instead
	// of asking for it. The note concerns the importer, not one transfer,
	// so that a profile's importer has one note for all its descriptions.
	tia := "Clause 14 requires a documented transfer impact assessment before signing"
	if a.tiaRecorded(p) {
		tia = "Clause 14 requires a documented transfer impact assessment, which Annex I.B records"
	}
	var note string
	switch {
	case ok && c == "US" && !p.DPFCertified:
		note = fmt.Sprintf("importer %s is in the United States and not marked dpf_certified: %s covers %s; %s", p.ID, adq.Decision, adq.Scope, tia)
	case ok:
		note = fmt.Sprintf("importer %s: %s has an adequacy decision, %s; scope: %s; the SCCs are still built", p.ID, adq.Name, adq.Decision, adq.Scope)
	default:
		note = fmt.Sprintf("importer %s is in %s, which has no adequacy decision: %s", p.ID, a.lg.CountryName(c), tia)
	}
	tp.Notes = append(tp.Notes, note)
	if a.once("adequacy:" + p.ID) {
		a.add(ptr+"/country", diag.Note, "law.adequacy", "", "%s", note)
	}
}

// tiaRecorded reports whether every transfer to importer p records a
// transfer impact assessment.
func (a *analyzer) tiaRecorded(p *model.Party) bool {
	for _, t := range a.d.Transfers {
		if slices.Contains(t.Importers, p.ID) && t.TIA == nil {
			return false
		}
	}
	return true
}

// adequacy returns the adequacy decision that covers processing in
// country c, or nil: none inside the EEA, and for the United States only
// with certification under the Data Privacy Framework.
func (a *analyzer) adequacy(c string, dpf bool) *model.AdequacyInfo {
	if a.lg.InEEA(c) {
		return nil
	}
	adq, ok := a.lg.Adequacy[c]
	if !ok || (c == "US" && !dpf) {
		return nil
	}
	return &model.AdequacyInfo{Country: a.lg.CountryName(c), Decision: adq.Decision, Scope: adq.Scope, DPF: c == "US"}
}

// tia warns about a transfer to a third country without adequacy that
// records no transfer impact assessment (Clause 14(b)).
func (a *analyzer) tia(ptr string, tp *model.TransferPlan) {
	if !tp.Needed {
		return
	}
	var uncovered []string
	for _, d := range tp.Destinations {
		if d.Adequacy == nil {
			uncovered = appendNew(uncovered, a.lg.LawOf(d.Party.Location().Country))
		}
	}
	if len(uncovered) == 0 {
		return
	}
	if t := tp.Transfer.TIA; t != nil {
		tp.Notes = append(tp.Notes, fmt.Sprintf("transfer impact assessment %s of %s recorded in Annex I.B", t.Reference, t.Date))
		return
	}
	a.add(ptr, diag.Warning, "law.tia", "add tia: {reference: ..., date: YYYY-MM-DD} once the assessment is documented",
		"transfer %s goes to %s without an adequacy decision and records no transfer impact assessment: Clause 14(b) requires a documented assessment", tp.Transfer.ID, strings.Join(uncovered, ", "))
}

func appendNew(list []string, items ...string) []string {
	for _, it := range items {
		if !slices.Contains(list, it) {
			list = append(list, it)
		}
	}
	return list
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
	if p.Redress.Elected && p.Redress.Name == "" {
		a.add("/scc/redress_body", diag.Warning, "law.redress-body", "write redress_body: {name: ..., website: ...} with the body's details, or false",
			"Clause 11(a): the optional paragraph is elected but no independent dispute resolution body is named")
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
	a.law(s)
	a.clause13Elections(s)
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
		if !tp.SCC || !Rules(tp.Module).Clause13 {
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

// The Clause 13(a) bases as Annex I.C states them.
const (
	basisEstablished    = "Clause 13(a): the supervisory authority of the Member State in which the data exporter is established"
	basisRepresentative = "Clause 13(a): the supervisory authority of the Member State in which the data exporter’s representative within the meaning of Article 27(1) GDPR is established"
	basisDataSubjects   = "Clause 13(a): the supervisory authority of one of the Member States in which the data subjects whose personal data is transferred under these Clauses in relation to the offering of goods or services to them, or whose behaviour is monitored, are located, as agreed by the Parties"
	basisAgreed         = "Clause 13(a): the supervisory authority with responsibility for ensuring compliance by the data exporter with Regulation (EU) 2016/679 as regards the data transfer, as agreed by the Parties"
)

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
	if why, ok := overlay.Only(a.d, p, a.lg.InEEA); ok && override == "" {
		// Not subject to the GDPR: only the UK Addendum or the Swiss
		// supplement brings the clauses to its transfers, and Clause 13
		// names no authority under the GDPR for it (issue 15). Its text
		// is the variant that refers to Annex I.C.
		e.Variant, e.Rule = model.EstablishedInEU, why
		a.add(locPtr, diag.Note, "law.exporter-overlay-only", "set gdpr_art3_2: true if its processing also falls under GDPR Art. 3(2)", "%s", why)
		return
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
		switch {
		case e.Variant == model.EstablishedInEU && a.lg.MemberState(loc.Country) == override:
			e.Basis = basisEstablished
		case e.Variant == model.WithRepresentative && p.Representative != nil && a.lg.MemberState(p.Representative.Country) == override:
			e.Basis = basisRepresentative
		case e.Variant == model.NoRepresentative:
			e.Basis = basisDataSubjects
		default:
			e.Basis = basisAgreed
		}
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
		e.Basis = basisEstablished
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
		e.Basis = basisRepresentative
	default:
		a.add(locPtr, diag.Error, "law.clause13-authority", "set scc.supervisory_authority to a Member State where the data subjects are",
			"exporter %s is outside the EEA without an Art. 27 representative: Clause 13 needs scc.supervisory_authority", p.ID)
	}
}

// art27Hint names the exemptions of Art. 27(2) GDPR.
const art27Hint = "add representative: {name, address, country}; Art. 27(2) exempts only processing that is occasional, does not include large-scale processing of special categories (Art. 9(1)) or of personal data relating to criminal convictions and offences (Art. 10) and is unlikely to result in a risk to the rights and freedoms of natural persons, and public authorities or bodies"

func (a *analyzer) partyRules() {
	exporters := map[string]bool{}
	for _, t := range a.d.Transfers {
		for _, id := range t.Exporters {
			exporters[id] = true
		}
	}
	for _, p := range a.d.Parties {
		if exporters[p.ID] && p.GDPRArt32 && p.Representative == nil && !a.lg.InEEA(p.Location().Country) {
			a.add(p.Ptr+"/gdpr_art3_2", diag.Warning, "law.art27-representative", art27Hint,
				"exporter %s falls under Art. 3(2) GDPR but names no representative in the Union (Art. 27(1))", p.ID)
		}
	}
	for _, p := range a.d.Parties {
		if p.Representative != nil && a.lg.InEEA(p.Location().Country) {
			a.add(p.Ptr+"/representative", diag.Warning, "law.representative", "remove representative: only parties outside the EEA appoint one",
				"%s is established in the EEA: an Art. 27 representative is for parties outside it", p.ID)
		}
	}
	imp := map[string]bool{}
	for _, tp := range a.plan.Transfers {
		for _, id := range processors(tp) {
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

var (
	// eeaWordRE finds a safeguard that says the processing stays in the EEA.
	eeaWordRE = lazyre.New(`(?i)\b(within|inside|in) the (EEA|EU|European Economic Area|European Union)\b|^\s*(EEA|EU|none needed|not required)\s*\.?\s*$`)
	// adequacyWordRE finds a safeguard that relies on an adequacy decision.
	adequacyWordRE = lazyre.New(`(?i)\badequa(cy|te)\b`)
	// dpfWordRE finds a safeguard that relies on the Data Privacy Framework.
	dpfWordRE = lazyre.New(`(?i)data privacy framework|\bDPF\b`)
)

// DerivedWording reports whether a stated safeguard only says what the
// locations already show: that the processing stays in the EEA, or that an
// adequacy decision (or the Data Privacy Framework) covers it.
func DerivedWording(s string) bool {
	return eeaWordRE().MatchString(s) || adequacyWordRE().MatchString(s) || dpfWordRE().MatchString(s)
}

// Locations returns where a sub-processor processes: its locations, or its
// country when it lists none.
func Locations(s *model.Subprocessor) []string {
	if len(s.Locations) > 0 {
		return s.Locations
	}
	if s.Country != "" {
		return []string{s.Country}
	}
	return nil
}

// subprocessorSafeguards checks that every location outside the EEA has an
// adequacy decision or a stated safeguard, and that the stated safeguard
// does not contradict the locations.
func (a *analyzer) subprocessorSafeguards(ptr string, s *model.Subprocessor) {
	var outside, uncovered, noDecision []string
	for _, c := range Locations(s) {
		if a.lg.InEEA(c) {
			continue
		}
		name := a.lg.LawOf(c)
		outside = appendNew(outside, name)
		if a.adequacy(c, s.DPFCertified) == nil {
			uncovered = appendNew(uncovered, name)
		}
		if _, ok := a.lg.Adequacy[c]; !ok {
			noDecision = appendNew(noDecision, name)
		}
	}
	text := s.Safeguard
	at := ptr + "/safeguard"
	switch {
	case len(outside) == 0:
	case text != "" && eeaWordRE().MatchString(text):
		a.add(at, diag.Error, "law.subprocessor-safeguard", "state the safeguard for the locations outside the EEA, e.g. Standard Contractual Clauses (Module Three)",
			"sub-processor %s processes in %s, outside the EEA, but its safeguard says the processing stays within the EEA", s.ID, strings.Join(outside, ", "))
	case text != "" && adequacyWordRE().MatchString(text) && len(noDecision) > 0:
		a.add(at, diag.Error, "law.subprocessor-safeguard", "state another safeguard, e.g. Standard Contractual Clauses (Module Three)",
			"sub-processor %s relies on an adequacy decision, but %s has none", s.ID, strings.Join(noDecision, ", "))
	case text != "" && (adequacyWordRE().MatchString(text) || dpfWordRE().MatchString(text)) && slices.Contains(uncovered, a.lg.LawOf("US")):
		a.add(at, diag.Error, "law.subprocessor-safeguard", "set dpf_certified: true if the sub-processor is certified, or state another safeguard",
			"sub-processor %s relies on the EU-U.S. Data Privacy Framework but is not marked dpf_certified", s.ID)
	case text != "" && dpfWordRE().MatchString(text) && !slices.Contains(Locations(s), "US"):
		a.add(at, diag.Error, "law.subprocessor-safeguard", "the Data Privacy Framework covers only transfers to the United States",
			"sub-processor %s relies on the EU-U.S. Data Privacy Framework but does not process in the United States", s.ID)
	case text == "" && len(uncovered) > 0:
		a.add(ptr, diag.Warning, "law.subprocessor-safeguard", "add safeguard: the transfer mechanism, e.g. Standard Contractual Clauses (Module Three) or Binding Corporate Rules",
			"sub-processor %s processes in %s, outside the EEA and without an adequacy decision, but states no transfer safeguard", s.ID, strings.Join(uncovered, ", "))
	}
}

func (a *analyzer) subprocessors() {
	if len(a.d.Subprocessors) == 0 && !ControllersOnly(a.plan) {
		a.add("/subprocessors", diag.Note, "law.no-subprocessors", "",
			"no sub-processors: Annex III states that none are authorised")
	}
	for i, s := range a.d.Subprocessors {
		a.subprocessorSafeguards(fmt.Sprintf("/subprocessors/%d", i), s)
	}
	several := len(a.plan.Importers) > 1
	for i, s := range a.d.Subprocessors {
		ptr := fmt.Sprintf("/subprocessors/%d", i)
		if s.Importer == "" {
			if several {
				a.add(ptr, diag.Error, "law.subprocessor-importer", "add importer: the id of the processor that engaged it",
					"the agreement has several processors (%s): sub-processor %s must name the one that engaged it under importer", names(a.plan.Importers), s.ID)
			}
			continue
		}
		ok := false
		for _, p := range a.plan.Importers {
			ok = ok || p.ID == s.Importer
		}
		if !ok {
			a.add(ptr+"/importer", diag.Error, "law.subprocessor-importer", "importer names the processor that engaged it: "+names(a.plan.Importers),
				"sub-processor %s names %q, which is not a processor in any transfer", s.ID, s.Importer)
		}
	}
}

// OfficialCategories are the example categories of measures of Annex II
// of the Standard Contractual Clauses, in the official order.
var OfficialCategories = []string{
	"Measures of pseudonymisation and encryption of personal data",
	"Measures for ensuring ongoing confidentiality, integrity, availability and resilience of processing systems and services",
	"Measures for ensuring the ability to restore the availability and access to personal data in a timely manner in the event of a physical or technical incident",
	"Processes for regularly testing, assessing and evaluating the effectiveness of technical and organisational measures in order to ensure the security of the processing",
	"Measures for user identification and authorisation",
	"Measures for the protection of data during transmission",
	"Measures for the protection of data during storage",
	"Measures for ensuring physical security of locations at which personal data are processed",
	"Measures for ensuring events logging",
	"Measures for ensuring system configuration, including default configuration",
	"Measures for internal IT and IT security governance and management",
	"Measures for certification/assurance of processes and products",
	"Measures for ensuring data minimisation",
	"Measures for ensuring data quality",
	"Measures for ensuring limited data retention",
	"Measures for ensuring accountability",
	"Measures for allowing data portability and ensuring erasure",
}

// minCategories is how many official categories Annex II should cover.
const minCategories = 5

// measures checks that Annex II covers enough of the official categories
// and that every transfer with sensitive data has a measure scoped to it.
func (a *analyzer) measures() {
	covered := map[string]bool{}
	for _, m := range a.d.SecurityMeasures {
		for _, c := range OfficialCategories {
			if strings.EqualFold(strings.TrimSpace(m.Category), c) {
				covered[c] = true
			}
		}
	}
	if len(a.d.SecurityMeasures) > 0 && len(covered) < minCategories {
		var missing []string
		for _, c := range OfficialCategories {
			if !covered[c] && len(missing) < 2 {
				missing = append(missing, "“"+c+"”")
			}
		}
		a.add("/security_measures", diag.Warning, "law.annex2-categories", "describe the measures under more of the official categories, e.g. "+strings.Join(missing, ", "),
			"Annex II covers %d of the official categories of measures; a careful description covers at least %d", len(covered), minCategories)
	}
	for i, t := range a.d.Transfers {
		if t.Sensitive == nil || len(t.Sensitive.Categories) == 0 {
			continue
		}
		scoped := false
		for _, m := range a.d.SecurityMeasures {
			scoped = scoped || slices.Contains(m.Transfers, t.ID)
		}
		if !scoped {
			a.add(fmt.Sprintf("/transfers/%d/sensitive_data", i), diag.Warning, "law.sensitive-measures", fmt.Sprintf("add a security_measures entry with transfers: [%s] for the sensitive data", t.ID),
				"transfer %s includes sensitive data, but no Annex II measure is scoped to it", t.ID)
		}
	}
}

func (a *analyzer) dpaTerms() {
	p := a.plan
	a.measures()
	if slices.Contains(p.Modules, model.ModuleThree) {
		sp := a.d.DPA.Subprocessors
		if c := sp.ControllerDays; c != nil && c.Working == sp.NoticeDays.Working && c.N > sp.NoticeDays.N {
			a.add("/dpa/subprocessors/controller_decision_days", diag.Error, "law.controller-days", "make it no longer than notice_days",
				"the period for passing on the controller's decision (%s) is longer than the notice period (%s)", *c, sp.NoticeDays)
		}
	}
	// Annex II asks for the assistance measures of importers that are processors.
	toProcessor := slices.ContainsFunc(p.Modules, func(m model.Module) bool { return m == model.ModuleTwo || m == model.ModuleThree })
	if toProcessor {
		if len(a.d.AssistanceMeasures) == 0 {
			a.add("", diag.Warning, "law.assistance", "add assistance_measures: how the importer helps with data subject requests (Clause 10(b), Annex II)",
				"transfers with SCCs but no assistance_measures")
		}
	}
	if h := a.d.DPA.BreachNoticeHours; h != nil && *h >= 72 {
		a.add("/dpa/breach_notice_hours", diag.Warning, "law.breach-hours", "48 hours or less leaves the controller time to meet Art. 33",
			"breach notice of %d hours: that is the controller's whole window, as it must notify the authority within 72 hours of becoming aware", *h)
	}
	if c := a.d.DPA.LiabilityCap; c != nil && *c && a.d.Agreement.PrincipalAgreement == "" {
		a.add("/dpa/principal_liability_cap", diag.Warning, "law.liability-cap", "name the agreement under agreement.principal_agreement, or remove principal_liability_cap",
			"principal_liability_cap applies the Principal Agreement's limitation of liability, but the description names no principal agreement")
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
