package cli

import (
	"errors"
	"io/fs"
)

// unwrapPathErr drops the path from an *fs.PathError, which the caller prints itself.
func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if errors.Is(err, fs.ErrNotExist) {
			return errors.New("no such file or directory")
		}
		return pe.Err
	}
	return err
}
