package build

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/art28"
	"github.com/dpa-tool/dpa/internal/assemble"
	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/doc"
	"github.com/dpa-tool/dpa/internal/scc"
)

// TestLintExamples builds every description under examples/ (profiles
// aside): none gets a warning of the Article 28 linter. The agreement
// between controllers has no Article 28 body, and is not checked. Issue 16.
func TestLintExamples(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*/*.yaml")
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

// dropBody removes from the body every paragraph whose text contains one
// of markers.
func dropBody(markers ...string) func(*assemble.Document) {
	return func(a *assemble.Document) {
		for _, s := range a.Doc.Sections {
			if s.Kind != doc.Body {
				continue
			}
			s.Blocks = slices.DeleteFunc(s.Blocks, func(b doc.Block) bool {
				var text strings.Builder
				for _, x := range b.Inlines {
					text.WriteString(x.Text)
				}
				return slices.ContainsFunc(markers, func(m string) bool { return strings.Contains(text.String(), m) })
			})
		}
	}
}

// TestLintStrict: a body without two elements gives two warnings with the
// description's path; the outputs are built, except under strict, where
// the warnings make the description invalid and nothing is built. Issue 16.
func TestLintStrict(t *testing.T) {
	defer func(f func(*assemble.Document)) { testOnlyAssembled = f }(testOnlyAssembled)
	testOnlyAssembled = dropBody("delete or return all Personal Data", "all information necessary to demonstrate compliance")
	dir := t.TempDir()
	src, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "acme.yaml")
	os.WriteFile(path, src, 0o644)
	for _, strict := range []bool{false, true} {
		r, err := File(path, dir, []string{"md"}, strict)
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
		if want := map[bool]int{false: 1, true: 0}[strict]; len(r.Outputs) != want {
			t.Errorf("strict %v: %d outputs, want %d", strict, len(r.Outputs), want)
		}
		if r.Validation.Valid(strict) == strict {
			t.Errorf("strict %v: valid %v", strict, r.Validation.Valid(strict))
		}
	}
}
