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
	r, err := build.File(filepath.Join("../../examples", example), t.TempDir(), []string{format}, false)
	if err != nil {
		t.Fatalf("build %s: %v", example, err)
	}
	if len(r.Outputs) != 1 {
		t.Fatalf("build %s: %d outputs", example, len(r.Outputs))
	}
	builtCache[key] = r.Outputs[0].Data
	return r.Outputs[0].Data
}
