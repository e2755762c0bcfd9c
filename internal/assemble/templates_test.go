package assemble

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/templates"
)

// builtin returns a copy of the built-in templates that a test may change.
func builtin(t *testing.T) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	names, err := fs.Glob(templates.FS, "*.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		b, err := templates.FS.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		out[n] = &fstest.MapFile{Data: b}
	}
	return out
}

// TestTemplatesOption: a template FS given in the options replaces the
// built-in templates file by file; the zero options are the built-in ones.
func TestTemplatesOption(t *testing.T) {
	r := validated(t, "../../examples/saas-us/northwind.yaml")
	want, err := Build(r.Desc, r.Plan, legal.MustLoad())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Build(r.Desc, r.Plan, legal.MustLoad(), Options{}, Options{}); err == nil {
		t.Error("two options: no error")
	}
	same, err := Build(r.Desc, r.Plan, legal.MustLoad(), Options{Templates: builtin(t)})
	if err != nil {
		t.Fatal(err)
	}
	if string(same.Markdown) != string(want.Markdown) {
		t.Error("a copy of the built-in templates builds a different agreement")
	}
	fsys := builtin(t)
	src := strings.Replace(string(fsys["cover.md.tmpl"].Data), "# {{.Title}}", "# {{.Title}} (our own wording)", 1)
	fsys["cover.md.tmpl"] = &fstest.MapFile{Data: []byte(src)}
	own, err := Build(r.Desc, r.Plan, legal.MustLoad(), Options{Templates: fsys})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(own.Markdown), "(our own wording)\n") {
		t.Error("the replaced template is not used")
	}
}

// TestTemplatesErrors: a template FS without the root, with a locked name
// or with a syntax error is refused with the file's name.
func TestTemplatesErrors(t *testing.T) {
	r := validated(t, "../../examples/saas-us/northwind.yaml")
	noRoot := builtin(t)
	delete(noRoot, RootTemplate)
	bad := builtin(t)
	bad["dta.md.tmpl"] = &fstest.MapFile{Data: []byte("line one\n{{if .SCC}\n")}
	cases := []struct {
		name string
		fsys fs.FS
		want string
	}{
		{"no root", noRoot, "no " + RootTemplate},
		{"syntax", bad, "dta.md.tmpl:2"},
	}
	for _, name := range LockedTemplates() {
		locked := builtin(t)
		locked[name] = &fstest.MapFile{Data: []byte("ANNEX")}
		cases = append(cases, struct {
			name string
			fsys fs.FS
			want string
		}{"locked " + name, locked, name + " holds wording of the official Appendix"})
	}
	for _, c := range cases {
		_, err := Build(r.Desc, r.Plan, legal.MustLoad(), Options{Templates: c.fsys})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}
