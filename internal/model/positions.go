package model

import "slices"

// Preset is a ready set of negotiation positions (dpa.preset).
type Preset string

// The presets. NoPreset keeps the documented defaults.
const (
	NoPreset         Preset = ""
	CustomerFriendly Preset = "customer-friendly"
	Balanced         Preset = "balanced"
	ProviderFriendly Preset = "provider-friendly"
)

// Presets lists the presets in the order the documentation gives them.
var Presets = []Preset{CustomerFriendly, Balanced, ProviderFriendly}

// Who bears a cost (AuditCosts, ReturnCosts).
const (
	EachParty    = "each"     // each Party bears its own costs
	CustomerPays = "customer" // Customer bears the costs, Provider's reasonable costs included
	ProviderPays = "provider" // Provider bears the costs
	NotStated    = ""         // the agreement says nothing on the costs
)

// What follows an objection to a new Sub-processor (Objection).
const (
	ObjectTerm = "terminate"   // Provider does not engage it; either Party may terminate
	ObjectAlt  = "alternative" // Provider seeks an alternative; Customer may terminate
)

// What Customer is deemed to choose at the end of the processing
// (DeemedChoice).
const (
	DeemNothing  = ""         // nothing: Provider awaits Customer's choice
	DeemDeletion = "deletion" // deletion, where Customer has not chosen
	DeemReturn   = "return"   // return followed by deletion, where Customer has not chosen
)

// How the agreement is executed (agreement.execution).
const (
	SignatureExec = "signature"
	ClickThrough  = "click-through"
)

// Execution is how the agreement is executed: "signature" (the default:
// a signature page) or "click-through" (accepted with the Principal
// Agreement).
func (d *Description) Execution() string {
	if d.Agreement.Execution == ClickThrough {
		return ClickThrough
	}
	return SignatureExec
}

// Positions are the negotiation positions of the Article 28 body after
// the preset and the description's own parameters are applied. The zero
// value of each field is today's default wording.
type Positions struct {
	Preset Preset

	// Audits.
	AuditFrequency    string // "", "annual", "biennial" or "on_request"
	AuditNotice       *Days  // nil: reasonable prior written notice
	AuditReportsFirst bool   // reports and certifications before an audit
	AuditRemote       bool   // audits remotely where that suffices
	AuditCosts        string // EachParty, CustomerPays or ProviderPays

	// Sub-processors (general authorisation only).
	Objection        string // ObjectTerm or ObjectAlt
	DeemedAcceptance bool   // no objection within the notice period is acceptance

	// Breach notification.
	BreachHours int

	// Liability: the amount of the Principal Agreement's cap applies
	// between the Parties under Clause 12(a) of the Clauses.
	LiabilityCap bool

	// End of the processing.
	DeletionDays Days
	DeemedChoice string // DeemNothing, DeemDeletion or DeemReturn
	ReturnCosts  string // NotStated, CustomerPays or ProviderPays

	// Source names, for each position, where its value comes from: its
	// JSON pointer in the description, "preset" or "default".
	Source map[string]string
}

// presetValues are the positions of each preset; a description's own
// parameters override them one by one.
var presetValues = map[Preset]Positions{
	CustomerFriendly: {
		AuditFrequency: "", AuditNotice: nil, AuditReportsFirst: false, AuditRemote: false, AuditCosts: ProviderPays,
		Objection: ObjectTerm, DeemedAcceptance: false,
		BreachHours:  24,
		LiabilityCap: false,
		DeletionDays: Days{N: 30}, DeemedChoice: DeemReturn, ReturnCosts: ProviderPays,
	},
	Balanced: {
		AuditFrequency: "annual", AuditNotice: &Days{N: 30}, AuditReportsFirst: true, AuditRemote: false, AuditCosts: EachParty,
		Objection: ObjectAlt, DeemedAcceptance: true,
		BreachHours:  36,
		LiabilityCap: false,
		DeletionDays: Days{N: 30}, DeemedChoice: DeemDeletion, ReturnCosts: ProviderPays,
	},
	ProviderFriendly: {
		AuditFrequency: "annual", AuditNotice: &Days{N: 30}, AuditReportsFirst: true, AuditRemote: true, AuditCosts: CustomerPays,
		Objection: ObjectAlt, DeemedAcceptance: true,
		BreachHours: 48,
		// No preset caps the liability under the Clauses: even an
		// amount-only cap on Clause 12(a) is a litigation risk, so it is
		// left to an express principal_liability_cap: true.
		LiabilityCap: false,
		DeletionDays: Days{N: 30}, DeemedChoice: DeemDeletion, ReturnCosts: CustomerPays,
	},
}

// defaults are the positions without a preset: today's wording.
var defaults = Positions{AuditCosts: EachParty, Objection: ObjectTerm, BreachHours: 48, DeletionDays: Days{N: 30}}

// PresetPositions returns the positions of preset p (the defaults for
// NoPreset or an unknown name).
func PresetPositions(p Preset) Positions {
	if v, ok := presetValues[p]; ok {
		return v
	}
	return defaults
}

// Positions resolves the negotiation positions: each parameter the
// description sets wins over dpa.preset, which wins over the default.
func (d *Description) Positions() Positions {
	pr := d.DPA.Preset
	base := PresetPositions(pr)
	src := "default"
	if _, ok := presetValues[pr]; ok {
		src = "preset"
	} else {
		pr = NoPreset
	}
	out := base
	out.Preset = pr
	out.Source = map[string]string{}
	set := func(key, ptr string, given bool) {
		if given {
			out.Source[key] = ptr
		} else {
			out.Source[key] = src
		}
	}
	a := d.DPA.Audit
	if a == nil {
		a = &Audit{}
	}
	if a.Frequency != "" {
		out.AuditFrequency = a.Frequency
	}
	set("audit.frequency", "/dpa/audit/frequency", a.Frequency != "")
	if a.NoticeDays != nil {
		n := *a.NoticeDays
		out.AuditNotice = &n
	} else if out.AuditNotice != nil {
		n := *out.AuditNotice
		out.AuditNotice = &n
	}
	set("audit.notice_days", "/dpa/audit/notice_days", a.NoticeDays != nil)
	if a.ReportsFirst != nil {
		out.AuditReportsFirst = *a.ReportsFirst
	}
	set("audit.reports_first", "/dpa/audit/reports_first", a.ReportsFirst != nil)
	if a.Remote != nil {
		out.AuditRemote = *a.Remote
	}
	set("audit.remote", "/dpa/audit/remote", a.Remote != nil)
	if a.Costs != "" {
		out.AuditCosts = a.Costs
	}
	set("audit.costs", "/dpa/audit/costs", a.Costs != "")

	sp := d.DPA.Subprocessors
	if sp.Objection != "" {
		out.Objection = sp.Objection
	}
	set("subprocessors.objection", "/dpa/subprocessors/objection", sp.Objection != "")
	if sp.DeemedAcceptance != nil {
		out.DeemedAcceptance = *sp.DeemedAcceptance
	}
	set("subprocessors.deemed_acceptance", "/dpa/subprocessors/deemed_acceptance", sp.DeemedAcceptance != nil)

	if h := d.DPA.BreachNoticeHours; h != nil {
		out.BreachHours = *h
	}
	set("breach_notice_hours", "/dpa/breach_notice_hours", d.DPA.BreachNoticeHours != nil)

	if c := d.DPA.LiabilityCap; c != nil {
		out.LiabilityCap = *c
	}
	set("principal_liability_cap", "/dpa/principal_liability_cap", d.DPA.LiabilityCap != nil)

	if dd := d.DPA.DeletionDays; dd != nil {
		out.DeletionDays = *dd
	}
	set("deletion_days", "/dpa/deletion_days", d.DPA.DeletionDays != nil)
	r := d.DPA.Return
	if r == nil {
		r = &Return{}
	}
	if r.DeemedChoice != "" {
		out.DeemedChoice = r.DeemedChoice
		if r.DeemedChoice == "none" {
			out.DeemedChoice = DeemNothing
		}
	}
	set("return.deemed_choice", "/dpa/return/deemed_choice", r.DeemedChoice != "")
	if r.Costs != "" {
		out.ReturnCosts = r.Costs
		if r.Costs == "unstated" {
			out.ReturnCosts = NotStated
		}
	}
	set("return.costs", "/dpa/return/costs", r.Costs != "")
	return out
}

// PositionKeys lists the keys of Positions.Source in the order explain
// shows them.
var PositionKeys = []string{
	"audit.frequency", "audit.notice_days", "audit.reports_first", "audit.remote", "audit.costs",
	"subprocessors.objection", "subprocessors.deemed_acceptance",
	"breach_notice_hours", "principal_liability_cap",
	"deletion_days", "return.deemed_choice", "return.costs",
}

// ValidPreset reports whether p names a preset.
func ValidPreset(p Preset) bool { return slices.Contains(Presets, p) }
