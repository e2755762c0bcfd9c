// Package cli is the command-line interface of dpa: the cobra command tree,
// the options of each command, and the one place that turns outcomes into
// exit codes.
//
// Output rules: results go to stdout (explain, schema, init without FILE,
// validate --format json); diagnostics, progress and the closing summary go
// to stderr, and the summary is always the last line of stderr.
package cli

import (
	"errors"
	"fmt"
)

// Exit codes, documented in "dpa help exit-codes".
const (
	exitOK      = 0 // success
	exitError   = 1 // I/O, missing input, template or render failure
	exitUsage   = 2 // bad flags or arguments: usage is printed, nothing runs
	exitInvalid = 3 // at least one description is invalid
	exitStale   = 4 // build --check: an output is missing or out of date
	// A build stopped by a signal exits 128 + the signal's number: 130 for
	// SIGINT, 143 for SIGTERM (see signalExit).
)

const exitStatusHelp = `EXIT STATUS
  0  success
  1  failure while reading, rendering or writing (I/O, missing input file)
  2  usage error (unknown flag, missing argument, conflicting outputs)
  3  at least one description is invalid
  4  build --check: at least one output is missing or out of date
  130, 143  build was interrupted by SIGINT or SIGTERM (the summary counts
     what was done; temporary files are removed)
  In a batch the most severe outcome wins, in the order 1 > 3 > 4 > 0.`

// exitErr carries an exit code out of a command. Its message, if any, has
// not been printed yet.
type exitErr struct {
	code int
	msg  string
	file string // the file the message is about, printed first
}

func (e *exitErr) Error() string { return e.msg }

// fileError is an exit error about one file, printed as
// "file: error: msg" like the diagnostics.
func fileError(code int, file, msg string) error { return &exitErr{code, msg, file} }

// exitCode wraps code as an error; msg may be empty when everything has been printed.
func exitCode(code int, msg string) error {
	if code == exitOK {
		return nil
	}
	return &exitErr{code, msg, ""}
}

// usageErr marks an error as a usage error (exit 2).
type usageErr struct{ err error }

func (e *usageErr) Error() string { return e.err.Error() }
func (e *usageErr) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return &usageErr{fmt.Errorf(format, args...)}
}

// outcome is the result of one description in a batch.
type outcome int

const (
	outcomeOK outcome = iota
	outcomeStale
	outcomeInvalid
	outcomeFailed
)

// severity ranks outcomes for the exit status: 1 > 3 > 4 > 0.
func (o outcome) code() int {
	switch o {
	case outcomeFailed:
		return exitError
	case outcomeInvalid:
		return exitInvalid
	case outcomeStale:
		return exitStale
	}
	return exitOK
}

func (o outcome) rank() int { return int(o) }

// worst returns the exit code of the most severe outcome.
func worst(os []outcome) int {
	w := outcomeOK
	for _, o := range os {
		if o.rank() > w.rank() {
			w = o
		}
	}
	return w.code()
}

// codeOf maps an error returned by the command tree to an exit code. Usage
// errors are marked as such (usageErr); an error that is not marked is a
// failure (1), never a usage error.
func codeOf(err error) int {
	var ee *exitErr
	if errors.As(err, &ee) {
		return ee.code
	}
	if isUsage(err) {
		return exitUsage
	}
	return exitError
}

// textOrJSON checks the value of a --format flag that takes text or json.
func textOrJSON(format string) error {
	if format != "text" && format != "json" {
		return usageErrorf("--format must be text or json, not %q", format)
	}
	return nil
}
