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
	field := builtin(t)
	field["cover.md.tmpl"] = &fstest.MapFile{Data: []byte("# {{.Title}}\n\n{{.NoSuchField}}\n")}
	cases := []struct {
		name string
		fsys fs.FS
		want string
	}{
		{"no root", noRoot, "no " + RootTemplate},
		{"syntax", bad, "dta.md.tmpl:2"},
		{"execution", field, "cover.md.tmpl:3:2: executing"},
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

// TestLockedAppendix: a replaced annexes.md.tmpl changes our labels, but
// the headings and field headings of the official Appendix stay, as the
// locked template prints them.
func TestLockedAppendix(t *testing.T) {
	r := validated(t, "../../examples/saas-us/northwind.yaml")
	fsys := builtin(t)
	src := string(fsys["annexes.md.tmpl"].Data)
	src = strings.Replace(src, `{{define "label-locations"}}Locations of processing{{end}}`, `{{define "label-locations"}}Where the data is processed{{end}}`, 1)
	fsys["annexes.md.tmpl"] = &fstest.MapFile{Data: []byte(src)}
	d, err := Build(r.Desc, r.Plan, legal.MustLoad(), Options{Templates: fsys})
	if err != nil {
		t.Fatal(err)
	}
	md := string(d.Markdown)
	if !strings.Contains(md, "| Where the data is processed |") || strings.Contains(md, "| Locations of processing |") {
		t.Error("the replaced label is not used")
	}
	for _, h := range []string{"\n## ANNEX I\n", "\n### A. LIST OF PARTIES\n", "\n**Data exporter(s)**\n", "\n### B. DESCRIPTION OF TRANSFER\n",
		"\n**Categories of data subjects whose personal data is transferred**\n", "\n### C. COMPETENT SUPERVISORY AUTHORITY\n", "\n## ANNEX II\n",
		"\n## ANNEX III\n", "| Signature and date |", "| Role (controller/processor) |", "\n### STANDARD CONTRACTUAL CLAUSES\n"} {
		if !strings.Contains(md, h) {
			t.Errorf("no %q", h)
		}
	}
	if ViewType().Name() != "view" || len(FuncNames()) == 0 {
		t.Error("ViewType or FuncNames")
	}
}

// TestTemplateCache: the built-in templates and an FS given as a pointer
// are parsed once; an FS value such as a directory is parsed at every
// build, so that an edited file is read again.
func TestTemplateCache(t *testing.T) {
	a, err := Templates(nil)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := Templates(templates.FS); a != b {
		t.Error("the built-in templates are parsed twice")
	}
	m := builtin(t)
	if x, _ := Templates(&m); x == nil {
		t.Fatal("no tree")
	} else if y, _ := Templates(&m); x != y {
		t.Error("a pointer FS is parsed twice")
	}
	if x, _ := Templates(m); x == nil {
		t.Fatal("no tree")
	} else if y, _ := Templates(m); x == y {
		t.Error("an FS value is cached")
	}
}
