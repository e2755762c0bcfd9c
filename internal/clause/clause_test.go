package clause

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/clauses"
)

var modules = []int{1, 2, 3, 4}

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
	for _, f := range []string{"module-1.md", "module-2.md", "module-3.md", "module-4.md", "compare.py", "normalize.py", "clauses.json"} {
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
// clause9 and clause17 are empty where the module has no such option.
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
	el := Elections{}
	if e.clause9 != "" {
		el["clause9"] = []string{e.clause9}
	}
	if len(e.clause13) > 0 {
		el["clause13"] = e.clause13
	}
	if e.clause17 != "" {
		el["clause17"] = []string{e.clause17}
	}
	if e.docking {
		el["clause7"] = []string{"docking"}
	}
	if e.redress {
		el["clause11"] = []string{"redress"}
	}
	return Params{Elections: el, Values: map[string]string{
		"period": "30 days", "clause17-state": "Ireland", "clause18-state": "Belgium",
		"clause17-country": "Switzerland", "clause18-country": "Japan",
	}, FirstFootnote: 1}
}

// allElections lists every combination of the options module m has:
// Clause 7 and Clause 11 in all four; Clause 9 Options 1 and 2 in Modules
// Two and Three; the Clause 13 variants in Modules One to Three; Clause 17
// Option 1 in Module One, Options 1 and 2 in Modules Two and Three, and
// none in Module Four (its Clause 17 has no options).
func allElections(m int) []election {
	c9 := []string{""}
	c13 := [][]string{nil}
	c17 := []string{""}
	switch m {
	case 1:
		c13 = clause13Sets
		c17 = []string{"option1"}
	case 2, 3:
		c9 = []string{"specific", "general"}
		c13 = clause13Sets
		c17 = []string{"option1", "option2"}
	}
	var out []election
	for _, dock := range []bool{false, true} {
		for _, red := range []bool{false, true} {
			for _, a := range c9 {
				for _, b := range c13 {
					for _, c := range c17 {
						out = append(out, election{dock, red, a, b, c})
					}
				}
			}
		}
	}
	return out
}

var clause13Sets = [][]string{{"established"}, {"representative"}, {"no-representative"}, {"established", "representative"}, {"established", "representative", "no-representative"}}

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
		p = strings.Replace(p, "_______ (specify country)", "Switzerland", 1)
		p = strings.Replace(p, "_____ (specify country)", "Japan", 1)
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
		for _, e := range allElections(m) {
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

// TestModuleOptions pins the options each module's text has, and that an
// election of an option a module lacks is refused.
func TestModuleOptions(t *testing.T) {
	c13 := []string{"established", "representative", "no-representative"}
	want := map[int]map[string][]string{
		1: {"clause7": {"docking"}, "clause11": {"redress"}, "clause13": c13, "clause17": {"option1"}},
		2: {"clause7": {"docking"}, "clause9": {"specific", "general"}, "clause11": {"redress"}, "clause13": c13, "clause17": {"option1", "option2"}},
		3: {"clause7": {"docking"}, "clause9": {"specific", "general"}, "clause11": {"redress"}, "clause13": c13, "clause17": {"option1", "option2"}},
		4: {"clause7": {"docking"}, "clause11": {"redress"}},
	}
	for _, m := range modules {
		txt := load(t, m)
		if got := txt.Options(); fmt.Sprint(got) != fmt.Sprint(want[m]) {
			t.Errorf("module %d options:\n got %v\nwant %v", m, got, want[m])
		}
	}
	for _, c := range []struct {
		m     int
		group string
		value string
	}{{1, "clause9", "general"}, {1, "clause17", "option2"}, {4, "clause9", "specific"}, {4, "clause13", "established"}, {4, "clause17", "option1"}} {
		p := allElections(c.m)[0].params()
		p.Elections[c.group] = []string{c.value}
		if _, _, err := load(t, c.m).Resolve(p); err == nil || !strings.Contains(err.Error(), "no option "+c.group+"="+c.value) {
			t.Errorf("module %d %s=%s: got %v, want a refusal", c.m, c.group, c.value, err)
		}
	}
}

// TestClausesWithoutText checks that a clause the official text leaves
// empty for a module keeps its number and heading, with no text under it
// (Clause 9 in Modules One and Four, Clause 13 in Module Four), and that
// Module Four's Clauses 17 and 18 take a country.
func TestClausesWithoutText(t *testing.T) {
	for _, c := range []struct {
		m            int
		clause, next string
	}{{1, "Clause 9", "Clause 10"}, {4, "Clause 9", "Clause 10"}, {4, "Clause 13", "SECTION III"}} {
		got, _, err := load(t, c.m).Resolve(allElections(c.m)[0].params())
		if err != nil {
			t.Fatal(err)
		}
		ps := Paragraphs(got)
		i := slices.Index(ps, "## "+c.clause)
		if i < 0 || i+2 >= len(ps) || !strings.HasPrefix(ps[i+1], "**") || !strings.Contains(ps[i+2], c.next) {
			t.Errorf("module %d: %s is not a heading directly followed by %s: %q", c.m, c.clause, c.next, ps[max(i, 0):min(i+3, len(ps))])
		}
	}
	got, _, err := load(t, 4).Resolve(allElections(4)[0].params())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"These Clauses shall be governed by the law of a country allowing for third-party beneficiary rights. The Parties agree that this shall be the law of Switzerland.",
		"Any dispute arising from these Clauses shall be resolved by the courts of Japan.",
	} {
		if !strings.Contains(got, s) {
			t.Errorf("module 4 lacks %q", s)
		}
	}
}
