//go:build unix

package atomicfile

import (
	"errors"
	"syscall"
)

// running reports whether process pid runs; known is false when that
// cannot be told.
func running(pid int) (alive, known bool) {
	if pid <= 0 {
		return false, false
	}
	err := syscall.Kill(pid, 0)
	if errors.Is(err, syscall.ESRCH) {
		return false, true
	}
	return true, true
}
