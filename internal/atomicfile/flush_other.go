//go:build !linux

package atomicfile

import "errors"

// groupFlush is false: without syncfs, Stage flushes each file with fsync.
const groupFlush = false

func syncfs(string) error { return errors.ErrUnsupported }

func device(string) uint64 { return 0 }

// syncfsReports is false: there is no syncfs.
const syncfsReports = false
