package mdparse

import (
	"bytes"
	"os"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

// TestGoldmarkCopy: dpa's patched copy of goldmark (third_party/goldmark,
// whose package-level regular expressions and case-folding map are made at
// their first use) renders a sample that reaches every one of them (table
// alignments, task list, linkify, e-mail autolink, raw HTML, the seven
// kinds of HTML block, a link label matched by Unicode case folding,
// entities) exactly as upstream goldmark v1.8.7 does: upstream.html was
// written by the unpatched module.
func TestGoldmarkCopy(t *testing.T) {
	src, err := os.ReadFile("testdata/goldmark/sample.md")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("testdata/goldmark/upstream.html")
	if err != nil {
		t.Fatal(err)
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Footnote, extension.Linkify, extension.TaskList),
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
	var got bytes.Buffer
	if err := md.Convert(src, &got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("patched goldmark renders\n%s\nupstream goldmark v1.8.7 renders\n%s", got.Bytes(), want)
	}
}
