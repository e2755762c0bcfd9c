// Package lazyre compiles regular expressions at their first use rather
// than when a package is initialised, so that every process does not pay
// for the expressions of commands it does not run.
package lazyre

import (
	"regexp"
	"sync"
)

// New returns a function that compiles expr on its first call, panicking
// like regexp.MustCompile if it is not valid, and returns the same
// expression on every call. It is safe for concurrent use.
func New(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
