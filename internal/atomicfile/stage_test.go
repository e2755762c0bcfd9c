//go:build linux

package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
)

// countFlushes makes flushFS count its calls (and fail with err, if not
// nil) for the rest of the test.
func countFlushes(t *testing.T, err error) *int {
	n := new(int)
	old := flushFS
	flushFS = func(dir string) error {
		*n++
		if err != nil {
			return err
		}
		return old(dir)
	}
	t.Cleanup(func() { flushFS = old })
	return n
}

// stageAll stages one file per name in dir with its name as content.
func stageAll(t *testing.T, dir string, names ...string) []*Staged {
	var out []*Staged
	for _, n := range names {
		s, err := Stage(filepath.Join(dir, n), []byte(n), 0o644)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// names returns n file names with prefix p.
func names(p string, n int) []string {
	var out []string
	for i := range n {
		out = append(out, fmt.Sprintf("%s%d.md", p, i))
	}
	return out
}

// TestStageCommit: a staged file replaces nothing until Commit; groupMin
// files committed together are flushed with one syncfs, which also covers
// the files staged before it, so that their own Commit flushes nothing;
// fewer files are flushed each with fsync, without syncfs.
func TestStageCommit(t *testing.T) {
	flushes := countFlushes(t, nil)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a0.md"), []byte("old"), 0o600)
	first := stageAll(t, dir, names("a", groupMin)...)
	later := stageAll(t, dir, "b.md", "b.pdf")
	if b, _ := os.ReadFile(filepath.Join(dir, "a0.md")); string(b) != "old" {
		t.Fatalf("a0.md replaced before Commit: %q", b)
	}
	if n, err := Commit(first); n != groupMin || err != nil {
		t.Fatalf("Commit: %d, %v", n, err)
	}
	if *flushes != 1 {
		t.Errorf("%d flushes for %d files, want 1", *flushes, groupMin)
	}
	if !later[0].durable && later[0].seq > synced.upTo[later[0].dev] {
		t.Errorf("a file staged before the syncfs is not known to be on disk")
	}
	if n, err := Commit(later); n != 2 || err != nil {
		t.Fatalf("Commit: %d, %v", n, err)
	}
	if *flushes != 1 {
		t.Errorf("%d flushes: the files staged before the first were flushed again", *flushes)
	}
	for _, n := range append(names("a", groupMin), "b.md", "b.pdf") {
		if b, _ := os.ReadFile(filepath.Join(dir, n)); string(b) != n {
			t.Errorf("%s holds %q", n, b)
		}
	}
	if st, _ := os.Stat(filepath.Join(dir, "a0.md")); st.Mode().Perm() != 0o600 {
		t.Errorf("replaced file mode %v, want 0600 kept", st.Mode().Perm())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != groupMin+2 {
		t.Errorf("files left: %v", entries)
	}
	// Files staged after a flush began are flushed again: a few with
	// fsync, a group with syncfs.
	few := stageAll(t, dir, "c.md", "c.pdf")
	if _, err := Commit(few); err != nil {
		t.Fatal(err)
	}
	if *flushes != 1 || !few[0].durable || !few[1].durable {
		t.Errorf("%d flushes, durable %v %v: want two files flushed with fsync", *flushes, few[0].durable, few[1].durable)
	}
	if _, err := Commit(stageAll(t, dir, names("d", groupMin)...)); err != nil {
		t.Fatal(err)
	}
	if *flushes != 2 {
		t.Errorf("%d flushes, want 2: files staged after the flush were not flushed", *flushes)
	}
}

// TestCommitFallback: where syncfs fails, each file is flushed with fsync
// and the commit still succeeds.
func TestCommitFallback(t *testing.T) {
	flushes := countFlushes(t, syscall.ENOSYS)
	dir := t.TempDir()
	files := stageAll(t, dir, names("a", groupMin)...)
	if n, err := Commit(files); n != groupMin || err != nil {
		t.Fatalf("Commit: %d, %v", n, err)
	}
	if *flushes != 1 {
		t.Errorf("%d syncfs calls, want 1", *flushes)
	}
	for _, s := range files {
		if !s.durable {
			t.Errorf("%s not flushed", s.Path)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a1.md")); string(b) != "a1.md" {
		t.Errorf("a1.md holds %q", b)
	}
}

// TestCommitAbort: an Abort between two renames of a commit renames
// nothing more and removes the remaining temporary files.
func TestCommitAbort(t *testing.T) {
	defer func() { live.aborted, BeforeRename = false, nil }()
	dir := t.TempDir()
	files := stageAll(t, dir, "a.md", "a.pdf", "b.md")
	calls := 0
	BeforeRename = func(string) {
		if calls++; calls == 2 {
			Abort()
		}
	}
	n, err := Commit(files)
	if n != 1 || !errors.Is(err, ErrAborted) {
		t.Fatalf("Commit: %d, %v; want 1 renamed and ErrAborted", n, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "a.md" {
		t.Errorf("files left: %v, want a.md only", entries)
	}
}

// TestCommitRenameError: a rename that fails names the target, and the
// files after it are removed, not renamed.
func TestCommitRenameError(t *testing.T) {
	dir := t.TempDir()
	files := stageAll(t, dir, "a.md", "b.md", "c.md")
	os.Mkdir(filepath.Join(dir, "b.md.dir"), 0o755)
	files[1].Path = filepath.Join(dir, "b.md.dir") // a directory cannot be replaced by a file
	os.WriteFile(filepath.Join(dir, "b.md.dir", "x"), nil, 0o644)
	n, err := Commit(files)
	if n != 1 || err == nil || !errors.Is(err, syscall.EISDIR) && !errors.Is(err, syscall.ENOTEMPTY) && !errors.Is(err, syscall.EEXIST) {
		t.Fatalf("Commit: %d, %v", n, err)
	}
	if want := "write " + files[1].Path + ": "; len(err.Error()) < len(want) || err.Error()[:len(want)] != want {
		t.Errorf("error %q does not name the target", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("files left: %v, want a.md and the directory", entries)
	}
}

// TestDiscard removes a staged file and leaves the target alone.
func TestDiscard(t *testing.T) {
	dir := t.TempDir()
	files := stageAll(t, dir, "a.md")
	files[0].Discard()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files left: %v", entries)
	}
}

// countFsyncs makes fsyncPath count its calls and fail with err for the
// paths fails picks, for the rest of the test.
func countFsyncs(t *testing.T, fails func(tmp string) error) *atomic.Int32 {
	n := new(atomic.Int32)
	old := fsyncPath
	fsyncPath = func(tmp string) error {
		n.Add(1)
		if fails != nil {
			if err := fails(tmp); err != nil {
				return err
			}
		}
		return old(tmp)
	}
	t.Cleanup(func() { fsyncPath = old })
	return n
}

// TestCommitFallbackFsyncs: where syncfs fails, every file is flushed
// with its own fsync, and the file system is not flushed with syncfs
// again (a second syncfs would not report the first one's error).
func TestCommitFallbackFsyncs(t *testing.T) {
	flushes := countFlushes(t, syscall.EIO)
	fsyncs := countFsyncs(t, nil)
	dir := t.TempDir()
	defer func() { synced.Lock(); synced.failed = nil; synced.Unlock() }()
	if _, err := Commit(stageAll(t, dir, names("a", groupMin)...)); err != nil {
		t.Fatal(err)
	}
	if *flushes != 1 || fsyncs.Load() != groupMin {
		t.Errorf("%d syncfs and %d fsync calls, want 1 and %d", *flushes, fsyncs.Load(), groupMin)
	}
	if _, err := Commit(stageAll(t, dir, names("b", groupMin)...)); err != nil {
		t.Fatal(err)
	}
	if *flushes != 1 || fsyncs.Load() != 2*groupMin {
		t.Errorf("after a failed syncfs: %d syncfs and %d fsync calls, want 1 and %d", *flushes, fsyncs.Load(), 2*groupMin)
	}
}

// TestFlushErrorKept: a file whose fsync failed is not renamed, its
// temporary file is removed, and its Commit reports the error of the
// earlier Flush (a second fsync would succeed: the kernel reports a write
// error once), naming the target.
func TestFlushErrorKept(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "b.md"), []byte("old"), 0o644)
	files := stageAll(t, dir, "a.md", "b.md")
	bad := files[1].tmp
	fsyncs := countFsyncs(t, func(tmp string) error {
		if tmp == bad {
			return syscall.EIO
		}
		return nil
	})
	if err := Flush(files); !errors.Is(err, syscall.EIO) {
		t.Fatalf("Flush: %v, want EIO", err)
	}
	if n, err := Commit(files[:1]); n != 1 || err != nil {
		t.Fatalf("Commit of the good file: %d, %v", n, err)
	}
	calls := fsyncs.Load()
	n, err := Commit(files[1:])
	if n != 0 || !errors.Is(err, syscall.EIO) || !strings.HasPrefix(err.Error(), "write "+files[1].Path+": ") {
		t.Fatalf("Commit of the bad file: %d, %v; want its EIO, naming it", n, err)
	}
	if fsyncs.Load() != calls {
		t.Errorf("the failed file was flushed again")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "b.md")); string(b) != "old" {
		t.Errorf("b.md replaced after a failed flush: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("files left: %v", entries)
	}
}

// TestAbortDuringFlush: a signal that removes the temporary files while
// they are being flushed makes Commit report ErrAborted, not the missing
// files.
func TestAbortDuringFlush(t *testing.T) {
	defer func() { live.aborted = false }()
	dir := t.TempDir()
	files := stageAll(t, dir, "a.md", "a.pdf")
	countFsyncs(t, func(string) error {
		Abort()
		return nil
	})
	n, err := Commit(files)
	if n != 0 || !errors.Is(err, ErrAborted) {
		t.Fatalf("Commit: %d, %v; want ErrAborted", n, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files left: %v", entries)
	}
}

// TestStagedDuringSyncfs: a file staged while a syncfs runs is not counted
// as flushed by it.
func TestStagedDuringSyncfs(t *testing.T) {
	dir := t.TempDir()
	var late *Staged
	old := flushFS
	flushFS = func(d string) error {
		if late == nil {
			late = stageAll(t, dir, "late.md")[0]
		}
		return old(d)
	}
	defer func() { flushFS = old }()
	if _, err := Commit(stageAll(t, dir, names("a", groupMin)...)); err != nil {
		t.Fatal(err)
	}
	synced.Lock()
	covered := late.seq <= synced.upTo[late.dev]
	synced.Unlock()
	if covered || late.durable {
		t.Errorf("a file staged during the syncfs counts as flushed by it")
	}
	late.Discard()
}

// TestFlushPerFileSystem: files on two file systems are flushed with one
// syncfs each.
func TestFlushPerFileSystem(t *testing.T) {
	other, err := os.MkdirTemp("/dev/shm", "atomicfile-")
	if err != nil {
		t.Skip("no /dev/shm")
	}
	defer os.RemoveAll(other)
	dir := t.TempDir()
	if device(dir) == device(other) {
		t.Skip("/dev/shm is on the file system of the test's temporary directory")
	}
	flushes := countFlushes(t, nil)
	files := append(stageAll(t, dir, names("a", groupMin)...), stageAll(t, other, names("b", groupMin)...)...)
	if _, err := Commit(files); err != nil {
		t.Fatal(err)
	}
	if *flushes != 2 {
		t.Errorf("%d syncfs calls for two file systems, want 2", *flushes)
	}
}

// TestReleaseAtLeast reads kernel releases.
func TestReleaseAtLeast(t *testing.T) {
	for rel, want := range map[string]bool{"6.18.44-fc-v1294": true, "5.8.0": true, "5.7.19": false, "4.19.0-18-amd64": false, "5.10": true, "x": false, "10.0": true} {
		if got := releaseAtLeast(rel, 5, 8); got != want {
			t.Errorf("%q at least 5.8: %v, want %v", rel, got, want)
		}
	}
}
