// Package fonts provides the embedded TrueType faces of the PDF, Noto Serif
// in four styles (SIL Open Font License 1.1, in LICENSE-OFL.txt; each face
// carries the licence notice in its name table, and so does every subset a
// PDF embeds), and tells which characters they can draw: Latin with
// Extended-A, -B and Additional, Greek, Cyrillic, typographic punctuation,
// currency and common symbols (see subset.sh), not the planes beyond the
// BMP (emoji).
package fonts

import _ "embed"

var (
	//go:embed NotoSerif-Regular.ttf
	regular []byte
	//go:embed NotoSerif-Bold.ttf
	bold []byte
	//go:embed NotoSerif-Italic.ttf
	italic []byte
	//go:embed NotoSerif-BoldItalic.ttf
	boldItalic []byte
)

// Face is one embedded style.
type Face struct {
	Style string // "", "B", "I" or "BI", as fpdf names styles
	TTF   []byte
	// SHA256 is the hex SHA-256 of TTF, generated ahead into digest_gen.go
	// (checked by TestGeneratedDigests): fingerprints name the faces by it
	// without reading the 690 KB of faces in every process.
	SHA256 string
}

// Faces returns the faces the PDF uses.
func Faces() []Face {
	return []Face{{"", regular, digests[0]}, {"B", bold, digests[1]}, {"I", italic, digests[2]}, {"BI", boldItalic, digests[3]}}
}

// Covers reports whether every face has a glyph for r. Line breaks and tabs
// count as drawable: the layout handles them. The answer comes from
// coverage (coverage_gen.go), which TestGeneratedCoverage computes from
// the faces: parsing four faces to look characters up took the first
// validation of every process about 1.5 ms.
//
//go:generate env UPDATE_GOLDEN=1 go test -run ^(TestGeneratedCoverage|TestGeneratedDigests)$ .
func Covers(r rune) bool {
	if r == '\n' || r == '\t' || r == '\r' {
		return true
	}
	if r < 0 || r > 0xffff {
		return false
	}
	return coverage[r/64]&(1<<(r%64)) != 0
}
