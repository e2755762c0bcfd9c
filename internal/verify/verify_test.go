package verify_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/golden"
	"github.com/dpa-tool/dpa/internal/scctest"
	"github.com/dpa-tool/dpa/internal/textract"
	"github.com/dpa-tool/dpa/internal/verify"
)

// examples lists every description under examples/ (profiles aside).
func examples(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, pat := range []string{"../../examples/*/*.yaml"} {
		ms, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			rel, _ := filepath.Rel("../../examples", m)
			out = append(out, rel)
		}
	}
	if len(out) < 20 {
		t.Fatalf("only %d examples found", len(out))
	}
	return out
}

// TestExamplesVerify: every example agreement, as Markdown and as PDF,
// verifies clean: each clause identical, nothing left, exit 0.
func TestExamplesVerify(t *testing.T) {
	for _, ex := range examples(t) {
		for _, format := range []string{"md", "pdf"} {
			t.Run(ex+"."+format, func(t *testing.T) {
				data := built(t, ex, format)
				text, _, err := textract.Extract(ex+"."+format, data)
				if err != nil {
					t.Fatal(err)
				}
				r, err := verify.Text(ex, text)
				if err != nil {
					t.Fatal(err)
				}
				want := "identical"
				if strings.HasPrefix(ex, "eea-only/") {
					want = "none" // no transfer needs SCCs
				}
				if r.Status != want {
					var b bytes.Buffer
					verify.WriteText(&b, r)
					t.Fatalf("status %q, want %q:\n%s", r.Status, want, b.String())
				}
				if want == "identical" && !strings.HasSuffix(r.Summary, "; no deviations") {
					t.Errorf("summary %q does not end in no deviations", r.Summary)
				}
			})
		}
	}
}

// TestModulesRecognised: the module of each addendum comes from its wording.
func TestModulesRecognised(t *testing.T) {
	for ex, want := range map[string][]int{
		"saas-us/northwind.yaml":           {2},
		"support-india/kestrel-lotus.yaml": {3},
		"two-modules/heron-maplewood.yaml": {2, 3},
	} {
		r, err := verify.Text(ex, string(built(t, ex, "md")))
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for _, a := range r.Addenda {
			got = append(got, a.Module)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: modules %v, want %v", ex, got, want)
		}
	}
}

const seeds = "../../../shared/seeds"

func seed(t *testing.T, prefix string) (string, string) {
	t.Helper()
	ms, _ := filepath.Glob(filepath.Join(seeds, prefix+"_*.txt"))
	if len(ms) != 1 {
		t.Skipf("seed %s not found in %s (the shared seeds are not part of the repository)", prefix, seeds)
	}
	b, err := os.ReadFile(ms[0])
	if err != nil {
		t.Fatal(err)
	}
	return ms[0], string(b)
}

func deviating(a verify.Addendum) []string {
	var out []string
	for _, c := range a.Clauses {
		if c.Status != "identical" && c.Status != "not included" {
			out = append(out, c.Number)
		}
	}
	return out
}

// TestSeeds checks the real agreements of ../shared/seeds: seed 003 (Module
// Two) has 11 of 18 clauses identical; seed 004 has 13 of 18 in its Module
// Two addendum and 11 of 18 in its Module Three addendum, whose Clauses 8
// and 9 carry the wording of Module Two and Clauses 14 and 16 that of
// Modules One, Two and Four; seed 002 incorporates Module Three
// by reference only; seeds 000 and 001 have no SCCs.
func TestSeeds(t *testing.T) {
	type want struct {
		module, identical int
		deviating         []string
	}
	for _, tc := range []struct {
		seed    string
		status  string
		addenda []want
	}{
		{"003", "deviating", []want{{2, 11, []string{"1", "3", "8", "9", "13", "15", "18"}}}},
		{"004", "deviating", []want{
			{2, 13, []string{"1", "3", "8", "9", "13"}},
			{3, 11, []string{"1", "3", "8", "9", "13", "14", "16"}},
		}},
		{"002", "none", nil},
		{"001", "none", nil},
		{"000", "none", nil},
	} {
		t.Run(tc.seed, func(t *testing.T) {
			name, text := seed(t, tc.seed)
			r, err := verify.Text(name, text)
			if err != nil {
				t.Fatal(err)
			}
			if r.Status != tc.status || len(r.Addenda) != len(tc.addenda) {
				t.Fatalf("status %q with %d addenda, want %q with %d", r.Status, len(r.Addenda), tc.status, len(tc.addenda))
			}
			for i, w := range tc.addenda {
				a := r.Addenda[i]
				if a.Module != w.module || a.Identical != w.identical || a.Expected != 18 || !slices.Equal(deviating(a), w.deviating) {
					t.Errorf("addendum %d: Module %d, %d/%d identical, deviating %v; want Module %d, %d/18, %v",
						i+1, a.Module, a.Identical, a.Expected, deviating(a), w.module, w.identical, w.deviating)
				}
			}
			if tc.seed == "002" && !slices.Equal(r.Mentions, []string{"Module Three"}) {
				t.Errorf("002 mentions %v, want Module Three", r.Mentions)
			}
			if tc.seed == "004" {
				// The seed's Module Three addendum uses wording of other
				// modules: Clauses 8 and 9 read like Module Two alone, the
				// passages of Clauses 14(f) and 16(c) like Modules One, Two
				// and Four, which share them word for word.
				for _, w := range []struct{ clause, wording, note string }{
					{"8", "Module Two", "8 of 15 changes are the wording of Module Two"},
					{"9", "Module Two", "3 of 4 changes are the wording of Module Two"},
					{"14", "Modules One, Two and Four", "the changes are the wording of Modules One, Two and Four"},
					{"16", "Modules One, Two and Four", "the changes are the wording of Modules One, Two and Four"},
				} {
					i := slices.IndexFunc(r.Addenda[1].Clauses, func(c verify.Clause) bool { return c.Number == w.clause })
					if i < 0 {
						t.Errorf("004 Module Three Clause %s not reported", w.clause)
						continue
					}
					c := r.Addenda[1].Clauses[i]
					n := 0
					for _, d := range c.Deviations {
						switch d.Wording {
						case w.wording:
							n++
						case "":
						default:
							t.Errorf("004 Module Three Clause %s: %s marked as wording of %s, want %s", w.clause, d.Where, d.Wording, w.wording)
						}
					}
					if n == 0 || c.Note != w.note {
						t.Errorf("004 Module Three Clause %s: %d deviations marked as wording of %s, note %q; want some, note %q", w.clause, n, w.wording, c.Note, w.note)
					}
				}
			}
			if tc.seed == "003" {
				// Clause 18's paragraphs relabelled ("(a)" dropped, "(b)"
				// made "(a)") are no other module's wording, although
				// Module Four's Clause 18 has no "(a)".
				for _, c := range r.Addenda[0].Clauses {
					for _, d := range c.Deviations {
						if d.Wording != "" {
							t.Errorf("003 Clause %s: %s marked as wording of %s", c.Number, d.Where, d.Wording)
						}
					}
				}
			}
		})
	}
}

// TestSeedsOracle compares the clause verdicts with compare.py, the
// reference comparison, on seeds 003 and 004.
func TestSeedsOracle(t *testing.T) {
	py := scctest.Python(t)
	for _, tc := range []struct {
		seed, module string
		addendum     int
		args         []string
	}{
		{"003", "2", 0, nil},
		{"004", "2", 0, []string{"--from", "^ADDENDUM I$", "--to", "^ADDENDUM II$"}},
		{"004", "3", 1, []string{"--from", "^ADDENDUM II$", "--to", "^Appendix$"}},
	} {
		t.Run(tc.seed+"-"+tc.module, func(t *testing.T) {
			name, text := seed(t, tc.seed)
			args := append([]string{"../../testdata/scc/compare.py", "../../testdata/scc/module-" + tc.module + ".md", name, "--json"}, tc.args...)
			out, _ := exec.Command(py, args...).Output()
			var res struct {
				Results []struct{ Clause, Status string }
			}
			if err := json.Unmarshal(out, &res); err != nil {
				t.Fatalf("compare.py: %v\n%s", err, out)
			}
			r, err := verify.Text(name, text)
			if err != nil {
				t.Fatal(err)
			}
			a := r.Addenda[tc.addendum]
			for i, c := range a.Clauses {
				py := res.Results[i]
				if py.Clause != c.Number || (py.Status == "OK") != (c.Status == "identical") {
					t.Errorf("Clause %s: %s, compare.py says Clause %s %s", c.Number, c.Status, py.Clause, py.Status)
				}
			}
		})
	}
}

// TestJSONGolden pins the JSON report of a tampered agreement.
func TestJSONGolden(t *testing.T) {
	tm := tampers[0]
	md := tm.apply(t, string(built(t, tm.example, "md")))
	r, err := verify.Text("kestrel-lotus-tampered.md", md)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent([]*verify.Report{r}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/tampered-clause14.json", append(b, '\n'))
	var text bytes.Buffer
	verify.WriteText(&text, r)
	golden.Check(t, "testdata/tampered-clause14.txt", text.Bytes())
}

// TestOtherTools reads agreements dpa built as Markdown, converted by
// pandoc to DOCX and by LibreOffice from that DOCX to PDF
// (testdata/other, made by testdata/make-fixtures.sh).
func TestOtherTools(t *testing.T) {
	ms, _ := filepath.Glob("testdata/other/*")
	if len(ms) < 4 {
		t.Fatalf("testdata/other has %d files, want 4 (run testdata/make-fixtures.sh)", len(ms))
	}
	for _, m := range ms {
		t.Run(filepath.Base(m), func(t *testing.T) {
			b, err := os.ReadFile(m)
			if err != nil {
				t.Fatal(err)
			}
			text, _, err := textract.Extract(m, b)
			if err != nil {
				t.Fatal(err)
			}
			r, err := verify.Text(m, text)
			if err != nil {
				t.Fatal(err)
			}
			if r.Status != "identical" {
				var b bytes.Buffer
				verify.WriteText(&b, r)
				t.Fatalf("status %q:\n%s", r.Status, b.String())
			}
		})
	}
}

// TestPiecesOfAgreements: verify copes with any part of an agreement, cut
// anywhere, without panicking; an empty text holds no clauses.
func TestPiecesOfAgreements(t *testing.T) {
	md := string(built(t, "two-modules/heron-maplewood.yaml", "md"))
	if r, err := verify.Text("empty", ""); err != nil || r.Status != "none" {
		t.Fatalf("empty text: %v %v", r, err)
	}
	for i := 0; i < 40; i++ {
		a := (i * 7919) % len(md)
		b := min(len(md), a+(i*104729)%20000)
		if _, err := verify.Text("piece", md[a:b]); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPdftotextText: the text pdftotext makes of our PDF (pages separated
// by form feeds, with running headers and page numbers) verifies clean,
// in both its reading-order and its layout mode.
func TestPdftotextText(t *testing.T) {
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext not found (poppler-utils)")
		}
		t.Skip("pdftotext not found (poppler-utils)")
	}
	file := filepath.Join(t.TempDir(), "heron.pdf")
	if err := os.WriteFile(file, built(t, "two-modules/heron-maplewood.yaml", "pdf"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, mode := range [][]string{nil, {"-layout"}} {
		out, err := exec.Command(tool, append(mode, file, "-")...).Output()
		if err != nil {
			t.Fatal(err)
		}
		text, _, err := textract.Extract("heron.txt", out)
		if err != nil {
			t.Fatal(err)
		}
		r, err := verify.Text("heron.txt", text)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != "identical" || len(r.Addenda) != 2 {
			t.Errorf("pdftotext %v: %s", mode, r.Summary)
		}
	}
}

// TestLeftovers: each kind of leftover is found in the clause it is in.
func TestLeftovers(t *testing.T) {
	md := string(built(t, "support-india/kestrel-lotus.yaml", "md"))
	for _, tc := range []struct{ old, new, kind string }{
		{"(b) The Parties agree that those shall be the courts of Finland.", "(b) The Parties agree that those shall be the courts of […].", "blank"},
		{"(b) The Parties agree that those shall be the courts of Finland.", "(b) The Parties agree that those shall be the courts of ________.", "blank"},
		{"(b) The Parties agree that those shall be the courts of Finland.", "(b) The Parties agree that those shall be the courts of [Insert Member State].", "blank"},
		{"(b) The Parties agree that those shall be the courts of Finland.", "(b) The Parties agree that those shall be the courts of Finland. [Note: check with counsel]", "drafting note"},
	} {
		r, err := verify.Text("x.md", strings.Replace(md, tc.old, tc.new, 1))
		if err != nil {
			t.Fatal(err)
		}
		c := r.Addenda[0].Clauses[len(r.Addenda[0].Clauses)-1]
		if c.Number != "18" || len(c.Leftovers) != 1 || c.Leftovers[0].Kind != tc.kind {
			t.Errorf("%q: Clause %s leftovers %+v, want one %s", tc.new, c.Number, c.Leftovers, tc.kind)
		}
	}
}
