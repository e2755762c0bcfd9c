// Package arch holds the test of the package level order: a package imports
// only packages of lower levels, and the renderers read only the typed
// document.
package arch

import (
	"fmt"
	"go/build"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/dpa-tool/dpa/"

// levels places every package of the module; a package may import only
// packages of a lower level. A new package must be placed here.
var levels = map[string]int{
	// Below the leaves: helpers that import only the standard library.
	"internal/lazyre": -1, "internal/hugeheap": -1,
	// Imported by cmd/dpa for its start-up effect (it reserves a build's heap).
	"internal/hugeheap/atstart": 0,
	// Data and leaves: embedded texts, the typed document, small tools.
	"clauses": 0, "templates": 0, "schemas": 0, "legaldata": 0, "examples": 0,
	"internal/doc": 0, "internal/diag": 0, "internal/regfile": 0, "internal/fonts": 0,
	"internal/markdown": 0, "internal/golden": 0, "internal/scctest": 0, "internal/atomicfile": 0,
	"internal/clause": 0, "internal/schema": 0, "internal/model": 0,
	// Readers of data and of Markdown fragments.
	"internal/load": 1, "internal/legal": 1, "internal/prose": 1, "internal/mdparse": 1, "internal/textract": 1,
	"internal/tmplset": 1,
	// Renderers: they read the typed document only (see renderers); the
	// others may use the Markdown one (the fingerprint of a PDF is that of
	// the document's Markdown).
	"internal/mdrender": 1, "internal/pdf": 2, "internal/docx": 2,
	// The Article 28 linter: it reads the typed document.
	"internal/art28": 1,
	// The UK Addendum and Swiss supplement derived from the facts.
	"internal/overlay": 2,
	// The rules of the clauses.
	"internal/scc": 3,
	// Validation and assembly.
	"internal/validate": 4, "internal/assemble": 4, "internal/verify": 4,
	// One file to its outputs.
	"internal/build": 5,
	// The command line.
	"internal/cli": 6,
	"cmd/dpa":      7, "tools/genclients": 7, "tools/bench": 7, "tools/skipped": 7,
	"internal/arch": 7,
}

// renderers may import, of the module, only these packages.
var renderers = map[string][]string{
	"internal/pdf":      {"internal/doc", "internal/fonts", "internal/markdown", "internal/mdrender"},
	"internal/docx":     {"internal/doc", "internal/fonts", "internal/markdown", "internal/mdrender"},
	"internal/mdrender": {"internal/doc", "internal/markdown"},
}

// TestLevels checks the imports (not those of tests) of every package.
func TestLevels(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata") {
			return filepath.SkipDir
		}
		if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil && path != root {
			return filepath.SkipDir // another module (third_party/fpdf)
		}
		pkg, err := build.ImportDir(path, 0)
		if err != nil {
			if _, ok := err.(*build.NoGoError); ok {
				return nil
			}
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		seen++
		level, ok := levels[rel]
		if !ok {
			if len(pkg.GoFiles) > 0 {
				t.Errorf("package %s has no level: place it in levels", rel)
			}
			return nil
		}
		for _, e := range check(rel, level, pkg.Imports) {
			t.Error(e)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 10 {
		t.Fatalf("only %d packages found", seen)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatal(err)
	}
}

// check returns the violations of the level order by package rel.
func check(rel string, level int, imports []string) []string {
	var out []string
	for _, imp := range imports {
		dep, ok := strings.CutPrefix(imp, module)
		if !ok {
			continue
		}
		if allowed, isRenderer := renderers[rel]; isRenderer && !slices.Contains(allowed, dep) {
			out = append(out, fmt.Sprintf("renderer %s imports %s: a renderer reads only the typed document", rel, dep))
		}
		if l, ok := levels[dep]; !ok {
			out = append(out, fmt.Sprintf("%s imports %s, which has no level", rel, dep))
		} else if l >= level {
			out = append(out, fmt.Sprintf("%s (level %d) imports %s (level %d): imports point down only", rel, level, dep, l))
		}
	}
	return out
}

// TestCheck: the rule finds a renderer that reads the assembler and an
// import that points up.
func TestCheck(t *testing.T) {
	if e := check("internal/pdf", 2, []string{module + "internal/assemble"}); len(e) != 2 {
		t.Errorf("pdf importing assemble: %q", e)
	}
	if e := check("internal/assemble", 4, []string{module + "internal/build"}); len(e) != 1 {
		t.Errorf("assemble importing build: %q", e)
	}
	if e := check("internal/pdf", 2, []string{module + "internal/doc", "strings"}); len(e) != 0 {
		t.Errorf("pdf importing doc: %q", e)
	}
}
