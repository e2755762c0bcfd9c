package model

import (
	"reflect"
	"testing"
)

// TestPositionsPrecedence: a parameter in the description wins over the
// preset, the preset over the default; Source says which (issue 16).
func TestPositionsPrecedence(t *testing.T) {
	no, hours := false, 12
	d := &Description{DPA: DPA{
		Preset:            ProviderFriendly,
		BreachNoticeHours: &hours,
		LiabilityCap:      &no,
		Audit:             &Audit{Costs: EachParty},
	}}
	p := d.Positions()
	if p.Preset != ProviderFriendly {
		t.Errorf("Preset = %q, want provider-friendly", p.Preset)
	}
	if p.BreachHours != 12 || p.LiabilityCap || p.AuditCosts != EachParty {
		t.Errorf("overrides lost: hours %d, cap %v, costs %q; want 12, false, each", p.BreachHours, p.LiabilityCap, p.AuditCosts)
	}
	if !p.AuditRemote || !p.AuditReportsFirst || p.Objection != ObjectAlt || !p.DeemedAcceptance || p.ReturnCosts != CustomerPays {
		t.Errorf("preset positions lost: %+v", p)
	}
	for key, want := range map[string]string{"breach_notice_hours": "/dpa/breach_notice_hours", "audit.costs": "/dpa/audit/costs", "audit.remote": "preset"} {
		if got := p.Source[key]; got != want {
			t.Errorf("Source[%q] = %q, want %q", key, got, want)
		}
	}
	if len(p.Source) != len(PositionKeys) {
		t.Errorf("Source has %d keys, PositionKeys %d", len(p.Source), len(PositionKeys))
	}
}

// TestPositionsDefault: without a preset or parameters, the positions
// are today's wording: no frequency limit, reasonable notice, each Party
// its own costs, termination after an objection, 48 hours, no cap under
// the Clauses, 30 days, no deemed choice, costs of a return unstated.
func TestPositionsDefault(t *testing.T) {
	p := (&Description{}).Positions()
	want := Positions{AuditCosts: EachParty, Objection: ObjectTerm, BreachHours: 48, DeletionDays: Days{N: 30}}
	p.Source = nil
	if !reflect.DeepEqual(p, want) {
		t.Errorf("default positions %+v, want %+v", p, want)
	}
	for _, pr := range Presets {
		if !ValidPreset(pr) {
			t.Errorf("ValidPreset(%q) = false", pr)
		}
	}
}
