package assemble

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/markdown"
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

// of returns the reference to the transfers idx: their sections of Annex
// I.B and, where every one has a title, their titles.
func (r refs) of(idx []int) refsView {
	var v refsView
	for _, i := range idx {
		v.Sections = append(v.Sections, fmt.Sprintf("B.%d", i+1))
		if r.titles[i] != "" {
			v.Titles = append(v.Titles, r.titles[i])
		}
	}
	if len(v.Titles) != len(idx) {
		v.Titles = nil
	}
	return v
}

// mechanism gives the template "mechanism" the legal basis of a transfer
// under Chapter V GDPR, as scc.MechanismOf computes it for the agreement
// and dpa explain alike.
func mechanism(tp *model.TransferPlan, addendum string) mechanismView {
	m := scc.MechanismOf(tp)
	mv := mechanismView{Kind: mechanismKinds[m.Kind], Module: tp.Module, ModuleTitle: lowerTitle(tp.Module), Addendum: addendum, DPF: m.DPF}
	for _, a := range m.Decisions {
		mv.Decisions = append(mv.Decisions, decisionView{Country: esc(a.Country), Decision: esc(a.Decision), Scope: esc(scopeText(a.Scope)), DPF: a.DPF})
	}
	return mv
}

// mechanismKinds are the kinds of mechanismView.
var mechanismKinds = map[scc.MechanismKind]string{
	scc.WithinEEA:          "none",
	scc.NoClauses:          "no-clauses",
	scc.Contractual:        "contractual",
	scc.Clauses:            "clauses",
	scc.AdequacyAndClauses: "adequacy",
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

// redressBody names the independent dispute resolution body of Clause
// 11(a), "" where none is named.
func redressBody(rb model.RedressBody) string {
	return strings.Join(markdown.EscapeAll(scc.RedressParts(rb)), ", ")
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

// safeguardOf gives, for every location of a sub-processor, the facts
// that make processing there lawful under Chapter V: inside the EEA, an
// adequacy decision, or the safeguard stated in the description.
func safeguardOf(lg *legal.Data, s *model.Subprocessor) safeguardView {
	var sv safeguardView
	for _, c := range scc.Locations(s) {
		name := esc(lg.CountryName(c))
		switch {
		case lg.InEEA(c):
			sv.EEA = append(sv.EEA, name)
		default:
			adq, ok := lg.Adequacy[c]
			switch {
			case ok && c == "US" && s.DPFCertified:
				sv.Adequate = append(sv.Adequate, adequateView{Country: name, Decision: esc(adq.Decision), Certified: true})
			case ok && c != "US":
				sv.Adequate = append(sv.Adequate, adequateView{Country: name, Decision: esc(adq.Decision)})
			default:
				sv.Others = append(sv.Others, name)
			}
		}
	}
	sv.Stated = esc(s.Safeguard)
	sv.InAddition = sv.Stated != "" && len(sv.Others) == 0 && (len(sv.EEA) > 0 || len(sv.Adequate) > 0) && !scc.DerivedWording(s.Safeguard)
	return sv
}
