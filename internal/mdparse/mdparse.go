// Package mdparse reads a Markdown fragment of the agreement (CommonMark
// with GFM tables and footnotes, as the templates and the clause texts are
// written) into the blocks of the typed document. Each fragment is parsed
// once, by goldmark; user text has already been escaped into it, so it
// comes out as the Text of an Inline and never as structure.
package mdparse

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/dpa-tool/dpa/internal/doc"
)

var md = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Footnote))

// labelRE finds the hanging label that starts a paragraph: "(a)", "(iv)",
// "3.2" or "1." (an entry of a numbered list of parties).
var labelRE = regexp.MustCompile(`^(\([a-z]{1,5}\)|\d+\.\d+|\d+\.)\s`)

var romanLabel = map[string]bool{"(i)": true, "(ii)": true, "(iii)": true, "(iv)": true, "(v)": true, "(vi)": true, "(vii)": true, "(viii)": true, "(ix)": true, "(x)": true}

// Blocks parses src into blocks and adds the texts of its footnotes to
// notes, by their number. Footnotes are numbered by their labels ("[^7]"),
// which run on through the document.
func Blocks(src []byte, notes map[int][]doc.Inline) []doc.Block {
	root := md.Parser().Parse(text.NewReader(src))
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
	var out []doc.Block
	lastLetter := ""
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			out = append(out, doc.Block{Kind: doc.Heading, Level: n.Level, Inlines: p.inline(n, style{})})
			lastLetter = ""
		case *ast.Paragraph:
			b := doc.Block{Kind: doc.Paragraph, Inlines: p.inline(n, style{})}
			if len(b.Inlines) > 0 && b.Inlines[0].Note == 0 {
				if m := labelRE.FindString(b.Inlines[0].Text); m != "" {
					b.Label = strings.TrimSpace(m)
					b.Inlines[0].Text = b.Inlines[0].Text[len(m):]
					if strings.HasPrefix(b.Label, "(") {
						b.Depth = 1
						// "(i)" after "(h)" is a letter, otherwise a
						// numeral below a lettered point.
						if romanLabel[b.Label] && !(b.Label == "(i)" && lastLetter == "(h)") && !(b.Label == "(v)" && lastLetter == "(u)") {
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
			for f := n.FirstChild(); f != nil; f = f.NextSibling() {
				if fn, ok := f.(*east.Footnote); ok && notes != nil {
					notes[number[fn.Index]] = p.inline(fn, style{})
				}
			}
		}
	}
	return out
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
