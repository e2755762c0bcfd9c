package validate

import (
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/load"
	"github.com/dpa-tool/dpa/internal/model"
)

// descriptionFiles returns every YAML description of the repository's
// examples and test data, good and bad.
func descriptionFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, root := range []string{"../../examples", "../../testdata", "testdata"} {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
				files = append(files, p)
			}
			return nil
		})
	}
	if len(files) < 50 {
		t.Fatalf("only %d descriptions found", len(files))
	}
	return files
}

// sameAsJSON checks that decodeDirect, where it takes tree, decodes what
// the JSON path decodes, and reports whether it took it.
func sameAsJSON(t *testing.T, name string, tree any) bool {
	t.Helper()
	direct := &model.Description{Path: "p"}
	if !decodeDirect(tree, direct) {
		return false
	}
	viaJSON := decodeJSON(&load.Doc{Path: "p", Tree: tree})
	if !reflect.DeepEqual(direct, viaJSON) {
		t.Errorf("%s: the direct decoder differs from JSON\ndirect: %+v\njson:   %+v", name, direct, viaJSON)
	}
	return true
}

// TestDecodeDirectCorpus: on every description of the repository the
// direct decoder gives the model the JSON round trip gives, and it takes
// every example (the fast path is the path of real descriptions).
func TestDecodeDirectCorpus(t *testing.T) {
	taken := 0
	for _, f := range descriptionFiles(t) {
		doc, _ := load.Load(f)
		if doc == nil || doc.IsProfile {
			continue
		}
		ok := sameAsJSON(t, f, doc.Tree)
		if ok {
			taken++
		}
		if !ok && strings.Contains(filepath.ToSlash(f), "examples/") {
			t.Errorf("%s: the direct decoder gave up on an example", f)
		}
	}
	if taken < 30 {
		t.Errorf("the direct decoder took only %d descriptions", taken)
	}
}

// TestDecodeDirectRandom: on the example trees with values replaced by
// values of random types (null, numbers with fractions, huge numbers,
// strings with invalid UTF-8, keys in another case, unknown keys, empty
// lists), the direct decoder either gives up or decodes what JSON does.
func TestDecodeDirectRandom(t *testing.T) {
	var trees []any
	for _, f := range descriptionFiles(t) {
		if doc, _ := load.Load(f); doc != nil && !doc.IsProfile && strings.Contains(filepath.ToSlash(f), "examples/") {
			trees = append(trees, doc.Tree)
		}
	}
	rng := rand.New(rand.NewPCG(11, 17))
	leaf := func() any {
		switch rng.IntN(12) {
		case 0:
			return nil
		case 1:
			return true
		case 2:
			return false
		case 3:
			return float64(rng.IntN(100))
		case 4:
			return []float64{0.5, -3, 1e21, 1 << 53, math.Copysign(0, -1), 3.0, 72}[rng.IntN(7)]
		case 5:
			return []string{"", "x", "\xff", "DE", "general", "é"}[rng.IntN(6)]
		case 6:
			return []any{}
		case 7:
			return []any{"a", "b"}
		case 8:
			return []any{"a", 1.0}
		case 9:
			return map[string]any{}
		case 10:
			return map[string]any{"working": 10.0, "calendar": 3.0}
		}
		return map[string]any{"name": "N", "calendar": 5.0}
	}
	// Like replaces v by a value of its own type, mostly: the mutations
	// that keep a tree the fast path takes, or nearly.
	like := func(v any) any {
		switch v.(type) {
		case float64:
			return []float64{0.5, -3, 1e21, 1 << 53, math.Copysign(0, -1), 3.0, 72, 0}[rng.IntN(8)]
		case string:
			return []string{"", "x", "\xff", "DE", "general", "é"}[rng.IntN(6)]
		case []any:
			return []any{}
		}
		return leaf()
	}
	rate := 60 // about one mutation in rate nodes
	var mutate func(v any) any
	mutate = func(v any) any {
		switch rng.IntN(rate) {
		case 0:
			return leaf()
		case 1, 2:
			return like(v)
		}
		switch v := v.(type) {
		case map[string]any:
			m := make(map[string]any, len(v))
			for _, k := range slices.Sorted(maps.Keys(v)) {
				switch rng.IntN(rate * 2) {
				case 0:
					continue // dropped
				case 1:
					m[strings.ToUpper(k)] = mutate(v[k])
				case 2:
					m["kind"] = mutate(v[k])
				default:
					m[k] = mutate(v[k])
				}
			}
			if rng.IntN(rate) == 0 {
				m["unknown_key"] = leaf()
			}
			return m
		case []any:
			a := make([]any, len(v))
			for i, e := range v {
				a[i] = mutate(e)
			}
			return a
		}
		return v
	}
	taken, n := 0, 3000
	if testing.Short() {
		n = 500
	}
	for i := 0; i < n; i++ {
		rate = []int{30, 100, 400}[i%3]
		if sameAsJSON(t, "mutation", mutate(trees[i%len(trees)])) {
			taken++
		}
	}
	// Some mutations keep a well-typed tree: the comparison must have run.
	if taken < n/10 {
		t.Errorf("the direct decoder took only %d of %d mutated trees", taken, n)
	}
	t.Logf("%d of %d mutated trees decoded directly", taken, n)
}

// TestIgnoredKeys: the keys the direct decoder skips match no field of the
// model when case is ignored, so json skips them too.
func TestIgnoredKeys(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var tags []string
	var walk func(reflect.Type)
	walk = func(ty reflect.Type) {
		for ty.Kind() == reflect.Pointer || ty.Kind() == reflect.Slice {
			ty = ty.Elem()
		}
		if ty.Kind() != reflect.Struct || seen[ty] {
			return
		}
		seen[ty] = true
		for i := 0; i < ty.NumField(); i++ {
			f := ty.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" {
				name = f.Name
			}
			tags = append(tags, name)
			walk(f.Type)
		}
	}
	walk(reflect.TypeOf(model.Description{}))
	for k := range ignoredKeys {
		for _, tag := range tags {
			if strings.EqualFold(k, tag) {
				t.Errorf("ignored key %q matches field %q", k, tag)
			}
		}
	}
}

// TestDecodeDirectCases: the shapes the model's UnmarshalJSON methods
// accept, and the empty lists json makes non-nil, decode as JSON does.
func TestDecodeDirectCases(t *testing.T) {
	for i, tree := range []map[string]any{
		{"assistance_measures": []any{}, "parties": []any{}, "transfers": []any{}, "subprocessors": []any{}, "security_measures": []any{}},
		{"assistance_measures": "one", "version": 1.0, "kind": "description", "extends": []any{"p.yaml"}},
		{"parties": []any{map[string]any{"id": "a", "signatory": map[string]any{"name": "N"}}, map[string]any{"signatory": []any{}}, map[string]any{"signatory": []any{map[string]any{"name": "M", "position": "P"}}}}},
		{"scc": map[string]any{"redress_body": true, "governing_law": "IE"}},
		{"scc": map[string]any{"redress_body": map[string]any{"name": "B"}, "governing_law": map[string]any{"exporter_country": true, "fallback": "IE"}}},
		{"scc": map[string]any{"redress_body": false, "governing_law": map[string]any{}}},
		{"dpa": map[string]any{"subprocessors": map[string]any{"notice_days": 30.0, "controller_decision_days": map[string]any{"working": 5.0}}, "deletion_days": map[string]any{"calendar": 3.0, "working": 4.0}, "audit": map[string]any{"notice_days": map[string]any{}}, "breach_notice_hours": 72.0}},
		{"transfers": []any{map[string]any{"exporter": []any{}, "importer": "b", "module": 2.0, "sensitive_data": map[string]any{"categories": []any{}}, "roles": map[string]any{}}}},
		{"uk_addendum": map[string]any{}, "swiss_supplement": map[string]any{"include": false}, "scc": map[string]any{}},
	} {
		if !sameAsJSON(t, "case", tree) {
			t.Errorf("case %d: the direct decoder gave up", i)
		}
	}
	for i, tree := range []any{
		nil, []any{}, "x",
		map[string]any{"version": nil},
		map[string]any{"version": 1.5},
		map[string]any{"Version": 1.0},
		map[string]any{"agreement": map[string]any{"title": "\xff"}},
		map[string]any{"assistance_measures": []any{"a", 1.0}},
		map[string]any{"dpa": map[string]any{"deletion_days": true}},
	} {
		if sameAsJSON(t, "case", tree) {
			t.Errorf("case %d: the direct decoder took a tree only json knows how to take", i)
		}
	}
}
