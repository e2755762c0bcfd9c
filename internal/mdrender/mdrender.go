// Package mdrender writes the typed document as Markdown: CommonMark with
// GFM tables and footnotes. Text is escaped here, once, so that a party's
// name never becomes structure.
package mdrender

import (
	"slices"
	"strconv"
	"strings"

	"github.com/dpa-tool/dpa/internal/doc"
)

// Render returns the Markdown of d: its sections separated by blank
// lines, each written straight into one buffer (no string per block: the
// agreement is rendered for every build).
func Render(d *doc.Document) []byte {
	b := make([]byte, 0, size(d))
	for _, s := range d.Sections {
		mark := len(b)
		if mark > 0 {
			b = append(b, "\n\n"...)
		}
		at := len(b)
		b = section(b, d, s)
		if len(b) == at { // an empty section is left out, with its separator
			b = b[:mark]
		}
	}
	return append(b, '\n')
}

// size estimates the length of the Markdown of d: its text, and room for
// the marks, escapes and table rules around it.
func size(d *doc.Document) int {
	n := 1024
	text := func(ins []doc.Inline) {
		for _, in := range ins {
			n += len(in.Text) + 2
		}
	}
	for _, s := range d.Sections {
		for _, bl := range s.Blocks {
			n += 8 + len(bl.Label) + len(bl.Number)
			text(bl.Inlines)
			for _, c := range bl.Header {
				text(c)
			}
			for _, r := range bl.Rows {
				for _, c := range r {
					n += 3
					text(c)
				}
			}
		}
	}
	for _, ins := range d.Notes {
		n += 8
		text(ins)
	}
	return n + n/16
}

// section writes the blocks of s separated by blank lines; the items of a
// list and the rows of a table stand on consecutive lines.
func section(b []byte, d *doc.Document, s *doc.Section) []byte {
	for i, bl := range s.Blocks {
		if i > 0 {
			if prev := s.Blocks[i-1]; prev.Kind == doc.ListItem && !prev.Last && bl.Kind == doc.ListItem {
				b = append(b, '\n')
			} else {
				b = append(b, "\n\n"...)
			}
		}
		b = block(b, d, bl)
	}
	return b
}

func block(b []byte, d *doc.Document, bl doc.Block) []byte {
	switch bl.Kind {
	case doc.Heading:
		for range bl.Level {
			b = append(b, '#')
		}
		b = append(b, ' ')
		if bl.Number != "" {
			b = append(b, bl.Number...)
			b = append(b, ' ')
		}
		b = inlines(b, bl.Inlines)
	case doc.Paragraph:
		if bl.Label != "" {
			// "1." would open an ordered list.
			at := len(b)
			b = append(b, bl.Label...)
			b = escapeOrdered(b, at)
			b = append(b, ' ')
			b = inlines(b, bl.Inlines)
		} else {
			at := len(b)
			b = start(inlines(b, bl.Inlines), at)
		}
	case doc.ListItem:
		b = append(b, "- "...)
		at := len(b)
		b = start(inlines(b, bl.Inlines), at)
	case doc.Table, doc.Signature:
		cols := len(bl.Header)
		if cols == 0 && len(bl.Rows) > 0 {
			cols = len(bl.Rows[0])
		}
		b = row(b, bl.Header, cols)
		b = append(b, "\n|"...)
		for range cols {
			b = append(b, "---|"...)
		}
		for _, r := range bl.Rows {
			b = append(b, '\n')
			b = row(b, r, cols)
		}
	case doc.Footnotes:
		for i, n := range bl.Notes {
			if i > 0 {
				b = append(b, "\n\n"...)
			}
			b = append(b, "[^"...)
			b = strconv.AppendInt(b, int64(n), 10)
			b = append(b, "]: "...)
			b = inlines(b, d.Notes[n])
		}
	}
	return b
}

// row writes a table row of cols cells.
func row(b []byte, cells []doc.Cell, cols int) []byte {
	b = append(b, '|')
	for i := 0; i < cols; i++ {
		var c doc.Cell
		if i < len(cells) {
			c = cells[i]
		}
		b = append(b, ' ')
		at := len(b)
		if b = inlines(b, c); len(b) > at {
			b = append(start(b, at), " |"...)
		} else {
			b = append(b, '|')
		}
	}
	return b
}

// start escapes what would open a block at the start of a line, in the
// text written from b[at:]: a list marker, a heading, a setext underline
// or a thematic break.
func start(b []byte, at int) []byte {
	if len(b) == at {
		return b
	}
	if strings.IndexByte("-+=", b[at]) >= 0 {
		return slices.Insert(b, at, '\\')
	}
	return escapeOrdered(b, at)
}

// escapeOrdered escapes the dot of a start that would open an ordered
// list, "1. " or a text that is "1.", in the text written from b[at:].
func escapeOrdered(b []byte, at int) []byte {
	i := at
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	if i == at || i == len(b) || b[i] != '.' || i+1 < len(b) && b[i+1] != ' ' {
		return b
	}
	return slices.Insert(b, i, '\\')
}

// inlines writes runs of text with their emphasis and footnote references.
func inlines(b []byte, ins []doc.Inline) []byte {
	for _, in := range ins {
		switch {
		case in.Note > 0:
			b = append(b, "[^"...)
			b = strconv.AppendInt(b, int64(in.Note), 10)
			b = append(b, ']')
		case in.Break:
			b = append(b, "\\\n"...)
		default:
			if in.Strong {
				b = append(b, "**"...)
			}
			if in.Emph {
				b = append(b, '*')
			}
			if in.Link != "" {
				b = append(b, '[')
			}
			b = escape(b, in.Text)
			if in.Link != "" {
				b = append(b, "]("...)
				b = append(b, in.Link...)
				b = append(b, ')')
			}
			if in.Emph {
				b = append(b, '*')
			}
			if in.Strong {
				b = append(b, "**"...)
			}
		}
	}
	return b
}

// special are the ASCII characters that can start Markdown structure
// inline (as in internal/markdown).
const special = "\\`*_[]<>|!~&#"

// escape writes s with a backslash before each special character.
func escape(b []byte, s string) []byte {
	for {
		i := strings.IndexAny(s, special)
		if i < 0 {
			return append(b, s...)
		}
		b = append(b, s[:i]...)
		b = append(b, '\\', s[i])
		s = s[i+1:]
	}
}
