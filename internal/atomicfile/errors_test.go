package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestErrorsNameNoTempFile checks that a failed write names the target and
// never the temporary file (issue 14: "dpa init nodir/x.yaml" showed
// .dpa-tmp-… names).
func TestErrorsNameNoTempFile(t *testing.T) {
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{filepath.Join(dir, "nodir", "x.yaml"), filepath.Join(ro, "x.yaml")} {
		err := WriteFile(path, []byte("x"), 0o644)
		if err == nil {
			if os.Geteuid() == 0 && strings.Contains(path, "ro") {
				continue // root writes into read-only directories
			}
			t.Fatalf("WriteFile(%s) succeeded", path)
		}
		if strings.Contains(err.Error(), TempPrefix) || !strings.Contains(err.Error(), path) {
			t.Errorf("WriteFile(%s) = %q, want the path and no temporary name", path, err)
		}
	}
	err := WriteFile(filepath.Join(dir, "nodir", "x.yaml"), nil, 0o644)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing directory: %v is not fs.ErrNotExist", err)
	}
}
