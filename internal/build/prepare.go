package build

import (
	"sync"

	"github.com/dpa-tool/dpa/internal/assemble"
	"github.com/dpa-tool/dpa/internal/validate"
)

// prepared starts prepare's goroutine once per process.
var prepared sync.Once

// prepare starts, once per process, on another goroutine, the work every
// build needs whatever its description, in the order the build needs it:
// the compiled schemas, then the built-in template set and its parsed tree
// (~7 ms in a cold process). On a machine with a second core that is idle
// it runs while the first reads and validates the description; the
// functions that need the results wait for work under way, and get what
// they would have made themselves. In a batch it happens once.
func prepare() {
	prepared.Do(func() {
		go func() {
			validate.Warm()
			assemble.Warm()
		}()
	})
}
