package mdrender_test

import (
	"reflect"
	"testing"

	"github.com/dpa-tool/dpa/internal/doc"
	"github.com/dpa-tool/dpa/internal/mdparse"
	"github.com/dpa-tool/dpa/internal/mdrender"
)

// TestRender writes each kind of block; user text full of Markdown stays
// text, and the Markdown reads back into the same blocks. (The examples'
// Markdown is pinned byte for byte by internal/assemble's goldens and
// TestRoundTrip.)
func TestRender(t *testing.T) {
	name := "*A* _b_ [c](d) <e> | #1 & {{ f }} \\ g"
	d := &doc.Document{Notes: map[int][]doc.Inline{3: {{Text: "Note three."}}}}
	d.Sections = []*doc.Section{
		{Kind: doc.Cover, Blocks: []doc.Block{{Kind: doc.Heading, Level: 1, Inlines: []doc.Inline{{Text: name}}}}},
		{Kind: doc.Body, Blocks: []doc.Block{
			{Kind: doc.Heading, Level: 2, Number: "1.", Inlines: []doc.Inline{{Text: "Scope"}}},
			{Kind: doc.Paragraph, Label: "1.1", Inlines: []doc.Inline{{Text: "“"}, {Text: "Customer", Strong: true}, {Text: "” means " + name + "."}, {Note: 3}}},
			{Kind: doc.Paragraph, Label: "1.", Inlines: []doc.Inline{{Text: name, Strong: true}}},
			{Kind: doc.ListItem, Depth: 1, Inlines: []doc.Inline{{Text: "- dash"}}},
			{Kind: doc.ListItem, Depth: 1, Last: true, Inlines: []doc.Inline{{Text: "2. two"}}},
			{Kind: doc.Table, Header: []doc.Cell{nil, nil}, Rows: [][]doc.Cell{{{{Text: "Name"}}, {{Text: name}}}, {{{Text: "Date"}}, nil}}},
			{Kind: doc.Footnotes, Notes: []int{3}},
		}},
	}
	got := string(mdrender.Render(d))
	want := `# \*A\* \_b\_ \[c\](d) \<e\> \| \#1 \& {{ f }} \\ g

## 1. Scope

1.1 “**Customer**” means \*A\* \_b\_ \[c\](d) \<e\> \| \#1 \& {{ f }} \\ g.[^3]

1\. **\*A\* \_b\_ \[c\](d) \<e\> \| \#1 \& {{ f }} \\ g**

- \- dash
- 2\. two

| | |
|---|---|
| Name | \*A\* \_b\_ \[c\](d) \<e\> \| \#1 \& {{ f }} \\ g |
| Date | |

[^3]: Note three.
`
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	notes := map[int][]doc.Inline{}
	back := mdparse.Blocks([]byte(got), notes)
	var orig []doc.Block
	for _, s := range d.Sections {
		orig = append(orig, s.Blocks...)
	}
	// The number of a body heading is the assembler's knowledge.
	orig[1].Number, orig[1].Inlines = "", []doc.Inline{{Text: "1. Scope"}}
	for i := range orig {
		if orig[i].Kind == doc.Table {
			orig[i].Rows[1][1] = nil
		}
	}
	// The parser marks what stays together: headings and a label–value
	// table's rows.
	orig[0].KeepWithNext, orig[1].KeepWithNext = true, true
	for i := range orig {
		if orig[i].Kind == doc.Table {
			orig[i].KeepRows = true
		}
	}
	if !reflect.DeepEqual(back, orig) {
		t.Errorf("read back\n%+v\nwant\n%+v", back, orig)
	}
	if !reflect.DeepEqual(notes, d.Notes) {
		t.Errorf("notes %+v", notes)
	}
}

// TestStarts: a paragraph whose text would open a block is escaped at its
// start only; a label that would open an ordered list too.
func TestStarts(t *testing.T) {
	for text, want := range map[string]string{
		"1.": `1\.`, "12. x": `12\. x`, "1.x": "1.x", "1.2 x": "1.2 x", "a 1. b": "a 1. b",
		"+ x": `\+ x`, "= x": `\= x`, "-": `\-`, ".": ".", "": "",
	} {
		d := &doc.Document{Sections: []*doc.Section{{Kind: doc.Body, Blocks: []doc.Block{{Kind: doc.Paragraph, Inlines: []doc.Inline{{Text: text}}}}}}}
		if got := string(mdrender.Render(d)); got != want+"\n" {
			t.Errorf("paragraph %q: %q, want %q", text, got, want+"\n")
		}
		if text == "" || text[0] < '0' || text[0] > '9' {
			continue // labels are "(a)", "1.2", "1."
		}
		d.Sections[0].Blocks[0].Label = text
		d.Sections[0].Blocks[0].Inlines = []doc.Inline{{Text: "x"}}
		if got := string(mdrender.Render(d)); got != want+" x\n" {
			t.Errorf("label %q: %q, want %q", text, got, want+" x\n")
		}
	}
}
