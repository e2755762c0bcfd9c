//go:build unix

package build

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestOldOutputs: an existing output that is a FIFO, a device or a
// directory fails the build at once with its reason; one too large to
// compare is taken as different and never read.
func TestOldOutputs(t *testing.T) {
	dir := t.TempDir()
	md, pdfPath := filepath.Join(dir, "northwind.md"), filepath.Join(dir, "northwind.pdf")
	for name, setup := range map[string]func() error{
		"fifo":      func() error { return syscall.Mkfifo(md, 0o644) },
		"dev/zero":  func() error { return os.Symlink("/dev/zero", pdfPath) },
		"directory": func() error { return os.Mkdir(md, 0o755) },
	} {
		os.RemoveAll(md)
		os.RemoveAll(pdfPath)
		if err := setup(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { _, err := File(example, dir, Formats, false); done <- err }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "output "+dir) || !(strings.Contains(err.Error(), "not a regular file") || strings.Contains(err.Error(), "is a directory")) {
				t.Errorf("%s: err = %v", name, err)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: build hangs", name)
		}
	}
	os.RemoveAll(md)
	os.RemoveAll(pdfPath)
	defer func(n int64) { MaxOldOutput = n }(MaxOldOutput)
	MaxOldOutput = 10
	os.WriteFile(md, []byte("0123456789ABCDEF"), 0o644)
	r, err := File(example, dir, []string{"md"}, false)
	if err != nil || r.Outputs[0].Current || r.Outputs[0].Missing {
		t.Errorf("oversized old output: %v, %+v", err, r.Outputs[0].Path)
	}
}
