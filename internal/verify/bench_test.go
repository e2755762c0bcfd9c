package verify_test

import (
	"testing"

	"github.com/dpa-tool/dpa/internal/textract"
	"github.com/dpa-tool/dpa/internal/verify"
)

// BenchmarkVerifyPDF extracts and verifies the two-module example (37
// pages, two addenda) as PDF.
func BenchmarkVerifyPDF(b *testing.B) {
	pdf := built(b, "two-modules/heron-maplewood.yaml", "pdf")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		text, _, err := textract.Extract("heron-maplewood.pdf", pdf)
		if err != nil {
			b.Fatal(err)
		}
		r, err := verify.Text("heron-maplewood.pdf", text)
		if err != nil || r.Status != "identical" {
			b.Fatal(err, r.Summary)
		}
	}
}

// BenchmarkExtractPDF is the PDF text extraction alone.
func BenchmarkExtractPDF(b *testing.B) {
	pdf := built(b, "two-modules/heron-maplewood.yaml", "pdf")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := textract.Extract("heron-maplewood.pdf", pdf); err != nil {
			b.Fatal(err)
		}
	}
}
