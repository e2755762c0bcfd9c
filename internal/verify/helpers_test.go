package verify_test

import (
	"path/filepath"
	"sync"
	"testing"

	"github.com/dpa-tool/dpa/internal/build"
)

var (
	builtMu    sync.Mutex
	builtCache = map[string][]byte{}
)

// built returns the output of format ("md" or "pdf") that dpa build makes
// from examples/<example>.
func built(t testing.TB, example, format string) []byte {
	t.Helper()
	builtMu.Lock()
	defer builtMu.Unlock()
	key := example + "." + format
	if b, ok := builtCache[key]; ok {
		return b
	}
	r, err := build.File(filepath.Join("../../examples", example), t.TempDir(), []string{"md", "pdf"}, false)
	if err != nil {
		t.Fatalf("build %s: %v", example, err)
	}
	if len(r.Outputs) != 2 {
		t.Fatalf("build %s: %d outputs", example, len(r.Outputs))
	}
	for _, o := range r.Outputs {
		builtCache[example+"."+filepath.Ext(o.Path)[1:]] = o.Data
	}
	b, ok := builtCache[key]
	if !ok {
		t.Fatalf("build %s: no %s output", example, format)
	}
	return b
}
