package assemble

import (
	"fmt"
	"github.com/dpa-tool/dpa/internal/prose"
	"slices"
	"strings"

	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/markdown"
	"github.com/dpa-tool/dpa/internal/model"
	"github.com/dpa-tool/dpa/internal/scc"
)

// view is what the template sees. Every string is Markdown that is safe to
// print as it is: user-supplied text has been escaped here, so that a
// template cannot forget to.
type view struct {
	Title, Principal, Date, Contents   string
	CoverTable, PartiesTable           string
	CustomerNames, ProviderNames       string
	RoleParagraphs, TransferParagraphs []string
	ModuleThree, SCC, Forced           bool
	// CustomerController and CustomerProcessor say whether Customer acts
	// as controller, as processor (for its own controllers), or both.
	CustomerController, CustomerProcessor bool
	Controllers                           string
	ControllerDays                        string
	Authorisation                         string
	NoticeDays, DeletionDays              string
	BreachHours                           int
	AuditSentence                         string
	SubprocessorInstruction               bool
	LiabilityParagraphs                   []string
	BodyLaw, BodyCourts                   string
	Addenda                               []string
	AddendaNames                          string
	AcceptedParts                         string
	PartyGroups                           []partyGroup
	Transfers                             []transferView
	Authorities                           []authorityView
	Measures                              []measureView
	Assistance                            []string
	SubGroups                             []subGroup
	Signatures                            []signatureView
	// M holds the facts of Modules One and Four (modules.go).
	M moduleView

	// SplitAddenda is true when some party is not a Party to every
	// addendum; Annex I.A and the signature page then say which.
	SplitAddenda bool
	// PartyToRows is true when Annex I.A says to which addenda each party
	// is a Party; SeveralParties when Customer or Provider is several
	// parties.
	PartyToRows, SeveralParties bool
	// Supersedes is the earlier agreement that this one replaces.
	Supersedes string

	// Pos holds the negotiation positions (issue 16); ClickThrough is
	// true when the agreement is accepted with the Principal Agreement
	// instead of signed.
	Pos          positionsView
	ClickThrough bool
}

// positionsView is what the body's wording needs of model.Positions.
type positionsView struct {
	ReportsFirst, Remote bool
	// AuditCosts is "each", "customer" or "provider".
	AuditCosts string
	// Objection is "terminate" or "alternative".
	Objection        string
	DeemedAcceptance bool
	DeemedDeletion   bool
	// ReturnCosts is "", "customer" or "provider".
	ReturnCosts string
	// AuditSCC, SubsSCC and ReturnSCC are true where a position departs
	// from the default wording of its section and Clauses apply that
	// cover the same ground: the section then says that they prevail.
	AuditSCC, SubsSCC, ReturnSCC bool
}

type partyGroup struct {
	Heading string
	Parties []partyView
}

type partyView struct {
	Name   string
	Fields []field
}

type field struct{ Label, Value string }

type transferView struct {
	Heading, SubjectMatter, Duration, Frequency, Retention, Subprocessing string
	Facts                                                                 []field
	DataSubjects, PersonalData, Sensitive, Safeguards, Nature, Purposes   []string
}

type authorityView struct{ Exporter, Name, Address, Website, Basis string }

type measureView struct {
	Category, Scope string
	Items           []string
}

type subGroup struct {
	Importer string
	Subs     []subView
}

type subView struct{ Name, Address, Contact, Activity, Locations, Safeguard string }

type signatureView struct {
	Party, Role string
	Signatories []model.Person
}

var esc = markdown.Escape

func newView(d *model.Description, p *model.Plan, lg *legal.Data) (*view, error) {
	v := &view{
		Title:          esc(d.Title()),
		Principal:      esc(d.Agreement.PrincipalAgreement),
		Date:           prose.LongDate(d.Agreement.Date),
		Contents:       contentsMark,
		SCC:            p.AnySCC(),
		Forced:         p.Forced,
		Authorisation:  string(p.Authorisation),
		NoticeDays:     p.NoticeDays.String(),
		BreachHours:    d.BreachHours(),
		DeletionDays:   d.DeletionDays().String(),
		ControllerDays: controllerDays(d),
		BodyLaw:        esc(lg.LawOf(p.BodyLaw)),
		BodyCourts:     esc(lg.LawOf(p.BodyCourts)),

		SubprocessorInstruction: len(d.Subprocessors) > 0,
		ClickThrough:            d.Execution() == model.ClickThrough,
		SplitAddenda:            splitAddenda(d, p),
		Supersedes:              esc(d.Agreement.Supersedes),
	}
	if v.Authorisation == "" {
		v.Authorisation = string(model.General)
	}

	// Cover.
	var cover strings.Builder
	cover.WriteString("| | |\n|---|---|\n")
	if r := d.Agreement.Reference; r != "" {
		fmt.Fprintf(&cover, "| Reference | %s |\n", esc(r))
	}
	if ver := d.Agreement.Version; ver != "" {
		s := esc(ver)
		if d.Agreement.Supersedes != "" {
			s += ", superseding " + esc(d.Agreement.Supersedes)
		}
		fmt.Fprintf(&cover, "| Version | %s |\n", s)
	} else if d.Agreement.Supersedes != "" {
		fmt.Fprintf(&cover, "| Supersedes | %s |\n", esc(d.Agreement.Supersedes))
	}
	fmt.Fprintf(&cover, "| Date | %s |\n", v.Date)
	if v.Principal != "" {
		fmt.Fprintf(&cover, "| Principal agreement | %s |\n", v.Principal)
	}
	v.CoverTable = strings.TrimRight(cover.String(), "\n")

	roles := partyRoles(d, p)
	var pt strings.Builder
	pt.WriteString("| Party | Address | Country | Registration | Role |\n|---|---|---|---|---|\n")
	for _, party := range d.Parties {
		fmt.Fprintf(&pt, "| %s | %s | %s | %s | %s |\n", esc(party.Name), esc(bareAddress(lg, party.Address, party.Country)), esc(lg.CountryName(party.Country)), orDash(esc(party.Registration)), roles[party.ID].summary())
	}
	v.PartiesTable = strings.TrimRight(pt.String(), "\n")

	var exporters, importers []*model.Party
	for _, party := range d.Parties {
		if roles[party.ID].exporter != "" {
			exporters = append(exporters, party)
		}
		if roles[party.ID].importer != "" {
			importers = append(importers, party)
		}
	}
	customers, providers := bodyParties(d, p)
	v.CustomerNames = namesOf(customers)
	v.ProviderNames = namesOf(providers)
	v.M = newModuleView(d, p, exporters, importers)
	v.SeveralParties = len(customers) > 1 || len(providers) > 1
	v.PartyToRows = v.SCC && (v.SplitAddenda || len(p.Modules) > 1)

	// Body: roles, Module Three, transfers.
	refs := transferRefs(p)
	var controllers []string
	var m3 []int
	for i, tp := range p.Transfers {
		if s, ok := moduleRole(d, p, i); ok {
			v.RoleParagraphs = append(v.RoleParagraphs, s)
			continue
		}
		t := tp.Transfer
		exp, imp := prose.List(partyNames(d, t.Exporters)), prose.List(partyNames(d, t.Importers))
		if t.Roles.Exporter == model.Processor {
			v.CustomerProcessor = true
			m3 = append(m3, i)
			if t.Controllers != "" {
				controllers = append(controllers, lowerFirst(esc(strings.TrimRight(t.Controllers, ". "))))
			} else {
				controllers = append(controllers, "")
			}
			v.RoleParagraphs = append(v.RoleParagraphs, fmt.Sprintf("For %s, %s acts as processor on behalf of one or more controllers and %s acts as its sub-processor.", refs.one(i), exp, imp))
		} else {
			v.CustomerController = true
			v.RoleParagraphs = append(v.RoleParagraphs, fmt.Sprintf("For %s, %s acts as controller and %s acts as processor.", refs.one(i), exp, imp))
		}
	}
	v.ModuleThree = v.CustomerProcessor
	// Where Customer is several parties, the processor is named.
	who := "Customer acts"
	if len(exporters) > 1 {
		var names []string
		for _, i := range m3 {
			names = appendNew(names, partyNames(d, p.Transfers[i].Transfer.Exporters)...)
		}
		who = prose.List(names) + plural(len(names), " acts", " act")
	}
	v.Controllers = controllerSentence(refs, m3, controllers, v.CustomerController, who)
	pos := d.Positions()
	v.AuditSentence = auditSentence(pos)
	v.Pos = newPositionsView(pos, p)

	addendumOf := map[model.Module]string{}
	for i, m := range p.Modules {
		addendumOf[m] = roman(i + 1)
		var idx []int
		for j, tp := range p.Transfers {
			if tp.SCC && tp.Module == m {
				idx = append(idx, j)
			}
		}
		v.TransferParagraphs = append(v.TransferParagraphs, fmt.Sprintf("Addendum %s contains the standard contractual clauses approved by Commission Implementing Decision (EU) 2021/914, %s (%s), which apply to %s.",
			roman(i+1), m, strings.ToLower(m.Title()), refs.many(idx)))
	}
	adequate := false
	for i, tp := range p.Transfers {
		switch {
		case !tp.SCC:
			v.TransferParagraphs = append(v.TransferParagraphs, fmt.Sprintf("For the processing described in section B.%d of Annex I, no Personal Data is transferred to a third country, as the data importer is established in the European Economic Area; no standard contractual clauses apply to it.", i+1))
		case !tp.Needed:
			s := fmt.Sprintf("For %s, the data importer is established in the European Economic Area, so that the transfer is not a transfer to a third country under Chapter V of the GDPR. The Parties nonetheless agree the Standard Contractual Clauses of Addendum %s for it, as contractual safeguards only.", refs.one(i), addendumOf[tp.Module])
			var outside []string
			for _, id := range tp.Transfer.Exporters {
				if e := d.Party(id); e != nil && !lg.InEEA(e.Location().Country) {
					outside = append(outside, esc(e.Name))
				}
			}
			if back := returnFlowIndex(d, p, tp); back >= 0 && len(outside) > 0 {
				s += fmt.Sprintf(" The transfer of Personal Data from %s back to %s, established outside the European Economic Area, is %s, under the Standard Contractual Clauses of Addendum %s.", prose.List(partyNames(d, tp.Transfer.Importers)), prose.List(outside), refs.one(back), addendumOf[model.ModuleFour])
			} else if len(outside) > 0 {
				s += fmt.Sprintf(" Any transfer of Personal Data from %s back to %s, established outside the European Economic Area, is not covered by this Agreement and requires its own safeguard under Chapter V of the GDPR.", prose.List(partyNames(d, tp.Transfer.Importers)), prose.List(outside))
			}
			v.TransferParagraphs = append(v.TransferParagraphs, s)
		default:
			for _, dest := range tp.Destinations {
				adequate = adequate || dest.Adequacy != nil
			}
		}
	}
	if adequate {
		v.TransferParagraphs = append(v.TransferParagraphs, "Where Annex I.B states that an adequacy decision covers a transfer, the Standard Contractual Clauses apply to that transfer in addition and govern it if the decision ceases to apply or the transfer falls outside its scope.")
	}
	if rb := p.Redress; rb.Elected && rb.Name != "" {
		v.TransferParagraphs = append(v.TransferParagraphs, "For the purposes of Clause 11(a) of the Standard Contractual Clauses, the independent dispute resolution body is "+redressBody(rb)+".")
	}
	v.LiabilityParagraphs = liability(d, p)

	v.TransferParagraphs = append(v.TransferParagraphs, moduleTransferParagraphs(p)...)

	// Annex I.A.
	for _, g := range []struct {
		heading string
		parties []*model.Party
		exp     bool
	}{{"Data exporter(s)", exporters, true}, {"Data importer(s)", importers, false}} {
		pg := partyGroup{Heading: g.heading}
		for _, party := range g.parties {
			fs := partyFields(d, p, lg, party, roles[party.ID], g.exp)
			if v.PartyToRows {
				fs = append(fs, field{"Party to", partyTo(p, addendumParties(p)[party.ID])})
			}
			pg.Parties = append(pg.Parties, partyView{Name: esc(party.Name), Fields: fs})
		}
		v.PartyGroups = append(v.PartyGroups, pg)
	}

	// Annex I.B.
	for i, tp := range p.Transfers {
		t := tp.Transfer
		tv := transferView{
			SubjectMatter: esc(t.SubjectMatter),
			Duration:      esc(t.Duration),
			Frequency:     frequency(t.Frequency),
			Retention:     esc(t.Retention),
			DataSubjects:  markdown.EscapeAll(t.DataSubjects),
			PersonalData:  markdown.EscapeAll(t.PersonalData),
			Nature:        markdown.EscapeAll(t.Nature),
			Purposes:      markdown.EscapeAll(t.Purposes),
		}
		tv.Heading = fmt.Sprintf("B.%d Transfer", i+1)
		if t.Title != "" {
			tv.Heading = fmt.Sprintf("B.%d %s", i+1, esc(t.Title))
		}
		tv.Facts = []field{
			{"Data exporter", fmt.Sprintf("%s (%s)", prose.List(partyNames(d, t.Exporters)), t.Roles.Exporter)},
			{"Data importer", fmt.Sprintf("%s (%s)", prose.List(partyNames(d, t.Importers)), t.Roles.Importer)},
		}
		if t.Roles.Exporter == model.Processor {
			c := "As set out in the instructions of the data exporter"
			if t.Controllers != "" {
				c = esc(t.Controllers)
			}
			tv.Facts = append(tv.Facts, field{"Controller(s) on whose behalf the data exporter acts", c})
		}
		if tp.SCC {
			tv.Facts = append(tv.Facts, field{"Standard Contractual Clauses", fmt.Sprintf("%s (%s), Addendum %s", tp.Module, strings.ToLower(tp.Module.Title()), addendumOf[tp.Module])})
		}
		tv.Facts = append(tv.Facts, field{"Transfer mechanism", mechanism(tp, addendumOf[tp.Module])})
		if t.TIA != nil {
			tv.Facts = append(tv.Facts, field{"Transfer impact assessment (Clause 14(b))", fmt.Sprintf("Reference %s, dated %s", esc(t.TIA.Reference), prose.LongDate(t.TIA.Date))})
		}
		if t.Sensitive != nil && len(t.Sensitive.Categories) > 0 {
			tv.Sensitive = markdown.EscapeAll(t.Sensitive.Categories)
			tv.Safeguards = markdown.EscapeAll(t.Sensitive.Safeguards)
		}
		switch {
		case t.Subprocessing != "":
			tv.Subprocessing = esc(t.Subprocessing)
		case t.Roles.Importer == model.Controller:
			tv.Subprocessing = "Not applicable: the data importer is a controller."
		case len(subsOf(d, t.Importers)) == 0:
			tv.Subprocessing = "No sub-processors are engaged for this transfer."
		default:
			tv.Subprocessing = "As described above, by the sub-processors listed in Annex III, for the duration of the processing."
		}
		v.Transfers = append(v.Transfers, tv)
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
			mv.Scope = "only for " + refs.sections(idx)
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
					Locations: orDash(prose.List(locs)), Safeguard: subSafeguard(lg, s),
				})
			}
		}
		if len(g.Subs) > 0 {
			v.SubGroups = append(v.SubGroups, g)
		}
	}

	// Signatures, in party order.
	for _, party := range d.Parties {
		sv := signatureView{Party: esc(party.Name), Role: roles[party.ID].summary()}
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

func (r partyRole) summary() string {
	var parts []string
	if r.exporter != "" {
		parts = append(parts, "Data exporter ("+r.exporter+")")
	}
	if r.importer != "" {
		parts = append(parts, "Data importer ("+r.importer+")")
	}
	if len(parts) == 0 {
		return "Party"
	}
	return strings.Join(parts, "; ")
}

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

func partyFields(d *model.Description, p *model.Plan, lg *legal.Data, party *model.Party, r partyRole, exporter bool) []field {
	fs := []field{{"Address", esc(fullAddress(lg, party.Address, party.Country))}}
	if party.Registration != "" {
		fs = append(fs, field{"Registration", esc(party.Registration)})
	}
	fs = append(fs, field{"Contact person’s name, position and contact details", person(party.Contact)})
	if party.DPO != nil && party.DPO.Name != "" {
		fs = append(fs, field{"Data protection officer", person(*party.DPO)})
	}
	if rep := party.Representative; rep != nil && rep.Name != "" {
		s := esc(rep.Name)
		for _, x := range []string{rep.Address, rep.Email} {
			if x != "" {
				s += ", " + esc(x)
			}
		}
		fs = append(fs, field{"Representative in the Union (Art. 27 GDPR)", s})
	}
	activities := esc(party.Activities)
	if activities == "" {
		activities = neutralActivities(d, p, party, exporter)
	}
	fs = append(fs, field{"Activities relevant to the data transferred", activities})
	if d.Execution() == model.ClickThrough {
		fs = append(fs, field{"Signature and date", "Deemed signed on entering into the Principal Agreement, as this Agreement provides under Acceptance"})
	} else {
		fs = append(fs, field{"Signature and date", "See the signature page"})
	}
	role := r.importer
	if exporter {
		role = r.exporter
	}
	fs = append(fs, field{"Role (controller/processor)", upperFirst(role)})
	return fs
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

func auditSentence(a model.Positions) string {
	notice := "reasonable prior written notice"
	if a.AuditNotice != nil {
		notice = fmt.Sprintf("at least %s’ prior written notice", a.AuditNotice.String())
	}
	freq := ""
	{
		switch a.AuditFrequency {
		case "annual":
			freq = "no more than once a year, "
		case "biennial":
			freq = "no more than once every two years, "
		case "on_request":
			freq = "on request, "
		}
	}
	return fmt.Sprintf("Customer may carry out an audit %sgiving %s, during normal business hours and without unreasonably disrupting Provider’s operations; the auditor shall be bound by confidentiality.", freq, notice)
}

func frequency(f string) string {
	switch f {
	case "continuous":
		return "Continuous."
	case "one-off":
		return "One-off."
	}
	return esc(f)
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

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
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
