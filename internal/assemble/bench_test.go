package assemble

import (
	"testing"

	"github.com/dpa-tool/dpa/internal/legal"
)

// BenchmarkBuild assembles the two-module example (templates parsed once
// per process and cached): as a process that builds many agreements does,
// with the parsed official clauses kept from one agreement to the next,
// and as the first agreement of a process does, parsing them.
func BenchmarkBuild(b *testing.B) {
	r := validated(b, "../../examples/two-modules/heron-maplewood.yaml")
	lg := legal.MustLoad()
	for _, c := range []struct {
		name string
		keep bool
	}{{"clauses-kept", true}, {"clauses-parsed", false}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if !c.keep {
					officialBlocks.Lock()
					officialBlocks.m = nil
					officialBlocks.Unlock()
				}
				if _, err := Build(r.Desc, r.Plan, lg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
