package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/dpa-tool/dpa/internal/model"
	"github.com/dpa-tool/dpa/internal/scc"
)

// PositionsExpl is the negotiation positions of the Article 28 body and
// the execution mode, as dpa explain shows them (issue 16).
type PositionsExpl struct {
	// Preset is the dpa.preset in effect, or "none".
	Preset string `json:"preset"`
	// Execution is "signature" or "click-through".
	Execution string         `json:"execution"`
	Items     []PositionExpl `json:"items"`
}

// PositionExpl is one resolved position.
type PositionExpl struct {
	Key   string `json:"key"`   // the parameter, e.g. audit.costs
	Value string `json:"value"` // as the description writes it
	Text  string `json:"text"`  // what the agreement says
	// Source is the parameter that set it (e.g. dpa.audit.costs), "preset"
	// or "default".
	Source string `json:"source"`
}

// explainPositions resolves the positions of d; nil for an agreement
// without Article 28 terms (they do not apply).
func explainPositions(d *model.Description, p *model.Plan) *PositionsExpl {
	if scc.ControllersOnly(p) {
		return &PositionsExpl{Preset: "none", Execution: d.Execution(), Items: []PositionExpl{}}
	}
	pos := d.Positions()
	out := &PositionsExpl{Preset: string(pos.Preset), Execution: d.Execution(), Items: []PositionExpl{}}
	if out.Preset == "" {
		out.Preset = "none"
	}
	general := p.Authorisation != model.Specific
	yes := func(b bool) string {
		if b {
			return "true"
		}
		return "false"
	}
	for _, k := range model.PositionKeys {
		var value, text string
		switch k {
		case "audit.frequency":
			value = orNone(pos.AuditFrequency)
			text = map[string]string{"": "no limit on frequency", "annual": "at most once a year", "biennial": "at most once every two years", "on_request": "on request"}[pos.AuditFrequency]
		case "audit.notice_days":
			value, text = "reasonable", "reasonable prior written notice"
			if pos.AuditNotice != nil {
				value, text = pos.AuditNotice.String(), "at least "+pos.AuditNotice.String()+"’ prior written notice"
			}
		case "audit.reports_first":
			value, text = yes(pos.AuditReportsFirst), "Customer may audit without first considering Provider’s reports"
			if pos.AuditReportsFirst {
				text = "Customer first considers Provider’s audit reports and certifications, and audits where they do not suffice"
			}
		case "audit.remote":
			value, text = yes(pos.AuditRemote), "Customer decides how the audit is carried out"
			if pos.AuditRemote {
				text = "audits remotely where that suffices; inspections on site remain possible"
			}
		case "audit.costs":
			value = pos.AuditCosts
			text = map[string]string{model.EachParty: "each Party bears its own costs", model.CustomerPays: "Customer bears the costs, unless the audit finds a material breach or a supervisory authority requires it", model.ProviderPays: "Provider bears its own costs and does not charge for contributing"}[pos.AuditCosts]
		case "subprocessors.objection":
			value = pos.Objection
			text = map[string]string{model.ObjectTerm: "the objected Sub-processor is not engaged; either Party may terminate the affected services", model.ObjectAlt: "Provider seeks a reasonable alternative; failing one, Customer may terminate the affected services"}[pos.Objection]
			if !general {
				text = "not applicable: specific authorisation"
			}
		case "subprocessors.deemed_acceptance":
			value, text = yes(pos.DeemedAcceptance), "silence is not acceptance"
			if pos.DeemedAcceptance {
				text = "a change not objected to within the notice period is accepted"
			}
			if !general {
				text = "not applicable: specific authorisation"
			}
		case "breach_notice_hours":
			value, text = fmt.Sprint(pos.BreachHours), fmt.Sprintf("without undue delay, at most %d hours", pos.BreachHours)
		case "principal_liability_cap":
			value = yes(pos.LiabilityCap)
			switch {
			case d.Agreement.PrincipalAgreement == "":
				text = "not applicable: no principal agreement"
			case !p.AnySCC():
				text = "the Principal Agreement’s limits apply between the Parties"
			case pos.LiabilityCap:
				text = "the Principal Agreement’s maximum amount also caps Clause 12(a) between the Parties, without exclusions, claims back or wilful misconduct and gross negligence; a litigation risk under Clause 2(a)"
			default:
				text = "the Principal Agreement’s limits apply between the Parties, but not under the Clauses"
			}
		case "deletion_days":
			value, text = pos.DeletionDays.String(), "deletion or return within "+pos.DeletionDays.String()
		case "return.deemed_choice":
			value, text = orNone(pos.DeemedChoice), "Provider awaits Customer’s choice"
			switch pos.DeemedChoice {
			case model.DeemDeletion:
				text = "without a choice within 14 days after the end of the services, Customer is deemed to have chosen deletion"
			case model.DeemReturn:
				text = "without a choice within 14 days after the end of the services, Customer is deemed to have chosen return followed by deletion"
			}
		case "return.costs":
			value = pos.ReturnCosts
			if value == "" {
				value = "unstated"
			}
			text = map[string]string{model.NotStated: "not stated", model.ProviderPays: "Provider bears the costs of a return", model.CustomerPays: "Customer bears Provider’s reasonable costs of a return beyond the services’ export functions"}[pos.ReturnCosts]
		}
		src := pos.Source[k]
		if strings.HasPrefix(src, "/") {
			src = strings.ReplaceAll(src[1:], "/", ".")
		} else if src == "preset" {
			src = "preset " + string(pos.Preset)
		}
		out.Items = append(out.Items, PositionExpl{Key: k, Value: value, Text: text, Source: src})
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// writePositions prints the positions block of dpa explain.
func writePositions(w io.Writer, ps *PositionsExpl) {
	if ps == nil {
		return
	}
	fmt.Fprintf(w, "\n  execution: %s\n", ps.Execution)
	if len(ps.Items) == 0 {
		return
	}
	fmt.Fprintf(w, "  negotiation positions (preset: %s)\n", ps.Preset)
	for _, it := range ps.Items {
		fmt.Fprintf(w, "    %-32s %s: %s (%s)\n", it.Key+":", it.Value, it.Text, it.Source)
	}
}
