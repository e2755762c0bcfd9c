//go:build unix

package regfile

import (
	"errors"
	"syscall"
)

const nonblock = syscall.O_NONBLOCK

func isLoop(err error) bool { return errors.Is(err, syscall.ELOOP) }
