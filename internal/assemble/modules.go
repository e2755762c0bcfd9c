package assemble

import (
	"fmt"
	"github.com/dpa-tool/dpa/internal/prose"

	"github.com/dpa-tool/dpa/internal/model"
	"github.com/dpa-tool/dpa/internal/scc"
)

// moduleView is what the template needs for Modules One and Four: whether
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
	// TransferParagraphs of a data transfer agreement say which transfers
	// the Clauses cover.
	TransferParagraphs []string
	// AnnexIC is true when some exporter has a Clause 13 authority (not
	// under Module Four); AnnexIII when the agreement has Article 28 terms.
	AnnexIC, AnnexIII bool
	// AppendixParts lists what the Annexes are for the Clauses.
	AppendixParts string
	// Liability is the liability section of a data transfer agreement.
	Liability []string
}

// newModuleView derives the module facts of the template.
func newModuleView(d *model.Description, p *model.Plan, exporters, importers []*model.Party) moduleView {
	mv := moduleView{
		ControllersOnly: scc.ControllersOnly(p),
		ExporterNames:   namesOf(exporters),
		ImporterNames:   namesOf(importers),
		AnnexIC:         len(p.Exporters) > 0,
	}
	mv.AnnexIII = !mv.ControllersOnly
	parts := []string{"Annex I.A lists the parties", "Annex I.B describes the transfers"}
	if mv.AnnexIC {
		parts = append(parts, "Annex I.C names the competent supervisory authority")
	}
	parts = append(parts, "Annex II sets out the technical and organisational measures")
	if slicesHas(p.Modules, model.ModuleTwo, model.ModuleThree) {
		parts = append(parts, "Annex III lists the sub-processors")
	}
	mv.AppendixParts = prose.List(parts)
	if mv.ControllersOnly {
		mv.Liability = dtaLiability(d, p)
		for i, tp := range p.Transfers {
			switch {
			case tp.SCC && tp.Needed:
				mv.TransferParagraphs = append(mv.TransferParagraphs, fmt.Sprintf("The Clauses apply to %s.", transferRef(p, i)))
			case tp.SCC:
				mv.TransferParagraphs = append(mv.TransferParagraphs, fmt.Sprintf("The data importer of %s is established in the European Economic Area, so that it is not a transfer to a third country under Chapter V of the GDPR. The Parties nonetheless agree the Clauses for it, as contractual safeguards only.", transferRef(p, i)))
			default:
				mv.TransferParagraphs = append(mv.TransferParagraphs, fmt.Sprintf("%s involves no transfer to a third country, as its data importer is established in the European Economic Area; the Clauses do not apply to it.", upperFirst(transferRef(p, i))))
			}
		}
	}
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

// moduleRole returns the role paragraph of a Module One or Module Four
// transfer, and false for the other modules.
func moduleRole(d *model.Description, p *model.Plan, i int) (string, bool) {
	tp := p.Transfers[i]
	t := tp.Transfer
	exp, imp := prose.List(partyNames(d, t.Exporters)), prose.List(partyNames(d, t.Importers))
	switch tp.Module {
	case model.ModuleOne:
		return fmt.Sprintf("For %s, %s and %s each act as an independent controller:%s the provisions of this Agreement on processing on behalf of Customer do not apply to it.",
			transferRef(p, i), exp, imp, addendumClause(p, tp, " the Standard Contractual Clauses of Addendum %s govern that transfer, and")), true
	case model.ModuleFour:
		return fmt.Sprintf("For %s, %s acts as processor and makes Personal Data available to %s, the controller on whose behalf it processes them.",
			transferRef(p, i), exp, imp), true
	}
	return "", false
}

// moduleTransferParagraphs returns what the body says about Module Four
// transfers: the Clauses have no sub-processor clause, no Annex III and no
// competent supervisory authority for them, so the body's terms apply.
func moduleTransferParagraphs(p *model.Plan) []string {
	var idx []int
	for i, tp := range p.Transfers {
		if tp.SCC && tp.Module == model.ModuleFour {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return nil
	}
	var refs []string
	for _, i := range idx {
		refs = append(refs, transferRef(p, i))
	}
	return []string{fmt.Sprintf("Module Four of the Standard Contractual Clauses, which applies to %s, contains no clause on the use of sub-processors and none on the competent supervisory authority. Provider engages Sub-processors for the processing on behalf of Customer only as this Agreement provides, and Annex I.C names no supervisory authority for %s.",
		prose.List(refs), plural(len(refs), "that transfer", "those transfers"))}
}

// addendumClause formats format with the numeral of the addendum that
// covers tp, or returns "" when tp has no Clauses.
func addendumClause(p *model.Plan, tp *model.TransferPlan, format string) string {
	if !tp.SCC {
		return ""
	}
	for i, m := range p.Modules {
		if m == tp.Module {
			return fmt.Sprintf(format, roman(i+1))
		}
	}
	return ""
}

// transferRef names transfer i in the body, as the rest of the body does
// (see transferRefs).
func transferRef(p *model.Plan, i int) string { return transferRefs(p).one(i) }

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

// dtaLiability is the liability section of a data transfer agreement: no
// limitation towards data subjects, and the Principal Agreement's
// limitation between the Parties only where dpa.principal_liability_cap
// says so.
func dtaLiability(d *model.Description, p *model.Plan) []string {
	principal := "any other arrangement between the Parties"
	if d.Agreement.PrincipalAgreement != "" {
		principal = "the Principal Agreement"
	}
	if !p.AnySCC() {
		return []string{fmt.Sprintf("Each Party is liable for its own processing as the data protection law that applies to it provides; nothing in this Agreement or %s limits the rights of data subjects under Article 82 of the GDPR.", principal)}
	}
	out := []string{fmt.Sprintf("Nothing in this Agreement or %s limits the liability of a Party towards data subjects under Clause 12 of the Clauses or under Article 82 of the GDPR, or the rights of data subjects under the Clauses.", principal)}
	switch {
	case d.LiabilityCapped() && d.Agreement.PrincipalAgreement != "":
		out = append(out, "The limitation of liability in the Principal Agreement applies to the liability of the Parties towards each other under Clause 12(a) and (d) of the Clauses, to the extent the Clauses and Data Protection Law permit.")
	default:
		out = append(out, fmt.Sprintf("No limitation of liability in %s applies to the liability of the Parties towards each other under the Clauses.", principal))
	}
	return out
}

// appendixOf names the Annexes that form the Appendix of module m's
// Clauses: Module Four's Appendix has Annex I.A and I.B only, Module One's
// no Annex III.
func appendixOf(m model.Module) string {
	r := scc.Rules(m)
	switch {
	case !r.Clause13 && !r.AnnexII:
		return "Annex I.A and I.B"
	case !r.AnnexIII:
		return "Annexes I and II"
	}
	return "Annexes I, II and III"
}
