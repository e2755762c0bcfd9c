package fonts

import (
	"bytes"
	"testing"

	"github.com/dpa-tool/dpa/internal/legal"
)

// TestCovers checks the ranges the faces must draw in all four styles, and
// what they must refuse.
func TestCovers(t *testing.T) {
	for _, s := range []string{
		"Latin-1: ÀÉÎÕÜßàéîõüÿ§°º€",
		"Extended-A: ĀăĄćČďĐēĘěğĪıĶĹľŁńŇőŒřŚşŠţŤůŰųŸźŽſ",
		"Extended-B: ƒǍǎǺǻȘșȚțȷ",
		"Extended Additional: ẞẀẁẞỳ",
		"Greek: ΑΒΓΔΘΛΠΣΦΨΩ αβγδεζηθικλμνξοπρςστυφχψω άέήίόύώ",
		"Cyrillic: АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ абвгдеёжзийклмнопрстуфхцчшщъыьэюя ЄІЇЎ",
		"Punctuation: ‐ - – — ‘ ’ ‚ “ ” „ … • · ′ ″ « » ‹ › № ™ ← → ↔",
	} {
		for _, r := range s {
			if !Covers(r) {
				t.Errorf("%U %q is not drawn", r, r)
			}
		}
	}
	for _, r := range []rune{0, 0x7, 0x7f, 0x85, 0x1F600, 0x4E2D} {
		if Covers(r) {
			t.Errorf("%U is taken as drawable", r)
		}
	}
}

// TestAuthorityNames: every supervisory authority's name and address can
// be drawn.
func TestAuthorityNames(t *testing.T) {
	for _, a := range legal.MustLoad().Authorities {
		for _, s := range []string{a.DisplayName(), a.Address} {
			for i, r := range s {
				if !Covers(r) {
					t.Errorf("%s: %U %q at byte %d is not drawn", s, r, r, i)
				}
			}
		}
	}
}

// TestFaces: four styles, each a TrueType face with its licence notice.
func TestFaces(t *testing.T) {
	if len(Faces()) != 4 {
		t.Fatalf("%d faces", len(Faces()))
	}
	for _, f := range Faces() {
		if len(f.TTF) < 1000 || string(f.TTF[:4]) != "\x00\x01\x00\x00" {
			t.Errorf("style %q: not a TrueType face", f.Style)
		}
		// The licence notice of the name table (UTF-16BE), which every
		// embedded subset keeps.
		var notice []byte
		for _, r := range "SIL Open Font License" {
			notice = append(notice, 0, byte(r))
		}
		if !bytes.Contains(f.TTF, notice) {
			t.Errorf("style %q: no licence notice", f.Style)
		}
	}
}
