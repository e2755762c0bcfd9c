package pdf

import (
	"os"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/dpa-tool/dpa/internal/fonts"
)

// BenchmarkRender typesets the fixture (a 38-page agreement), with its
// pages compressed on another core as they are finished (ahead) and all at
// the end (at-end).
func BenchmarkRender(b *testing.B) {
	md, err := os.ReadFile("testdata/layout-fixture.md")
	if err != nil {
		b.Fatal(err)
	}
	m := Meta{Title: "Fixture", Reference: "F-1", Date: "2026-01-01"}
	for _, ahead := range []bool{true, false} {
		name := map[bool]string{true: "ahead", false: "at-end"}[ahead]
		b.Run(name, func(b *testing.B) {
			defer func(old bool) { compressAhead = old }(compressAhead)
			compressAhead = ahead
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := renderMarkdown(md, m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFontOverhead is the fixed cost of fpdf's fonts in a document:
// registering two faces (fpdf parses them) and embedding their subsets.
func BenchmarkFontOverhead(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		f := fpdf.New("P", "mm", "A4", "")
		for _, face := range fonts.Faces()[:2] {
			f.AddUTF8FontFromBytes(family, face.Style, face.TTF)
		}
		f.AddPage()
		f.SetFont(family, "", 10)
		f.Text(10, 10, "The quick brown fox jumps over the lazy dog 0123456789")
		f.SetFont(family, "B", 10)
		f.Text(10, 20, "The quick brown fox jumps over the lazy dog 0123456789")
		if err := f.Output(discard{}); err != nil {
			b.Fatal(err)
		}
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
