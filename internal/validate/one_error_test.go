package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/diag"
)

// TestOneMistakeOneError edits one value of a valid example and expects
// exactly one error, at the edited line, with the expected message and
// hint (issue 14).
func TestOneMistakeOneError(t *testing.T) {
	src, err := os.ReadFile("../../examples/saas-us/northwind.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, old, new string
		msg, hint      string
	}{
		{"version 2", "version: 1", "version: 2", "/version: must be 1, not 2", "write version: 1"},
		{"date with dots", "date: 2026-05-01", "date: 01.03.2026", `"01.03.2026" is not a date in the form YYYY-MM-DD`, "2026-05-01"},
		{"lower-case country", "country: NL", "country: nl", `"nl" is not an ISO 3166-1 alpha-2 country code`, "country codes are upper case: NL"},
		{"region by name", "country: NL\n    region: NL-NH", "country: DE\n    region: Hamburg", `"Hamburg" is not an ISO 3166-2 region code`, "DE-HH"},
		{"lower-case region", "region: NL-NH", "region: nl-nh", `"nl-nh" is not an ISO 3166-2 region code`, "region codes are upper case: NL-NH"},
		{"missing key", "agreement:\n", "agreement_:\n", `missing required key "agreement"`, "agreement: {date: 2026-05-01}"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(string(src), tt.old) {
				t.Fatalf("the example has no %q", tt.old)
			}
			edited := strings.Replace(string(src), tt.old, tt.new, 1)
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".yaml")
			if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
				t.Fatal(err)
			}
			r, err := File(path)
			if err != nil {
				t.Fatal(err)
			}
			var errs diag.List
			for _, d := range r.Diags {
				if d.Severity == diag.Error && d.Code != "schema.unknown-key" {
					errs = append(errs, d)
				}
			}
			if len(errs) != 1 {
				t.Fatalf("%d errors, want 1:\n%s", len(errs), errs.Error())
			}
			d := errs[0]
			if !strings.Contains(d.Msg, tt.msg) || !strings.Contains(d.Hint, tt.hint) {
				t.Errorf("got %q (hint %q), want %q (hint containing %q)", d.Msg, d.Hint, tt.msg, tt.hint)
			}
			line := strings.Count(edited[:strings.Index(edited, tt.new)], "\n") + 1
			if tt.name == "region by name" {
				line++
			}
			if tt.name != "missing key" && d.Pos.Line != line {
				t.Errorf("error at line %d, want %d", d.Pos.Line, line)
			}
		})
	}
}
