package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/diag"
)

// write creates files under a temp dir and returns the dir.
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func firstError(l diag.List) *diag.Diagnostic {
	for i := range l {
		if l[i].Severity == diag.Error {
			return &l[i]
		}
	}
	return nil
}

// TestParseBadInput covers every kind of unusable input: each gives a
// positioned error and no tree, and none panics.
func TestParseBadInput(t *testing.T) {
	bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for i := 'b'; i <= 'j'; i++ {
		name := string(i)
		bomb += name + ": &" + name + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n"
		prev = name
	}
	tests := []struct {
		name     string
		data     string
		wantCode string
		wantLine int
	}{
		{"malformed", "version: 1\nparties: [a, b\n", "load.syntax", 0},
		{"bad indentation", "a:\n  b: 1\n c: 2\n", "load.syntax", 3},
		{"empty", "", "load.empty", 1},
		{"only comments", "# nothing here\n\n", "load.empty", 1},
		{"top-level list", "- a\n- b\n", "load.top", 1},
		{"top-level scalar", "hello\n", "load.top", 1},
		{"duplicate key", "version: 1\nagreement: {}\nversion: 2\n", "load.duplicate", 3},
		{"billion laughs", bomb, "load.aliases", 0},
		{"deep nesting", strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n", "load.depth", 1},
		{"nul byte", "version: 1\nname: a\x00b\n", "load.binary", 2},
		{"invalid utf-8", "version: 1\nname: caf\xe9\n", "load.encoding", 2},
		{"second document", "version: 1\n---\nversion: 1\n", "load.documents", 0},
		{"merge key", "base: &b {x: 1}\nother:\n  <<: *b\n", "load.merge", 3},
		{"binary tag", "a: !!binary aGVsbG8=\n", "load.tag", 1},
		{"non-scalar key", "? [a, b]\n: c\n", "load.key", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, l := Parse("f.yaml", []byte(tt.data))
			e := firstError(l)
			if n != nil || e == nil {
				t.Fatalf("Parse(%q) = %v, %v; want no tree and an error", tt.name, n, l)
			}
			if e.Code != tt.wantCode {
				t.Errorf("code = %q (%s), want %q", e.Code, e.Msg, tt.wantCode)
			}
			if tt.wantLine != 0 && e.Pos.Line != tt.wantLine {
				t.Errorf("line = %d, want %d (%s)", e.Pos.Line, tt.wantLine, e.Msg)
			}
			if e.Pos.File != "f.yaml" {
				t.Errorf("file = %q", e.Pos.File)
			}
		})
	}
}

func TestParseLimits(t *testing.T) {
	big := make([]byte, MaxFileSize+10)
	for i := range big {
		big[i] = 'a'
	}
	copy(big, "name: ")
	if n, l := Parse("big.yaml", big); n != nil || firstError(l) == nil || firstError(l).Code != "load.size" {
		t.Errorf("50 MB scalar: got %v, %v", n, l)
	}
	deep := strings.Repeat("{a: ", 10000) + "1" + strings.Repeat("}", 10000)
	if n, l := Parse("deep.yaml", []byte(deep)); n != nil || firstError(l) == nil {
		t.Errorf("10,000-deep nesting: got %v, %v", n, l)
	}
}

// TestParseKeepsText checks that scalars keep their source text, and that
// BOM and CRLF files read like any other.
func TestParseKeepsText(t *testing.T) {
	src := "\xef\xbb\xbfversion: 1\r\nagreement:\r\n  reference: 2026-05-01\r\n  version: 1.10\r\nparties:\r\n  - registration: 0123\r\n    name: ~\r\n    id: \"~\"\r\n"
	dir := write(t, map[string]string{"a.yaml": src})
	d, l := Load(filepath.Join(dir, "a.yaml"))
	if d == nil || l.HasErrors() {
		t.Fatalf("Load: %v", l)
	}
	root := d.Tree.(map[string]any)
	ag := root["agreement"].(map[string]any)
	if ag["reference"] != "2026-05-01" || ag["version"] != "1.10" {
		t.Errorf("agreement = %#v, want text kept", ag)
	}
	if root["version"] != float64(1) {
		t.Errorf("version = %#v, want the number 1", root["version"])
	}
	p := root["parties"].([]any)[0].(map[string]any)
	if p["registration"] != "0123" || p["name"] != nil || p["id"] != "~" {
		t.Errorf("party = %#v", p)
	}
	if pos := d.Pos("/parties/0/registration"); pos.Line != 6 || pos.Col != 19 {
		t.Errorf("Pos(/parties/0/registration) = %v, want line 6 col 19", pos)
	}
}

// TestExtends covers profile merging and its failures.
func TestExtends(t *testing.T) {
	dir := write(t, map[string]string{
		"vendor/p.yaml": "kind: profile\nversion: 1\nagreement: {title: T, paper: letter}\nparties:\n  - {id: v, name: Vendor}\n  - {id: w, name: Other}\nassistance_measures: [a, b]\nsecurity_measures:\n  - {id: m1, category: C1}\n  - {id: m2, category: C2}\n",
		"client.yaml":   "extends: vendor/p.yaml\nversion: 1\nagreement: {date: 2026-01-01}\nparties:\n  - {id: c, name: Client}\n  - {id: v, country: US}\nassistance_measures: [z]\nsecurity_measures:\n  - {id: m2, category: C2b}\n  - {category: new}\n",
	})
	d, l := Load(filepath.Join(dir, "client.yaml"))
	if d == nil || l.HasErrors() {
		t.Fatalf("Load: %v", l)
	}
	root := d.Tree.(map[string]any)
	if _, ok := root["kind"]; ok {
		t.Errorf("merged description kept kind: profile")
	}
	ag := root["agreement"].(map[string]any)
	if ag["title"] != "T" || ag["date"] != "2026-01-01" || ag["paper"] != "letter" {
		t.Errorf("agreement = %#v, want keys merged", ag)
	}
	var ids []string
	for _, p := range root["parties"].([]any) {
		ids = append(ids, p.(map[string]any)["id"].(string))
	}
	if strings.Join(ids, ",") != "v,w,c" {
		t.Errorf("party order = %v, want profile first, overridden item in place, then new", ids)
	}
	v := root["parties"].([]any)[0].(map[string]any)
	if v["name"] != "Vendor" || v["country"] != "US" {
		t.Errorf("party v = %#v, want merged item", v)
	}
	if am := root["assistance_measures"].([]any); len(am) != 1 || am[0] != "z" {
		t.Errorf("assistance_measures = %v, want replaced list", am)
	}
	// A list with an item lacking an id replaces the profile's list.
	if sm := root["security_measures"].([]any); len(sm) != 2 || sm[0].(map[string]any)["category"] != "C2b" {
		t.Errorf("security_measures = %v, want replaced as a whole", sm)
	}
	// Positions point into the file that holds the value.
	if p := d.Pos("/parties/0/name"); !strings.HasSuffix(p.File, filepath.Join("vendor", "p.yaml")) || p.Line != 5 {
		t.Errorf("Pos(/parties/0/name) = %v, want the profile, line 5", p)
	}
	if p := d.Pos("/parties/0/country"); !strings.HasSuffix(p.File, "client.yaml") {
		t.Errorf("Pos(/parties/0/country) = %v, want the client", p)
	}
	if len(d.Files) != 2 || d.Order(d.Files[1]) != 1 {
		t.Errorf("Files = %v", d.Files)
	}
}

func TestExtendsErrors(t *testing.T) {
	dir := write(t, map[string]string{
		"a.yaml":       "extends: b.yaml\nversion: 1\n",
		"b.yaml":       "kind: profile\nextends: a.yaml\n",
		"missing.yaml": "version: 1\nextends: nowhere.yaml\n",
		"dir.yaml":     "version: 1\nextends: sub\n",
		"sub/x.yaml":   "",
		"self.yaml":    "extends: self.yaml\n",
		"bad.yaml":     "extends: [a, b]\n",
		"broken.yaml":  "extends: p.yaml\n",
		"p.yaml":       "kind: profile\nparties: [\n",
	})
	tests := []struct {
		file, code string
		line       int
		inFile     string
	}{
		{"a.yaml", "load.cycle", 2, "b.yaml"},
		{"self.yaml", "load.cycle", 1, "self.yaml"},
		{"missing.yaml", "load.extends", 2, "missing.yaml"},
		{"dir.yaml", "load.extends", 2, "dir.yaml"},
		{"bad.yaml", "load.extends", 1, "bad.yaml"},
		{"broken.yaml", "load.syntax", 2, "p.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			d, l := Load(filepath.Join(dir, tt.file))
			e := firstError(l)
			if d != nil || e == nil {
				t.Fatalf("Load(%s) = %v, %v; want an error", tt.file, d, l)
			}
			if e.Code != tt.code || e.Pos.Line != tt.line || filepath.Base(e.Pos.File) != tt.inFile {
				t.Errorf("got %s at %v (%s), want %s at %s:%d", e.Code, e.Pos, e.Msg, tt.code, tt.inFile, tt.line)
			}
		})
	}
	if _, l := Load(filepath.Join(dir, "nope.yaml")); firstError(l) == nil || firstError(l).Code != "load.read" {
		t.Errorf("missing file: %v", l)
	}
	if _, l := Load(filepath.Join(dir, "sub")); firstError(l) == nil || !strings.Contains(firstError(l).Msg, "directory") {
		t.Errorf("directory: %v", l)
	}
}

// TestCountSizesIndexes: count gives the number of entries toJSON makes in
// the indexes (which load makes at that size), on every example.
func TestCountSizesIndexes(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*/*.yaml")
	more, _ := filepath.Glob("../../examples/*/*/*.yaml")
	files = append(files, more...)
	if len(files) < 10 {
		t.Fatalf("only %d examples", len(files))
	}
	for _, f := range files {
		d, _ := Load(f)
		if d == nil {
			continue
		}
		nodes, keys := d.Root.count()
		if nodes != len(d.Index) || keys != len(d.KeyIndex) {
			t.Errorf("%s: count %d nodes, %d keys; the indexes have %d and %d", f, nodes, keys, len(d.Index), len(d.KeyIndex))
		}
	}
}
