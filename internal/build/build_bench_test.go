package build

import (
	"testing"
)

// BenchmarkAgreement builds the two-module example (37 pages) as Markdown
// and PDF in memory: validation, assembly and typesetting; and as Markdown
// and DOCX.
func BenchmarkAgreement(b *testing.B) {
	for _, f := range [][]string{{"md"}, {"md", "pdf"}, {"md", "docx"}} {
		b.Run(f[len(f)-1], func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				r, err := File("../../examples/two-modules/heron-maplewood.yaml", b.TempDir(), f, false)
				if err != nil || len(r.Outputs) != len(f) {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBatchClient builds one client of the batch example (a vendor
// profile with 16 sub-processors) as Markdown and PDF.
func BenchmarkBatchClient(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		r, err := File("../../examples/batch/client-0001.yaml", b.TempDir(), []string{"md", "pdf"}, false)
		if err != nil || len(r.Outputs) != 2 {
			b.Fatal(err)
		}
	}
}
