//go:build unix

package regfile

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestSpecialFiles checks that FIFOs, devices, directories, symbolic link
// cycles and oversized files are refused at once, with a reason.
func TestSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	if err := syscall.Mkfifo(at("fifo.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	must(t, os.Symlink("/dev/zero", at("zero.pdf")))
	must(t, os.Symlink("loop-b", at("loop-a")))
	must(t, os.Symlink("loop-a", at("loop-b")))
	must(t, os.WriteFile(at("big"), make([]byte, 2048), 0o644))
	must(t, os.WriteFile(at("ok"), []byte("hello"), 0o644))
	must(t, os.Mkdir(at("sub"), 0o755))
	tests := []struct{ name, reason string }{
		{"fifo.yaml", "not a regular file"},
		{"zero.pdf", "not a regular file"},
		{"loop-a", "symbolic link cycle"},
		{"big", "larger than 1 KiB"},
		{"sub", "is a directory"},
		{"missing", "no such file"},
	}
	for _, tt := range tests {
		done := make(chan error, 1)
		go func() {
			_, err := ReadFile(at(tt.name), 1024)
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || Reason(err) != tt.reason {
				t.Errorf("ReadFile(%s) = %v (%q), want %q", tt.name, err, Reason(err), tt.reason)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("ReadFile(%s) blocks", tt.name)
		}
	}
	if b, err := ReadFile(at("ok"), 5); err != nil || string(b) != "hello" {
		t.Errorf("ReadFile(ok) = %q, %v", b, err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
