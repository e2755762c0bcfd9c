package fpdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
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

// TestFontID checks fontID against generateFontID for the four faces dpa
// embeds, and for definitions whose strings need escaping or that have no
// widths.
func TestFontID(t *testing.T) {
	var defs []fontDefType
	for _, name := range []string{"Regular", "Bold", "Italic", "BoldItalic"} {
		ttf, err := os.ReadFile("../../internal/fonts/NotoSerif-" + name + ".ttf")
		if err != nil {
			t.Skip(err)
		}
		p, err := parsedUTF8Font("serif"+name, ttf)
		if err != nil {
			t.Fatal(err)
		}
		defs = append(defs, p.def)
	}
	defs = append(defs, fontDefType{Tp: "Core", Name: "a<b>&\"c\"", Enc: "cp1252", Diff: "é", Size1: 3, N: -1}, fontDefType{File: "x.z", Cw: []uint16{}})
	for _, d := range defs {
		got, _ := fontID(d)
		want, _ := generateFontID(d)
		if got != want || len(got) != 40 {
			t.Errorf("%s: fontID %s, generateFontID %s", d.Name, got, want)
		}
	}
}

// TestReplaceAlias checks replaceAlias against strings.Replace, for
// replacements shorter, as long as and longer than the alias, aliases at
// the ends, next to each other and overlapping, and the empty alias.
func TestReplaceAlias(t *testing.T) {
	pages := []string{"", "no alias here", "{nb}", "a{nb}b{nb}{nb}c{nb}", "{nb{nb}}", "aaaa"}
	pairs := [][2]string{{"{nb}", "42"}, {"{nb}", "9999"}, {"{nb}", "123456"}, {"aa", "b"}, {"aa", "ab"}, {"", "-"}, {"\xf8\xf0\xf8\xf0", "\x00\x34\x00\x32"}}
	for _, page := range append(pages, "x\xf8\xf0\xf8\xf0\xf8\xf0y") {
		for _, p := range pairs {
			var b bytes.Buffer
			b.WriteString(page)
			replaceAlias(&b, p[0], p[1])
			if want := strings.Replace(page, p[0], p[1], -1); b.String() != want {
				t.Errorf("replaceAlias(%q, %q, %q) = %q, want %q", page, p[0], p[1], b.String(), want)
			}
		}
	}
}

// TestPresetUTF8Face checks that a face preset with what ParseUTF8Face
// gives is the face AddUTF8FontFromBytes parses: the same definition, and
// a document written with it has the same bytes, in each of the four
// faces dpa embeds.
func TestPresetUTF8Face(t *testing.T) {
	date := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	write := func(style string, ttf []byte) []byte {
		f := New("P", "mm", "A4", "")
		f.SetCatalogSort(true)
		f.SetCreationDate(date)
		f.SetModificationDate(date)
		f.AddUTF8FontFromBytes("Noto Serif", style, ttf)
		f.SetFont("Noto Serif", style, 11)
		f.AddPage()
		f.Text(20, 20, "Ærø – “quoted” € Ελληνικά Кириллица ﬁ")
		f.Cell(40, 10, fmt.Sprint(f.GetStringWidth("Width ﬁ €")))
		var b bytes.Buffer
		if err := f.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	for _, face := range []struct{ name, style string }{{"Regular", ""}, {"Bold", "B"}, {"Italic", "I"}, {"BoldItalic", "BI"}} {
		ttf, err := os.ReadFile("../../internal/fonts/NotoSerif-" + face.name + ".ttf")
		if err != nil {
			t.Skip(err)
		}
		// Copies, so that the cache (by address) holds each apart.
		parsed, preset := bytes.Clone(ttf), bytes.Clone(ttf)
		d, err := ParseUTF8Face("Noto Serif", face.style, ttf)
		if err != nil {
			t.Fatal(err)
		}
		PresetUTF8Face("Noto Serif", face.style, preset, d)
		key := getFontKey(fontFamilyEscape("Noto Serif"), face.style)
		want, err := parsedUTF8Font(key, parsed)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := parsedUTF8Font(key, preset)
		if !reflect.DeepEqual(got.def, want.def) {
			t.Errorf("%s: preset definition differs from the parsed one", face.name)
		}
		if a, b := write(face.style, preset), write(face.style, parsed); !bytes.Equal(a, b) {
			t.Errorf("%s: the document with the preset face differs (%d bytes, %d parsed)", face.name, len(a), len(b))
		}
	}
}

// BenchmarkColdFonts is the font work of the first document of a process,
// with fpdf's caches emptied before each: two faces added (parsed, or
// expanded from what PresetUTF8Face recorded), a line of text in each,
// their subsets cut and compressed.
func BenchmarkColdFonts(b *testing.B) {
	var faces [2][]byte
	var data [2]UTF8FaceData
	styles := [2]string{"", "B"}
	for i, name := range []string{"Regular", "Bold"} {
		ttf, err := os.ReadFile("../../internal/fonts/NotoSerif-" + name + ".ttf")
		if err != nil {
			b.Skip(err)
		}
		faces[i] = ttf
		if data[i], err = ParseUTF8Face("serif", styles[i], ttf); err != nil {
			b.Fatal(err)
		}
	}
	for _, preset := range []bool{false, true} {
		b.Run(map[bool]string{false: "parsed", true: "preset"}[preset], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				parsedFonts.Clear()
				presetFonts.Clear()
				cutFonts.Lock()
				cutFonts.m = nil
				cutFonts.Unlock()
				f := New("P", "mm", "A4", "")
				f.SetCompression(true)
				for i, ttf := range faces {
					if preset {
						PresetUTF8Face("serif", styles[i], ttf, data[i])
					}
					f.AddUTF8FontFromBytes("serif", styles[i], ttf)
				}
				f.AddPage()
				for i, style := range styles {
					f.SetFont("serif", style, 10)
					f.Text(10, 10+10*float64(i), "The quick brown fox jumps over the lazy dog 0123456789 – “Ærø” €")
				}
				if _, err := f.OutputBytes(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestNextIntKey checks nextIntKey against fpdf's search, for maps with
// gaps, string keys, negative keys and more than 256 keys.
func TestNextIntKey(t *testing.T) {
	search := func(pa *untypedKeyMap) int {
		for n := 0; ; n++ {
			if pa.getIndex(n) < 0 {
				return n
			}
		}
	}
	cases := []*untypedKeyMap{
		{},
		{keySet: []any{0, 1, 2}},
		{keySet: []any{1, 2}},
		{keySet: []any{0, "interval", 1, 3}},
		{keySet: []any{-1, 0, 2}},
		{keySet: []any{"0", 0}},
	}
	big := &untypedKeyMap{}
	for i := range 300 {
		big.keySet = append(big.keySet, i)
	}
	cases = append(cases, big, &untypedKeyMap{keySet: append([]any{"interval"}, big.keySet[1:]...)})
	for _, pa := range cases {
		if got, want := pa.nextIntKey(), search(pa); got != want {
			t.Errorf("nextIntKey(%v) = %d, want %d", pa.keySet, got, want)
		}
	}
}

// TestCompressToUnicode checks SetCompressToUnicode: with compression on,
// the ToUnicode CMap is a FlateDecode stream that inflates to fpdf's CMap,
// and everything else is as without it; and OutputBytes gives what Output
// writes.
func TestCompressToUnicode(t *testing.T) {
	ttf, err := os.ReadFile("../../internal/fonts/NotoSerif-Regular.ttf")
	if err != nil {
		t.Skip(err)
	}
	date := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	doc := func(z bool) *Fpdf {
		f := New("P", "mm", "A4", "")
		f.SetCompression(true)
		f.SetCompressToUnicode(z)
		f.SetCreationDate(date)
		f.SetModificationDate(date)
		f.AddUTF8FontFromBytes("serif", "", ttf)
		f.SetFont("serif", "", 10)
		f.AddPage()
		f.Text(10, 10, "Ærø – “quoted” €")
		return f
	}
	var plain bytes.Buffer
	if err := doc(false).Output(&plain); err != nil {
		t.Fatal(err)
	}
	z, err := doc(true).OutputBytes()
	if err != nil {
		t.Fatal(err)
	}
	head := []byte("<</Filter /FlateDecode /Length ")
	cmap := compressedToUnicode()
	i := bytes.Index(z, append(append(head, strconv.Itoa(len(cmap))...), ">>\nstream\n"...))
	if i < 0 {
		t.Fatal("no compressed ToUnicode stream")
	}
	zr, err := zlib.NewReader(bytes.NewReader(cmap))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := io.ReadAll(zr); string(got) != toUnicode {
		t.Errorf("the compressed CMap inflates to %q", got)
	}
	if !bytes.Contains(plain.Bytes(), []byte("<</Length "+strconv.Itoa(len(toUnicode))+">>\nstream\n"+toUnicode)) {
		t.Error("without SetCompressToUnicode the CMap is not written as fpdf writes it")
	}
	var again bytes.Buffer
	if err := doc(true).Output(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), z) {
		t.Error("OutputBytes differs from Output")
	}
}

// TestCmapCharCount checks that cmapCharCount counts the characters that
// generateCMAP maps, in the four faces dpa embeds.
func TestCmapCharCount(t *testing.T) {
	for _, name := range []string{"Regular", "Bold", "Italic", "BoldItalic"} {
		ttf, err := os.ReadFile("../../internal/fonts/NotoSerif-" + name + ".ttf")
		if err != nil {
			t.Skip(err)
		}
		utf := newUTF8Font(&fileReader{array: ttf})
		utf.skip(4)
		utf.generateTableDescriptions()
		pos := utf.parseCMAPTable(0)
		n := utf.cmapCharCount(pos)
		utf.generateCMAP()
		if n != len(utf.charSymbolDictionary) || n < 1000 {
			t.Errorf("%s: cmapCharCount %d, generateCMAP maps %d", name, n, len(utf.charSymbolDictionary))
		}
	}
}
