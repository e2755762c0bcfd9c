package fpdf

import (
	"bytes"
	"os"
	"testing"
)

// TestTextUTF8 checks that the fast path of Text writes the same bytes as
// fpdf's own, and records the same characters, for text with PDF string
// delimiters, backslashes, carriage returns, two- and three-byte
// characters, characters beyond the BMP and invalid UTF-8, in colour and
// not.
func TestTextUTF8(t *testing.T) {
	ttf, err := os.ReadFile("../../internal/fonts/NotoSerif-Regular.ttf")
	if err != nil {
		t.Skip(err)
	}
	texts := []string{"plain", "(a) f(x) \\ back\\slash", "line\rreturn", "Ærø – “quoted” €", "Ελληνικά Кириллица", "emoji 😀 beyond", "bad \xff byte", "", "\u0128\u0129\u2029"}
	for _, color := range []bool{false, true} {
		var docs [2]*Fpdf
		for i := range docs {
			f := New("P", "mm", "A4", "")
			f.AddUTF8FontFromBytes("serif", "", ttf)
			f.SetFont("serif", "", 10)
			f.AddPage()
			if color {
				f.SetTextColor(90, 90, 90)
			}
			for _, s := range texts {
				if i == 0 {
					f.Text(10, 20, s)
				} else {
					f.text(10, 20, s)
				}
			}
			docs[i] = f
		}
		fast, orig := docs[0].pages[1].Bytes(), docs[1].pages[1].Bytes()
		if !bytes.Equal(fast, orig) {
			t.Errorf("color %v: the fast path writes\n%q\nfpdf writes\n%q", color, fast, orig)
		}
		if len(docs[0].currentFont.usedRunes) != len(docs[1].currentFont.usedRunes) {
			t.Errorf("color %v: %d characters used, fpdf records %d", color, len(docs[0].currentFont.usedRunes), len(docs[1].currentFont.usedRunes))
		}
	}
}
