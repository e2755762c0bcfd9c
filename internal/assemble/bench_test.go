package assemble

import (
	"testing"

	"github.com/dpa-tool/dpa/internal/legal"
)

// BenchmarkBuild assembles the two-module example (templates parsed once
// per process and cached).
func BenchmarkBuild(b *testing.B) {
	r := validated(b, "../../examples/two-modules/heron-maplewood.yaml")
	lg := legal.MustLoad()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(r.Desc, r.Plan, lg); err != nil {
			b.Fatal(err)
		}
	}
}
