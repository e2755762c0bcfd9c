package cli

import (
	"strings"
	"testing"
)

// TestFormatHelpOverlays checks that dpa help format names the keys added
// for issue 15 (UK Addendum, Swiss supplement).
func TestFormatHelpOverlays(t *testing.T) {
	help := newTopicFormat().Long
	for _, want := range []string{"trading_name", "uk_gdpr", "swiss_fadp", "uk_addendum", "ending (Table 4", "module4_combined", "swiss_supplement", "governing_law, courts (CH"} {
		if !strings.Contains(help, want) {
			t.Errorf("dpa help format lacks %q", want)
		}
	}
}
