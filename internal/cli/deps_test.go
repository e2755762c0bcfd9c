package cli

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/scctest"
)

// TestPureGo: the dpa command links neither package net nor cgo, so that a
// default build is a static binary that starts without loading libc (about
// 5 ms and 100 page faults a process; issue 11), nor the font parser that
// fonts.Covers no longer needs.
func TestPureGo(t *testing.T) {
	goTool := scctest.Tool(t, "go", "golang-go")
	out, err := exec.Command(goTool, "list", "-deps", "github.com/dpa-tool/dpa/cmd/dpa").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := map[string]bool{}
	for _, p := range strings.Fields(string(out)) {
		deps[p] = true
	}
	if !deps["github.com/dpa-tool/dpa/internal/cli"] {
		t.Fatalf("go list -deps does not list internal/cli:\n%s", out)
	}
	for p, why := range map[string]string{
		"net":                          "pflag's IP flags are removed from third_party/pflag for this",
		"runtime/cgo":                  "dpa has no C code; cgo makes the binary dynamic",
		"golang.org/x/image/font/sfnt": "fonts.Covers answers from coverage_gen.go",
	} {
		if deps[p] {
			t.Errorf("dpa links %s (%s)", p, why)
		}
	}
}
