package assemble

import (
	"slices"

	"github.com/dpa-tool/dpa/internal/model"
	"github.com/dpa-tool/dpa/internal/scc"
)

// newPositionsView takes what the wording needs from the resolved
// positions. The Clauses that cover audits (Clause 8.9 of Modules Two and
// Three, Clause 8.3(b) of Module Four) and deletion or return (Clause 8.5
// of Modules Two and Three, Clause 8.1(d) of Module Four) are in every
// module but One; the sub-processor Clause 9 only where scc.Rules says so.
func newPositionsView(pos model.Positions, p *model.Plan) positionsView {
	v := positionsView{
		ReportsFirst: pos.AuditReportsFirst, Remote: pos.AuditRemote, AuditCosts: pos.AuditCosts,
		Objection: pos.Objection, DeemedAcceptance: pos.DeemedAcceptance,
		DeemedDeletion: pos.DeemedChoice == model.DeemDeletion, ReturnCosts: pos.ReturnCosts,
	}
	processorModules := slices.ContainsFunc(p.Modules, func(m model.Module) bool { return m != model.ModuleOne })
	clause9 := slices.ContainsFunc(p.Modules, func(m model.Module) bool { return scc.Rules(m).Clause9 })
	v.AuditSCC = processorModules && (v.ReportsFirst || v.Remote || v.AuditCosts != model.EachParty)
	v.SubsSCC = clause9 && p.Authorisation != model.Specific && (v.Objection != model.ObjectTerm || v.DeemedAcceptance)
	v.ReturnSCC = processorModules && (v.DeemedDeletion || v.ReturnCosts != model.NotStated)
	return v
}

// positionsView is what the body's wording needs of model.Positions.
type positionsView struct {
	// ReportsFirst is true when Customer first considers audit reports
	// and certifications.
	ReportsFirst bool
	// Remote is true when audits are carried out remotely where that
	// suffices.
	Remote bool
	// AuditCosts is "each", "customer" or "provider".
	AuditCosts string
	// Objection is "terminate" or "alternative".
	Objection string
	// DeemedAcceptance is true when a change of sub-processor not
	// objected to within the notice period is accepted.
	DeemedAcceptance bool
	// DeemedDeletion is true when Customer, without a choice before the
	// services end, is deemed to have chosen deletion.
	DeemedDeletion bool
	// ReturnCosts is "", "customer" or "provider".
	ReturnCosts string
	// AuditSCC is true where the audit position departs from the default
	// and Clauses with audit provisions apply: the section then says
	// that they prevail. SubsSCC does the same for Clause 9(a), ReturnSCC
	// for the Clauses' provisions on deletion and return.
	AuditSCC, SubsSCC, ReturnSCC bool
}
