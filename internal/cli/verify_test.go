package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/clauses"
	"github.com/dpa-tool/dpa/internal/build"
)

// TestVerifyExitCodes checks the exit status of dpa verify for each
// outcome and its batch precedence 1 > 3 > 0.
func TestVerifyExitCodes(t *testing.T) {
	dir := t.TempDir()
	r, err := build.File("../../examples/saas-us/northwind.yaml", dir, []string{"md"}, false)
	if err != nil {
		t.Fatal(err)
	}
	clean := filepath.Join(dir, "clean.md")
	os.WriteFile(clean, r.Outputs[0].Data, 0o644)
	src, _ := clauses.FS.ReadFile(clauses.SCCPath(2))
	s := string(src)
	one := s[strings.Index(s, "## Clause 1"):strings.Index(s, "## Clause 2")]
	deviating := filepath.Join(dir, "deviating.md")
	os.WriteFile(deviating, []byte(strings.Replace(one, "ensure", "secure", 1)), 0o644)
	none := filepath.Join(dir, "none.txt")
	os.WriteFile(none, []byte("A policy that mentions no clauses."), 0o644)
	missing := filepath.Join(dir, "missing.pdf")
	for _, tc := range []struct {
		name  string
		files []string
		want  int
	}{
		{"clean", []string{clean}, exitOK},
		{"no clauses", []string{none}, exitOK},
		{"deviating", []string{deviating}, exitInvalid},
		{"unreadable", []string{missing}, exitError},
		{"clean and deviating", []string{clean, deviating}, exitInvalid},
		{"all three", []string{deviating, missing, clean}, exitError},
		{"usage", nil, exitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, code := run(t, append([]string{"verify"}, tc.files...)...)
			if code != tc.want {
				t.Errorf("dpa verify %v: exit %d, want %d\n%s", tc.files, code, tc.want, stderr)
			}
		})
	}
}
