// Package fonts provides the embedded TrueType faces of the PDF (the Go
// fonts from golang.org/x/image, under the BSD-style licence in
// LICENSE-gofont, which the PDF's embedded subsets carry with them) and
// tells which characters they can draw: Latin with Extended-A and -B,
// Greek, Cyrillic and typographic punctuation (WGL4 and more), not the
// planes beyond the BMP (emoji).
package fonts

import (
	"sync"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// Face is one embedded style.
type Face struct {
	Style string // "", "B", "I" or "BI", as fpdf names styles
	TTF   []byte
}

// Faces returns the faces the PDF uses.
func Faces() []Face {
	return []Face{{"", goregular.TTF}, {"B", gobold.TTF}, {"I", goitalic.TTF}, {"BI", gobolditalic.TTF}}
}

var (
	once   sync.Once
	parsed []*sfnt.Font
	mu     sync.Mutex
	memo   = map[rune]bool{}
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
	if v, ok := memo[r]; ok {
		return v
	}
	var buf sfnt.Buffer
	ok := true
	for _, f := range parsed {
		if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
			ok = false
			break
		}
	}
	memo[r] = ok
	return ok
}
