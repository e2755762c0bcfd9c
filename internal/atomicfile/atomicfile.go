// Package atomicfile writes files so that readers see either the old
// complete file or the new complete file, never a part: the data goes to a
// temporary file in the same directory, which is then renamed.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// TempPrefix starts the name of every temporary file, so that directory
// scans can ignore leftovers.
const TempPrefix = ".dpa-tmp-"

// IsTemp reports whether name is one of our temporary files.
func IsTemp(name string) bool { return strings.HasPrefix(filepath.Base(name), TempPrefix) }

// AfterRename, when not nil, runs after each successful rename. Only tests
// set it (to kill the process at a chosen point of a batch).
var AfterRename func(path string)

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

// WriteFile writes data to path atomically with permission perm.
func WriteFile(path string, data []byte, perm os.FileMode) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, TempPrefix+base+"-*")
	if err != nil {
		return fail(path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
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
	if err = os.Chmod(tmp, perm); err != nil {
		return fail(path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fail(path, err)
	}
	if AfterRename != nil {
		AfterRename(path)
	}
	return nil
}
