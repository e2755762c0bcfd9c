package cli

import (
	"errors"
	"io/fs"

	"github.com/dpa-tool/dpa/internal/regfile"
)

// unwrapPathErr reduces an I/O error to its cause ("no such file or
// directory", "permission denied"): the caller prints the path itself, and
// paths inside the error (such as a temporary file's) are not for the user.
func unwrapPathErr(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return errors.New("no such file or directory")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	for {
		inner := errors.Unwrap(err)
		if inner == nil {
			return err
		}
		err = inner
	}
}

// readReason says why an input cannot be read, in the words every command
// uses after "x.yaml: error: cannot read: ".
func readReason(err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "no such file or directory"
	}
	return regfile.Reason(err)
}
