package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/diag"
)

// TestLookalikes: invisible characters, space look-alikes and mixed
// alphabets in names and e-mail addresses are warned about at their place;
// ordinary names in any one alphabet are not.
func TestLookalikes(t *testing.T) {
	tests := []struct {
		value    string
		line     int
		col      int
		contains string
	}{
		{`"Nimbus` + "\u00ad" + `Desk Inc."`, 4, 18, "soft hyphen (U+00AD)"},
		{"Nimbus\u00a0Desk Inc.", 4, 17, "no-break space (U+00A0)"},
		{"Nimbus Desk\u202fInc.", 4, 22, "narrow no-break space"},
		{"N\u043erthwind Analytics", 4, 12, `mixes Latin and Cyrillic letters in the word "N` + "\u043e" + `rthwind"`},
		{"Ακμή Αναλυτικ\u0061", 4, 24, "mixes Greek and Latin"},
		{"Zero\u200bWidth Ltd", 4, 15, "zero-width space"},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		p := filepath.Join(dir, "d.yaml")
		os.WriteFile(p, []byte("version: 1\nparties:\n  - id: a\n    name: "+tt.value+"\n"), 0o644)
		r, err := File(p)
		if err != nil {
			t.Fatal(err)
		}
		var got *diag.Diagnostic
		for i, d := range r.Diags {
			if d.Code == "structure.lookalike" {
				got = &r.Diags[i]
			}
		}
		if got == nil || got.Severity != diag.Warning || got.Pos.Line != tt.line || got.Pos.Col != tt.col || !strings.Contains(got.Msg, tt.contains) {
			t.Errorf("%q: got %+v, want a warning at %d:%d containing %q", tt.value, got, tt.line, tt.col, tt.contains)
		}
	}
	for _, ok := range []string{"Müller & Söhne GmbH", "Ακμή Αναλυτική Α.Ε.", "ООО Ромашка", "株式会社サンプル", "O'Brien-Smith Ltd., 2nd floor"} {
		dir := t.TempDir()
		p := filepath.Join(dir, "d.yaml")
		os.WriteFile(p, []byte("version: 1\nparties:\n  - id: a\n    name: \""+ok+"\"\n"), 0o644)
		r, _ := File(p)
		for _, d := range r.Diags {
			if d.Code == "structure.lookalike" {
				t.Errorf("%q: %s", ok, d.Msg)
			}
		}
	}
}
