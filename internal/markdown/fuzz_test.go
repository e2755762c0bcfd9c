package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// md parses like the PDF typesetter does.
var md = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Footnote))

// FuzzEscape checks that escaped text creates no Markdown structure: as a
// paragraph, a list item and a table cell it parses to plain text only,
// and that text is the input with its white space collapsed.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{
		"Acme Ltd", "*Acme* | Ltd <script>", "# Title", "1. First", "2026) year", "- item",
		"+ item", "= setext", "a\nb\r\n  c", "[x](y) ![i](j)", "`c` _e_ ~s~ & \\", "Łódź – “q” 😀",
		"1.5 million", "&amp; &#x41; &copy", "[^1]: note", "[^1]", "<!-- x -->", "    code", "***", "---",
		"~~~", "```go", "> quote", "http://x.example <https://y.example>", "a  \nb", "x\\", "| a | b |",
		"[a]: http://x", "*", "_", "1)", "10000000000. x", "\u00a0- x", "\t# x", "Nimbus\u00adDesk",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8Valid(s) || strings.ContainsRune(s, 0) {
			return
		}
		want := strings.Join(strings.Fields(s), " ")
		e := Escape(s)
		if strings.ContainsAny(e, "\n\r") {
			t.Fatalf("Escape(%q) = %q has a line break", s, e)
		}
		for _, ctx := range []struct{ name, pre, post string }{
			{"paragraph", "", ""},
			{"list item", "- ", ""},
			{"table cell", "| h |\n| --- |\n| ", " |"},
		} {
			got, ok := plain(ctx.pre + e + ctx.post)
			if ctx.name == "list item" {
				got, ok = plainIn(ctx.pre+e, ast.KindListItem)
			}
			if ctx.name == "table cell" {
				got, ok = plainIn(ctx.pre+e+ctx.post, extast.KindTableCell)
				got = strings.TrimPrefix(got, "h")
			}
			if !ok || got != want {
				t.Fatalf("%s: Escape(%q) = %q parses to %q (plain %v), want %q", ctx.name, s, e, got, ok, want)
			}
		}
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

// plain parses src and returns its text if it is one paragraph of plain
// text (Text nodes only).
func plain(src string) (string, bool) {
	return plainIn(src, ast.KindParagraph)
}

// plainIn returns the text inside the nodes of kind, and whether the
// document holds nothing but Text nodes inside them (and the containers
// of the context).
func plainIn(src string, kind ast.NodeKind) (string, bool) {
	source := []byte(src)
	doc := md.Parser().Parse(text.NewReader(source))
	var b bytes.Buffer
	ok := true
	inside := 0
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Kind() == kind {
			if entering {
				inside++
			} else {
				inside--
			}
			return ast.WalkContinue, nil
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindDocument, ast.KindList, ast.KindListItem, ast.KindParagraph, ast.KindTextBlock,
			extast.KindTable, extast.KindTableHeader, extast.KindTableRow, extast.KindTableCell:
			return ast.WalkContinue, nil
		case ast.KindText:
			if inside == 0 {
				ok = false
			}
			t := n.(*ast.Text)
			b.Write(t.Segment.Value(source))
			if t.SoftLineBreak() || t.HardLineBreak() {
				ok = false
			}
			return ast.WalkContinue, nil
		case ast.KindString:
			b.Write(n.(*ast.String).Value)
			return ast.WalkContinue, nil
		}
		ok = false
		return ast.WalkContinue, nil
	})
	return unescape(b.String()), ok
}

// unescape drops the backslash of each backslash escape of an ASCII
// punctuation character, as CommonMark reads it.
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
