package assemble

import (
	"github.com/dpa-tool/dpa/internal/model"
	"github.com/dpa-tool/dpa/internal/scc"
)

// moduleView is what the templates need for Modules One and Four: whether
// the agreement is a data transfer agreement between controllers, and
// which parts of the Appendix it has.
type moduleView struct {
	// ControllersOnly is true when every transfer is from a controller to a
	// controller: the body is that of a data transfer agreement
	// (dta.md.tmpl), without Article 28 terms, Annex II assistance
	// measures or Annex III.
	ControllersOnly bool
	// ExporterNames and ImporterNames name the parties of a data transfer
	// agreement.
	ExporterNames, ImporterNames string
	// AnnexIC is true when some exporter has a Clause 13 authority (not
	// under Module Four); AnnexIII when the agreement has Article 28 terms;
	// SubprocessorAnnex when a module's Appendix has Annex III (Modules Two
	// and Three).
	AnnexIC, AnnexIII, SubprocessorAnnex bool
}

// newModuleView derives the module facts of the templates.
func newModuleView(d *model.Description, p *model.Plan, exporters, importers []*model.Party) moduleView {
	mv := moduleView{
		ControllersOnly:   scc.ControllersOnly(p),
		ExporterNames:     namesOf(exporters),
		ImporterNames:     namesOf(importers),
		AnnexIC:           len(p.Exporters) > 0,
		SubprocessorAnnex: slicesHas(p.Modules, model.ModuleTwo, model.ModuleThree),
	}
	mv.AnnexIII = !mv.ControllersOnly
	return mv
}

// bodyParties returns Customer and Provider of the Article 28 terms, in
// party order: for a transfer to a processor, its exporters and importers;
// under Module Four, the controller that imports and the processor that
// exports. Transfers between controllers (Module One) have neither.
func bodyParties(d *model.Description, p *model.Plan) (customers, providers []*model.Party) {
	cust, prov := map[string]bool{}, map[string]bool{}
	for _, tp := range p.Transfers {
		t := tp.Transfer
		switch {
		case t.Roles.Importer == model.Processor:
			mark(cust, t.Exporters)
			mark(prov, t.Importers)
		case tp.Module == model.ModuleFour:
			mark(cust, t.Importers)
			mark(prov, t.Exporters)
		}
	}
	for _, party := range d.Parties {
		if cust[party.ID] {
			customers = append(customers, party)
		}
		if prov[party.ID] {
			providers = append(providers, party)
		}
	}
	return customers, providers
}

func mark(set map[string]bool, ids []string) {
	for _, id := range ids {
		set[id] = true
	}
}

// returnFlowIndex returns the index in p of the Module Four transfer that
// carries the flow back for tp, or -1.
func returnFlowIndex(d *model.Description, p *model.Plan, tp *model.TransferPlan) int {
	r := scc.ReturnFlow(d, tp.Transfer)
	for i, x := range p.Transfers {
		if r != nil && x.Transfer == r && x.SCC {
			return i
		}
	}
	return -1
}

func slicesHas(mods []model.Module, want ...model.Module) bool {
	for _, m := range mods {
		for _, w := range want {
			if m == w {
				return true
			}
		}
	}
	return false
}
