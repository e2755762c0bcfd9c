// Package tempadapter is TEMPORARY TEST SCAFFOLDING, imported only by
// _test.go files: it turns the assembled Markdown into a doc.Document so
// that the DOCX renderer can be tested on every example before the
// assembler builds the typed document itself (issue 11). It must never be
// imported by production code, and goes away when the assembler returns a
// doc.Document (TestOnlyTests in internal/docx enforces the first).
package tempadapter

import (
	"regexp"
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

var (
	labelRE  = regexp.MustCompile(`^(\([a-z]{1,5}\)|\d+\.\d+)\s`)
	numberRE = regexp.MustCompile(`^(\d+\.|\d+\.\d+|Clause \d+)(?: |$)`)
	roman    = map[string]bool{"(i)": true, "(ii)": true, "(iii)": true, "(iv)": true, "(v)": true, "(vi)": true, "(vii)": true, "(viii)": true, "(ix)": true, "(x)": true}
	modules  = map[string]int{"One": 1, "Two": 2, "Three": 3, "Four": 4}
)

// FromMarkdown builds a typed document from the Markdown of an agreement.
func FromMarkdown(src []byte, m doc.Meta) *doc.Document {
	d := &doc.Document{Meta: m, Notes: map[int][]doc.Inline{}}
	root := md.Parser().Parse(text.NewReader(src))
	sec := &doc.Section{Kind: doc.Cover}
	d.Sections = append(d.Sections, sec)
	lastLetter := ""
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			ins := inline(n, src, false, false)
			t := plain(ins)
			if n.Level == 2 {
				sec = &doc.Section{Kind: kindOf(t, sec.Kind)}
				if sec.Kind == doc.Addendum {
					sec.Official = true
					for name, mod := range modules {
						if strings.Contains(t, "Module "+name) {
							sec.Module = mod
						}
					}
				}
				d.Sections = append(d.Sections, sec)
			}
			b := doc.Block{Kind: doc.Heading, Level: n.Level, Inlines: ins, KeepWithNext: true}
			if k := numberRE.FindString(t); k != "" && len(ins) > 0 && strings.HasPrefix(ins[0].Text, k) {
				b.Number = strings.TrimSpace(k)
				ins[0].Text = strings.TrimPrefix(ins[0].Text, k)
				if ins[0].Text == "" {
					b.Inlines = ins[1:]
				}
			}
			sec.Blocks = append(sec.Blocks, b)
			lastLetter = ""
		case *ast.Paragraph:
			b := doc.Block{Kind: doc.Paragraph, Inlines: inline(n, src, false, false)}
			if len(b.Inlines) > 0 {
				if m := labelRE.FindString(b.Inlines[0].Text); m != "" {
					b.Label = strings.TrimSpace(m)
					b.Inlines[0].Text = b.Inlines[0].Text[len(m):]
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
			if sec.Kind == doc.Contents {
				continue
			}
			sec.Blocks = append(sec.Blocks, b)
		case *ast.List:
			if sec.Kind == doc.Contents {
				continue
			}
			for it := n.FirstChild(); it != nil; it = it.NextSibling() {
				sec.Blocks = append(sec.Blocks, doc.Block{Kind: doc.ListItem, Ordered: n.IsOrdered(), Inlines: inline(it, src, false, false), Last: it.NextSibling() == nil})
			}
		case *east.Table:
			b := doc.Block{Kind: doc.Table, KeepRows: true}
			for r := n.FirstChild(); r != nil; r = r.NextSibling() {
				var cells []doc.Cell
				for c := r.FirstChild(); c != nil; c = c.NextSibling() {
					cells = append(cells, inline(c, src, false, false))
				}
				if _, ok := r.(*east.TableHeader); ok {
					empty := true
					for _, c := range cells {
						if plain(c) != "" {
							empty = false
						}
					}
					if !empty {
						b.Header = cells
					}
				} else {
					b.Rows = append(b.Rows, cells)
				}
			}
			sec.Blocks = append(sec.Blocks, b)
		case *east.FootnoteList:
			for f := n.FirstChild(); f != nil; f = f.NextSibling() {
				if fn, ok := f.(*east.Footnote); ok {
					d.Notes[fn.Index] = inline(fn, src, false, false)
				}
			}
		}
	}
	for _, sec := range d.Sections {
		if sec.Kind == doc.Signatures {
			sec.Blocks = signatures(sec.Blocks)
		}
	}
	return d
}

// signatures turns "### Party", an optional role paragraph and the table
// of name, position, date and signature into Signature blocks.
func signatures(bs []doc.Block) []doc.Block {
	var out []doc.Block
	for i := 0; i < len(bs); i++ {
		b := bs[i]
		if b.Kind != doc.Heading || b.Level != 3 {
			out = append(out, b)
			continue
		}
		s := &doc.SignatureBlock{Party: plain(b.Inlines)}
		j := i + 1
		if j < len(bs) && bs[j].Kind == doc.Paragraph {
			s.Role = plain(bs[j].Inlines)
			j++
		}
		if j < len(bs) && bs[j].Kind == doc.Table {
			for _, r := range bs[j].Rows {
				if len(r) < 2 {
					continue
				}
				switch plain(r[0]) {
				case "Name":
					s.Name = plain(r[1])
				case "Position":
					s.Position = plain(r[1])
				}
			}
			j++
		}
		out = append(out, doc.Block{Kind: doc.Signature, Sign: s})
		i = j - 1
	}
	return out
}

// kindOf tells the kind of a section by its level-2 heading.
func kindOf(t string, prev doc.SectionKind) doc.SectionKind {
	switch {
	case t == "Contents":
		return doc.Contents
	case strings.HasPrefix(t, "Addendum"):
		return doc.Addendum
	case strings.HasPrefix(t, "ANNEX"):
		return doc.Annex
	case strings.HasPrefix(t, "SIGNATURE"):
		return doc.Signatures
	}
	return doc.Body
}

func plain(ins []doc.Inline) string {
	var b strings.Builder
	for _, in := range ins {
		b.WriteString(in.Text)
	}
	return b.String()
}

// inline collects the runs under n.
func inline(n ast.Node, src []byte, strong, emph bool) []doc.Inline {
	var out []doc.Inline
	add := func(in doc.Inline) {
		if in.Text == "" && in.Note == 0 && !in.Break {
			return
		}
		if k := len(out) - 1; k >= 0 && in.Note == 0 && !in.Break && out[k].Note == 0 && !out[k].Break && out[k].Strong == in.Strong && out[k].Emph == in.Emph && out[k].Link == in.Link {
			out[k].Text += in.Text
			return
		}
		out = append(out, in)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			add(doc.Inline{Text: string(util.UnescapePunctuations(c.Segment.Value(src))), Strong: strong, Emph: emph})
			if c.HardLineBreak() {
				add(doc.Inline{Break: true})
			} else if c.SoftLineBreak() {
				add(doc.Inline{Text: " ", Strong: strong, Emph: emph})
			}
		case *ast.String:
			add(doc.Inline{Text: string(c.Value), Strong: strong, Emph: emph})
		case *ast.Emphasis:
			for _, in := range inline(c, src, strong || c.Level >= 2, emph || c.Level == 1) {
				add(in)
			}
		case *ast.Link:
			for _, in := range inline(c, src, strong, emph) {
				in.Link = string(c.Destination)
				add(in)
			}
		case *ast.AutoLink:
			u := string(c.URL(src))
			if c.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(u, "mailto:") {
				u = "mailto:" + u
			}
			add(doc.Inline{Text: string(c.Label(src)), Link: u, Strong: strong, Emph: emph})
		case *east.FootnoteLink:
			add(doc.Inline{Note: c.Index})
		case *east.FootnoteBacklink:
		default:
			for _, in := range inline(c, src, strong, emph) {
				add(in)
			}
		}
	}
	return out
}
