package cli

import (
	"strings"
	"testing"
)

// TestFormatHelp checks that dpa help format names the keys added for
// issue 9.
func TestFormatHelp(t *testing.T) {
	help := newTopicFormat().Long
	for _, want := range []string{"title", "tia {reference, date}", "redress_body", "{name, address, email, website}",
		"controller_decision_days", "principal_liability_cap", "{working: N}", "dpf_certified",
		"preset", "customer-friendly", "balanced", "provider-friendly", "reports_first", "deemed_acceptance", "click-through"} {
		if !strings.Contains(help, want) {
			t.Errorf("dpa help format lacks %q", want)
		}
	}
}
