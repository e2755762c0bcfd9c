package assemble

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/clauses"
	"github.com/dpa-tool/dpa/internal/legal"
	ldr "github.com/dpa-tool/dpa/internal/load"
	"github.com/dpa-tool/dpa/schemas"
	"github.com/dpa-tool/dpa/templates"
)

var (
	// regionCodeRE finds what may be an ISO 3166-2 code such as DE-BY; a
	// part of a longer reference such as FR-LM-2026 is not one.
	regionCodeRE = regexp.MustCompile(`(^|[^-\w])([A-Z]{2})-([A-Z0-9]{1,3})($|[^-\w])`)
	wordRE       = regexp.MustCompile(`[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*`)
	arrows       = []string{"→", "←", "⇒", "->", "=>"}
)

// yamlKeys returns every key name of the description schema that could
// only come from the tool (lower_snake_case), and the dotted prefixes of
// the sections ("scc.").
func yamlKeys(t *testing.T) []string {
	t.Helper()
	b, err := schemas.FS.ReadFile("description.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{"scc.": true, "dpa.": true, "agreement.title": true, "transfers[": true, "parties[": true}
	for _, m := range regexp.MustCompile(`"([a-z0-9]+(?:_[a-z0-9]+)+)":`).FindAllStringSubmatch(string(b), -1) {
		keys[m[1]] = true
	}
	var out []string
	for k := range keys {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// vocabulary returns the lower-case words of the template and of the
// official clauses: a one-word id that is also such a word ("support")
// cannot be told apart from the prose.
func vocabulary(t *testing.T) map[string]bool {
	t.Helper()
	words := map[string]bool{}
	add := func(s string) {
		for _, w := range wordRE.FindAllString(strings.ToLower(s), -1) {
			words[w] = true
		}
	}
	files := []struct {
		fs   interface{ ReadFile(string) ([]byte, error) }
		name string
	}{{clauses.FS, clauses.AppendixTemplate}, {clauses.FS, clauses.SCCPath(2)}, {clauses.FS, clauses.SCCPath(3)}, {clauses.FS, clauses.UKAddendumPath}}
	tmpls, _ := fs.Glob(templates.FS, "*.tmpl")
	for _, n := range tmpls {
		files = append(files, struct {
			fs   interface{ ReadFile(string) ([]byte, error) }
			name string
		}{templates.FS, n})
	}
	for _, f := range files {
		b, err := f.fs.ReadFile(f.name)
		if err != nil {
			t.Fatal(err)
		}
		add(string(b))
	}
	for _, s := range []string{"Data exporter", "Data importer", "Transfer mechanism"} {
		add(s)
	}
	return words
}

// idsAndText walks a description: the ids it defines and the lower-case
// words of everything else the user wrote.
func idsAndText(n *ldr.Node, key string, ids, words map[string]bool) {
	if n == nil {
		return
	}
	switch n.Kind {
	case ldr.Scalar:
		switch key {
		case "id":
			ids[n.Value] = true
		case "exporter", "importer", "transfers", "extends":
		default:
			for _, w := range wordRE.FindAllString(strings.ToLower(n.Value), -1) {
				words[w] = true
			}
		}
	case ldr.Map:
		for _, f := range n.Fields {
			idsAndText(f.Value, f.Key, ids, words)
		}
	case ldr.Seq:
		for _, it := range n.Items {
			idsAndText(it, key, ids, words)
		}
	}
}

// checkVoice reports ids, YAML keys, ISO region codes and arrows in md.
// ids are the description's ids; text holds the words of the user's own
// text and the prose, where a one-word id cannot be told from a word.
func checkVoice(name string, md []byte, ids, text map[string]bool, keys []string) []string {
	var problems []string
	errorf := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	s := string(md)
	near := func(i int) string { return s[max(0, i-50):min(len(s), i+50)] }
	for _, a := range arrows {
		if i := strings.Index(s, a); i >= 0 {
			errorf("%s: arrow %q near %q", name, a, near(i))
		}
	}
	for _, m := range regionCodeRE.FindAllStringSubmatchIndex(s, -1) {
		if legal.Assigned(s[m[4]:m[5]]) {
			errorf("%s: ISO region code %q near %q", name, s[m[4]:m[7]], near(m[4]))
		}
	}
	for _, k := range keys {
		if i := strings.Index(s, k); i >= 0 {
			errorf("%s: YAML key %q near %q", name, k, near(i))
		}
	}
	for _, loc := range wordRE.FindAllStringIndex(s, -1) {
		w := s[loc[0]:loc[1]]
		quoted := loc[0] >= 3 && (s[loc[0]-3:loc[0]] == "“" || s[loc[0]-1] == '"')
		if ids[w] && (quoted || !text[w]) {
			errorf("%s: id %q near %q", name, w, near(loc[0]))
		}
	}
	return problems
}

// TestNoToolVoice checks every example's agreement and every golden file:
// no id, YAML key, ISO region code or arrow appears in an agreement.
func TestNoToolVoice(t *testing.T) {
	keys := yamlKeys(t)
	prose := vocabulary(t)
	allIDs, allText := map[string]bool{}, map[string]bool{}
	for w := range prose {
		allText[w] = true
	}
	for _, ex := range examples {
		doc, _ := buildExample(t, ex)
		d, _ := ldr.Load(filepath.Join("../../examples", ex))
		ids, text := map[string]bool{}, map[string]bool{}
		for w := range prose {
			text[w] = true
		}
		idsAndText(d.Root, "", ids, text)
		for id := range ids {
			allIDs[id] = true
		}
		for w := range text {
			allText[w] = true
		}
		for _, p := range checkVoice(ex, doc.Markdown, ids, text, keys) {
			t.Error(p)
		}
	}
	goldens, _ := filepath.Glob("../*/testdata/golden/*.md")
	if len(goldens) < len(examples) {
		t.Fatalf("found %d golden agreements", len(goldens))
	}
	for _, g := range goldens {
		b, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range checkVoice(g, b, allIDs, allText, keys) {
			t.Error(p)
		}
	}
}

// TestNoToolVoiceCatches proves that the check finds what the first
// release printed in Annex I.C.
func TestNoToolVoiceCatches(t *testing.T) {
	for _, bad := range []string{
		"Clause 13(a): heron-de is established in DE → Germany: the authority for private bodies of the Land DE-BY.",
		"scc.supervisory_authority names NL",
		"For the transfer “payments” described in Annex I.B",
	} {
		if len(checkVoice("bad", []byte(bad), map[string]bool{"heron-de": true, "payments": true}, map[string]bool{"payments": true}, yamlKeys(t))) == 0 {
			t.Errorf("checkVoice accepted %q", bad)
		}
	}
}
