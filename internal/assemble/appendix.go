package assemble

import (
	"fmt"
	"github.com/dpa-tool/dpa/internal/prose"
	"slices"
	"strings"

	"github.com/dpa-tool/dpa/internal/model"
	"github.com/dpa-tool/dpa/internal/scc"
)

// annexParties returns the data exporters and data importers of Annex I.A,
// in party order, as Annex I.A numbers them.
func annexParties(d *model.Description, p *model.Plan) (exporters, importers []*model.Party) {
	roles := partyRoles(d, p)
	for _, party := range d.Parties {
		if roles[party.ID].exporter != "" {
			exporters = append(exporters, party)
		}
		if roles[party.ID].importer != "" {
			importers = append(importers, party)
		}
	}
	return exporters, importers
}

// addendumParties returns, per party id, the numerals of the addenda to
// whose Clauses the party is a Party (as exporter or importer of one of
// their transfers), in addendum order.
func addendumParties(p *model.Plan) map[string][]int {
	out := map[string][]int{}
	for i, m := range p.Modules {
		for _, tp := range p.Transfers {
			if !tp.SCC || tp.Module != m {
				continue
			}
			for _, id := range append(slices.Clone(tp.Transfer.Exporters), tp.Transfer.Importers...) {
				if !slices.Contains(out[id], i) {
					out[id] = append(out[id], i)
				}
			}
		}
	}
	return out
}

// splitAddenda is true when some party of the agreement is not a Party to
// the Clauses of every addendum, so that the agreement must say who is
// bound by which.
func splitAddenda(d *model.Description, p *model.Plan) bool {
	if len(p.Modules) == 0 {
		return false
	}
	of := addendumParties(p)
	for _, party := range d.Parties {
		if len(of[party.ID]) != len(p.Modules) {
			return true
		}
	}
	return false
}

// partyTo says in Annex I.A to which addenda a party is a Party.
func partyTo(p *model.Plan, addenda []int) string {
	if len(addenda) == 0 {
		return "None: not a party to the Standard Contractual Clauses"
	}
	var names []string
	for _, i := range addenda {
		names = append(names, fmt.Sprintf("Addendum %s (%s)", roman(i+1), p.Modules[i]))
	}
	return prose.List(names)
}

// appendixSentence says what the Appendix of the Clauses of addendum a
// consists of. Where the Annexes also describe parties or transfers that
// the addendum does not cover, it names the entries of Annex I.A, the
// sections of Annex I.B and the entries of Annex I.C that belong to it
// (Clause 1(b) and (c) make every party and transfer of the Appendix one
// of the Clauses).
func appendixSentence(d *model.Description, p *model.Plan, m model.Module, idx []int) string {
	if len(idx) == len(p.Transfers) {
		return "The Appendix to these Clauses consists of " + appendixOf(m) + " of the Agreement."
	}
	r := scc.Rules(m)
	var exp, imp []string
	for _, i := range idx {
		exp = appendNew(exp, p.Transfers[i].Transfer.Exporters...)
		imp = appendNew(imp, p.Transfers[i].Transfer.Importers...)
	}
	exporters, importers := annexParties(d, p)
	entries := func(group []*model.Party, ids []string, of string) string {
		var nums, names []string
		for k, party := range group {
			if slices.Contains(ids, party.ID) {
				nums = append(nums, fmt.Sprint(k+1))
				names = append(names, esc(party.Name))
			}
		}
		return fmt.Sprintf("%s %s of the %s (%s)", plural(len(nums), "entry", "entries"), prose.List(nums), of, prose.List(names))
	}
	var secs []string
	for _, i := range idx {
		secs = append(secs, fmt.Sprintf("B.%d", i+1))
	}
	parts := []string{
		"in Annex I.A, " + entries(exporters, exp, "data exporters") + " and " + entries(importers, imp, "data importers"),
		fmt.Sprintf("%s %s of Annex I.B", plural(len(secs), "section", "sections"), prose.List(secs)),
	}
	var auth []string
	for _, e := range p.Exporters {
		if slices.Contains(exp, e.Party.ID) {
			auth = append(auth, esc(e.Party.Name))
		}
	}
	if len(auth) > 0 && r.Clause13 {
		parts = append(parts, fmt.Sprintf("in Annex I.C, the %s for %s", plural(len(auth), "entry", "entries"), prose.List(auth)))
	}
	annexII := "Annex II"
	for _, ms := range d.SecurityMeasures {
		if len(ms.Transfers) > 0 && !slices.ContainsFunc(idx, func(i int) bool { return slices.Contains(ms.Transfers, p.Transfers[i].Transfer.ID) }) {
			annexII += ", except the measures stated to apply only to other transfers"
			break
		}
	}
	if r.AnnexII {
		parts = append(parts, annexII)
	}
	if r.AnnexIII {
		parts = append(parts, "Annex III")
	}
	return "For the purposes of these Clauses, the Appendix consists of the following parts of the Annexes of the Agreement: " + strings.Join(parts[:len(parts)-1], "; ") + "; and " + parts[len(parts)-1] + "."
}
