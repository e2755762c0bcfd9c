package validate

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzValidate feeds arbitrary bytes through the loader, the schema and the
// rules. It must never panic, and an accepted input must have a model.
func FuzzValidate(f *testing.F) {
	for _, p := range exampleFiles(f) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	bad, _ := filepath.Glob("testdata/bad/*.yaml")
	for _, p := range bad {
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
