package verify

import (
	"os"
	"testing"

	"github.com/dpa-tool/dpa/clauses"
	"github.com/dpa-tool/dpa/internal/textract"
)

func BenchmarkWhole(b *testing.B) {
	data, err := os.ReadFile("/tmp/v13/out/heron-maplewood.pdf")
	if err != nil {
		b.Skip()
	}
	for i := 0; i < b.N; i++ {
		l, err := loadFS(clauses.FS, "scc-2021-914")
		if err != nil {
			b.Fatal(err)
		}
		text, _, err := textract.Extract("x.pdf", data)
		if err != nil {
			b.Fatal(err)
		}
		l.verify("x", text)
	}
}
