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
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
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

// WriteFile writes data to path atomically. A new file gets permission perm
// less the umask; a file that is replaced keeps its permission.
func WriteFile(path string, data []byte, perm os.FileMode) (err error) {
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
		return fail(path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			forget(tmp, true)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fail(path, err)
	}
	if err = f.Sync(); err != nil {
		return fail(path, err)
	}
	if err = f.Close(); err != nil {
		return fail(path, err)
	}
	if keep != 0 {
		if err = os.Chmod(tmp, keep); err != nil {
			return fail(path, err)
		}
	}
	if BeforeRename != nil {
		BeforeRename(tmp)
	}
	live.Lock()
	if live.aborted {
		live.Unlock()
		return fmt.Errorf("write %s: %w", path, ErrAborted)
	}
	err = os.Rename(tmp, path)
	delete(live.files, tmp)
	live.Unlock()
	if err != nil {
		return fail(path, err)
	}
	if AfterRename != nil {
		AfterRename(path)
	}
	return nil
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
