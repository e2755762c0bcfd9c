package build

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/art28"
	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/model"
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

// TestLintPresets builds every negotiation preset with Module Two
// (northwind), Module Three (kestrel), Modules Two and Three (heron) and
// Module Four (pinecrest), under general and specific authorisation, and
// the click-through example: the linter finds every element of Article 28
// in each body. Issue 16.
func TestLintPresets(t *testing.T) {
	dpaLines := regexp.MustCompile(`(?m)^  (breach_notice_hours|deletion_days|audit):.*\n`)
	auth := regexp.MustCompile(`authorisation: (general|specific)`)
	dir := t.TempDir()
	n := 0
	for _, ex := range []string{"saas-us/northwind.yaml", "support-india/kestrel-lotus.yaml", "two-modules/heron-maplewood.yaml", "non-eu-controller/pinecrest-saltmarsh.yaml"} {
		src, err := os.ReadFile(filepath.Join("../../examples", ex))
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range []string{"general", "specific"} {
			for _, pr := range model.Presets {
				s := dpaLines.ReplaceAllString(string(src), "")
				s = auth.ReplaceAllString(s, "authorisation: "+a)
				s = strings.Replace(s, "\ndpa:\n", "\ndpa:\n  preset: "+string(pr)+"\n", 1)
				if a == "general" {
					s = strings.Replace(s, ", controller_decision_days: 10", "", 1)
				}
				p := filepath.Join(dir, fmt.Sprintf("%d.yaml", n))
				n++
				os.WriteFile(p, []byte(s), 0o644)
				r, err := File(p, dir, []string{"md"}, false)
				if err != nil || r.Document == nil {
					t.Fatalf("%s, %s, %s: not built: %v %v", ex, a, pr, err, r.Validation.Diags)
				}
				if !strings.Contains(string(r.Outputs[0].Data), a+" written authorisation") {
					t.Fatalf("%s, %s, %s: the body lacks the %s authorisation", ex, a, pr, a)
				}
				if a == "general" && pr == model.Balanced && !strings.Contains(string(r.Outputs[0].Data), "the change is deemed accepted") {
					t.Fatalf("%s: the balanced preset was not applied", ex)
				}
				for _, d := range r.Lint {
					t.Errorf("%s, %s, %s: %s", ex, a, pr, d.Msg)
				}
			}
		}
	}
	r, err := File("../../examples/click-through/lisboa-kittiwake.yaml", dir, []string{"md"}, false)
	if err != nil || r.Document == nil || len(r.Lint) > 0 {
		t.Errorf("click-through: %v, %v", err, r.Lint)
	}
}
