package assemble

import (
	"slices"
	"strings"

	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/markdown"
	"github.com/dpa-tool/dpa/internal/model"
	"github.com/dpa-tool/dpa/internal/prose"
	"github.com/dpa-tool/dpa/internal/scc"
)

// view is what the templates see: facts, not prose. Every string is
// Markdown that is safe to print as it is: user-supplied text has been
// escaped here, so that a template cannot forget to. The wording around
// the facts is in the templates (templates/*.tmpl, and the Appendix's
// prescribed headings in clauses/appendix.md.tmpl).
type view struct {
	// Title, Principal (the principal agreement's name), Date (in words),
	// Reference, Version and Supersedes (an earlier agreement) come from
	// the agreement's description; Contents is where the table of
	// contents goes.
	Title, Principal, Date, Contents string
	Reference, Version, Supersedes   string
	// Parties are all parties, in the description's order.
	Parties []partyView
	// CustomerNames and ProviderNames name Customer and Provider of the
	// Article 28 terms ("A and B").
	CustomerNames, ProviderNames string
	// Transfers are the transfers, in the order of Annex I.B.
	Transfers []transferView
	// ModuleThree is true when Customer acts as processor for some
	// transfer (CustomerProcessor); CustomerController when it acts as
	// controller for some.
	ModuleThree, SCC, Forced              bool
	CustomerController, CustomerProcessor bool
	// Controller describes the Controllers of a Module Three Customer.
	Controller controllerView
	// Authorisation is "general" or "specific" (Clause 9 and the body).
	Authorisation            string
	NoticeDays, DeletionDays string
	// ControllerDays is the period within which Customer passes on the
	// Controller's decision, where shorter than NoticeDays; else "".
	ControllerDays string
	BreachHours    int
	// AuditFrequency is "", "annual", "biennial" or "on_request";
	// AuditNotice the notice period, "" for reasonable notice.
	AuditFrequency, AuditNotice string
	SubprocessorInstruction     bool
	// LiabilityCap is dpa.principal_liability_cap, else the preset's.
	LiabilityCap        bool
	BodyLaw, BodyCourts string
	// Addenda are the sets of Standard Contractual Clauses, in order.
	Addenda []addendumView
	// Adequate is true when an adequacy decision covers some transfer
	// with Clauses.
	Adequate bool
	// Redress names the dispute resolution body of Clause 11(a), "" if
	// none is named.
	Redress string
	// ModuleFour are the transfers under Module Four.
	ModuleFour []refsView
	// UK and Swiss are the UK Addenda and Swiss supplements.
	UK, Swiss []overlayView
	// PartyGroups are the data exporters and the data importers of Annex
	// I.A.
	PartyGroups []partyGroup
	Authorities []authorityView
	Measures    []measureView
	Assistance  []string
	SubGroups   []subGroup
	Signatures  []signatureView
	// M holds the facts of Modules One and Four (modules.go).
	M moduleView

	// SplitAddenda is true when some party is not a Party to every
	// addendum; Annex I.A and the signature page then say which.
	SplitAddenda bool

	// Pos holds the negotiation positions of the body (issue 16).
	Pos positionsView
	// ClickThrough is true when the agreement is accepted with the
	// Principal Agreement instead of signed: acceptance.md.tmpl ends the
	// body and there is no signature page.
	ClickThrough bool
	// AcceptanceSection is the number of the acceptance section, the last
	// section of the body ("16"), for references to it under click-through
	// execution.
	AcceptanceSection string
	// PartyToRows is true when Annex I.A says to which addenda each party
	// is a Party; SeveralParties when Customer or Provider is several
	// parties.
	PartyToRows, SeveralParties bool
}

// refsView points to sections of Annex I.B: Sections ("B.1", "B.3") and,
// where every one has a title, the escaped Titles.
type refsView struct {
	Sections, Titles []string
}

// roleView is what a party does across the transfers: Exporter and
// Importer are "controller", "processor", "controller and processor" or "".
type roleView struct{ Exporter, Importer string }

type partyView struct {
	Name, Address, Country, Registration string
	Role                                 roleView
}

type partyGroup struct {
	// Exporters is true for the data exporters, false for the importers.
	Exporters bool
	Parties   []annexParty
}

// annexParty is an entry of Annex I.A.
type annexParty struct {
	Name, Address, Registration, Contact, DPO, Representative string
	// Activities is the description's text, "" if it gives none; then
	// Exporter, Controller, Processor and Principal describe the party's
	// part for a neutral description.
	Activities                                 string
	Exporter, Controller, Processor, Principal bool
	// Role is the role of the party in this group.
	Role string
	// PartyTo are the addenda to which the party is a Party.
	PartyTo []addendumRef
	// ClickThrough is true when the agreement is accepted, not signed.
	ClickThrough bool
	// AcceptanceSection is the number of the acceptance section ("16")
	// under click-through execution.
	AcceptanceSection string
}

type addendumRef struct{ Numeral, Module string }

type transferView struct {
	// Number is the transfer's number in Annex I.B; Ref refers to it.
	Number   int
	Ref      refsView
	Title    string
	Module   model.Module
	SCC      bool
	Needed   bool
	Addendum string // the numeral of the addendum with its Clauses
	// Exporters and Importers are the escaped names of its parties;
	// ExporterRole and ImporterRole their roles.
	Exporters, Importers       []string
	ExporterRole, ImporterRole string
	// Controllers is the description's text on the controllers of a
	// processor exporter.
	Controllers string
	// Outside names the exporters established outside the EEA of a
	// transfer within the EEA; Back is the Module Four transfer that
	// carries the flow back to them, if any, under addendum BackAddendum.
	Outside      []string
	Back         *refsView
	BackAddendum string
	// Mechanism is the transfer's legal basis under Chapter V.
	Mechanism mechanismView
	// TIA is the transfer impact assessment, if recorded.
	TIA *tiaView

	SubjectMatter, Duration, Retention, Subprocessing string
	// Frequency is "continuous", "one-off" or the description's text.
	Frequency                                                           string
	DataSubjects, PersonalData, Sensitive, Safeguards, Nature, Purposes []string
	// Subs is true when sub-processors are engaged for the transfer.
	Subs bool
}

type tiaView struct{ Reference, Date string }

// mechanismView is the legal basis of a transfer under Chapter V.
type mechanismView struct {
	// Kind is "none" (within the EEA, no Clauses), "no-clauses" (a
	// transfer for which the agreement has no Clauses), "contractual"
	// (within the EEA, Clauses as contractual safeguards), "clauses"
	// (Article 46(2)(c)) or "adequacy" (the Clauses in addition).
	Kind        string
	Module      model.Module
	ModuleTitle string // lower case
	Addendum    string
	Decisions   []decisionView
	DPF         bool
	// UK and Swiss name the UK Addendum and Swiss supplement that cover
	// the transfer; OverlayOnly is true when no exporter is subject to
	// the GDPR.
	UK, Swiss   string
	OverlayOnly bool
	// EUName is the overlays' name of the module's Clauses; FADP names
	// the Swiss Federal Act on Data Protection.
	EUName, FADP string
}

type decisionView struct {
	Country, Decision, Scope string
	DPF                      bool
}

type controllerView struct {
	// Refs are the transfers for which Customer acts as a processor;
	// AlsoController is true when it acts as controller for others.
	Refs           refsView
	AlsoController bool
	// Names are the processors where Customer is several parties.
	Names []string
	// Same is true when one text describes the Controllers of every such
	// transfer: Controllers ("" where the description gives none).
	Same        bool
	Controllers string
	// Each gives the Controllers per transfer otherwise.
	Each []controllerEntry
}

type controllerEntry struct {
	Ref         refsView
	Controllers string
}

type addendumView struct {
	Numeral     string
	Module      model.Module
	ModuleTitle string // "transfer controller to processor"
	// Refs are its transfers; Exporters and Importers their parties.
	Refs                 refsView
	Exporters, Importers []string
	// Appendix says which parts of the Annexes are its Appendix.
	Appendix appendixView
	// Redress names the Clause 11(a) body, "" if none.
	Redress string
	Docking bool
	// Parties are the names of the parties to its Clauses (accession).
	Parties []string
	// SupplementNames are the headings of the UK Addendum and the Swiss
	// supplement that follow it ("UK Addendum to Addendum I").
	SupplementNames []string
	// Section, Clauses and Supplements are marks the assembler replaces:
	// the section kind, the official clauses, the UK Addendum and Swiss
	// supplement that follow.
	Section, Clauses, Supplements string
}

// appendixView describes which parts of the Annexes are an addendum's
// Appendix: All when every transfer is its own (AnnexII and AnnexIII then
// say whether those Annexes belong to its module's Appendix); otherwise
// its entries of Annex I.A (by number and name), its Sections of Annex
// I.B, its Authorities of Annex I.C, and whether Annex II belongs with
// the measures of other transfers excepted (AnnexIIExcept).
type appendixView struct {
	All                              bool
	AnnexIAOnly                      bool // Module Four: Annex I.A and I.B only
	AnnexII, AnnexIIExcept, AnnexIII bool
	ExporterNums, ExporterNames      []string
	ImporterNums, ImporterNames      []string
	Sections                         []string
	Authorities                      []string
}

type overlayView struct {
	Heading, Addendum, FADP string
	Exporters               []string
}

type authorityView struct {
	Exporter, Name, Address, Website, Basis string
	// NotGDPR is true for an exporter not subject to the GDPR whose
	// transfers the UK Addendum named UK covers.
	NotGDPR bool
	UK      string
}

type measureView struct {
	Category string
	// Scope limits the measures to some transfers.
	Scope *refsView
	Items []string
}

type subGroup struct {
	Importer string
	Subs     []subView
}

type subView struct {
	Name, Address, Contact, Activity string
	Locations                        []string
	Safeguard                        safeguardView
}

// safeguardView is what makes a sub-processor's locations lawful under
// Chapter V: EEA names the locations within the EEA, Adequate those with
// an adequacy decision, Others the rest, for which the description's
// safeguard (Stated) applies; InAddition is true when Stated is to be
// added to the EEA and adequacy entries.
type safeguardView struct {
	EEA, Others []string
	Adequate    []adequateView
	Stated      string
	InAddition  bool
}

// adequateView is a location with an adequacy decision; Certified is true
// for the United States with a certified sub-processor.
type adequateView struct {
	Country, Decision string
	Certified         bool
}

type signatureView struct {
	Party       string
	Role        roleView
	Signatories []model.Person
}

var esc = markdown.Escape

func newView(d *model.Description, p *model.Plan, lg *legal.Data) (*view, error) {
	forum := scc.ForumOf(p, lg)
	v := &view{
		Title:             esc(d.Title()),
		Principal:         esc(d.Agreement.PrincipalAgreement),
		Date:              prose.LongDate(d.Agreement.Date),
		Reference:         esc(d.Agreement.Reference),
		Version:           esc(d.Agreement.Version),
		Supersedes:        esc(d.Agreement.Supersedes),
		Contents:          contentsMark,
		SCC:               p.AnySCC(),
		Forced:            p.Forced,
		Authorisation:     string(p.Authorisation),
		NoticeDays:        p.NoticeDays.String(),
		BreachHours:       d.BreachHours(),
		DeletionDays:      d.DeletionDays().String(),
		ControllerDays:    controllerDays(d),
		BodyLaw:           esc(forum.BodyLaw),
		BodyCourts:        esc(forum.BodyCourts),
		LiabilityCap:      d.LiabilityCapped(),
		ClickThrough:      d.Execution() == model.ClickThrough,
		AcceptanceSection: acceptanceMark,

		SubprocessorInstruction: len(d.Subprocessors) > 0,
		SplitAddenda:            splitAddenda(d, p),
	}
	if v.Authorisation == "" {
		v.Authorisation = string(model.General)
	}
	pos := d.Positions()
	v.AuditFrequency = pos.AuditFrequency
	if pos.AuditNotice != nil {
		v.AuditNotice = pos.AuditNotice.String()
	}
	v.Pos = newPositionsView(pos, p)
	v.Redress = redressBody(p.Redress)

	roles := partyRoles(d, p)
	for _, party := range d.Parties {
		v.Parties = append(v.Parties, partyView{
			Name: esc(party.Name), Address: esc(bareAddress(lg, party.Address, party.Country)),
			Country: esc(lg.CountryName(party.Country)), Registration: esc(party.Registration), Role: roles[party.ID].view(),
		})
	}

	exporters, importers := annexParties(d, p)
	customers, providers := bodyParties(d, p)
	v.CustomerNames = namesOf(customers)
	v.ProviderNames = namesOf(providers)
	v.M = newModuleView(d, p, exporters, importers)
	v.SeveralParties = len(customers) > 1 || len(providers) > 1
	v.PartyToRows = v.SCC && (v.SplitAddenda || len(p.Modules) > 1)

	addendumOf := map[model.Module]string{}
	for i, m := range p.Modules {
		addendumOf[m] = roman(i + 1)
	}

	// The transfers: the body's roles and Chapter V, and Annex I.B.
	refs := transferRefs(p)
	var m3 []int
	var controllers []string
	for i, tp := range p.Transfers {
		t := tp.Transfer
		tv := transferView{
			Number: i + 1, Ref: refs.of([]int{i}), Title: esc(t.Title),
			Module: tp.Module, SCC: tp.SCC, Needed: tp.Needed, Addendum: addendumOf[tp.Module],
			Exporters: partyNames(d, t.Exporters), Importers: partyNames(d, t.Importers),
			ExporterRole: string(t.Roles.Exporter), ImporterRole: string(t.Roles.Importer),
			Controllers:   esc(t.Controllers),
			Mechanism:     mechanism(tp, addendumOf[tp.Module]),
			SubjectMatter: esc(t.SubjectMatter),
			Duration:      esc(t.Duration),
			Frequency:     esc(t.Frequency),
			Retention:     esc(t.Retention),
			Subprocessing: esc(t.Subprocessing),
			DataSubjects:  markdown.EscapeAll(t.DataSubjects),
			PersonalData:  markdown.EscapeAll(t.PersonalData),
			Nature:        markdown.EscapeAll(t.Nature),
			Purposes:      markdown.EscapeAll(t.Purposes),
			Subs:          len(subsOf(d, t.Importers)) > 0,
		}
		if t.TIA != nil {
			tv.TIA = &tiaView{Reference: esc(t.TIA.Reference), Date: prose.LongDate(t.TIA.Date)}
		}
		if t.Sensitive != nil && len(t.Sensitive.Categories) > 0 {
			tv.Sensitive = markdown.EscapeAll(t.Sensitive.Categories)
			tv.Safeguards = markdown.EscapeAll(t.Sensitive.Safeguards)
		}
		if tp.SCC && !tp.Needed {
			for _, id := range t.Exporters {
				if e := d.Party(id); e != nil && !lg.InEEA(e.Location().Country) {
					tv.Outside = append(tv.Outside, esc(e.Name))
				}
			}
			if back := returnFlowIndex(d, p, tp); back >= 0 {
				r := refs.of([]int{back})
				tv.Back, tv.BackAddendum = &r, addendumOf[model.ModuleFour]
			}
		}
		if tp.SCC && tp.Needed {
			for _, dest := range tp.Destinations {
				v.Adequate = v.Adequate || dest.Adequacy != nil
			}
		}
		if tp.SCC && tp.Module == model.ModuleFour {
			v.ModuleFour = append(v.ModuleFour, tv.Ref)
		}
		if tp.Module != model.ModuleOne && tp.Module != model.ModuleFour {
			if t.Roles.Exporter == model.Processor {
				v.CustomerProcessor = true
				m3 = append(m3, i)
				controllers = append(controllers, lowerFirst(esc(strings.TrimRight(t.Controllers, ". "))))
			} else {
				v.CustomerController = true
			}
		}
		v.Transfers = append(v.Transfers, tv)
	}
	v.ModuleThree = v.CustomerProcessor
	v.Controller = controllerOf(d, p, refs, m3, controllers, v.CustomerController, len(exporters) > 1)

	// Annex I.A.
	for _, g := range []struct {
		parties []*model.Party
		exp     bool
	}{{exporters, true}, {importers, false}} {
		pg := partyGroup{Exporters: g.exp}
		for _, party := range g.parties {
			ap := annexPartyOf(d, p, lg, party, roles[party.ID], g.exp)
			if v.PartyToRows {
				for _, i := range addendumParties(p)[party.ID] {
					ap.PartyTo = append(ap.PartyTo, addendumRef{roman(i + 1), p.Modules[i].String()})
				}
			}
			pg.Parties = append(pg.Parties, ap)
		}
		v.PartyGroups = append(v.PartyGroups, pg)
	}

	// Annex I.C.
	for _, e := range p.Exporters {
		a := e.Authority
		if a.Key == "" {
			continue // not subject to the GDPR: see overlays
		}
		v.Authorities = append(v.Authorities, authorityView{
			Exporter: esc(e.Party.Name), Name: esc(a.DisplayName), Address: esc(oneLine(a.Address)), Website: esc(a.Website),
			Basis: esc(e.Basis),
		})
	}

	// Annex II.
	for _, m := range d.SecurityMeasures {
		mv := measureView{Category: esc(m.Category), Items: markdown.EscapeAll(m.Measures)}
		if len(m.Transfers) > 0 {
			var idx []int
			for i, tp := range p.Transfers {
				if slices.Contains(m.Transfers, tp.Transfer.ID) {
					idx = append(idx, i)
				}
			}
			r := refsView{Sections: refs.of(idx).Sections}
			mv.Scope = &r
		}
		v.Measures = append(v.Measures, mv)
	}
	v.Assistance = markdown.EscapeAll(d.AssistanceMeasures)

	// Annex III, grouped by importer in party order.
	for _, imp := range providers {
		g := subGroup{Importer: esc(imp.Name)}
		for _, s := range d.Subprocessors {
			if s.Importer == imp.ID || (s.Importer == "" && len(providers) == 1) {
				contact := esc(s.Contact.Name)
				for _, x := range []string{s.Contact.Position, s.Contact.Email, s.Contact.Phone} {
					if x != "" {
						contact += ", " + esc(x)
					}
				}
				var locs []string
				for _, c := range scc.Locations(s) {
					locs = append(locs, esc(lg.CountryName(c)))
				}
				g.Subs = append(g.Subs, subView{
					Name: esc(s.Name), Address: esc(fullAddress(lg, s.Address, s.Country)), Contact: contact, Activity: esc(s.Activity),
					Locations: locs, Safeguard: safeguardOf(lg, s),
				})
			}
		}
		if len(g.Subs) > 0 {
			v.SubGroups = append(v.SubGroups, g)
		}
	}

	// Signatures, in party order.
	for _, party := range d.Parties {
		sv := signatureView{Party: esc(party.Name), Role: roles[party.ID].view()}
		for _, s := range party.Signatories {
			sv.Signatories = append(sv.Signatories, model.Person{Name: esc(s.Name), Position: esc(s.Position)})
		}
		v.Signatures = append(v.Signatures, sv)
	}
	return v, nil
}

// partyRole is what a party does across the transfers.
type partyRole struct {
	exporter string // "controller", "processor" or ""
	importer string // "processor" or ""
}

func (r partyRole) view() roleView { return roleView{Exporter: r.exporter, Importer: r.importer} }

// partyRoles returns what each party does. A party that takes part in a
// transfer with Clauses has the roles it has under the Clauses, so that
// Annex I.A lists it as the Clauses see it; other parties have their roles
// in the transfers without Clauses.
func partyRoles(d *model.Description, p *model.Plan) map[string]partyRole {
	out := rolesIn(p, func(tp *model.TransferPlan) bool { return tp.SCC })
	for id, r := range rolesIn(p, func(*model.TransferPlan) bool { return true }) {
		if _, ok := out[id]; !ok {
			out[id] = r
		}
	}
	return out
}

func rolesIn(p *model.Plan, keep func(*model.TransferPlan) bool) map[string]partyRole {
	out := map[string]partyRole{}
	join := func(have string, role model.Role) string {
		if have == "" || have == string(role) {
			return string(role)
		}
		return "controller and processor"
	}
	for _, tp := range p.Transfers {
		if !keep(tp) {
			continue
		}
		t := tp.Transfer
		for _, id := range t.Exporters {
			r := out[id]
			r.exporter = join(r.exporter, t.Roles.Exporter)
			out[id] = r
		}
		for _, id := range t.Importers {
			r := out[id]
			r.importer = join(r.importer, t.Roles.Importer)
			out[id] = r
		}
	}
	return out
}

// annexPartyOf returns the Annex I.A entry of party as exporter or
// importer.
func annexPartyOf(d *model.Description, p *model.Plan, lg *legal.Data, party *model.Party, r partyRole, exporter bool) annexParty {
	ap := annexParty{
		Name: esc(party.Name), Address: esc(fullAddress(lg, party.Address, party.Country)),
		Registration: esc(party.Registration), Contact: person(party.Contact),
		Activities: esc(party.Activities), Exporter: exporter, Principal: d.Agreement.PrincipalAgreement != "",
		Role: r.importer, ClickThrough: d.Execution() == model.ClickThrough, AcceptanceSection: acceptanceMark,
	}
	if exporter {
		ap.Role = r.exporter
	}
	if party.DPO != nil && party.DPO.Name != "" {
		ap.DPO = person(*party.DPO)
	}
	if rep := party.Representative; rep != nil && rep.Name != "" {
		s := esc(rep.Name)
		for _, x := range []string{rep.Address, rep.Email} {
			if x != "" {
				s += ", " + esc(x)
			}
		}
		ap.Representative = s
	}
	for _, tp := range p.Transfers {
		t := tp.Transfer
		in := slices.Contains(t.Importers, party.ID)
		if exporter {
			in = slices.Contains(t.Exporters, party.ID)
		}
		if !in {
			continue
		}
		if t.Roles.Exporter == model.Processor {
			ap.Processor = true
		} else {
			ap.Controller = true
		}
	}
	return ap
}

// controllerOf describes the Controllers on whose behalf Customer acts as
// a processor for the transfers idx, with the description's text on them
// (controllers, "" where none). Where Customer is several parties
// (several), the processors are named.
func controllerOf(d *model.Description, p *model.Plan, r refs, idx []int, controllers []string, alsoController, several bool) controllerView {
	cv := controllerView{Refs: r.of(idx), AlsoController: alsoController}
	if len(idx) == 0 {
		return cv
	}
	if several {
		for _, i := range idx {
			cv.Names = appendNew(cv.Names, partyNames(d, p.Transfers[i].Transfer.Exporters)...)
		}
	}
	if distinct := slices.Compact(slices.Clone(controllers)); len(distinct) == 1 {
		cv.Same, cv.Controllers = true, distinct[0]
		return cv
	}
	for k, i := range idx {
		cv.Each = append(cv.Each, controllerEntry{Ref: r.of([]int{i}), Controllers: controllers[k]})
	}
	return cv
}

func person(c model.Person) string {
	s := esc(c.Name)
	for _, x := range []string{c.Position, c.Email, c.Phone} {
		if x != "" {
			s += ", " + esc(x)
		}
	}
	return s
}

func namesOf(parties []*model.Party) string {
	var names []string
	for _, p := range parties {
		names = append(names, esc(p.Name))
	}
	return prose.List(names)
}

func subsOf(d *model.Description, importers []string) []*model.Subprocessor {
	var out []*model.Subprocessor
	for _, s := range d.Subprocessors {
		if s.Importer == "" || slices.Contains(importers, s.Importer) {
			out = append(out, s)
		}
	}
	return out
}

// lowerFirst lowers a leading article or quantifier ("The hospitals …")
// so that the text can follow "on behalf of"; anything else, which may be
// a name, is left as written.
func lowerFirst(s string) string {
	for _, w := range []string{"The ", "A ", "An ", "All ", "Any ", "Each ", "Every "} {
		if strings.HasPrefix(s, w) {
			return strings.ToLower(w[:1]) + s[1:]
		}
	}
	return s
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// lowerTitle lowers the first letter of a module's title: "transfer
// controller to processor".
func lowerTitle(m model.Module) string {
	t := m.Title()
	if t == "" {
		return t
	}
	return strings.ToLower(t[:1]) + t[1:]
}

// controllerDays is the period within which Customer passes on the
// Controller's decision where the description sets one shorter than the
// notice period, else "": the decision is then due before the notice
// period ends.
func controllerDays(d *model.Description) string {
	c := d.DPA.Subprocessors.ControllerDays
	if c == nil || *c == d.DPA.Subprocessors.NoticeDays {
		return ""
	}
	return c.String()
}
