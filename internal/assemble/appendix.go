package assemble

import (
	"fmt"
	"slices"

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

// appendixOf returns which parts of the Annexes are the Appendix of the
// Clauses of module m, whose transfers are idx. Where the Annexes also
// describe parties or transfers that the addendum does not cover, it
// names the entries of Annex I.A, the sections of Annex I.B and the
// entries of Annex I.C that belong to it (Clause 1(b) and (c) make every
// party and transfer of the Appendix one of the Clauses).
func appendixOf(d *model.Description, p *model.Plan, m model.Module, idx []int) appendixView {
	r := scc.Rules(m)
	av := appendixView{All: len(idx) == len(p.Transfers), AnnexIAOnly: !r.Clause13 && !r.AnnexII, AnnexII: r.AnnexII, AnnexIII: r.AnnexIII}
	if av.All {
		return av
	}
	var exp, imp []string
	for _, i := range idx {
		exp = appendNew(exp, p.Transfers[i].Transfer.Exporters...)
		imp = appendNew(imp, p.Transfers[i].Transfer.Importers...)
	}
	exporters, importers := annexParties(d, p)
	entries := func(group []*model.Party, ids []string) (nums, names []string) {
		for k, party := range group {
			if slices.Contains(ids, party.ID) {
				nums = append(nums, fmt.Sprint(k+1))
				names = append(names, esc(party.Name))
			}
		}
		return nums, names
	}
	av.ExporterNums, av.ExporterNames = entries(exporters, exp)
	av.ImporterNums, av.ImporterNames = entries(importers, imp)
	for _, i := range idx {
		av.Sections = append(av.Sections, fmt.Sprintf("B.%d", i+1))
	}
	if r.Clause13 {
		for _, e := range p.Exporters {
			if slices.Contains(exp, e.Party.ID) {
				av.Authorities = append(av.Authorities, esc(e.Party.Name))
			}
		}
	}
	for _, ms := range d.SecurityMeasures {
		if len(ms.Transfers) > 0 && !slices.ContainsFunc(idx, func(i int) bool { return slices.Contains(ms.Transfers, p.Transfers[i].Transfer.ID) }) {
			av.AnnexIIExcept = true
			break
		}
	}
	return av
}
