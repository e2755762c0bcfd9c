package scc

import (
	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/model"
)

// positions checks the negotiation positions and the execution mode:
// click-through execution needs a Principal Agreement to be accepted
// with, and the positions on objections exist only under general
// authorisation (under specific authorisation nothing is engaged without
// Customer's prior consent, so there is nothing to object to or accept by
// silence).
func (a *analyzer) positions() {
	d := a.d
	if d.Execution() == model.ClickThrough && d.Agreement.PrincipalAgreement == "" {
		a.add("/agreement/execution", diag.Error, "law.click-through",
			"name the agreement it is accepted with under agreement.principal_agreement, or use execution: signature",
			"click-through execution makes entering into the Principal Agreement the signature of this agreement, but the description names no principal agreement")
	}
	if ControllersOnly(a.plan) {
		return // controllerTerms rejects the positions
	}
	sp := d.DPA.Subprocessors
	if sp.Authorisation == model.Specific {
		if sp.Objection != "" {
			a.add("/dpa/subprocessors/objection", diag.Error, "law.objection",
				"remove objection, or use authorisation: general",
				"objection applies only under general authorisation: under specific authorisation no sub-processor is engaged without prior consent")
		}
		if sp.DeemedAcceptance != nil && *sp.DeemedAcceptance {
			a.add("/dpa/subprocessors/deemed_acceptance", diag.Error, "law.objection",
				"remove deemed_acceptance, or use authorisation: general",
				"deemed_acceptance applies only under general authorisation: specific authorisation must be given expressly, in writing")
		}
	}
}
