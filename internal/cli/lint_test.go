package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// TestLintExitCodes: the warnings of the Article 28 linter leave the exit
// status 0, and make it exactly 3 (invalid) under --strict, for build and
// build --check. The description and its own body are those of the
// testscript build_art28.txtar. Issue 16.
func TestLintExitCodes(t *testing.T) {
	a, err := txtar.ParseFile("../../cmd/dpa/testdata/script/build_art28.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range a.Files {
		p := filepath.Join(dir, f.Name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	desc, out := filepath.Join(dir, "acme.yaml"), filepath.Join(dir, "out")
	for _, tt := range []struct {
		args []string
		want int
	}{
		{[]string{"build", "-q", "--format", "md", "-o", out, desc}, exitOK},
		{[]string{"build", "-q", "--format", "md", "--check", "-o", out, desc}, exitOK},
		{[]string{"build", "-q", "--format", "md", "--strict", "-o", filepath.Join(dir, "strict"), desc}, exitInvalid},
		{[]string{"build", "-q", "--format", "md", "--strict", "--check", "-o", out, desc}, exitInvalid},
		{[]string{"build", "-q", "--format", "md", "--strict", "-o", "-", desc}, exitInvalid},
	} {
		var so, se bytes.Buffer
		code := Run(context.Background(), testIO(&so, &se), tt.args)
		if code != tt.want || !strings.Contains(se.String(), "Article 28(3)(g)") {
			t.Errorf("dpa %s: exit %d, want %d; stderr:\n%s", strings.Join(tt.args, " "), code, tt.want, se.String())
		}
		if tt.want == exitInvalid && so.Len() > 0 {
			t.Errorf("dpa %s wrote to stdout", strings.Join(tt.args, " "))
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "strict", "acme.md")); err == nil {
		t.Error("--strict wrote the agreement")
	}
}
