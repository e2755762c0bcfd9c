package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/model"
	"github.com/dpa-tool/dpa/internal/scc"
)

// Agreement kinds in the register.
const (
	kindDPA = "data processing agreement (Article 28 GDPR)"
	kindDTA = "data transfer agreement between independent controllers (no Article 28 terms)"
)

// moduleElections fits the elections to the modules the agreement
// includes: Clause 9 only where a module has it, Clause 13 and Annex I.C not
// for Module Four, Module Four's Clauses 17 and 18 naming a country, and an
// agreement between controllers only without Article 28 terms.
func moduleElections(el *Elections, p *model.Plan, lg *legal.Data) {
	el.Agreement = kindDPA
	if scc.ControllersOnly(p) {
		el.Agreement = kindDTA
	}
	el.Clause18Label = "Clause 18(b)"
	if !p.AnySCC() {
		if el.Agreement == kindDTA {
			el.Clause9, el.Clause9Option, el.NoticeDays = "no SCCs; no Article 28 terms", 0, 0
		}
		return
	}
	with := func(f func(scc.ModuleRules) bool) (yes, no []string) {
		for _, m := range p.Modules {
			if f(scc.Rules(m)) {
				yes = append(yes, m.String())
			} else {
				no = append(no, m.String())
			}
		}
		return yes, no
	}
	// Clause 9.
	if yes, no := with(func(r scc.ModuleRules) bool { return r.Clause9 }); len(no) > 0 {
		switch {
		case len(yes) > 0:
			el.Clause9 += fmt.Sprintf(" (%s); %s no Clause 9", strings.Join(yes, ", "), have(no))
		case el.Agreement == kindDTA:
			el.Clause9, el.Clause9Option, el.NoticeDays = have(no)+" no Clause 9; a data transfer agreement has no Article 28 terms", 0, 0
		default:
			el.Clause9Option = 0
			el.Clause9 = have(no) + " no Clause 9; the Article 28 terms govern sub-processors: " + lowerFirst(el.Clause9[strings.Index(el.Clause9, ", ")+2:])
		}
	}
	// Clause 13.
	if _, no := with(func(r scc.ModuleRules) bool { return r.Clause13 }); len(no) > 0 {
		el.Clause13Note = have(no) + " no Clause 13 and no Annex I.C"
	}
	// Clauses 17 and 18.
	yes, no := with(func(r scc.ModuleRules) bool { return r.AnyCountry })
	if len(yes) > 0 {
		four := fmt.Sprintf("the law of %s, a country allowing for third-party beneficiary rights", scc.ForumOf(p, lg).ClauseLaw)
		if len(no) == 0 {
			el.Clause17, el.Clause17Option = four, 0
			el.Clause18Label = "Clause 18"
		} else {
			el.Clause17 += "; " + strings.Join(yes, ", ") + ": the same law"
			el.Clause18 += "; " + strings.Join(yes, ", ") + " (Clause 18): the same courts"
		}
	}
}

// have says that modules lack something: "Module Four has", "Module One and
// Module Four have".
func have(mods []string) string {
	if len(mods) == 1 {
		return mods[0] + " has"
	}
	return strings.Join(mods[:len(mods)-1], ", ") + " and " + mods[len(mods)-1] + " have"
}

func lowerFirst(s string) string {
	if s == "" || slices.Contains([]string{"EU", "EEA"}, strings.Fields(s)[0]) {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
