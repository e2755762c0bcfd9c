package clause

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/clauses"
)

var modules = []int{2, 3}

func load(t *testing.T, m int) *Text {
	t.Helper()
	b, err := clauses.FS.ReadFile(clauses.SCCPath(m))
	if err != nil {
		t.Fatal(err)
	}
	txt, err := Parse(clauses.SCCPath(m), string(b))
	if err != nil {
		t.Fatal(err)
	}
	return txt
}

// reference returns the paragraphs of the official module text from
// SECTION I to the APPENDIX, without HTML comments.
func reference(t *testing.T, m int) []string {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("../../testdata/scc/module-%d.md", m))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	s = s[strings.Index(s, "# SECTION I\n"):strings.Index(s, "# APPENDIX\n")]
	return withoutComments(Paragraphs(s))
}

func withoutComments(ps []string) []string {
	var out []string
	for _, p := range ps {
		if !(strings.HasPrefix(p, "<!--") && strings.HasSuffix(p, "-->")) {
			out = append(out, p)
		}
	}
	return out
}

// TestReferenceCopy fails when testdata/scc differs from the shared
// reference, where that exists.
func TestReferenceCopy(t *testing.T) {
	ref := "../../../shared/reference/scc"
	if _, err := os.Stat(ref); err != nil {
		t.Skipf("%s not present: testdata/scc is used as it is", ref)
	}
	for _, f := range []string{"module-2.md", "module-3.md", "compare.py", "normalize.py", "clauses.json"} {
		a, err1 := os.ReadFile(filepath.Join(ref, f))
		b, err2 := os.ReadFile(filepath.Join("../../testdata/scc", f))
		if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
			t.Errorf("testdata/scc/%s differs from %s/%s (%v %v): copy it again", f, ref, f, err1, err2)
		}
	}
}

// TestDataIsOfficialText checks that the clause data, with its directives
// taken out, is the official text paragraph for paragraph.
func TestDataIsOfficialText(t *testing.T) {
	for _, m := range modules {
		b, _ := clauses.FS.ReadFile(clauses.SCCPath(m))
		got := withoutComments(Paragraphs(string(b)))
		want := reference(t, m)
		if len(got) != len(want) {
			t.Fatalf("module %d: %d paragraphs, official text has %d", m, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("module %d paragraph %d:\n got: %.120q\nwant: %.120q", m, i+1, got[i], want[i])
			}
		}
	}
}

// election is one combination of options, with the values that fill it.
type election struct {
	docking, redress bool
	clause9          string
	clause13         []string
	clause17         string
}

func (e election) String() string {
	return fmt.Sprintf("docking=%v/9=%s/11=%v/13=%v/17=%s", e.docking, e.clause9, e.redress, e.clause13, e.clause17)
}

func (e election) params() Params {
	el := Elections{"clause9": {e.clause9}, "clause13": e.clause13, "clause17": {e.clause17}}
	if e.docking {
		el["clause7"] = []string{"docking"}
	}
	if e.redress {
		el["clause11"] = []string{"redress"}
	}
	return Params{Elections: el, Values: map[string]string{"period": "30 days", "clause17-state": "Ireland", "clause18-state": "Belgium"}, FirstFootnote: 1}
}

func allElections() []election {
	var out []election
	for _, dock := range []bool{false, true} {
		for _, red := range []bool{false, true} {
			for _, c9 := range []string{"specific", "general"} {
				for _, c13 := range [][]string{{"established"}, {"representative"}, {"no-representative"}, {"established", "representative"}, {"established", "representative", "no-representative"}} {
					for _, c17 := range []string{"option1", "option2"} {
						out = append(out, election{dock, red, c9, c13, c17})
					}
				}
			}
		}
	}
	return out
}

// expected derives the resolved text from the official paragraphs on its
// own terms (labels and blanks as printed in the Official Journal), as an
// oracle independent of the directives in the data.
func expected(ref []string, e election) []string {
	c13 := []string{
		"[Where the data exporter is established in an EU Member State:] ",
		"[Where the data exporter is not established in an EU Member State, but falls within the territorial scope of application of Regulation (EU) 2016/679 in accordance with its Article 3(2) and has appointed a representative pursuant to Article 27(1) of Regulation (EU) 2016/679:] ",
		"[Where the data exporter is not established in an EU Member State, but falls within the territorial scope of application of Regulation (EU) 2016/679 in accordance with its Article 3(2) without however having to appoint a representative pursuant to Article 27(2) of Regulation (EU) 2016/679:] ",
	}
	want13 := map[string]bool{}
	for _, v := range e.clause13 {
		want13[map[string]string{"established": c13[0], "representative": c13[1], "no-representative": c13[2]}[v]] = true
	}
	var out []string
	inDocking, lead13 := false, false
	for _, p := range ref {
		switch {
		case strings.HasPrefix(p, "## Clause 7"):
			inDocking = true
		case inDocking && strings.HasPrefix(p, "#"):
			inDocking = false
		}
		if inDocking && !e.docking {
			continue
		}
		switch {
		case strings.HasPrefix(p, "(a) OPTION 1: SPECIFIC PRIOR AUTHORISATION "):
			if e.clause9 != "specific" {
				continue
			}
			p = "(a) " + strings.TrimPrefix(p, "(a) OPTION 1: SPECIFIC PRIOR AUTHORISATION ")
		case strings.HasPrefix(p, "OPTION 2: GENERAL WRITTEN AUTHORISATION "):
			if e.clause9 != "general" {
				continue
			}
			p = "(a) " + strings.TrimPrefix(p, "OPTION 2: GENERAL WRITTEN AUTHORISATION ")
		case strings.HasPrefix(p, "[OPTION: "):
			if !e.redress {
				continue
			}
			p = strings.TrimSuffix(strings.TrimPrefix(p, "[OPTION: "), "]")
		case strings.HasPrefix(p, "[OPTION 1: ") || strings.HasPrefix(p, "[OPTION 2: "):
			if (e.clause17 == "option1") != strings.HasPrefix(p, "[OPTION 1: ") {
				continue
			}
			p = strings.TrimSuffix(p[len("[OPTION 1: "):], "]")
		}
		bare := strings.TrimPrefix(p, "(a) ")
		for _, l := range c13 {
			if strings.HasPrefix(bare, l) {
				if !want13[l] {
					p = ""
					break
				}
				p = strings.TrimPrefix(bare, l)
				if !lead13 {
					p, lead13 = "(a) "+p, true
				}
			}
		}
		if p == "" {
			continue
		}
		p = regexp.MustCompile(`\[Specify time period\]`).ReplaceAllString(p, "30 days")
		p = strings.Replace(p, "_______ (specify Member State)", "Ireland", 1)
		p = strings.Replace(p, "_____ (specify Member State)", "Belgium", 1)
		out = append(out, p)
	}
	return out
}

var footMark = regexp.MustCompile(`\[\^\d+\]`)

// normal normalises only what the comparison may ignore: footnote numbers
// (renumbered), typographic quotes and whitespace.
func normal(s string) string {
	s = footMark.ReplaceAllString(s, "[^n]")
	s = strings.NewReplacer("‘", "'", "’", "'", "“", "\"", "”", "\"").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// TestEveryCombination resolves every module × option combination and
// compares it, paragraph by paragraph, with the oracle; the footnotes must
// be the official ones, renumbered from 1 in order of reference.
func TestEveryCombination(t *testing.T) {
	n := 0
	for _, m := range modules {
		txt := load(t, m)
		ref := reference(t, m)
		for _, e := range allElections() {
			n++
			got, next, err := txt.Resolve(e.params())
			if err != nil {
				t.Fatalf("module %d %s: %v", m, e, err)
			}
			gotP := Paragraphs(got)
			var defs []string
			for len(gotP) > 0 && strings.HasPrefix(gotP[len(gotP)-1], "[^") {
				defs = append([]string{gotP[len(gotP)-1]}, defs...)
				gotP = gotP[:len(gotP)-1]
			}
			var refDefs map[string]string = map[string]string{}
			var wantP []string
			for _, p := range expected(ref, e) {
				if m := regexp.MustCompile(`^\[\^(\d+)\]: `).FindStringSubmatch(p); m != nil {
					refDefs[m[1]] = p[len(m[0]):]
					continue
				}
				wantP = append(wantP, p)
			}
			if len(gotP) != len(wantP) {
				t.Fatalf("module %d %s: %d paragraphs, want %d", m, e, len(gotP), len(wantP))
			}
			var wantDefs []string
			seen := map[string]bool{}
			for i := range gotP {
				if normal(gotP[i]) != normal(wantP[i]) {
					t.Fatalf("module %d %s paragraph %d:\n got: %q\nwant: %q", m, e, i+1, gotP[i], wantP[i])
				}
				for _, ref := range regexp.MustCompile(`\[\^(\d+)\]`).FindAllStringSubmatch(wantP[i], -1) {
					if !seen[ref[1]] {
						seen[ref[1]] = true
						wantDefs = append(wantDefs, refDefs[ref[1]])
					}
				}
			}
			if len(defs) != len(wantDefs) || next != len(wantDefs)+1 {
				t.Fatalf("module %d %s: %d footnotes (next %d), want %d", m, e, len(defs), next, len(wantDefs))
			}
			for i, d := range defs {
				if want := fmt.Sprintf("[^%d]: %s", i+1, wantDefs[i]); d != want {
					t.Fatalf("module %d %s footnote %d:\n got: %.100q\nwant: %.100q", m, e, i+1, d, want)
				}
			}
			for _, bad := range Leftovers {
				if strings.Contains(got, bad) {
					t.Fatalf("module %d %s: leftover %q", m, e, bad)
				}
			}
		}
	}
	t.Logf("%d combinations checked", n)
}

// TestResolveErrors covers the failure paths of Resolve and Parse.
func TestResolveErrors(t *testing.T) {
	txt := load(t, 2)
	p := election{false, false, "general", []string{"established"}, "option1"}.params()
	p.Elections["clause9"] = []string{"sometimes"}
	if _, _, err := txt.Resolve(p); err == nil || !strings.Contains(err.Error(), "clause9=sometimes") {
		t.Errorf("unknown option: %v", err)
	}
	p = election{false, false, "general", []string{"established"}, "option1"}.params()
	delete(p.Values, "clause18-state")
	if _, _, err := txt.Resolve(p); err == nil || !strings.Contains(err.Error(), "clause18-state") {
		t.Errorf("missing value: %v", err)
	}
	for src, want := range map[string]string{
		"<!-- group g -->\n\ntext": "before its first option",
		"<!-- group g -->\n\n<!-- option a label=\"X \" -->\n\nY text\n\n<!-- end -->": "does not start with its label",
		"<!-- option a -->": "outside a group",
		"<!-- end -->":      "end without group",
		"<!-- group g -->\n\n<!-- option a -->\n\ntext": "not ended",
		"text[^3]": "",
	} {
		txt, err := Parse("t.md", src)
		if want == "" {
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err = txt.Resolve(Params{}); err == nil || !strings.Contains(err.Error(), "footnote 3 has no definition") {
				t.Errorf("undefined footnote: %v", err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", src, err, want)
		}
	}
}
