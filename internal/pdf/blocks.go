package pdf

import (
	"strconv"
	"strings"

	"github.com/dpa-tool/dpa/internal/doc"
)

// run is a piece of text in one style.
type run struct {
	Text  string
	Style string // "", "B", "I" or "BI"
	Super bool   // a footnote mark
	Note  int    // footnote number of a mark
}

type blockKind int

const (
	bHeading blockKind = iota
	bPara
	bItem
	bTable
)

// block is one typeset unit of the document.
type block struct {
	Kind   blockKind
	Level  int // heading level; list depth
	Runs   []run
	Label  string // hanging label of a paragraph: "(a)", "1.2"
	Depth  int    // indentation level of a labelled paragraph
	Header [][]run
	Rows   [][][]run
	Last   bool // the last item of its list
	// Keep is the document's KeepWithNext: the block stays on the page of
	// the next one.
	Keep bool
	// Section is the kind of the section the block belongs to; First
	// marks the section's first block.
	Section doc.SectionKind
	First   bool
}

// document is the parsed agreement.
type document struct {
	Blocks []block
	Notes  map[int][]run // footnote texts by number
}

// convert turns the typed document into the blocks to typeset. Each block
// carries the kind of its section; First marks a section's first block.
func convert(d *doc.Document) *document {
	out := &document{Notes: make(map[int][]run, len(d.Notes))}
	for n, ins := range d.Notes {
		out.Notes[n] = runs(ins)
	}
	n := 0
	for _, s := range d.Sections {
		n += len(s.Blocks)
	}
	out.Blocks = make([]block, 0, n)
	for _, s := range d.Sections {
		first := true
		for _, b := range s.Blocks {
			k := block{Section: s.Kind, First: first, Label: b.Label, Depth: b.Depth, Last: b.Last, Keep: b.KeepWithNext}
			first = false
			switch b.Kind {
			case doc.Heading:
				k.Kind, k.Level = bHeading, b.Level
				ins := b.Inlines
				if b.Number != "" {
					ins = append([]doc.Inline{{Text: b.Number + " "}}, ins...)
				}
				k.Runs = runs(ins)
			case doc.Paragraph:
				k.Kind, k.Runs = bPara, runs(b.Inlines)
			case doc.ListItem:
				k.Kind, k.Level, k.Runs = bItem, 1, runs(b.Inlines)
			case doc.Table, doc.Signature:
				k.Kind = bTable
				for _, c := range b.Header {
					k.Header = append(k.Header, runs(c))
				}
				k.Rows = make([][][]run, 0, len(b.Rows))
				for _, r := range b.Rows {
					cells := make([][]run, 0, len(r))
					for _, c := range r {
						cells = append(cells, runs(c))
					}
					k.Rows = append(k.Rows, cells)
				}
			default:
				continue
			}
			out.Blocks = append(out.Blocks, k)
		}
	}
	return out
}

// runs turns inlines into runs, joining adjacent text of one style (a link
// is drawn as its text).
func runs(ins []doc.Inline) []run {
	out := make([]run, 0, len(ins))
	for _, in := range ins {
		st := ""
		if in.Strong {
			st = addStyle(st, "B")
		}
		if in.Emph {
			st = addStyle(st, "I")
		}
		switch {
		case in.Note > 0:
			out = append(out, run{Text: strconv.Itoa(in.Note), Style: st, Super: true, Note: in.Note})
		case in.Break:
			out = appendText(out, " ", st)
		default:
			out = appendText(out, in.Text, st)
		}
	}
	return out
}

func appendText(out []run, s, st string) []run {
	if s == "" {
		return out
	}
	if k := len(out) - 1; k >= 0 && out[k].Style == st && !out[k].Super {
		out[k].Text += s
		return out
	}
	return append(out, run{Text: s, Style: st})
}

func addStyle(st, s string) string {
	if strings.Contains(st, s) {
		return st
	}
	if st == "I" && s == "B" || st == "B" && s == "I" {
		return "BI"
	}
	return st + s
}

// plainText joins the text of runs.
func plainText(rs []run) string {
	var b strings.Builder
	for _, r := range rs {
		if !r.Super {
			b.WriteString(r.Text)
		}
	}
	return b.String()
}
