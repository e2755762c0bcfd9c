package assemble

import (
	"slices"

	"github.com/dpa-tool/dpa/internal/model"
)

// newPositionsView takes what the wording needs from the resolved
// positions. The Clauses that cover audits (Clause 8.9 of Modules Two and
// Three, Clause 8.3(b) of Module Four) and deletion or return (Clause 8.5
// of Modules Two and Three, Clause 8.1(d) of Module Four) are in every
// module but One.
func newPositionsView(pos model.Positions, p *model.Plan) positionsView {
	v := positionsView{
		ReportsFirst: pos.AuditReportsFirst, Remote: pos.AuditRemote, AuditCosts: pos.AuditCosts,
		Objection: pos.Objection, DeemedAcceptance: pos.DeemedAcceptance,
		DeemedChoice: pos.DeemedChoice, ReturnCosts: pos.ReturnCosts,
	}
	processorModules := slices.ContainsFunc(p.Modules, func(m model.Module) bool { return m != model.ModuleOne })
	v.AuditSCC = processorModules && (v.ReportsFirst || v.Remote || v.AuditCosts != model.EachParty)
	v.ReturnSCC = processorModules && (v.DeemedChoice != model.DeemNothing || v.ReturnCosts != model.NotStated)
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
	// DeemedChoice is what Customer is deemed to have chosen without a
	// choice within 14 days after the services end: "" (nothing),
	// "deletion" or "return" (return followed by deletion).
	DeemedChoice string
	// ReturnCosts is "", "customer" or "provider".
	ReturnCosts string
	// AuditSCC is true where the audit position departs from the default
	// and Clauses with audit provisions apply: the section then says
	// that they prevail. ReturnSCC does the same for the Clauses'
	// provisions on deletion and return.
	AuditSCC, ReturnSCC bool
}
