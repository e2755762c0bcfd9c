// Package atstart reserves the heap of `dpa build` (hugeheap.Reserve) as
// soon as the program starts, while the other packages are still being
// initialised. Package main imports it for that effect only.
//
// Reserve starts a garbage collection, which then runs beside the rest of
// the start-up instead of beside the first description's validation (about
// 4 ms of a 40 ms build on the machine hugeheap describes). Only the build
// command allocates enough to gain from it, and only when the user leaves
// the collector's settings alone: the reservation relies on the collection
// it starts, and with GOGC or GOMEMLIMIT set, the build does what they say
// (cli's tuneGC reserves the heap later, under the same condition, when
// the command was not recognised here).
package atstart

import (
	"os"

	"github.com/dpa-tool/dpa/internal/hugeheap"
)

func init() {
	if len(os.Args) > 1 && os.Args[1] == "build" && os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		hugeheap.Reserve(hugeheap.Build)
	}
}
