package assemble

import (
	"bytes"
	"fmt"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"slices"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/doc"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/model"
)

// TestSections checks the kinds of the sections of every example: a cover,
// the contents, the body, one addendum per module (with its module), the
// annexes and the signature page, in this order; and the signature blocks
// of the parties.
func TestSections(t *testing.T) {
	for _, ex := range examples {
		t.Run(ex, func(t *testing.T) {
			d, r := buildExample(t, ex)
			var kinds []string
			for _, s := range d.Doc.Sections {
				k := s.Kind.String()
				if s.Kind == doc.Addendum || s.Kind == doc.Supplement {
					k += fmt.Sprint(s.Module)
				}
				kinds = append(kinds, k)
			}
			want := []string{"cover", "contents", "body"}
			for _, m := range r.Plan.Modules {
				want = append(want, fmt.Sprintf("addendum%d", int(m)))
				// The UK Addendum and the Swiss supplement follow their
				// addendum.
				for _, o := range []string{"UK Addendum", "Swiss Supplement"} {
					if strings.Contains(string(d.Markdown), fmt.Sprintf("\n## %s to Addendum %s\n", o, roman(slices.Index(r.Plan.Modules, m)+1))) {
						want = append(want, fmt.Sprintf("supplement%d", int(m)))
					}
				}
			}
			want = append(want, "annex", "annex")
			if len(d.Doc.Sections) > 0 && strings.Count(string(d.Markdown), "\n## ANNEX III\n") == 1 {
				want = append(want, "annex")
			}
			clickThrough := r.Desc.Execution() == model.ClickThrough
			if !clickThrough { // click-through: an Acceptance section in the body instead
				want = append(want, "signatures")
			}
			if strings.Join(kinds, " ") != strings.Join(want, " ") {
				t.Errorf("sections %v, want %v", kinds, want)
			}
			sig := d.Doc.Sections[len(d.Doc.Sections)-1]
			n := 0
			for _, b := range sig.Blocks {
				if b.Kind == doc.Signature {
					n++
					if b.Sign == nil || b.Sign.Party == "" || !hasParty(r.Desc, b.Sign.Party) {
						t.Errorf("signature block %+v names no party", b.Sign)
					}
				}
			}
			want2 := 0
			for _, p := range r.Desc.Parties {
				if !clickThrough {
					want2 += len(p.Signatories)
				}
			}
			if n != want2 {
				t.Errorf("%d signature blocks, want %d", n, want2)
			}
			if len(d.Doc.Notes) == 0 && len(r.Plan.Modules) > 0 {
				t.Error("no footnotes")
			}
		})
	}
}

func hasParty(d *model.Description, name string) bool {
	for _, p := range d.Parties {
		if p.Name == name {
			return true
		}
	}
	return false
}

// TestBraceName: a party named with template braces builds, and its name
// is text in the document.
func TestBraceName(t *testing.T) {
	r := validated(t, "../../examples/saas-us/northwind.yaml")
	r.Desc.Parties[0].Name = "{{ .Title }} Ltd"
	d, err := Build(r.Desc, r.Plan, legal.MustLoad())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(d.Markdown), "{{ .Title }} Ltd") {
		t.Error("the name is not in the Markdown")
	}
	found := false
	for _, s := range d.Doc.Sections {
		for _, b := range s.Blocks {
			if b.Kind == doc.Signature && b.Sign.Party == "{{ .Title }} Ltd" {
				found = true
			}
		}
	}
	if !found {
		t.Error("no signature block for the party named with braces")
	}
}

// TestRoundTrip: the Markdown rendered from the typed document (the
// output) is, byte for byte, the Markdown the template and the clauses
// produced, for every example and for parties with names full of Markdown;
// the model loses nothing.
func TestRoundTrip(t *testing.T) {
	defer func() { checkSource = nil }()
	var name string
	exact := true
	checkSource = func(got, want []byte) {
		if bytes.Equal(got, want) {
			return
		}
		if !exact {
			// A name's Markdown may differ in needless escapes ("\- Dash"
			// in a sentence); it must say the same.
			hg, hw := html(t, got), html(t, want)
			if hg == hw {
				return
			}
			gl, wl := strings.Split(hg, "\n"), strings.Split(hw, "\n")
			for i := range min(len(gl), len(wl)) {
				if gl[i] != wl[i] {
					t.Fatalf("%s: HTML line %d:\n got %q\nwant %q", name, i+1, gl[i], wl[i])
				}
			}
		}
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("%s: line %d:\n got %q\nwant %q", name, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s: %d lines, want %d", name, len(gl), len(wl))
	}
	for _, ex := range examples {
		name = ex
		// The Markdown of this example differs from the template's in one
		// needless escape: "\+44" after other text in a table cell.
		exact = ex != "uk-swiss/aldgate-alpine.yaml"
		buildExample(t, ex)
	}
	exact = false
	r := validated(t, "../../examples/saas-us/northwind.yaml")
	for _, n := range []string{"{{ .Title }} Ltd", "*Star* _under_ [link](x) <b> | pipe #1 & co! ~x~ `code` \\ back", "- Dash", "1. First", "+ Plus", "= Eq", "Ltd."} {
		name = n
		r.Desc.Parties[0].Name = n
		r.Desc.Parties[1].Name = n + " Two"
		if _, err := Build(r.Desc, r.Plan, legal.MustLoad()); err != nil {
			t.Fatal(err)
		}
	}
}

func html(t *testing.T, md []byte) string {
	var b bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Footnote)).Convert(md, &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
