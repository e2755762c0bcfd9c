package verify_test

import (
	"github.com/dpa-tool/dpa/internal/doc"
	"github.com/dpa-tool/dpa/internal/mdparse"
	"github.com/dpa-tool/dpa/internal/pdf"
)

// renderPDF typesets Markdown (here: an agreement changed on purpose) as
// one section of a typed document, now that pdf.Render reads only the
// typed document.
func renderPDF(md []byte, m pdf.Meta) ([]byte, *pdf.Layout, error) {
	d := &doc.Document{Notes: map[int][]doc.Inline{}}
	d.Sections = []*doc.Section{{Kind: doc.Body, Blocks: mdparse.Blocks(md, d.Notes)}}
	return pdf.Render(d, m)
}
