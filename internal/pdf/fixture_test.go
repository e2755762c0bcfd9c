package pdf

import (
	"strings"

	"github.com/dpa-tool/dpa/internal/doc"
	"github.com/dpa-tool/dpa/internal/mdparse"
)

// fromMarkdown reads a hand-written or stored Markdown agreement into the
// typed document for the tests: sections start at level-2 headings, and
// their kinds are read from the headings' text. Only the tests guess so;
// the assembler gives the kinds itself.
func fromMarkdown(src []byte) *doc.Document {
	d := &doc.Document{Notes: map[int][]doc.Inline{}}
	kind := doc.Cover
	var cur []string
	flush := func() {
		if text := strings.TrimSpace(strings.Join(cur, "\n")); text != "" {
			d.Sections = append(d.Sections, &doc.Section{Kind: kind, Blocks: mdparse.Blocks([]byte(text+"\n"), d.Notes)})
		}
		cur = nil
	}
	for _, line := range strings.Split(string(src), "\n") {
		if h, ok := strings.CutPrefix(line, "## "); ok {
			next := kind
			switch {
			case h == "Contents":
				next = doc.Contents
			case strings.HasPrefix(h, "Addendum"):
				next = doc.Addendum
			case strings.HasPrefix(h, "UK Addendum"), strings.HasPrefix(h, "Swiss"):
				next = doc.Supplement
			case strings.HasPrefix(h, "ANNEX"):
				next = doc.Annex
			case h == "SIGNATURES":
				next = doc.Signatures
			case kind == doc.Cover || kind == doc.Contents:
				next = doc.Body
			}
			if next != kind || next == doc.Addendum || next == doc.Annex || next == doc.Supplement {
				flush()
				kind = next
			}
		}
		cur = append(cur, line)
	}
	flush()
	return d
}

// renderMarkdown typesets a Markdown agreement read by fromMarkdown.
func renderMarkdown(src []byte, m Meta) ([]byte, *Layout, error) {
	return Render(fromMarkdown(src), m)
}
