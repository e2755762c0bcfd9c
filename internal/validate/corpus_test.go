package validate

import (
	"path/filepath"
	"testing"
)

// badCorpus returns the bad-input files of this package (testdata/bad and
// testdata/hostile), seen from dir. The fuzz target of package build globs
// the same files.
func badCorpus(t testing.TB, dir string) []string {
	t.Helper()
	var files []string
	for _, sub := range []string{"bad", "hostile"} {
		m, _ := filepath.Glob(filepath.Join(dir, "testdata", sub, "*.yaml"))
		files = append(files, m...)
	}
	if len(files) < 20 {
		t.Fatalf("bad-input corpus: %d files", len(files))
	}
	return files
}
