// Package regfile opens and reads regular files only: a FIFO, a device, a
// socket or a directory is refused after opening without blocking and
// before a byte is read, and reads stop at a size limit.
package regfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ErrNotRegular is returned for a path that is a FIFO, device, socket or
// other special file.
var ErrNotRegular = errors.New("not a regular file")

// ErrIsDir is returned for a path that is a directory.
var ErrIsDir = errors.New("is a directory")

// TooLargeError is returned for a file larger than the limit of a read.
type TooLargeError struct{ Size, Limit int64 }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("larger than %s", Bytes(e.Limit))
}

// Bytes formats a size for messages: "10 MiB", "64 KiB" or "100 bytes".
func Bytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Open opens path for reading if it is a regular file (symbolic links are
// followed). The open does not block on a FIFO, and the type is checked on
// the open file, so that it cannot change between check and read.
func Open(path string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|nonblock, 0)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	switch {
	case st.IsDir():
		f.Close()
		return nil, nil, &fs.PathError{Op: "open", Path: path, Err: ErrIsDir}
	case !st.Mode().IsRegular():
		f.Close()
		return nil, nil, &fs.PathError{Op: "open", Path: path, Err: ErrNotRegular}
	}
	return f, st, nil
}

// ReadFile returns the content of the regular file at path, or a
// *TooLargeError when it has more than limit bytes.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, st, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st.Size() > limit {
		return nil, &fs.PathError{Op: "read", Path: path, Err: &TooLargeError{st.Size(), limit}}
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit { // grew while being read
		return nil, &fs.PathError{Op: "read", Path: path, Err: &TooLargeError{int64(len(b)), limit}}
	}
	return b, nil
}

// Reason returns the cause of a file error as a short lowercase phrase for
// messages, without the path: "no such file", "is a directory", "not a
// regular file", "symbolic link cycle", "permission denied", ...
func Reason(err error) string {
	var tl *TooLargeError
	switch {
	case errors.As(err, &tl):
		return tl.Error()
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, ErrIsDir):
		return ErrIsDir.Error()
	case errors.Is(err, ErrNotRegular):
		return ErrNotRegular.Error()
	case isLoop(err):
		return "symbolic link cycle"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
