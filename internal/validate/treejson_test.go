package validate

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/load"
)

// TestTreeJSONRandom: treeJSON writes what json.Marshal writes for random
// trees whose strings mix every ASCII character with HTML specials,
// separators, other runes and invalid UTF-8, and numbers of every size.
func TestTreeJSONRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"\u2028", "\u2029", "é", "€", "😀", "\xff", "\xe2\x82", "<", ">", "&", `"`, `\`}
	str := func() string {
		var sb strings.Builder
		for n := rng.IntN(12); n > 0; n-- {
			if rng.IntN(3) == 0 {
				sb.WriteString(pieces[rng.IntN(len(pieces))])
			} else {
				sb.WriteByte(byte(rng.IntN(128)))
			}
		}
		return sb.String()
	}
	num := func() float64 {
		switch rng.IntN(4) {
		case 0:
			return float64(rng.IntN(2000) - 1000)
		case 1:
			return math.Ldexp(rng.Float64()-0.5, rng.IntN(160)-80)
		case 2:
			return []float64{0, math.Copysign(0, -1), 1e21, 1e-6, 9.99e-7, 1e20, 123456789e-15, math.MaxFloat64, math.SmallestNonzeroFloat64}[rng.IntN(9)]
		}
		return rng.NormFloat64() * 1e6
	}
	var tree func(depth int) any
	tree = func(depth int) any {
		switch k := rng.IntN(7); {
		case depth > 3 || k == 0:
			return str()
		case k == 1:
			return num()
		case k == 2:
			return rng.IntN(2) == 0
		case k == 3:
			return nil
		case k == 4:
			a := make([]any, rng.IntN(4))
			for i := range a {
				a[i] = tree(depth + 1)
			}
			return a
		}
		m := map[string]any{}
		for n := rng.IntN(5); n > 0; n-- {
			m[str()] = tree(depth + 1)
		}
		return m
	}
	for i := 0; i < 5000; i++ {
		v := tree(0)
		want, werr := json.Marshal(v)
		got, gerr := treeJSON(v)
		if (werr == nil) != (gerr == nil) || !bytes.Equal(got, want) {
			t.Fatalf("treeJSON(%#v) = %s, %v; json.Marshal: %s, %v", v, got, gerr, want, werr)
		}
	}
	for c := rune(0); c < 0x3000; c++ {
		s := "a" + string(c) + "b"
		if want, _ := json.Marshal(s); !bytes.Equal(appendString(nil, s), want) {
			t.Fatalf("appendString(%q) = %s, want %s", s, appendString(nil, s), want)
		}
	}
}

// TestTreeJSONRejects: what json.Marshal cannot write (NaN, infinities)
// fails as it does, and a type the loader never makes is left to it.
func TestTreeJSONRejects(t *testing.T) {
	for _, v := range []any{math.NaN(), map[string]any{"a": []any{math.Inf(1)}}} {
		if _, err := treeJSON(v); err == nil {
			t.Errorf("treeJSON(%v): no error", v)
		}
	}
	v := map[string]any{"n": 3, "s": []string{"x"}}
	want, _ := json.Marshal(v)
	if got, err := treeJSON(v); err != nil || !bytes.Equal(got, want) {
		t.Errorf("treeJSON(%v) = %s, %v; want %s", v, got, err, want)
	}
}

// TestTreeJSONCorpus: for every example and test description, the tree
// the loader makes is written as json.Marshal writes it.
func TestTreeJSONCorpus(t *testing.T) {
	var files []string
	for _, pat := range []string{"../../examples/*/*.yaml", "../../examples/*/*/*.yaml", "testdata/*/*.yaml", "testdata/*/*/*.yaml"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) < 20 {
		t.Fatalf("only %d descriptions found", len(files))
	}
	for _, f := range files {
		doc, _ := load.Load(f)
		if doc == nil {
			continue // not loadable: not decoded either
		}
		want, werr := json.Marshal(doc.Tree)
		got, gerr := treeJSON(doc.Tree)
		if (werr == nil) != (gerr == nil) || !bytes.Equal(got, want) {
			t.Errorf("%s: treeJSON differs from json.Marshal", f)
		}
	}
}
