package build

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/doc"
	"github.com/dpa-tool/dpa/internal/golden"
	"github.com/dpa-tool/dpa/internal/mdparse"
	"github.com/dpa-tool/dpa/internal/scctest"
	"github.com/dpa-tool/dpa/internal/tmplset"
	"github.com/dpa-tool/dpa/templates"
)

// builtinBody returns the built-in body template.
func builtinBody(t *testing.T) string {
	t.Helper()
	b, err := templates.FS.ReadFile("body.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeFile(t *testing.T, p, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// customBody is the built-in body template with one sentence replaced by
// the firm's own wording.
func customBody(t *testing.T, sentence string) string {
	t.Helper()
	root := builtinBody(t)
	old := "§ The Annexes form part of this Agreement. Headings are for convenience only."
	if !strings.Contains(root, old) {
		t.Fatalf("the built-in template no longer has %q: update the test", old)
	}
	return strings.Replace(root, old, "§ "+sentence, 1)
}

// TestTemplatesKey: agreement.templates in a profile is relative to the
// profile and gives every client its body; a client's own key wins over
// its profile's, and --templates over both (issue 16).
func TestTemplatesKey(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "vendor", "tpl", "body.md.tmpl"), customBody(t, "Vendor wording."))
	writeFile(t, filepath.Join(dir, "vendor", "v.yaml"), "kind: profile\nversion: 1\nagreement:\n  templates: tpl\n")
	writeFile(t, filepath.Join(dir, "own", "body.md.tmpl"), customBody(t, "Client wording."))
	writeFile(t, filepath.Join(dir, "flag", "body.md.tmpl"), customBody(t, "Flag wording."))
	client := strings.Replace(string(src), "version: 1\n", "version: 1\nextends: vendor/v.yaml\n", 1)
	writeFile(t, filepath.Join(dir, "a.yaml"), client)
	writeFile(t, filepath.Join(dir, "b.yaml"), strings.Replace(client, "agreement:\n", "agreement:\n  templates: own\n", 1))

	tests := []struct {
		file, flag, want, origin string
	}{
		{"a.yaml", "", "Vendor wording.", filepath.Join(dir, "vendor", "tpl", "body.md.tmpl")},
		{"b.yaml", "", "Client wording.", filepath.Join(dir, "own", "body.md.tmpl")},
		{"a.yaml", filepath.Join(dir, "flag"), "Flag wording.", filepath.Join(dir, "flag", "body.md.tmpl")},
	}
	for _, tt := range tests {
		r, err := FileWith(filepath.Join(dir, tt.file), Options{Dir: dir, Formats: []string{"md"}, Templates: tt.flag})
		if err != nil || len(r.Outputs) != 1 {
			t.Fatalf("%s: %v %v", tt.file, err, r.Validation.Diags)
		}
		if !bytes.Contains(r.Outputs[0].Data, []byte("1.3 "+tt.want)) {
			t.Errorf("%s (flag %q): the body lacks %q", tt.file, tt.flag, tt.want)
		}
		if f, _ := r.Templates.File("body.md.tmpl"); f.Path != tt.origin {
			t.Errorf("%s: agreement.md.tmpl from %q, want %q", tt.file, f.Path, tt.origin)
		}
	}
	// A key naming a directory that does not exist: an error at the key.
	writeFile(t, filepath.Join(dir, "c.yaml"), strings.Replace(client, "agreement:\n", "agreement:\n  templates: nowhere\n", 1))
	_, err = FileWith(filepath.Join(dir, "c.yaml"), Options{Formats: []string{"md"}})
	var te *tmplset.Error
	if !errors.As(err, &te) || te.Pos.File != filepath.Join(dir, "c.yaml") || te.Pos.Line != 8 {
		t.Errorf("missing directory: %v, want an error at c.yaml:8", err)
	}
}

// TestTemplatesHostile: values with template syntax, HTML, table and
// emphasis characters and a line break stay text through a custom template
// that prints them in a heading, a paragraph, a list and a table.
func TestTemplatesHostile(t *testing.T) {
	dir := t.TempDir()
	src, _ := os.ReadFile(example)
	hostile := `Northwind {{.Title}} <script>alert(1)</script> | *bold* _x_ [l](http://x.example) \n second`
	desc := strings.Replace(string(src), "name: Northwind Analytics B.V.", "name: \""+hostile+"\"", 1)
	writeFile(t, filepath.Join(dir, "h.yaml"), desc)
	writeFile(t, filepath.Join(dir, "templates", "body.md.tmpl"), `## § Parties
{{range .Signatures}}
### {{.Party}}

§ {{.Party}} signs.

- {{.Party}}

| Party | |
|---|---|
| {{.Party}} | x |
{{end}}`)
	r, err := FileWith(filepath.Join(dir, "h.yaml"), Options{Dir: dir, Formats: []string{"md"}})
	if err != nil || len(r.Outputs) != 1 {
		t.Fatalf("%v %v", err, r.Validation.Diags)
	}
	want := strings.Replace(hostile, ` \n `, " ", 1)
	found := map[string]int{}
	for _, s := range r.Document.Doc.Sections {
		for _, b := range s.Blocks {
			texts := []string{mdparse.Plain(b.Inlines)}
			for _, row := range b.Rows {
				texts = append(texts, mdparse.Plain(row[0]))
			}
			for _, x := range texts {
				if strings.Contains(x, "Northwind {{") {
					if !strings.Contains(x, want) {
						t.Errorf("%v block: %q, want the name %q as text", b.Kind, x, want)
					}
					found[[]string{"heading", "paragraph", "list item", "table"}[min(int(b.Kind), int(doc.Table))]]++
				}
			}
			// The name is one run of text: no link, no emphasis of its
			// own, whatever the template puts around it.
			for _, in := range b.Inlines {
				if in.Link != "" || strings.Contains(in.Text, "bold") && !strings.Contains(in.Text, want) {
					t.Errorf("the name made markup: %+v", in)
				}
			}
		}
	}
	for _, k := range []string{"heading", "paragraph", "list item", "table"} {
		if found[k] == 0 {
			t.Errorf("the name is in no %s", k)
		}
	}
}

// TestTemplatesErrors: a template that does not parse or execute is an
// *tmplset.Error at the user's file, line and column, and nothing is
// built.
func TestTemplatesErrors(t *testing.T) {
	dir := t.TempDir()
	src, _ := os.ReadFile(example)
	writeFile(t, filepath.Join(dir, "a.yaml"), string(src))
	tdir := filepath.Join(dir, "templates")
	tpl := filepath.Join(tdir, "body.md.tmpl")
	root, _ := templates.FS.ReadFile("agreement.md.tmpl")
	add, _ := templates.FS.ReadFile("addendum.md.tmpl")
	for _, tt := range []struct{ file, src, want string }{
		{"body.md.tmpl", "# {{.Title}}\n\nx {{.Nope}}\n", tpl + ":3:5: <.Nope>: can't evaluate field Nope"},
		{"body.md.tmpl", "# {{.Title}\n", tpl + ":1:11: bad character U+007D '}'"},
		{"body.md.tmpl", "# {{range .Transfers}}{{.Title}}\n", tpl + ":2:1: unexpected EOF"},
		{"body.md.tmpl", "{{define \"official-clauses\"}}nothing{{end}}## § Body\n", ""},
		{"body.md.tmpl", "## § Body\n\n{{section \"addendum 2\"}}\n## Addendum I – fake\n\ntext\n", tpl + ": templates: the agreement has 2 sections marked as official clauses for 1 addenda"},
		// Official text left out or repeated.
		{"addendum.md.tmpl", strings.Replace(string(add), "\n{{template \"official-clauses\" .}}\n", "\n", 1), filepath.Join(tdir, "addendum.md.tmpl") + ": templates: the official text of Addendum I is printed 0 times"},
		{"addendum.md.tmpl", strings.Replace(string(add), "\n{{template \"official-clauses\" .}}\n", "\n{{template \"official-clauses\" .}}\n\n{{template \"official-clauses\" .}}\n", 1), filepath.Join(tdir, "addendum.md.tmpl") + ": templates: the official text of Addendum I is printed 2 times"},
		{"agreement.md.tmpl", strings.Replace(string(root), `{{template "appendix.md.tmpl" .}}`, "", 1), filepath.Join(tdir, "agreement.md.tmpl") + ": templates: the agreement has no Annex I"},
	} {
		os.RemoveAll(tdir)
		writeFile(t, filepath.Join(tdir, tt.file), tt.src)
		r, err := FileWith(filepath.Join(dir, "a.yaml"), Options{Dir: dir, Formats: Formats})
		if tt.want == "" {
			// A user's definition of a locked template is overridden by
			// the locked one: the clauses are still there.
			if err != nil || !bytes.Contains(r.Outputs[0].Data, []byte("Clause 8")) {
				t.Errorf("template %q: %v", tt.src, err)
			}
			continue
		}
		var te *tmplset.Error
		if !errors.As(err, &te) || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("template %s %q:\n%v, want\n%s", tt.file, tt.src[:min(40, len(tt.src))], err, tt.want)
		}
		if r != nil && len(r.Outputs) > 0 {
			t.Errorf("template %q: %d outputs", tt.src, len(r.Outputs))
		}
	}
}

// TestTemplatesFingerprint: the PDF and the DOCX record the templates, so
// that an edit which leaves the Markdown unchanged still makes them stale,
// and the same templates elsewhere keep them current.
func TestTemplatesFingerprint(t *testing.T) {
	dir := t.TempDir()
	src, _ := os.ReadFile(example)
	writeFile(t, filepath.Join(dir, "a.yaml"), string(src))
	tpl := filepath.Join(dir, "templates", "body.md.tmpl")
	writeFile(t, tpl, builtinBody(t))
	all := []string{"md", "pdf", "docx"}
	r, err := FileWith(filepath.Join(dir, "a.yaml"), Options{Dir: dir, Formats: all})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range r.Outputs {
		writeFile(t, o.Path, string(o.Data))
	}
	current := func() []bool {
		r, err := FileWith(filepath.Join(dir, "a.yaml"), Options{Dir: dir, Formats: all})
		if err != nil {
			t.Fatal(err)
		}
		var c []bool
		for _, o := range r.Outputs {
			c = append(c, o.Current)
		}
		return c
	}
	if c := current(); !c[0] || !c[1] || !c[2] {
		t.Fatalf("after the build: current %v", c)
	}
	// A comment changes no Markdown, but the templates are other bytes.
	writeFile(t, tpl, "{{/* edited */}}"+builtinBody(t))
	if c := current(); !c[0] || c[1] || c[2] {
		t.Errorf("after a comment edit: current %v, want [true false false]", c)
	}
	// The same content as built: current again.
	writeFile(t, tpl, builtinBody(t))
	if c := current(); !c[0] || !c[1] || !c[2] {
		t.Errorf("after undoing the edit: current %v", c)
	}
}

// TestCustomBodyOfficialText: with a custom body the Clauses of every
// addendum are still the official text (compare.py).
func TestCustomBodyOfficialText(t *testing.T) {
	py := scctest.Python(t)
	dir := t.TempDir()
	tpl := filepath.Join(dir, "tpl")
	writeFile(t, filepath.Join(tpl, "body.md.tmpl"), customBody(t, "Our own wording, with {{.ProviderNames}}."))
	for _, ex := range []string{"../../examples/two-modules/heron-maplewood.yaml", "../../examples/uk-swiss/aldgate-alpine.yaml"} {
		r, err := FileWith(ex, Options{Dir: dir, Formats: []string{"md"}, Templates: tpl})
		if err != nil || len(r.Outputs) != 1 {
			t.Fatalf("%s: %v", ex, err)
		}
		md := r.Outputs[0].Data
		if !bytes.Contains(md, []byte("1.3 Our own wording, with ")) {
			t.Fatalf("%s: the custom body is not used", ex)
		}
		path := r.Outputs[0].Path
		writeFile(t, path, string(md))
		for _, a := range r.Document.Addenda {
			summary, out, err := scctest.Compare(py, int(a.Module), a.Docking, path, "--from", "^"+regexp.QuoteMeta(a.Heading)+"$", "--to", `^(## |### Accession form)`)
			if err != nil || !strings.Contains(summary, "missing or deviating: none") || !strings.Contains(summary, "resolution issues: 0") {
				t.Errorf("%s addendum %s: %v\n%s", ex, a.Numeral, err, out)
			}
		}
	}
}

// TestOwnTemplatesExample: the example's clients get the vendor's body
// from the profile's templates directory, the third description the
// built-in one; the Markdown is pinned by golden files, and the addenda
// are the official text.
func TestOwnTemplatesExample(t *testing.T) {
	dir := t.TempDir()
	py, pyErr := exec.LookPath("python3")
	for _, name := range []string{"hollowell", "saltire", "tamsin"} {
		r, err := FileWith("../../examples/own-templates/clients/"+name+".yaml", Options{Dir: dir, Formats: []string{"md"}})
		if err != nil || len(r.Outputs) != 1 {
			t.Fatalf("%s: %v", name, err)
		}
		md := r.Outputs[0].Data
		golden.Check(t, filepath.Join("testdata", "own-templates", name+".md"), md)
		f, _ := r.Templates.File("body.md.tmpl")
		vendor := name != "tamsin"
		if (f.Path != "") != vendor || bytes.Contains(md, []byte("Brookmere’s people")) != vendor {
			t.Errorf("%s: body from %q", name, f.Origin())
		}
		if pyErr != nil {
			continue
		}
		path := filepath.Join(dir, name+".md")
		writeFile(t, path, string(md))
		for _, a := range r.Document.Addenda {
			summary, out, err := scctest.Compare(py, int(a.Module), a.Docking, path, "--from", "^"+regexp.QuoteMeta(a.Heading)+"$", "--to", `^(## |### Accession form)`)
			if err != nil || !strings.Contains(summary, "missing or deviating: none") {
				t.Errorf("%s addendum %s: %v\n%s", name, a.Numeral, err, out)
			}
		}
	}
}
