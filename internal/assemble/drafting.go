package assemble

import (
	"fmt"
	"github.com/dpa-tool/dpa/internal/prose"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/model"
	"github.com/dpa-tool/dpa/internal/scc"
)

// refs names the transfers as the agreement refers to them: by their
// section of Annex I.B and, where given, their title. Ids never appear.
type refs struct {
	titles []string // escaped titles, "" where none
}

func transferRefs(p *model.Plan) refs {
	r := refs{}
	for _, tp := range p.Transfers {
		r.titles = append(r.titles, esc(tp.Transfer.Title))
	}
	return r
}

// one returns "the transfer described in section B.1 of Annex I", followed
// by its title in brackets where it has one.
func (r refs) one(i int) string { return r.many([]int{i}) }

// many returns "the transfers described in sections B.1 and B.3 of Annex
// I", followed by their titles in brackets where every one has one.
func (r refs) many(idx []int) string {
	var secs, titles []string
	for _, i := range idx {
		secs = append(secs, fmt.Sprintf("B.%d", i+1))
		if r.titles[i] != "" {
			titles = append(titles, "“"+r.titles[i]+"”")
		}
	}
	s := fmt.Sprintf("the %s described in %s %s of Annex I", plural(len(idx), "transfer", "transfers"), plural(len(idx), "section", "sections"), prose.List(secs))
	if len(titles) == len(idx) && len(titles) > 0 {
		s += " (" + prose.List(titles) + ")"
	}
	return s
}

// sections returns "the transfer described in section B.2 of Annex I"
// without titles, for places that are already in brackets.
func (r refs) sections(idx []int) string {
	return refs{titles: make([]string, len(r.titles))}.many(idx)
}

// controllerSentence defines the Controller of a Module Three exporter. The
// user's description stands after a colon, so that the sentence stays
// grammatical whatever it says. who is the subject with its verb
// ("Customer acts").
func controllerSentence(r refs, idx []int, controllers []string, alsoController bool, who string) string {
	if len(idx) == 0 {
		return ""
	}
	lead := who + " as a processor"
	if alsoController {
		lead = fmt.Sprintf("For %s, %s as a processor", r.many(idx), who)
	}
	distinct := slices.Compact(slices.Clone(controllers))
	switch {
	case len(distinct) == 1 && distinct[0] == "":
		return lead + " on behalf of one or more controllers (each, a “**Controller**”), as set out in its instructions."
	case len(distinct) == 1:
		return fmt.Sprintf("%s on behalf of the following controller or controllers (each, a “**Controller**”): %s.", lead, distinct[0])
	}
	var parts []string
	for k, i := range idx {
		c := controllers[k]
		if c == "" {
			c = "as set out in Customer’s instructions"
		}
		parts = append(parts, fmt.Sprintf("for %s, %s", r.one(i), c))
	}
	return who + " as a processor on behalf of the following controllers (each, a “**Controller**”): " + strings.Join(parts, "; ") + "."
}

// mechanism states the legal basis of a transfer under Chapter V GDPR.
func mechanism(tp *model.TransferPlan, addendum string) string {
	clauses := fmt.Sprintf("the Standard Contractual Clauses, %s (Addendum %s),", tp.Module, addendum)
	switch {
	case !tp.SCC:
		return "None needed: the data importer is established in the European Economic Area, so that no transfer to a third country takes place."
	case !tp.Needed:
		return "No transfer to a third country under Chapter V of the GDPR, as the data importer is established in the European Economic Area; " + clauses + " apply as contractual safeguards only."
	}
	var decisions []string
	dpf := false
	for _, d := range tp.Destinations {
		a := d.Adequacy
		if a == nil {
			return upperFirst(strings.TrimSuffix(clauses, ",")) + ": standard data protection clauses adopted by the Commission (Article 46(2)(c) of the GDPR)."
		}
		s := fmt.Sprintf("adequacy decision for %s, %s (scope: %s)", esc(a.Country), esc(a.Decision), esc(scopeText(a.Scope)))
		if a.DPF {
			dpf = true
			s = fmt.Sprintf("adequacy decision for the United States, %s, for which the data importer is certified (scope: %s)", esc(a.Decision), esc(scopeText(a.Scope)))
		}
		decisions = appendNew(decisions, s)
	}
	lapse := "if the decision ceases to apply or the transfer falls outside its scope"
	if dpf {
		lapse = "if the decision ceases to apply, the data importer’s certification lapses or the transfer falls outside its scope"
	}
	return fmt.Sprintf("%s. %s apply in addition and govern the transfer %s.", upperFirst(strings.Join(decisions, "; ")), upperFirst(clauses), lapse)
}

// scopeText shortens the scope of an adequacy decision in the reference
// data to its first statement, without the compilers' remarks.
func scopeText(s string) string {
	for _, sep := range []string{"; ", ". "} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	if strings.Count(s, "(") > strings.Count(s, ")") {
		s = strings.TrimSpace(s[:strings.LastIndex(s, "(")])
	}
	return strings.TrimRight(s, ",;. ")
}

// redressBody names the independent dispute resolution body of Clause 11(a).
func redressBody(rb model.RedressBody) string {
	s := esc(rb.Name)
	for _, x := range []string{rb.Address, rb.Email, rb.Website} {
		if x != "" {
			s += ", " + esc(x)
		}
	}
	return s
}

// liability says whether the Principal Agreement's limitation of liability
// applies under this Agreement and under the Clauses; never towards data
// subjects.
func liability(d *model.Description, p *model.Plan) []string {
	var out []string
	switch {
	case d.Agreement.PrincipalAgreement == "":
	case !p.AnySCC():
		out = append(out, "The limitations and exclusions of liability in the Principal Agreement apply to the liability of the Parties towards each other under this Agreement, to the extent Data Protection Law permits.")
	case d.DPA.LiabilityCap:
		out = append(out, "The limitations and exclusions of liability in the Principal Agreement apply to the liability of the Parties towards each other under this Agreement, including their liability towards each other under Clause 12(a) of the Standard Contractual Clauses, to the extent Data Protection Law and the Standard Contractual Clauses permit.")
	default:
		out = append(out, "The limitations and exclusions of liability in the Principal Agreement apply to the liability of the Parties towards each other under this Agreement, to the extent Data Protection Law permits, but not to their liability under the Standard Contractual Clauses, which is not limited between the Parties.")
	}
	if p.AnySCC() {
		out = append(out, "No limitation of liability applies to the liability of a Party towards data subjects, in particular under Clause 12 of the Standard Contractual Clauses or Article 82 of the GDPR, and nothing in this Agreement or the Principal Agreement limits the rights of data subjects under the Standard Contractual Clauses or the GDPR.")
	} else {
		out = append(out, "No limitation of liability applies to the liability of a Party towards data subjects, in particular under Article 82 of the GDPR, and nothing in this Agreement or the Principal Agreement limits the rights of data subjects under the GDPR.")
	}
	return out
}

// oneLine joins the lines of a postal address with commas.
func oneLine(addr string) string {
	var parts []string
	for _, l := range strings.Split(addr, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, ", ")
}

// countryNames are the ways an address may name country code: its English
// and local names, its alpha-2 and alpha-3 codes and common forms.
func countryNames(lg *legal.Data, code string) []string {
	names := []string{lg.CountryName(code), code}
	if r, err := language.ParseRegion(code); err == nil {
		names = append(names, r.ISO3())
		if n, ok := lg.LocalCountryName(code); ok {
			names = append(names, n)
		}
	}
	switch code {
	case "US":
		names = append(names, "United States of America", "U.S.A.", "U.S.")
	case "GB":
		names = append(names, "UK", "U.K.", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland")
	case "NL":
		names = append(names, "The Netherlands", "Nederland")
	case "CH":
		names = append(names, "Schweiz", "Suisse", "Svizzera")
	case "BE":
		names = append(names, "Belgique", "België", "Belgien")
	}
	return names
}

// splitCountry splits the last comma-separated part off addr when it names
// the country.
func splitCountry(lg *legal.Data, addr, code string) (rest string, named bool) {
	i := strings.LastIndex(addr, ",")
	last := strings.TrimSpace(addr[i+1:])
	last = strings.TrimSuffix(last, ".")
	for _, n := range countryNames(lg, code) {
		if n != "" && (strings.EqualFold(last, n) || strings.EqualFold(last, strings.TrimSuffix(n, "."))) {
			if i < 0 {
				return "", true
			}
			return strings.TrimSpace(addr[:i]), true
		}
	}
	return addr, false
}

// fullAddress returns the address with its country named once: as written
// where the address ends with it, else followed by the English name.
func fullAddress(lg *legal.Data, addr, code string) string {
	if _, named := splitCountry(lg, addr, code); named || code == "" {
		return addr
	}
	return addr + ", " + lg.CountryName(code)
}

// bareAddress returns the address without a final country, for tables
// that print the country in a column of its own.
func bareAddress(lg *legal.Data, addr, code string) string {
	if rest, named := splitCountry(lg, addr, code); named && rest != "" {
		return rest
	}
	return addr
}

// subSafeguard states, for every location of a sub-processor, why
// processing there is lawful under Chapter V: inside the EEA, an adequacy
// decision, or the safeguard stated in the description.
func subSafeguard(lg *legal.Data, s *model.Subprocessor) string {
	var eea, others []string
	var parts []string
	for _, c := range scc.Locations(s) {
		name := esc(lg.CountryName(c))
		switch {
		case lg.InEEA(c):
			eea = append(eea, name)
		default:
			adq, ok := lg.Adequacy[c]
			switch {
			case ok && c == "US" && s.DPFCertified:
				parts = append(parts, fmt.Sprintf("%s: adequacy decision, %s, for which the sub-processor is certified", name, esc(adq.Decision)))
			case ok && c != "US":
				parts = append(parts, fmt.Sprintf("%s: adequacy decision, %s", name, esc(adq.Decision)))
			default:
				others = append(others, name)
			}
		}
	}
	if len(eea) > 0 {
		parts = append([]string{fmt.Sprintf("%s: within the European Economic Area; no transfer safeguard needed", prose.List(eea))}, parts...)
	}
	stated := esc(s.Safeguard)
	switch {
	case len(others) > 0 && stated != "":
		parts = append(parts, fmt.Sprintf("%s: %s", prose.List(others), stated))
	case len(others) > 0:
		parts = append(parts, fmt.Sprintf("%s: none stated", prose.List(others)))
	case stated != "" && len(parts) > 0 && !scc.DerivedWording(s.Safeguard):
		parts[len(parts)-1] += "; in addition, " + stated
	}
	if len(parts) == 0 {
		return orDash(stated)
	}
	return strings.Join(parts, ". ") + "."
}

// neutralActivities describes a party's activities from its role and the
// services when the description gives none; it never borrows another
// party's purposes.
func neutralActivities(d *model.Description, p *model.Plan, party *model.Party, exporter bool) string {
	services := "the services described in Annex I.B"
	if d.Agreement.PrincipalAgreement != "" {
		services = "the services under the Principal Agreement"
	}
	var ctrl, proc bool
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
			proc = true
		} else {
			ctrl = true
		}
	}
	if exporter {
		switch {
		case ctrl && proc:
			return "Use of " + services + ", as controller and, for the personal data of its own controllers, as processor"
		case proc:
			return "Use of " + services + ", as processor on behalf of its controllers"
		}
		return "Use of " + services + ", as controller"
	}
	switch {
	case ctrl && proc:
		return "Provision of " + services + ", as processor and as sub-processor"
	case proc:
		return "Provision of " + services + ", as sub-processor"
	}
	return "Provision of " + services + ", as processor"
}
