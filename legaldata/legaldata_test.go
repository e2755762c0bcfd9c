package legaldata

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestCopiesMatchReference fails when an embedded legal-data file differs
// from the sourced reference in ../shared/reference (where that exists), so
// that an update of the reference cannot be missed.
func TestCopiesMatchReference(t *testing.T) {
	ref := filepath.Join("..", "..", "shared", "reference")
	if _, err := os.Stat(ref); err != nil {
		t.Skipf("reference directory %s not present; the embedded copies are used as they are", ref)
	}
	for name, src := range map[string]string{
		"authorities.yaml": "authorities.yaml", "adequacy.yaml": "adequacy.yaml", "territories.yaml": "territories.yaml",
		"fdpic.yaml": filepath.Join("ch", "fdpic.yaml"),
	} {
		want, err := os.ReadFile(filepath.Join(ref, src))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("legaldata/%s differs from %s: copy the reference file again", name, filepath.Join(ref, src))
		}
	}
}
