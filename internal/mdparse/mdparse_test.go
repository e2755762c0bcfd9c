package mdparse

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/doc"
)

// TestLabels: lettered points are depth 1, Roman numerals below them depth
// 2, and a letter that continues the sequence ("(i)" after "(h)", "(v)"
// after "(u)") stays a letter.
func TestLabels(t *testing.T) {
	src := "(a) A\n\n(i) one\n\n(ii) two\n\n(b) B\n\n(h) H\n\n(i) I\n\n(u) U\n\n(v) V\n\n(i) one\n\n3.2 Body\n\n1\\. **Entry**\n\n**1\\. Bold** is no label\n"
	var got []string
	for _, b := range Blocks([]byte(src), nil) {
		got = append(got, fmt.Sprintf("%s/%d", b.Label, b.Depth))
	}
	want := "(a)/1 (i)/2 (ii)/2 (b)/1 (h)/1 (i)/1 (u)/1 (v)/1 (i)/2 3.2/0 1./0 /0"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("got  %s\nwant %s", s, want)
	}
}

// TestFootnotes: footnotes are numbered by their labels, keep the place of
// their texts, and their references carry the style around them.
func TestFootnotes(t *testing.T) {
	notes := map[int][]doc.Inline{}
	bs := Blocks([]byte("Text[^7] and **bold[^8]**.\n\n[^7]: Seven.\n\n[^8]: Eight.\n\nAfter.\n"), notes)
	if len(bs) != 3 || bs[1].Kind != doc.Footnotes || fmt.Sprint(bs[1].Notes) != "[7 8]" {
		t.Fatalf("blocks %+v", bs)
	}
	if Plain(notes[7]) != "Seven." || Plain(notes[8]) != "Eight." {
		t.Errorf("notes %+v", notes)
	}
	ins := bs[0].Inlines
	if ins[1].Note != 7 || ins[4].Note != 8 || !ins[4].Strong {
		t.Errorf("inlines %+v", ins)
	}
}

// TestUserText: escaped text is text, never structure.
func TestUserText(t *testing.T) {
	bs := Blocks([]byte(`For and on behalf of \{\{ .Name \}\} \*x\* \[a\](b) \| c:`+"\n"), nil)
	if len(bs) != 1 || Plain(bs[0].Inlines) != "For and on behalf of {{ .Name }} *x* [a](b) | c:" || len(bs[0].Inlines) != 1 {
		t.Errorf("%+v", bs)
	}
}

// TestKeep: headings, captions and a numbered entry before its table are
// kept with the next block; the rows of a label–value table are kept whole,
// those of a table with a header are not; an entry without a table is not
// kept.
func TestKeep(t *testing.T) {
	src := "### Parties\n\n**Transfer 1**\n\n1\\. Acme\n\n| | |\n|---|---|\n| Name | Acme |\n\n2\\. Beta\n\nText.\n\n| Sub-processor | Location |\n|---|---|\n| Nimbus | Ireland |\n"
	var got []string
	for _, b := range Blocks([]byte(src), nil) {
		got = append(got, fmt.Sprintf("%d:%v/%v", b.Kind, b.KeepWithNext, b.KeepRows))
	}
	want := "0:true/false 1:true/false 1:true/false 3:false/true 1:false/false 1:false/false 3:false/false"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("got  %s\nwant %s", s, want)
	}
}

// TestAnchors: the identifiers a Markdown viewer gives the headings,
// numbered where a heading's text repeats.
func TestAnchors(t *testing.T) {
	d := Agreement([]byte("# Data Processing Agreement\n\n## 1. Definitions\n\n### Transfer 1 (Module Two)\n\n### Transfer 1 (Module Two)\n\n## ANNEX I — List of Parties\n\n### Transfer 1 (Module Two)\n"))
	var got []string
	for _, s := range d.Sections {
		for _, b := range s.Blocks {
			got = append(got, b.Anchor)
		}
	}
	want := "data-processing-agreement 1-definitions transfer-1-module-two transfer-1-module-two-1 annex-i--list-of-parties transfer-1-module-two-2"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("got  %s\nwant %s", s, want)
	}
}
