package overlay

import (
	"fmt"
	"github.com/dpa-tool/dpa/internal/prose"
	"strings"

	"github.com/dpa-tool/dpa/internal/model"
)

// The Swiss supplement is the project's own drafting: there is no official
// Swiss template. Each point rests on the sources recorded in
// ../shared/reference/ch/fdpic-adaptations.md (keys S1–S6, P1–P4 there):
//
//   - the form, a supplement to the Clauses: S2, S3, S4;
//   - (a) the FDPIC as competent authority for the FADP part, beside the EU
//     authority where the GDPR also applies: S1 (Case 1; Case 2, Option
//     2.1 "parallel supervision"), S2, S3, S4; practitioners P1 (c), P4 (e);
//   - (b) references to the GDPR read as references to the FADP: S2, S3, S4;
//     P1 (a), P2 ii;
//   - (c) "Member State" not excluding data subjects in Switzerland from
//     suing where they habitually reside (Clause 18(c)): S2 in substance
//     ("Member State" also means Switzerland); the wording follows
//     practitioners P1 (d) and P4 (c), not an FDPIC text;
//   - (d) law and courts: by default those elected in Clauses 17 and 18(b)
//     (S1 Option 2.2, "the GDPR standard for all data transfers"; S3; P1);
//     or, as elected, Swiss law and Swiss courts (or another EU Member
//     State's) for the FADP part: S1 (Case 1; Option 2.1), S2, S3.
//
// Left out: the protection of legal entities, which every source limits to
// the time before the revised FADP took effect (S2, S4; P1 dates it
// 1 September 2023, second-hand).

// FADP is how the supplement names the Swiss act.
const FADP = "Swiss Federal Act on Data Protection"

// SwissLaw returns the country codes of the law and courts that govern the
// FADP part of the Swiss supplement's transfers, and whether each was
// elected for it (rather than taken from Clauses 17 and 18(b)).
func SwissLaw(d *model.Description, p *model.Plan) (law, courts string, lawElected, courtsElected bool) {
	law, courts = p.LawState, p.Courts
	if s := d.SwissSupplement; s != nil {
		if s.GoverningLaw != "" {
			law, lawElected = s.GoverningLaw, true
		}
		if s.Courts != "" {
			courts, courtsElected = s.Courts, true
		}
	}
	return law, courts, lawElected, courtsElected
}

// alsoGDPR reports whether an exporter of o has a Clause 13 authority
// under the GDPR in the plan.
func (o *Overlay) alsoGDPR(p *model.Plan) bool {
	for _, e := range p.Exporters {
		for _, x := range o.Exporters {
			if e.Party == x && e.Authority.Key != "" {
				return true
			}
		}
	}
	return false
}

// SwissMarkdown writes the Swiss supplement o. Its heading is at level 2.
func (o *Overlay) SwissMarkdown(c Context) string {
	var names []string
	for _, p := range o.Exporters {
		names = append(names, esc(p.Name))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n", o.SwissHeading())
	fmt.Fprintf(&b, "**Transfers subject to the %s**\n\n", FADP)
	verb := "is"
	if len(names) > 1 {
		verb = "are"
	}
	fmt.Fprintf(&b, "This Supplement forms part of %s. It applies to the transfers under %s for which %s %s data exporter, insofar as they are subject to the %s (the “**FADP**”). For those transfers, the Parties adapt the Standard Contractual Clauses of %s as follows.\n\n",
		o.EU.Name, o.EU.Name, prose.List(names), verb, FADP, o.EU.Name)
	// Module Four has no Clause 13 and no Clause 18(c): its supplement
	// keeps only the points that apply to its text.
	m4 := o.EU.Module == model.ModuleFour
	var points []string
	if !m4 {
		a := "Insofar as a transfer is governed by the FADP, the competent supervisory authority under Clause 13 is the Federal Data Protection and Information Commissioner, named in Annex I.C."
		if o.alsoGDPR(c.P) {
			a += " Insofar as it is governed by Regulation (EU) 2016/679, the supervisory authority named for the data exporter in Annex I.C under Clause 13 remains competent."
		}
		points = append(points, a)
	}
	points = append(points, "Insofar as a transfer is governed by the FADP, references in the Clauses to Regulation (EU) 2016/679 are to be read as references to the FADP.")
	if !m4 {
		points = append(points, "The term “Member State” in the Clauses must not be interpreted in such a way as to exclude data subjects in Switzerland from the possibility of suing for their rights in their place of habitual residence (Switzerland) in accordance with Clause 18(c).")
	}
	law, courts, lawElected, courtsElected := SwissLaw(c.D, c.P)
	clause18 := "Clause 18(b)"
	if m4 {
		clause18 = "Clause 18"
	}
	scope := "For those transfers too"
	if lawElected || courtsElected {
		scope = "Insofar as a transfer is governed by the FADP"
	}
	lawText := "the law of " + esc(c.LG.LawOf(law)) + " (Clause 17)"
	if c.P.LawOption == 2 && !lawElected {
		// Clause 17 Option 2: the exporter's Member State, not one law.
		lawText = "the law determined under Clause 17"
	}
	points = append(points, fmt.Sprintf("%s, the Clauses are governed by %s, and disputes arising from them are resolved by the courts of %s (%s).",
		scope, lawText, esc(c.LG.LawOf(courts)), clause18))
	for i, pt := range points {
		fmt.Fprintf(&b, "(%c) %s\n\n", 'a'+i, pt)
	}
	return strings.TrimRight(b.String(), "\n")
}

// AuthorityEntry is an Annex I.C entry for the FDPIC.
type AuthorityEntry struct {
	Exporter string // escaped party name
	Name     string // the authority's name, then its English name
	Address  string // "" where the data does not verify it
	Website  string
	Basis    string // why, in the agreement's words, as a phrase
}

// SwissAuthorities returns the Annex I.C entries of the Swiss supplements:
// the FDPIC for each of their exporters, once (not for Module Four, which
// has no Annex I.C).
func SwissAuthorities(pl *Plan, c Context) []AuthorityEntry {
	a := c.LG.FDPIC
	name := a.Name
	// "… (EDÖB)" followed by "(… FDPIC)" would put two brackets side by
	// side: the acronym follows a comma instead, as in the English name.
	if i := strings.LastIndex(name, " ("); i > 0 && strings.HasSuffix(name, ")") {
		name = name[:i] + ", " + name[i+2:len(name)-1]
	}
	if en := a.NameEN; en != "" {
		if i := strings.LastIndex(en, " ("); i > 0 && strings.HasSuffix(en, ")") {
			en = en[:i] + ", " + en[i+2:len(en)-1]
		}
		name += " (" + en + ")"
	}
	var out []AuthorityEntry
	seen := map[*model.Party]bool{}
	for _, o := range pl.Swiss {
		if o.EU.Module == model.ModuleFour {
			continue // Module Four has no Clause 13 and no Annex I.C
		}
		for _, p := range o.Exporters {
			if seen[p] {
				continue
			}
			seen[p] = true
			out = append(out, AuthorityEntry{
				Exporter: esc(p.Name), Name: esc(name), Address: esc(a.Address), Website: esc(a.Website),
				Basis: fmt.Sprintf("%s, paragraph (a): the competent supervisory authority insofar as the transfers are governed by the FADP", o.SwissHeading()),
			})
		}
	}
	return out
}
