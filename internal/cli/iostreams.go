package cli

import (
	"io"
	"os"
)

// IOStreams are the standard streams of a command, replaceable in tests.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// ErrTTY is true when stderr is a terminal (progress may be shown).
	ErrTTY bool
	// Getenv reads the environment.
	Getenv func(string) string
}

// System returns the process's streams.
func System() *IOStreams {
	tty := false
	if fi, err := os.Stderr.Stat(); err == nil {
		tty = fi.Mode()&os.ModeCharDevice != 0
	}
	return &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, ErrTTY: tty, Getenv: os.Getenv}
}
