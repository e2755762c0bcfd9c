package verify

import (
	"testing"

	"github.com/dpa-tool/dpa/clauses"
)

// BenchmarkLoad builds the reference from the embedded clause data, as
// every process does once.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := loadFS(clauses.FS, "scc-2021-914"); err != nil {
			b.Fatal(err)
		}
	}
}
