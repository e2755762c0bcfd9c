package tmplset

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"text/template"
)

var builtin = fstest.MapFS{
	"agreement.md.tmpl": {Data: []byte("{{- /* The agreement. Root. */ -}}\n# {{.Title}}\n{{template \"body.md.tmpl\" .}}")},
	"body.md.tmpl":      {Data: []byte("{{- /* The body: terms. */ -}}\nbuilt-in body\n")},
	"starter.yaml":      {Data: []byte("not a template")},
}

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestPrecedence: each file comes from the highest layer that has it; the
// others stay built-in (issue 16).
func TestPrecedence(t *testing.T) {
	root := t.TempDir()
	flag := filepath.Join(root, "flag")
	key := filepath.Join(root, "vendor", "tpl")
	next := filepath.Join(root, "clients", "templates")
	write(t, flag, "body.md.tmpl", "flag body")
	write(t, key, "body.md.tmpl", "key body")
	write(t, key, "agreement.md.tmpl", "key root")
	write(t, next, "agreement.md.tmpl", "next root")
	desc := filepath.Join(root, "clients", "acme.yaml")
	keyAt := Pos{File: filepath.Join(root, "vendor", "v.yaml"), Line: 3, Col: 14}

	tests := []struct {
		name       string
		flag, key  string
		wantRoot   string
		wantBody   string
		rootOrigin string
	}{
		{"all layers", flag, "tpl", "key root", "flag body", filepath.Join(key, "agreement.md.tmpl")},
		{"no flag", "", "tpl", "key root", "key body", filepath.Join(key, "agreement.md.tmpl")},
		{"templates next to the description only", "", "", "next root", "{{- /* The body: terms. */ -}}\nbuilt-in body\n", filepath.Join(next, "agreement.md.tmpl")},
		{"flag over next", flag, "", "next root", "flag body", filepath.Join(next, "agreement.md.tmpl")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := New(builtin, nil, Lookup(desc, tt.flag, tt.key, keyAt)...)
			if err != nil {
				t.Fatal(err)
			}
			r, _ := s.File("agreement.md.tmpl")
			b, _ := s.File("body.md.tmpl")
			if string(r.Src) != tt.wantRoot || string(b.Src) != tt.wantBody || r.Path != tt.rootOrigin {
				t.Errorf("root %q from %q, body %q; want %q from %q, body %q", r.Src, r.Path, b.Src, tt.wantRoot, tt.rootOrigin, tt.wantBody)
			}
			if r.Part != "The agreement" || b.Part != "The body" {
				t.Errorf("parts %q, %q: want those of the built-in templates", r.Part, b.Part)
			}
			if !s.Custom() {
				t.Error("Custom() = false with the user's files")
			}
		})
	}
	s, err := New(builtin, nil, Lookup(filepath.Join(root, "other.yaml"), "", "", Pos{})...)
	if err != nil || s.Custom() || len(s.Files()) != 2 {
		t.Fatalf("without user files: %v, custom %v, %d files", err, s.Custom(), len(s.Files()))
	}
	for _, f := range s.Files() {
		if f.Origin() != "built-in" || len(f.SHA256) != 64 {
			t.Errorf("%s: origin %q, sha %q", f.Name, f.Origin(), f.SHA256)
		}
	}
}

// TestDigest: the digest follows the content only, and the same content
// gives the same file system (so parsed trees are shared).
func TestDigest(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	write(t, a, "body.md.tmpl", "same")
	write(t, b, "body.md.tmpl", "same")
	sa, _ := New(builtin, nil, Layer{Dir: a, Required: true})
	sb, _ := New(builtin, nil, Layer{Dir: b, Required: true})
	s0, _ := New(builtin, nil)
	if sa.Digest() != sb.Digest() || sa.FS() != sb.FS() {
		t.Error("the same content in two directories gives different digests or file systems")
	}
	if sa.Digest() == s0.Digest() || sa.FS() == s0.FS() {
		t.Error("another content gives the same digest")
	}
	write(t, b, "body.md.tmpl", "same\r\n")
	sb, _ = New(builtin, nil, Layer{Dir: b, Required: true})
	if sa.Digest() == sb.Digest() {
		t.Error("a changed file keeps the digest")
	}
	if f, _ := sb.File("body.md.tmpl"); string(f.Src) != "same\n" {
		t.Errorf("CRLF not normalised: %q", f.Src)
	}
}

// TestRefused: official text, unknown templates, folders, control
// characters and missing named directories are errors that say so.
func TestRefused(t *testing.T) {
	tests := []struct {
		name, file, text string
		locked           []string
		want             string
	}{
		{"clause module", "module-2.md", "x", nil, "official text"},
		{"clause module as template", "module-2.md.tmpl", "x", nil, "Standard Contractual Clauses"},
		{"scc", "scc.md.tmpl", "x", nil, "Standard Contractual Clauses"},
		{"uk addendum", "uk-addendum-b1.0.yaml", "x", nil, "UK International Data Transfer Addendum"},
		{"appendix headings", "annex-i-headings.md.tmpl", "x", []string{"annex-i-headings.md.tmpl"}, "headings of the Appendix"},
		{"unknown", "bdy.md.tmpl", "x", nil, "not a template of dpa"},
		{"control character", "body.md.tmpl", "a\x00addendum 2\x00", nil, "control character"},
		{"not UTF-8", "body.md.tmpl", "a\xff", nil, "not UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, tt.file, tt.text)
			_, err := New(builtin, tt.locked, Layer{Dir: dir, Via: "--templates", Required: true})
			var te *Error
			if !errors.As(err, &te) || !strings.Contains(te.Msg, tt.want) {
				t.Fatalf("New with %s = %v, want an *Error saying %q", tt.file, err, tt.want)
			}
			if te.Pos.File != filepath.Join(dir, tt.file) {
				t.Errorf("error at %q, want the file", te.Pos.File)
			}
		})
	}
	dir := t.TempDir()
	write(t, dir, "clauses/module-2.md", "x")
	if _, err := New(builtin, nil, Layer{Dir: dir, Required: true}); err == nil || !strings.Contains(err.Error(), "official text") {
		t.Errorf("a clauses/ folder: %v", err)
	}
	dir = t.TempDir()
	write(t, dir, "sub/body.md.tmpl", "x")
	if _, err := New(builtin, nil, Layer{Dir: dir, Required: true}); err == nil || !strings.Contains(err.Error(), "not folders") {
		t.Errorf("a subfolder: %v", err)
	}
	// Ignored: hidden files and files that are not templates.
	dir = t.TempDir()
	write(t, dir, ".body.md.tmpl.swp", "x")
	write(t, dir, "README.md", "notes")
	if s, err := New(builtin, nil, Layer{Dir: dir, Required: true}); err != nil || s.Custom() {
		t.Errorf("hidden files and READMEs: %v", err)
	}
	// A named directory that does not exist is an error at the key.
	at := Pos{File: "vendor.yaml", Line: 4, Col: 14}
	_, err := New(builtin, nil, Lookup("", "", "nowhere", at)...)
	var te *Error
	if !errors.As(err, &te) || te.Pos != at || !strings.Contains(te.Msg, "no such directory") {
		t.Errorf("missing key directory: %v", err)
	}
	// A missing templates/ next to the description is not.
	if _, err := New(builtin, nil, Lookup(filepath.Join(t.TempDir(), "a.yaml"), "", "", Pos{})...); err != nil {
		t.Errorf("no templates/ next to the description: %v", err)
	}
}

// TestPosition: text/template's parse and execution errors become
// file:line:col errors in the user's file.
func TestPosition(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "body.md.tmpl")
	tests := []struct {
		name, src string
		exec      bool
		want      string
	}{
		{"bad character", "line one\nab {{.Title}\n", false, p + ":2:12: bad character U+007D '}'"},
		{"undefined function", "x\n  {{shell \"ls\"}}\n", false, p + `:2:5: function "shell" not defined`},
		{"unclosed if", "a\n{{if .X}}\n", false, p + ":3:1: unexpected EOF"},
		{"missing field", "one\n  ü {{.Nope}}\n", true, p + ":2:7: <.Nope>: can't evaluate field Nope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			write(t, dir, "body.md.tmpl", tt.src)
			s, err := New(builtin, nil, Layer{Dir: dir, Required: true})
			if err != nil {
				t.Fatal(err)
			}
			tm, err := template.New("body.md.tmpl").Option("missingkey=error").Parse(tt.src)
			if tt.exec {
				if err != nil {
					t.Fatal(err)
				}
				err = tm.Execute(new(strings.Builder), struct{ Title string }{})
			}
			if err == nil {
				t.Fatal("no error")
			}
			got := s.Position(errors.New("template: " + err.Error()))
			var te *Error
			if !errors.As(got, &te) || got.Error() != tt.want {
				t.Errorf("Position(%q) = %q, want %q", err, got, tt.want)
			}
		})
	}
	other := errors.New("template: clauses.md.tmpl:3: nope")
	if s, _ := New(builtin, nil); s.Position(other) != other {
		t.Error("an error about a template outside the set was changed")
	}
}

// TestExport: the exported file has a comment at the top and renders as
// the built-in one.
func TestExport(t *testing.T) {
	s, _ := New(builtin, nil)
	for _, f := range s.Files() {
		out := Export(f)
		if !strings.HasPrefix(string(out), "{{/*\n"+f.Name+": the built-in template") {
			t.Errorf("%s: no header: %q", f.Name, out[:40])
		}
		run := func(src string) string {
			tm := template.Must(template.New("x").Parse(src))
			tm = template.Must(tm.New("body.md.tmpl").Parse("B"))
			var b strings.Builder
			tm.ExecuteTemplate(&b, "x", map[string]string{"Title": "T"})
			return b.String()
		}
		if a, b := run(string(f.Src)), run(string(out)); a != b {
			t.Errorf("%s: exported renders %q, built-in %q", f.Name, b, a)
		}
	}
	plain := File{Name: "x.md.tmpl", Src: []byte("\nstarts with a line end")}
	if got := string(Export(plain)); !strings.HasSuffix(got, "*/}}\nstarts with a line end") {
		t.Errorf("a template without a trim marker: %q", got)
	}
}

// TestDescribe: the part a template renders is the first sentence of its
// leading comment; no comment, or an unterminated one, gives "".
func TestDescribe(t *testing.T) {
	for src, want := range map[string]string{
		"{{- /* The cover page: title and parties. More. */ -}}\nbody": "The cover page",
		"\r\n  {{/* Annex I (a): list\r\n of parties. */}}":            "Annex I (a)",
		"{{/* Unterminated":   "",
		"text {{/* late */}}": "",
		"":                    "",
	} {
		if got := Describe([]byte(src)); got != want {
			t.Errorf("Describe(%q) = %q, want %q", src, got, want)
		}
	}
}
