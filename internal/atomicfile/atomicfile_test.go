//go:build unix

package atomicfile

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

// TestMode: a new file gets the permission less the umask, a replaced file
// keeps its own.
func TestMode(t *testing.T) {
	dir := t.TempDir()
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	p := filepath.Join(dir, "new.md")
	if err := WriteFile(p, []byte("a"), 0o666); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o640 {
		t.Errorf("new file mode %v, want 0640 under umask 027", st.Mode().Perm())
	}
	os.Chmod(p, 0o600)
	if err := WriteFile(p, []byte("b"), 0o644); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o600 {
		t.Errorf("replaced file mode %v, want 0600 kept", st.Mode().Perm())
	}
	if b, _ := os.ReadFile(p); string(b) != "b" {
		t.Errorf("content %q", b)
	}
}

// TestAbort: Abort removes a temporary file that is complete but not yet
// renamed, and the write fails without touching the target.
func TestAbort(t *testing.T) {
	defer func() { live.aborted, BeforeRename = false, nil }()
	dir := t.TempDir()
	p := filepath.Join(dir, "x.pdf")
	os.WriteFile(p, []byte("old"), 0o644)
	var seen string
	BeforeRename = func(tmp string) {
		seen = tmp
		Abort()
	}
	if err := WriteFile(p, make([]byte, 1<<20), 0o644); err == nil {
		t.Fatal("write after Abort succeeded")
	}
	if _, err := os.Stat(seen); err == nil {
		t.Errorf("temporary file %s left", seen)
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("target changed")
	}
	if err := WriteFile(filepath.Join(dir, "y.md"), nil, 0o644); err == nil {
		t.Errorf("write after Abort succeeded")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
}

// TestRemoveStale removes the temporary files of processes that are gone
// and keeps those of running ones and other files.
func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no true(1)")
	}
	dead := cmd.Process.Pid
	names := map[string]bool{
		TempPrefix + "a.pdf-" + strconv.Itoa(dead) + "-123":        true,
		TempPrefix + "b-c.md-" + strconv.Itoa(os.Getpid()) + "-12": false,
		TempPrefix + "odd": false,
		"a.pdf":            false,
	}
	for n := range names {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644)
	}
	removed := RemoveStale(dir)
	for n, gone := range names {
		_, err := os.Stat(filepath.Join(dir, n))
		if gone != (err != nil) {
			t.Errorf("%s: removed %v, want %v", n, err != nil, gone)
		}
	}
	if len(removed) != 1 {
		t.Errorf("removed %v", removed)
	}
}
