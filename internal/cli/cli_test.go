package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/dpa-tool/dpa/internal/golden"
)

// run runs dpa from the repository root and returns stdout, stderr and
// the exit code.
func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	io := &IOStreams{In: bytes.NewReader(nil), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}
	wd, _ := os.Getwd()
	if err := os.Chdir("../.."); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	code := Run(context.Background(), io, args)
	return out.String(), errOut.String(), code
}

// TestExplainGolden pins the explanation of every example, as text and as
// JSON (the transfer register).
func TestExplainGolden(t *testing.T) {
	for _, ex := range []string{"saas-us", "support-india", "two-modules", "vendor-profile", "eea-only", "non-eu-controller", "group-sharing"} {
		t.Run(ex, func(t *testing.T) {
			out, errOut, code := run(t, "explain", filepath.Join("examples", ex))
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			golden.Check(t, filepath.Join("testdata", "explain", ex+".txt"), []byte(out))
			out, _, code = run(t, "explain", "--format", "json", filepath.Join("examples", ex))
			if code != 0 {
				t.Fatalf("json: exit %d", code)
			}
			golden.Check(t, filepath.Join("testdata", "explain", ex+".json"), []byte(out))
		})
	}
}

// TestValidateJSONGolden pins the JSON diagnostics of all examples.
func TestValidateJSONGolden(t *testing.T) {
	out, errOut, code := run(t, "validate", "--format", "json", "examples/saas-us", "examples/support-india", "examples/two-modules", "examples/vendor-profile", "examples/eea-only", "examples/non-eu-controller", "examples/group-sharing")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	golden.Check(t, filepath.Join("testdata", "validate-examples.json"), []byte(out))
}
