package build

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/art28"
	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/scc"
	"github.com/dpa-tool/dpa/templates"
)

// TestLintExamples builds every description under examples/ (profiles
// aside), own templates included: none gets a warning of the Article 28 linter. The agreement
// between controllers has no Article 28 body, and is not checked. Issue 16.
func TestLintExamples(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*/*.yaml")
	deeper, _ := filepath.Glob("../../examples/*/*/*.yaml") // clients beside a vendor profile
	files = append(files, deeper...)
	built, controllers := 0, 0
	for _, f := range files {
		r, err := File(f, t.TempDir(), []string{"md"}, false)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if r.Validation.Profile {
			continue
		}
		if r.Document == nil {
			t.Fatalf("%s: not built: %v", f, r.Validation.Diags)
		}
		built++
		if len(r.Lint) > 0 {
			var b strings.Builder
			r.Lint.WriteText(&b)
			t.Errorf("%s:\n%s", f, b.String())
		}
		if scc.ControllersOnly(r.Validation.Plan) {
			controllers++
			// Its body is a data transfer agreement: the linter would
			// find no Article 28 provision in it.
			if len(art28.Missing(r.Document.Doc, art28.Facts{})) == 0 {
				t.Errorf("%s: a data transfer agreement covers Article 28", f)
			}
		}
	}
	if built < 20 || controllers == 0 {
		t.Fatalf("%d descriptions built, %d between controllers", built, controllers)
	}
}

// TestLintStrict: the built-in body.md.tmpl without its paragraphs on
// deletion or return and on information and audits, as a template of the
// user's own next to the description, gives two warnings with the
// description's path; the outputs are built, except under strict, where
// the warnings make the description invalid and nothing is built. Issue 16.
func TestLintStrict(t *testing.T) {
	body, err := templates.FS.ReadFile("body.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	var own []string
	for _, l := range strings.Split(string(body), "\n") {
		if !strings.Contains(l, "delete or return all Personal Data") && !strings.Contains(l, "all information necessary to demonstrate compliance") {
			own = append(own, l)
		}
	}
	if len(own) != strings.Count(string(body), "\n")+1-2 {
		t.Fatalf("the built-in body changed: %d lines kept", len(own))
	}
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "templates"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "templates", "body.md.tmpl"), []byte(strings.Join(own, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "acme.yaml")
	os.WriteFile(path, src, 0o644)
	for _, strict := range []bool{false, true} {
		r, err := File(path, dir, mdPDF, strict)
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, d := range r.Validation.Diags {
			if strings.HasPrefix(d.Code, "art28.") {
				codes = append(codes, d.Code)
				if d.Pos != (diag.Pos{File: path}) || d.Severity != diag.Warning || !strings.HasPrefix(d.Msg, "the body does not cover Article 28(3)(") {
					t.Errorf("strict %v: %s: %s: %s", strict, d.Pos, d.Severity, d.Msg)
				}
			}
		}
		if !slices.Equal(codes, []string{"art28.g", "art28.h"}) || len(r.Lint) != 2 {
			t.Errorf("strict %v: codes %v, %d in Lint", strict, codes, len(r.Lint))
		}
		if want := map[bool]int{false: 2, true: 0}[strict]; len(r.Outputs) != want {
			t.Errorf("strict %v: %d outputs, want %d", strict, len(r.Outputs), want)
		}
		if r.Validation.Valid(strict) == strict {
			t.Errorf("strict %v: valid %v", strict, r.Validation.Valid(strict))
		}
	}
}
