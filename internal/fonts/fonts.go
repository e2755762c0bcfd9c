// Package fonts provides the embedded TrueType faces of the PDF, Noto Serif
// in four styles (SIL Open Font License 1.1, in LICENSE-OFL.txt; each face
// carries the licence notice in its name table, and so does every subset a
// PDF embeds), and tells which characters they can draw: Latin with
// Extended-A, -B and Additional, Greek, Cyrillic, typographic punctuation,
// currency and common symbols (see subset.sh), not the planes beyond the
// BMP (emoji).
package fonts

import (
	_ "embed"
	"sync"
	"sync/atomic"

	"golang.org/x/image/font/sfnt"
)

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

var (
	once   sync.Once
	parsed []*sfnt.Font
	mu     sync.Mutex
	// known and covered hold one bit per BMP character: whether it was
	// looked up, and whether every face draws it.
	known, covered [0x10000 / 64]atomic.Uint64
)

// Covers reports whether every face has a glyph for r. Line breaks and tabs
// count as drawable: the layout handles them.
func Covers(r rune) bool {
	if r == '\n' || r == '\t' || r == '\r' {
		return true
	}
	if r < 0x20 || (r >= 0x7f && r < 0xa0) || r > 0xffff {
		return false
	}
	bit := uint64(1) << (r % 64)
	if known[r/64].Load()&bit != 0 {
		return covered[r/64].Load()&bit != 0
	}
	once.Do(func() {
		for _, f := range Faces() {
			p, err := sfnt.Parse(f.TTF)
			if err != nil {
				panic("fonts: embedded face does not parse: " + err.Error())
			}
			parsed = append(parsed, p)
		}
	})
	mu.Lock()
	defer mu.Unlock()
	var buf sfnt.Buffer
	ok := true
	for _, f := range parsed {
		if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
			ok = false
			break
		}
	}
	if ok {
		covered[r/64].Or(bit)
	}
	known[r/64].Or(bit)
	return ok
}
