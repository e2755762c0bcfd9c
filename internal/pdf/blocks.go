package pdf

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
}

// document is the parsed agreement.
type document struct {
	Blocks []block
	Notes  map[int][]run // footnote texts by number
}

var md = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Footnote))

var labelRE = regexp.MustCompile(`^(\([a-z]{1,5}\)|\d+\.\d+|\d+\.)\s`)

var roman = map[string]bool{"(i)": true, "(ii)": true, "(iii)": true, "(iv)": true, "(v)": true, "(vi)": true, "(vii)": true, "(viii)": true, "(ix)": true, "(x)": true}

// parse turns the Markdown into blocks.
func parse(src []byte) *document {
	doc := &document{Notes: map[int][]run{}}
	root := md.Parser().Parse(text.NewReader(src))
	lastLetter := ""
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			doc.Blocks = append(doc.Blocks, block{Kind: bHeading, Level: n.Level, Runs: inline(n, src, "")})
			lastLetter = ""
		case *ast.Paragraph:
			b := block{Kind: bPara, Runs: inline(n, src, "")}
			if len(b.Runs) > 0 {
				if m := labelRE.FindString(b.Runs[0].Text); m != "" {
					b.Label = strings.TrimSpace(m)
					b.Runs[0].Text = b.Runs[0].Text[len(m):]
					if strings.HasPrefix(b.Label, "(") {
						b.Depth = 1
						if roman[b.Label] && !(b.Label == "(i)" && lastLetter == "(h)") && !(b.Label == "(v)" && lastLetter == "(u)") {
							b.Depth = 2
						} else {
							lastLetter = b.Label
						}
					}
				}
			}
			doc.Blocks = append(doc.Blocks, b)
		case *ast.List:
			for it := n.FirstChild(); it != nil; it = it.NextSibling() {
				doc.Blocks = append(doc.Blocks, block{Kind: bItem, Level: 1, Runs: inline(it, src, ""), Last: it.NextSibling() == nil})
			}
		case *east.Table:
			b := block{Kind: bTable}
			for r := n.FirstChild(); r != nil; r = r.NextSibling() {
				var cells [][]run
				for c := r.FirstChild(); c != nil; c = c.NextSibling() {
					cells = append(cells, inline(c, src, ""))
				}
				if _, ok := r.(*east.TableHeader); ok {
					b.Header = cells
				} else {
					b.Rows = append(b.Rows, cells)
				}
			}
			doc.Blocks = append(doc.Blocks, b)
		case *east.FootnoteList:
			for f := n.FirstChild(); f != nil; f = f.NextSibling() {
				if fn, ok := f.(*east.Footnote); ok {
					doc.Notes[fn.Index] = inline(fn, src, "")
				}
			}
		}
	}
	return doc
}

// inline collects the text runs under n.
func inline(n ast.Node, src []byte, style string) []run {
	var out []run
	add := func(s, st string) {
		if s == "" {
			return
		}
		if k := len(out) - 1; k >= 0 && out[k].Style == st && !out[k].Super {
			out[k].Text += s
			return
		}
		out = append(out, run{Text: s, Style: st})
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			add(string(util.UnescapePunctuations(c.Segment.Value(src))), style)
			if c.SoftLineBreak() || c.HardLineBreak() {
				add(" ", style)
			}
		case *ast.String:
			add(string(c.Value), style)
		case *ast.Emphasis:
			st := style
			if c.Level >= 2 {
				st = addStyle(st, "B")
			} else {
				st = addStyle(st, "I")
			}
			for _, r := range inline(c, src, st) {
				if r.Super {
					out = append(out, r)
				} else {
					add(r.Text, r.Style)
				}
			}
		case *east.FootnoteLink:
			out = append(out, run{Text: strconv.Itoa(c.Index), Style: style, Super: true, Note: c.Index})
		case *east.FootnoteBacklink:
			// not printed
		default:
			for _, r := range inline(c, src, style) {
				if r.Super {
					out = append(out, r)
				} else {
					add(r.Text, r.Style)
				}
			}
		}
	}
	return out
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
