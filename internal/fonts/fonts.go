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
}

// Faces returns the faces the PDF uses.
func Faces() []Face {
	return []Face{{"", regular}, {"B", bold}, {"I", italic}, {"BI", boldItalic}}
}

//go:generate env UPDATE_GOLDEN=1 go test -run ^TestCoverage$ .

// Covers reports whether every face has a glyph for r. Line breaks and tabs
// count as drawable: the layout handles them. It answers from a table
// generated from the faces (coverage.go, checked by TestCoverage): parsing
// the four faces to ask them cost every process about 2 ms.
func Covers(r rune) bool {
	if r == '\n' || r == '\t' || r == '\r' {
		return true
	}
	if r < 0x20 || (r >= 0x7f && r < 0xa0) || r > 0xffff {
		return false
	}
	// The first range whose last character is r or after it.
	lo, hi := 0, len(drawn)/2
	for lo < hi {
		m := (lo + hi) / 2
		if rune(drawn[2*m+1]) < r {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(drawn)/2 && rune(drawn[2*lo]) <= r
}
