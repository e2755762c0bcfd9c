// Package mdrender writes the typed document as Markdown: CommonMark with
// GFM tables and footnotes. Text is escaped here, once, so that a party's
// name never becomes structure.
package mdrender

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/dpa-tool/dpa/internal/doc"
)

// Render returns the Markdown of d.
func Render(d *doc.Document) []byte {
	var parts []string
	for _, s := range d.Sections {
		if md := section(d, s); md != "" {
			parts = append(parts, md)
		}
	}
	return []byte(strings.Join(parts, "\n\n") + "\n")
}

// section writes the blocks of s separated by blank lines; the items of a
// list and the rows of a table stand on consecutive lines.
func section(d *doc.Document, s *doc.Section) string {
	var b strings.Builder
	for i, bl := range s.Blocks {
		if i > 0 {
			if prev := s.Blocks[i-1]; prev.Kind == doc.ListItem && !prev.Last && bl.Kind == doc.ListItem {
				b.WriteString("\n")
			} else {
				b.WriteString("\n\n")
			}
		}
		block(&b, d, bl)
	}
	return b.String()
}

// orderedRE finds a start that would open an ordered list: "1. " or "1.".
var orderedRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d+)\.( |$)`) })

func block(b *strings.Builder, d *doc.Document, bl doc.Block) {
	switch bl.Kind {
	case doc.Heading:
		b.WriteString(strings.Repeat("#", bl.Level) + " ")
		if bl.Number != "" {
			b.WriteString(bl.Number + " ")
		}
		b.WriteString(inlines(bl.Inlines))
	case doc.Paragraph:
		if bl.Label != "" {
			// "1." would open an ordered list.
			b.WriteString(orderedRE().ReplaceAllString(bl.Label, `$1\.$2`) + " ")
			b.WriteString(inlines(bl.Inlines))
		} else {
			b.WriteString(start(inlines(bl.Inlines)))
		}
	case doc.ListItem:
		b.WriteString("- " + start(inlines(bl.Inlines)))
	case doc.Table, doc.Signature:
		cols := len(bl.Header)
		if cols == 0 && len(bl.Rows) > 0 {
			cols = len(bl.Rows[0])
		}
		row(b, bl.Header, cols)
		b.WriteString("\n|" + strings.Repeat("---|", cols))
		for _, r := range bl.Rows {
			b.WriteString("\n")
			row(b, r, cols)
		}
	case doc.Footnotes:
		for i, n := range bl.Notes {
			if i > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString("[^" + strconv.Itoa(n) + "]: " + inlines(d.Notes[n]))
		}
	}
}

// row writes a table row of cols cells.
func row(b *strings.Builder, cells []doc.Cell, cols int) {
	b.WriteString("|")
	for i := 0; i < cols; i++ {
		var c doc.Cell
		if i < len(cells) {
			c = cells[i]
		}
		if t := inlines(c); t != "" {
			b.WriteString(" " + start(t) + " |")
		} else {
			b.WriteString(" |")
		}
	}
}

// start escapes what would open a block at the start of a line: a list
// marker, a heading, a setext underline or a thematic break.
func start(s string) string {
	if s == "" {
		return s
	}
	if strings.ContainsRune("-+=", rune(s[0])) {
		return `\` + s
	}
	return orderedRE().ReplaceAllString(s, `$1\.$2`)
}

// inlines writes runs of text with their emphasis and footnote references.
func inlines(ins []doc.Inline) string {
	var b strings.Builder
	for _, in := range ins {
		switch {
		case in.Note > 0:
			b.WriteString("[^" + strconv.Itoa(in.Note) + "]")
		case in.Break:
			b.WriteString("\\\n")
		default:
			t := escape(in.Text)
			if in.Link != "" {
				t = "[" + t + "](" + in.Link + ")"
			}
			if in.Emph {
				t = "*" + t + "*"
			}
			if in.Strong {
				t = "**" + t + "**"
			}
			b.WriteString(t)
		}
	}
	return b.String()
}

// special are the ASCII characters that can start Markdown structure
// inline (as in internal/markdown).
const special = "\\`*_[]<>|!~&#"

func escape(s string) string {
	if !strings.ContainsAny(s, special) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r < 128 && strings.ContainsRune(special, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
