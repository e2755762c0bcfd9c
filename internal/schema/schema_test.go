package schema_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/dpa-tool/dpa/internal/load"
	"github.com/dpa-tool/dpa/internal/schema"
	"github.com/dpa-tool/dpa/schemas"
)

// reference compiles the schemas with a complete JSON Schema implementation.
func reference(t *testing.T) (shape, complete *jsonschema.Schema) {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	for _, name := range []string{schemas.Description, schemas.Complete} {
		b, err := schemas.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.AddResource("https://dpa.example/schemas/"+name, bytes.NewReader(b)); err != nil {
			t.Fatal(err)
		}
	}
	var err error
	if shape, err = c.Compile("https://dpa.example/schemas/" + schemas.Description); err != nil {
		t.Fatal(err)
	}
	if complete, err = c.Compile("https://dpa.example/schemas/" + schemas.Complete); err != nil {
		t.Fatal(err)
	}
	return shape, complete
}

func ours(t *testing.T) (shape, complete *schema.Schema) {
	t.Helper()
	l, err := schema.Compile(schemas.FS, schemas.Description, schemas.Complete)
	if err != nil {
		t.Fatal(err)
	}
	return l[0], l[1]
}

// corpus returns the trees of every example and bad input, by name.
func corpus(t *testing.T) map[string]any {
	t.Helper()
	trees := map[string]any{}
	var files []string
	for _, dir := range []string{"../../examples", "../validate/testdata"} {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() && d.Name() == "ci" {
				return filepath.SkipDir // CI workflows, not descriptions
			}
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
				files = append(files, p)
			}
			return nil
		})
	}
	if len(files) < 20 {
		t.Fatalf("only %d files", len(files))
	}
	for _, f := range files {
		doc, _ := load.Load(f)
		if doc != nil {
			trees[f] = doc.Tree
		}
	}
	return trees
}

// TestAgreesWithReference checks that package schema accepts exactly what
// a complete implementation of draft 2020-12 accepts, on every example and
// bad input and on thousands of mutations of three examples (each value
// replaced by values of every type, each key removed, an unknown key
// added), against both schemas.
func TestAgreesWithReference(t *testing.T) {
	refShape, refComplete := reference(t)
	shape, complete := ours(t)
	trees := corpus(t)
	names := make([]string, 0, len(trees))
	for n := range trees {
		names = append(names, n)
	}
	sort.Strings(names)
	check := func(name string, v any) {
		t.Helper()
		for _, p := range []struct {
			which string
			ref   *jsonschema.Schema
			got   *schema.Schema
		}{{"shape", refShape, shape}, {"complete", refComplete, complete}} {
			want := p.ref.Validate(v) == nil
			if got := p.got.Valid(v); got != want {
				t.Errorf("%s (%s schema): valid = %v, reference says %v; errors: %v", name, p.which, got, want, p.got.Validate(v))
			}
		}
	}
	n := 0
	for _, name := range names {
		check(name, trees[name])
		n++
	}
	for _, name := range []string{"../../examples/saas-us/northwind.yaml", "../../examples/batch/vendor/nimbus.yaml"} {
		tree, ok := trees[name]
		if !ok {
			t.Fatalf("%s not in the corpus", name)
		}
		for _, m := range mutations(tree) {
			check(name+" with "+m.what, m.tree)
			n++
		}
	}
	t.Logf("%d trees agree", n)
	if n < 1000 {
		t.Errorf("only %d trees compared", n)
	}
}

type mutation struct {
	what string
	tree any
}

var replacements = []any{"", " ", "x", "DE", "de", "2026-01-01", "a@b.example", float64(0), float64(1), float64(2), float64(-1), 1.5, float64(400), true, false, nil, []any{}, []any{"x"}, map[string]any{}, map[string]any{"zz": "x"}}

// mutations returns copies of tree with one change each: every value is
// replaced by three of the replacements in turn, so that each replacement
// reaches every kind of place.
func mutations(tree any) []mutation {
	var out []mutation
	turn := 0
	var walk func(v any, ptr string, set func(any) any)
	walk = func(v any, ptr string, set func(any) any) {
		for i := 0; i < 3; i++ {
			r := replacements[turn%len(replacements)]
			turn++
			out = append(out, mutation{fmt.Sprintf("%s=%v", ptr, r), set(r)})
		}
		switch t := v.(type) {
		case map[string]any:
			out = append(out, mutation{ptr + "+zz", set(with(t, "zz", "x"))})
			keys := make([]string, 0, len(t))
			for k := range t {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				c := t[k]
				out = append(out, mutation{ptr + "-" + k, set(without(t, k))})
				walk(c, ptr+"/"+k, func(x any) any { return set(with(t, k, x)) })
			}
		case []any:
			for i, c := range t {
				i := i
				walk(c, fmt.Sprintf("%s/%d", ptr, i), func(x any) any {
					cp := append([]any(nil), t...)
					cp[i] = x
					return set(cp)
				})
			}
		}
	}
	walk(tree, "", func(x any) any { return x })
	return out
}

func with(m map[string]any, k string, v any) map[string]any {
	cp := make(map[string]any, len(m)+1)
	for a, b := range m {
		cp[a] = b
	}
	cp[k] = v
	return cp
}

func without(m map[string]any, k string) map[string]any {
	cp := with(m, k, nil)
	delete(cp, k)
	return cp
}

// TestRefusesUnknownKeywords checks that a keyword the package does not
// implement is an error, not silently ignored.
func TestRefusesUnknownKeywords(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "s.json"), []byte(`{"type": "object", "unevaluatedProperties": false}`), 0o644)
	fsys := os.DirFS(dir)
	if _, err := schema.Compile(fsys, "s.json"); err == nil || !strings.Contains(err.Error(), "unevaluatedProperties") {
		t.Errorf("Compile = %v, want an error naming unevaluatedProperties", err)
	}
}

// TestErrors pins the failed keyword, place and details of typical mistakes.
func TestErrors(t *testing.T) {
	_, complete := ours(t)
	errs := complete.Validate(map[string]any{"version": float64(1), "agreement": map[string]any{"date": "x", "titel": "y"}})
	var got []string
	for _, e := range errs {
		got = append(got, fmt.Sprintf("%s %s %s %v", e.Ptr, e.Keyword, e.Def, e.Keys))
	}
	for _, w := range []string{"/agreement/date pattern date []", "/agreement additionalProperties agreement [titel]", " required  [parties transfers security_measures]", " required  [dpa]"} {
		found := false
		for _, g := range got {
			found = found || g == w
		}
		if !found {
			t.Errorf("no error %q in %q", w, got)
		}
	}
}
