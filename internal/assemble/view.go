package assemble

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/markdown"
	"github.com/dpa-tool/dpa/internal/model"
)

// view is what the template sees. Every string is Markdown that is safe to
// print as it is: user-supplied text has been escaped here, so that a
// template cannot forget to.
type view struct {
	Title, Principal, Date, Contents      string
	CoverTable, PartiesTable              string
	CustomerNames, ProviderNames          string
	RoleParagraphs, TransferParagraphs    []string
	ModuleThree, SCC, Forced              bool
	Controllers                           string
	Authorisation                         string
	NoticeDays, BreachHours, DeletionDays int
	AuditSentence                         string
	BodyLaw, BodyCourts                   string
	Addenda                               []string
	AddendaNames                          string
	PartyGroups                           []partyGroup
	Transfers                             []transferView
	Authorities                           []authorityView
	Measures                              []measureView
	Assistance                            []string
	SubGroups                             []subGroup
	Signatures                            []signatureView
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
	Heading, Parties, SubjectMatter, Duration, Frequency, Retention, Subprocessing string
	DataSubjects, PersonalData, Sensitive, Safeguards, Nature, Purposes            []string
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
		Title:         esc(d.Title()),
		Principal:     esc(d.Agreement.PrincipalAgreement),
		Date:          longDate(d.Agreement.Date),
		Contents:      contentsMark,
		SCC:           p.AnySCC(),
		Forced:        p.Forced,
		Authorisation: string(p.Authorisation),
		NoticeDays:    p.NoticeDays.N,
		BreachHours:   d.BreachHours(),
		DeletionDays:  d.DeletionDays().N,
		BodyLaw:       esc(lg.LawOf(p.BodyLaw)),
		BodyCourts:    esc(lg.LawOf(p.BodyCourts)),
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
		fmt.Fprintf(&pt, "| %s | %s | %s | %s | %s |\n", esc(party.Name), esc(party.Address), esc(lg.CountryName(party.Country)), orDash(esc(party.Registration)), roles[party.ID].summary())
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
	v.CustomerNames = namesOf(exporters)
	v.ProviderNames = namesOf(importers)

	// Body: roles, Module Three, transfers.
	var controllers []string
	for _, tp := range p.Transfers {
		t := tp.Transfer
		exp, imp := list(partyNames(d, t.Exporters)), list(partyNames(d, t.Importers))
		role := "processor"
		if tp.Module == model.ModuleThree || t.Roles.Exporter == model.Processor {
			role = "processor on behalf of its controller(s)"
			v.ModuleThree = true
			if t.Controllers != "" {
				controllers = appendNew(controllers, lowerFirst(esc(t.Controllers)))
			}
		} else {
			role = "controller"
		}
		v.RoleParagraphs = append(v.RoleParagraphs, fmt.Sprintf("For the transfer “%s” described in Annex I.B, %s acts as %s and %s acts as processor%s.",
			esc(t.ID), exp, role, imp, map[bool]string{true: " (sub-processor)", false: ""}[role != "controller"]))
	}
	if len(controllers) == 0 {
		controllers = []string{"the controller(s) for which it processes the Personal Data"}
	}
	v.Controllers = strings.Join(controllers, "; ")
	v.AuditSentence = auditSentence(d.DPA.Audit)

	for i, m := range p.Modules {
		var ids []string
		for _, tp := range p.TransfersOf(m) {
			ids = append(ids, "“"+esc(tp.Transfer.ID)+"”")
		}
		v.TransferParagraphs = append(v.TransferParagraphs, fmt.Sprintf("Addendum %s contains the standard contractual clauses approved by Commission Implementing Decision (EU) 2021/914, %s (%s), which apply to the %s %s.",
			roman(i+1), m, strings.ToLower(m.Title()), plural(len(ids), "transfer", "transfers"), list(ids)))
	}
	for _, tp := range p.Transfers {
		if !tp.SCC {
			v.TransferParagraphs = append(v.TransferParagraphs, fmt.Sprintf("The transfer “%s” needs no standard contractual clauses, as its importer is established in the European Economic Area.", esc(tp.Transfer.ID)))
		}
	}

	// Annex I.A.
	for _, g := range []struct {
		heading string
		parties []*model.Party
		exp     bool
	}{{"Data exporter(s)", exporters, true}, {"Data importer(s)", importers, false}} {
		pg := partyGroup{Heading: g.heading}
		for _, party := range g.parties {
			pg.Parties = append(pg.Parties, partyView{Name: esc(party.Name), Fields: partyFields(d, p, lg, party, roles[party.ID], g.exp)})
		}
		v.PartyGroups = append(v.PartyGroups, pg)
	}

	// Annex I.B.
	addendumOf := map[model.Module]string{}
	for i, m := range p.Modules {
		addendumOf[m] = roman(i + 1)
	}
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
		clauses := "no standard contractual clauses (importer in the EEA)"
		if tp.SCC {
			clauses = fmt.Sprintf("%s, Addendum %s", tp.Module, addendumOf[tp.Module])
		}
		tv.Heading = fmt.Sprintf("B.%d Transfer “%s”: %s", i+1, esc(t.ID), clauses)
		tv.Parties = fmt.Sprintf("Data exporter: %s (%s). Data importer: %s (processor).", list(partyNames(d, t.Exporters)), t.Roles.Exporter, list(partyNames(d, t.Importers)))
		if t.Sensitive != nil && len(t.Sensitive.Categories) > 0 {
			tv.Sensitive = markdown.EscapeAll(t.Sensitive.Categories)
			tv.Safeguards = markdown.EscapeAll(t.Sensitive.Safeguards)
		}
		switch {
		case t.Subprocessing != "":
			tv.Subprocessing = esc(t.Subprocessing)
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
			Exporter: esc(e.Party.Name), Name: esc(a.DisplayName), Address: esc(a.Address), Website: esc(a.Website),
			Basis: "Clause 13(a): " + esc(e.Rule) + ".",
		})
	}

	// Annex II.
	for _, m := range d.SecurityMeasures {
		mv := measureView{Category: esc(m.Category), Items: markdown.EscapeAll(m.Measures)}
		if len(m.Transfers) > 0 {
			var ids []string
			for _, id := range m.Transfers {
				ids = append(ids, "“"+esc(id)+"”")
			}
			mv.Scope = fmt.Sprintf("%s %s only", plural(len(ids), "transfer", "transfers"), list(ids))
		}
		v.Measures = append(v.Measures, mv)
	}
	v.Assistance = markdown.EscapeAll(d.AssistanceMeasures)

	// Annex III, grouped by importer in party order.
	for _, imp := range importers {
		g := subGroup{Importer: esc(imp.Name)}
		for _, s := range d.Subprocessors {
			if s.Importer == imp.ID || (s.Importer == "" && len(importers) == 1) {
				contact := esc(s.Contact.Name)
				for _, x := range []string{s.Contact.Position, s.Contact.Email, s.Contact.Phone} {
					if x != "" {
						contact += ", " + esc(x)
					}
				}
				var locs []string
				for _, c := range s.Locations {
					locs = append(locs, esc(lg.CountryName(c)))
				}
				g.Subs = append(g.Subs, subView{
					Name: esc(s.Name), Address: esc(s.Address), Contact: contact, Activity: esc(s.Activity),
					Locations: orDash(strings.Join(locs, ", ")), Safeguard: orDash(esc(s.Safeguard)),
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

func partyRoles(d *model.Description, p *model.Plan) map[string]partyRole {
	out := map[string]partyRole{}
	for _, tp := range p.Transfers {
		t := tp.Transfer
		for _, id := range t.Exporters {
			r := out[id]
			if r.exporter == "" || r.exporter == string(t.Roles.Exporter) {
				r.exporter = string(t.Roles.Exporter)
			} else {
				r.exporter = "controller and processor"
			}
			out[id] = r
		}
		for _, id := range t.Importers {
			r := out[id]
			r.importer = string(t.Roles.Importer)
			out[id] = r
		}
	}
	return out
}

func partyFields(d *model.Description, p *model.Plan, lg *legal.Data, party *model.Party, r partyRole, exporter bool) []field {
	addr := esc(party.Address)
	if country := lg.CountryName(party.Country); !strings.Contains(party.Address, country) {
		addr += ", " + esc(country)
	}
	fs := []field{{"Address", addr}}
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
		var purposes []string
		for _, tp := range p.Transfers {
			if slices.Contains(tp.Transfer.Exporters, party.ID) || slices.Contains(tp.Transfer.Importers, party.ID) {
				purposes = appendNew(purposes, markdown.EscapeAll(tp.Transfer.Purposes)...)
			}
		}
		activities = strings.Join(purposes, "; ")
	}
	fs = append(fs, field{"Activities relevant to the data transferred", activities})
	fs = append(fs, field{"Signature and date", "See the signature page"})
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

func auditSentence(a *model.Audit) string {
	notice := "reasonable prior written notice"
	if a != nil && a.NoticeDays != nil {
		notice = fmt.Sprintf("at least %s’ prior written notice", days(a.NoticeDays.N))
	}
	freq := ""
	if a != nil {
		switch a.Frequency {
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
	return list(names)
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
