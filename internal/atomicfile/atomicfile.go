// Package atomicfile writes files so that readers see either the old
// complete file or the new complete file, never a part: the data goes to a
// temporary file in the same directory, which is then renamed.
//
// Temporary files are named TempPrefix, the target's name, the process id
// and a random number. Abort removes the ones this process has open (for a
// signal handler); RemoveStale removes those left by processes that no
// longer run.
package atomicfile

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// TempPrefix starts the name of every temporary file, so that directory
// scans can ignore leftovers.
const TempPrefix = ".dpa-tmp-"

// IsTemp reports whether name is one of our temporary files.
func IsTemp(name string) bool { return strings.HasPrefix(filepath.Base(name), TempPrefix) }

// AfterRename, when not nil, runs after each successful rename. Only tests
// set it (to kill the process at a chosen point of a batch).
var AfterRename func(path string)

// BeforeRename, when not nil, runs when a temporary file is complete, just
// before it is renamed. Only tests set it (to signal the process while a
// temporary file exists).
var BeforeRename func(tmp string)

// Flushed, when not nil, runs after files staged files on one file system
// were flushed to disk together, with one syncfs or with an fsync each
// (also when one failed). Only tests set it.
var Flushed func(files int, syncfs bool)

// ErrAborted is returned by WriteFile after Abort.
var ErrAborted = errors.New("interrupted")

// live holds the temporary files of this process that exist now.
var live struct {
	sync.Mutex
	files   map[string]bool
	aborted bool
}

// Abort removes every temporary file of this process and makes every later
// or unfinished WriteFile fail with ErrAborted, without renaming: after it
// returns, no file is created or replaced by this package.
func Abort() {
	live.Lock()
	defer live.Unlock()
	live.aborted = true
	for f := range live.files {
		os.Remove(f)
	}
	live.files = nil
}

// Aborted reports whether Abort has been called.
func Aborted() bool {
	live.Lock()
	defer live.Unlock()
	return live.aborted
}

// fail wraps an error of writing path. The temporary file is an
// implementation detail: a *fs.PathError or *os.LinkError that names it is
// reduced to its cause, so that messages name only path.
func fail(path string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	}
	return fmt.Errorf("write %s: %w", path, err)
}

// WriteFile writes data to path atomically and durably: Stage, then
// Commit. A new file gets permission perm less the umask; a file that is
// replaced keeps its permission.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	s, err := Stage(path, data, perm)
	if err != nil {
		return err
	}
	_, err = Commit([]*Staged{s})
	return err
}

// A Staged file is a complete temporary file that Commit will make durable
// and rename to Path. Staging many files and committing them together
// flushes them to disk with one call per file system instead of one per
// file (see Flush).
type Staged struct {
	// Path is the file the temporary file replaces.
	Path string
	tmp  string
	dir  string
	dev  uint64 // the file system of dir (0 where it cannot be told)
	seq  uint64 // the order in which staged files were completed
	// durable is true when the data is on disk (fsync at Stage on systems
	// without group flushing).
	durable bool
	// err is the error of flushing the file, kept for its Commit: a second
	// fsync would not report it again (the kernel marks it seen).
	err error
}

// completed counts the staged files completed so far; a file's seq is its
// number.
var completed atomic.Uint64

// synced holds, per file system, the number of staged files that were
// complete when the last flush of that file system began: every staged
// file on it with a seq up to that number is on disk.
var synced struct {
	sync.Mutex
	upTo map[uint64]uint64
	// failed holds the file systems where a syncfs failed.
	failed map[uint64]bool
}

// Stage writes data to a new temporary file beside path, with the
// permission path will have (perm less the umask for a new file, the old
// file's own for one that is replaced), and closes it. Nothing is renamed
// until Commit; Discard removes the file, and so does Abort.
func Stage(path string, data []byte, perm os.FileMode) (s *Staged, err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	keep := os.FileMode(0)
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
		keep = st.Mode().Perm()
	}
	f, tmp, err := create(dir, base, perm)
	if err != nil {
		return nil, fail(path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			forget(tmp, true)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return nil, fail(path, err)
	}
	durable := !groupFlush
	if durable {
		if err = f.Sync(); err != nil {
			return nil, fail(path, err)
		}
	}
	if err = f.Close(); err != nil {
		return nil, fail(path, err)
	}
	if keep != 0 {
		if err = os.Chmod(tmp, keep); err != nil {
			return nil, fail(path, err)
		}
	}
	return &Staged{Path: path, tmp: tmp, dir: dir, dev: device(dir), seq: completed.Add(1), durable: durable}, nil
}

// Discard removes the temporary file of s, unless it was renamed.
func (s *Staged) Discard() {
	if s != nil {
		forget(s.tmp, true)
	}
}

// Commit makes the staged files durable and renames each to its Path, in
// order. It returns how many were renamed. On an error, or after Abort,
// the file concerned and those after it are removed and not renamed; the
// error names the file's Path. Files made durable by an earlier Commit of
// the same file system are not flushed again.
func Commit(files []*Staged) (int, error) {
	if err := Flush(files); err != nil {
		discard(files)
		if Aborted() {
			// Abort removed the temporary files the flush was reading.
			return 0, fmt.Errorf("write %s: %w", files[0].Path, ErrAborted)
		}
		return 0, err
	}
	for i, s := range files {
		if BeforeRename != nil {
			BeforeRename(s.tmp)
		}
		live.Lock()
		if live.aborted {
			live.Unlock()
			discard(files[i:])
			return i, fmt.Errorf("write %s: %w", s.Path, ErrAborted)
		}
		err := os.Rename(s.tmp, s.Path)
		delete(live.files, s.tmp)
		live.Unlock()
		if err != nil {
			discard(files[i:])
			return i, fail(s.Path, err)
		}
		if AfterRename != nil {
			AfterRename(s.Path)
		}
	}
	return len(files), nil
}

// discard removes the temporary files of files.
func discard(files []*Staged) {
	for _, s := range files {
		s.Discard()
	}
}

// Flush puts on disk the data of the staged files that are not there yet,
// so that committing them renames them without waiting: a batch flushes a
// group of descriptions' outputs at once, then commits each description's.
// On a file system with at least groupMin of them, one syncfs flushes them
// all, and also every file staged on it before the call began (the files a
// later Commit would flush); fewer are flushed each with fsync, at the same
// time (the file system's journal then commits them together). syncfs
// writes out whatever else is waiting on the file system too (after a
// compilation, megabytes), which a batch pays once and a single build
// should not. It returns the first error, naming the file's Path; the
// error of a file is kept, and its Commit returns it without a second
// flush.
func Flush(files []*Staged) error {
	var need []*Staged
	synced.Lock()
	for _, s := range files {
		if s.err != nil {
			synced.Unlock()
			return s.err
		}
		if !s.durable && (s.dev == 0 || s.seq > synced.upTo[s.dev]) {
			need = append(need, s)
		}
	}
	synced.Unlock()
	for len(need) > 0 {
		dev := need[0].dev
		var same, rest []*Staged // the files on need[0]'s file system, the others
		for _, s := range need {
			if s == need[0] || (dev != 0 && s.dev == dev) {
				same = append(same, s)
			} else {
				rest = append(rest, s)
			}
		}
		need = rest
		synced.Lock()
		group := len(same) >= groupMin && syncfsReports && !synced.failed[dev]
		synced.Unlock()
		if group {
			upTo := completed.Load()
			err := flushFS(same[0].dir)
			synced.Lock()
			if err == nil {
				if synced.upTo == nil {
					synced.upTo = map[uint64]uint64{}
				}
				synced.upTo[dev] = max(synced.upTo[dev], upTo)
			} else if !errors.Is(err, syscall.ENOSYS) && !errors.Is(err, errors.ErrUnsupported) {
				// The kernel reports a write error to one syncfs only: a
				// later one could succeed although pages of a file
				// staged now were lost. From now on each file of this
				// file system is flushed on its own: its fsync reports
				// the errors of its own pages.
				if synced.failed == nil {
					synced.failed = map[uint64]bool{}
				}
				synced.failed[dev] = true
			}
			synced.Unlock()
			if err == nil {
				markDurable(same)
				if Flushed != nil {
					Flushed(len(same), true)
				}
				continue
			}
		}
		err := fsyncAll(same)
		if Flushed != nil {
			Flushed(len(same), false)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// groupMin is the number of files from which flush uses one syncfs.
const groupMin = 8

// fsyncAll flushes each of files with fsync, all at the same time, marks
// those flushed durable and records the error of the others; it returns
// the first error.
func fsyncAll(files []*Staged) error {
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, s := range files[1:] {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i+1] = fsyncPath(s.tmp)
		}()
	}
	errs[0] = fsyncPath(files[0].tmp)
	wg.Wait()
	var first error
	for i, s := range files {
		if errs[i] != nil {
			s.err = fail(s.Path, errs[i])
			first = cmp.Or(first, s.err)
		} else {
			s.durable = true
		}
	}
	return first
}

// flushFS is syncfs and fsyncPath fsyncFile; tests count and fail their
// calls.
var (
	flushFS   = syncfs
	fsyncPath = fsyncFile
)

// markDurable records that the data of files is on disk.
func markDurable(files []*Staged) {
	for _, s := range files {
		s.durable = true
	}
}

// fsyncFile flushes the file at name to disk.
func fsyncFile(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// create makes a new temporary file for base in dir with permission perm
// (less the umask) and records it as live.
func create(dir, base string, perm os.FileMode) (*os.File, string, error) {
	live.Lock()
	defer live.Unlock()
	if live.aborted {
		return nil, "", ErrAborted
	}
	for try := 0; ; try++ {
		name := filepath.Join(dir, TempPrefix+base+"-"+strconv.Itoa(os.Getpid())+"-"+strconv.FormatUint(rand.Uint64()%1e10, 10))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) && try < 100 {
			continue
		}
		if err != nil {
			return nil, "", err
		}
		if live.files == nil {
			live.files = map[string]bool{}
		}
		live.files[name] = true
		return f, name, nil
	}
}

// forget removes tmp from the live files, and from the disk if remove.
func forget(tmp string, remove bool) {
	live.Lock()
	defer live.Unlock()
	delete(live.files, tmp)
	if remove {
		os.Remove(tmp)
	}
}

// ownerPID returns the process id in the name of a temporary file, or 0.
func ownerPID(name string) int {
	rest := strings.TrimPrefix(filepath.Base(name), TempPrefix)
	i := strings.LastIndexByte(rest, '-')
	if i < 0 {
		return 0
	}
	j := strings.LastIndexByte(rest[:i], '-')
	if j < 0 {
		return 0
	}
	pid, err := strconv.Atoi(rest[j+1 : i])
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}

// RemoveStale removes the temporary files in dir that were left by a
// process of dpa that no longer runs (killed, or a power cut), and returns
// their names. A file whose owner may still run is left alone; where that
// cannot be told, only files older than a day are removed.
func RemoveStale(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range entries {
		if !IsTemp(e.Name()) || !e.Type().IsRegular() {
			continue
		}
		p := filepath.Join(dir, e.Name())
		pid := ownerPID(p)
		stale := false
		switch alive, known := running(pid); {
		case pid == os.Getpid():
		case known:
			stale = !alive
		default:
			if st, err := e.Info(); err == nil && time.Since(st.ModTime()) > 24*time.Hour {
				stale = true
			}
		}
		if stale && os.Remove(p) == nil {
			removed = append(removed, p)
		}
	}
	return removed
}

// releaseAtLeast reports whether a kernel release such as "6.1.0-18-amd64"
// is at least major.minor.
func releaseAtLeast(release string, major, minor int) bool {
	var v [2]int
	parts := strings.SplitN(release, ".", 3)
	for i := 0; i < 2 && i < len(parts); i++ {
		for _, c := range parts[i] {
			if c < '0' || c > '9' {
				break
			}
			v[i] = v[i]*10 + int(c-'0')
		}
	}
	return v[0] > major || v[0] == major && v[1] >= minor
}
