package validate

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzValidate feeds arbitrary bytes through the loader, the schema and the
// rules. It must never panic, and an accepted input must have a model. It
// is seeded with the examples and the bad-input corpus; crashers it found
// are kept under testdata/fuzz/FuzzValidate.
func FuzzValidate(f *testing.F) {
	for _, p := range exampleFiles(f) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, p := range badCorpus(f, ".") {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	dir := f.TempDir()
	path := filepath.Join(dir, "fuzz.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		r, err := File(path)
		if err != nil {
			t.Fatal(err)
		}
		if r.Valid(false) && !r.Profile && (r.Desc == nil || r.Plan == nil) {
			t.Fatal("valid without a model")
		}
	})
}
