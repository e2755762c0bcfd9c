// Package mdparse reads a Markdown fragment of the agreement (CommonMark
// with GFM tables and footnotes, as the templates and the clause texts are
// written) into the blocks of the typed document. Each fragment is parsed
// once, by goldmark; user text has already been escaped into it, so it
// comes out as the Text of an Inline and never as structure.
package mdparse

import (
	"bytes"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/dpa-tool/dpa/internal/doc"
	"github.com/dpa-tool/dpa/internal/lazyre"
)

// md is the CommonMark parser with GFM tables and footnotes, built at first
// use rather than in every process.
var md = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.Table, extension.Footnote))
})

// labelRE finds the hanging label that starts a paragraph: "(a)", "(iv)",
// "3.2" or "1." (an entry of a numbered list of parties).
var labelRE = lazyre.New(`^(\([a-z]{1,5}\)|\d+\.\d+|\d+\.)\s`)

var romanLabel = map[string]bool{"(i)": true, "(ii)": true, "(iii)": true, "(iv)": true, "(v)": true, "(vi)": true, "(vii)": true, "(viii)": true, "(ix)": true, "(x)": true}

// nextLetter returns the label after a lettered label: "(i)" after "(h)";
// "(a)" after none.
func nextLetter(label string) string {
	if len(label) != 3 {
		return "(a)"
	}
	return "(" + string(label[1]+1) + ")"
}

// Blocks parses src into blocks and adds the texts of its footnotes to
// notes, by their number. Footnotes are numbered by their labels ("[^7]"),
// which run on through the document.
func Blocks(src []byte, notes map[int][]doc.Inline) []doc.Block {
	root := md().Parser().Parse(text.NewReader(src))
	// goldmark numbers footnotes by order of reference in this fragment;
	// the document numbers them by label.
	number := map[int]int{}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if l, ok := n.(*east.FootnoteList); ok {
			for f := l.FirstChild(); f != nil; f = f.NextSibling() {
				if fn, ok := f.(*east.Footnote); ok {
					k, err := strconv.Atoi(string(fn.Ref))
					if err != nil {
						k = fn.Index
					}
					number[fn.Index] = k
				}
			}
		}
	}
	p := &parser{src: src, number: number}
	// Where the footnotes' texts stand in src: goldmark moves them to the
	// end; a Footnotes block keeps their place.
	type place struct {
		at    int
		notes []int
	}
	var places []place
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if l, ok := n.(*east.FootnoteList); ok {
			for f := l.FirstChild(); f != nil; f = f.NextSibling() {
				if fn, ok := f.(*east.Footnote); ok {
					at := bytes.Index(src, []byte("\n[^"+string(fn.Ref)+"]:"))
					if k := len(places) - 1; k >= 0 && places[k].at <= at && !p.between(root, places[k].at, at) {
						places[k].notes = append(places[k].notes, number[fn.Index])
						continue
					}
					places = append(places, place{at, []int{number[fn.Index]}})
				}
			}
		}
	}
	// One block per top-level node (a list gives one per item), counted
	// first: a Block is large, and growing the slice copied it.
	n := 0
	for c := root.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(*ast.List); ok {
			n += c.ChildCount()
		} else {
			n++
		}
	}
	out := make([]doc.Block, 0, n+len(places))
	lastLetter := ""
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		for len(places) > 0 && offset(n) > places[0].at {
			if _, ok := n.(*east.FootnoteList); ok {
				break
			}
			out = append(out, doc.Block{Kind: doc.Footnotes, Notes: places[0].notes})
			places = places[1:]
		}
		switch n := n.(type) {
		case *ast.Heading:
			out = append(out, doc.Block{Kind: doc.Heading, Level: n.Level, Inlines: p.inline(n, style{})})
			lastLetter = ""
		case *ast.Paragraph:
			b := doc.Block{Kind: doc.Paragraph, Inlines: p.inline(n, style{})}
			if len(b.Inlines) > 0 && b.Inlines[0].Note == 0 && !b.Inlines[0].Strong && !b.Inlines[0].Emph && b.Inlines[0].Link == "" {
				if m := labelRE().FindString(b.Inlines[0].Text); m != "" {
					b.Label = strings.TrimSpace(m)
					b.Inlines[0].Text = b.Inlines[0].Text[len(m):]
					if b.Inlines[0].Text == "" {
						b.Inlines = b.Inlines[1:]
					}
					if strings.HasPrefix(b.Label, "(") {
						b.Depth = 1
						// A label that continues the letters ("(i)" after
						// "(h)") is a point; another Roman numeral is a
						// point below the last letter.
						if romanLabel[b.Label] && b.Label != nextLetter(lastLetter) {
							b.Depth = 2
						} else {
							lastLetter = b.Label
						}
					}
				}
			}
			out = append(out, b)
		case *ast.List:
			for it := n.FirstChild(); it != nil; it = it.NextSibling() {
				out = append(out, doc.Block{Kind: doc.ListItem, Depth: 1, Ordered: n.IsOrdered(), Inlines: p.inline(it, style{}), Last: it.NextSibling() == nil})
			}
		case *east.Table:
			b := doc.Block{Kind: doc.Table}
			for r := n.FirstChild(); r != nil; r = r.NextSibling() {
				var cells []doc.Cell
				for c := r.FirstChild(); c != nil; c = c.NextSibling() {
					cells = append(cells, doc.Cell(p.inline(c, style{})))
				}
				if _, ok := r.(*east.TableHeader); ok {
					b.Header = cells
				} else {
					b.Rows = append(b.Rows, cells)
				}
			}
			out = append(out, b)
		case *east.FootnoteList:
			for _, pl := range places {
				out = append(out, doc.Block{Kind: doc.Footnotes, Notes: pl.notes})
			}
			places = nil
			for f := n.FirstChild(); f != nil; f = f.NextSibling() {
				if fn, ok := f.(*east.Footnote); ok && notes != nil {
					notes[number[fn.Index]] = p.inline(fn, style{})
				}
			}
		}
	}
	Keep(out)
	return out
}

// entryRE is the label of a numbered entry ("1."), such as a party or a
// sub-processor in the annexes, whose table of details follows it.
var entryRE = lazyre.New(`^\d+\.$`)

// Keep sets the flags that tell renderers what belongs together, so that
// none has to guess it from text: a heading, a caption (a paragraph in bold
// only, such as "Transfer 1 (Module Two)") and a numbered entry followed by
// its table stay with the next block; the rows of a table without a header
// (label and value, or fields to complete) are not broken across pages.
// Blocks sets them; a caller that joins the blocks of fragments sets them
// again on the whole.
func Keep(bs []doc.Block) {
	for i := range bs {
		b := &bs[i]
		next := doc.BlockKind(-1)
		if i+1 < len(bs) {
			next = bs[i+1].Kind
		}
		switch b.Kind {
		case doc.Heading:
			b.KeepWithNext = true
		case doc.Paragraph:
			b.KeepWithNext = b.IsCaption() || entryRE().MatchString(b.Label) && next == doc.Table
		case doc.Table:
			b.KeepRows = blank(b.Header)
		}
	}
}

// blank reports whether a header row is missing or has no text (a table of
// labels and values).
func blank(header []doc.Cell) bool {
	for _, c := range header {
		if strings.TrimSpace(Plain(c)) != "" {
			return false
		}
	}
	return true
}

// offset returns where node n starts in the source, or -1.
func offset(n ast.Node) int {
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if o := offset(c); o >= 0 {
			return o
		}
	}
	return -1
}

// between reports whether a block other than footnotes starts between
// offsets a and b.
func (p *parser) between(root ast.Node, a, b int) bool {
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if _, ok := n.(*east.FootnoteList); ok {
			continue
		}
		if o := offset(n); o > a && o < b {
			return true
		}
	}
	return false
}

type style struct {
	strong, emph bool
	link         string
}

type parser struct {
	src    []byte
	number map[int]int
}

// inline collects the runs under n; adjacent text in one style is one run.
func (p *parser) inline(n ast.Node, st style) []doc.Inline {
	var out []doc.Inline
	add := func(in doc.Inline) {
		if in.Note == 0 && !in.Break {
			if in.Text == "" {
				return
			}
			if k := len(out) - 1; k >= 0 && out[k].Note == 0 && !out[k].Break && out[k].Strong == in.Strong && out[k].Emph == in.Emph && out[k].Link == in.Link {
				out[k].Text += in.Text
				return
			}
		}
		out = append(out, in)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			add(doc.Inline{Text: string(util.UnescapePunctuations(c.Segment.Value(p.src))), Strong: st.strong, Emph: st.emph, Link: st.link})
			if c.SoftLineBreak() || c.HardLineBreak() {
				add(doc.Inline{Text: " ", Strong: st.strong, Emph: st.emph, Link: st.link})
			}
		case *ast.String:
			add(doc.Inline{Text: string(c.Value), Strong: st.strong, Emph: st.emph, Link: st.link})
		case *ast.Emphasis:
			s := st
			if c.Level >= 2 {
				s.strong = true
			} else {
				s.emph = true
			}
			for _, in := range p.inline(c, s) {
				add(in)
			}
		case *ast.Link:
			s := st
			s.link = string(c.Destination)
			for _, in := range p.inline(c, s) {
				add(in)
			}
		case *east.FootnoteLink:
			add(doc.Inline{Note: p.number[c.Index], Strong: st.strong, Emph: st.emph})
		case *east.FootnoteBacklink:
			// not printed
		default:
			for _, in := range p.inline(c, st) {
				add(in)
			}
		}
	}
	return out
}

// Plain returns the text of inlines without footnote references.
func Plain(ins []doc.Inline) string {
	var b strings.Builder
	for _, in := range ins {
		b.WriteString(in.Text)
	}
	return b.String()
}

// Agreement reads back a whole agreement in Markdown as dpa writes it (or a
// hand-written or edited one, in tests): sections start at level-2
// headings, and their kinds are read from the headings' words. Only readers
// of finished Markdown guess so; the assembler gives the kinds itself and
// never calls this.
func Agreement(src []byte) *doc.Document {
	d := &doc.Document{Notes: map[int][]doc.Inline{}}
	kind := doc.Cover
	var cur []string
	flush := func() {
		if text := strings.TrimSpace(strings.Join(cur, "\n")); text != "" {
			d.Sections = append(d.Sections, &doc.Section{Kind: kind, Blocks: Blocks([]byte(text+"\n"), d.Notes)})
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
	Anchors(d)
	return d
}

// Anchors gives every heading of d its Anchor: the identifier a Markdown
// viewer such as GitHub's gives the heading of the .md output ("1.
// Definitions" is "1-definitions"; the second heading of the same text gets
// "-1", the third "-2"), so that a link to "#1-definitions" finds the same
// heading in the Markdown, the PDF and the Word document.
func Anchors(d *doc.Document) {
	seen := map[string]int{}
	for _, s := range d.Sections {
		for i := range s.Blocks {
			b := &s.Blocks[i]
			if b.Kind != doc.Heading {
				continue
			}
			text := Plain(b.Inlines)
			if b.Number != "" {
				text = b.Number + " " + text
			}
			a := slug(text)
			if n := seen[a]; n > 0 {
				seen[a] = n + 1
				a += "-" + strconv.Itoa(n)
			} else {
				seen[a] = 1
			}
			b.Anchor = a
		}
	}
}

// slug lowers the letters of s, drops what is neither a letter, a digit, a
// space, a hyphen nor an underscore, and turns spaces into hyphens.
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}
