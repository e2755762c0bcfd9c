package verify_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/mdparse"
	"github.com/dpa-tool/dpa/internal/pdf"
	"github.com/dpa-tool/dpa/internal/textract"
	"github.com/dpa-tool/dpa/internal/verify"
)

// tamper is one change to an agreement dpa built, and where verify must
// find it.
type tamper struct {
	name     string
	example  string
	marker   string // the change is made after the first occurrence of marker
	old, new string
	upto     string // instead of old: remove from marker up to this
	addendum int    // index of the addendum that must deviate
	clause   string // the clause that must deviate
	status   string
	check    func(t *testing.T, c verify.Clause, a verify.Addendum)
}

var tampers = []tamper{
	{
		name: "word-clause14", example: "support-india/kestrel-lotus.yaml",
		marker: "#### Clause 14", old: "no reason to believe", new: "no reason to suspect",
		clause: "14", status: "deviating",
		check: func(t *testing.T, c verify.Clause, _ verify.Addendum) {
			d := only(t, c.Deviations)
			if d.Where != "Clause 14(a)" || d.Removed != "believe" || d.Added != "suspect" {
				t.Errorf("deviation = %+v, want Clause 14(a) believe → suspect", d)
			}
		},
	},
	{
		name: "sentence-clause8", example: "support-india/kestrel-lotus.yaml",
		marker: "##### 8.6", old: " It shall ensure that persons authorised to process the personal data have committed themselves to confidentiality or are under an appropriate statutory obligation of confidentiality.", new: "",
		clause: "8", status: "deviating",
		check: func(t *testing.T, c verify.Clause, _ verify.Addendum) {
			d := only(t, c.Deviations)
			if d.Where != "Clause 8.6(b)" || !strings.HasPrefix(d.Removed, "It shall ensure that persons authorised") || d.Added != "" {
				t.Errorf("deviation = %+v, want the sentence of Clause 8.6(b) removed", d)
			}
		},
	},
	{
		name: "clause-removed", example: "support-india/kestrel-lotus.yaml",
		marker: "#### Clause 12", upto: "#### Clause 13",
		clause: "12", status: "missing",
	},
	{
		name: "option-label", example: "support-india/kestrel-lotus.yaml",
		marker: "#### Clause 9", old: "(a) The data importer shall not sub-contract", new: "(a) OPTION 1: SPECIFIC PRIOR AUTHORISATION The data importer shall not sub-contract",
		clause: "9", status: "deviating",
		check: func(t *testing.T, c verify.Clause, a verify.Addendum) {
			if l := only(t, c.Leftovers); l.Kind != "option label" || !strings.Contains(l.Text, "OPTION 1") {
				t.Errorf("leftover = %+v, want the OPTION 1 label", l)
			}
			if !strings.HasPrefix(a.Elections.Clause9, "Option 1") {
				t.Errorf("Clause 9 election = %q, want Option 1", a.Elections.Clause9)
			}
		},
	},
	{
		name: "blank-unfilled", example: "support-india/kestrel-lotus.yaml",
		marker: "#### Clause 9", old: "at least 20 calendar days prior", new: "at least [Specify time period] prior",
		clause: "9", status: "unresolved",
		check: func(t *testing.T, c verify.Clause, a verify.Addendum) {
			if l := only(t, c.Leftovers); l.Kind != "blank" || l.Text != "[Specify time period]" {
				t.Errorf("leftover = %+v, want the blank [Specify time period]", l)
			}
			if p := a.Elections.Period; p == nil || *p != "" {
				t.Errorf("Clause 9 period = %v, want an unfilled blank", p)
			}
		},
	},
	{
		name: "module-two-wording", example: "two-modules/heron-maplewood.yaml",
		marker: "## Addendum II", old: "processed on behalf of the controller and certify", new: "processed on behalf of the data exporter and certify",
		addendum: 1, clause: "8", status: "deviating",
		check: func(t *testing.T, c verify.Clause, a verify.Addendum) {
			d := only(t, c.Deviations)
			if a.Module != 3 || d.Where != "Clause 8.5" || d.Wording != "Module Two" {
				t.Errorf("module %d, deviation = %+v, want Module Two wording in Clause 8.5 of Module Three", a.Module, d)
			}
		},
	},
}

func only[T any](t *testing.T, xs []T) T {
	t.Helper()
	if len(xs) != 1 {
		t.Fatalf("got %d items, want 1: %+v", len(xs), xs)
	}
	return xs[0]
}

func (tm tamper) apply(t *testing.T, md string) string {
	t.Helper()
	i := strings.Index(md, tm.marker)
	if i < 0 {
		t.Fatalf("%s: marker %q not in the agreement", tm.name, tm.marker)
	}
	if tm.upto != "" {
		j := strings.Index(md[i:], tm.upto)
		if j < 0 {
			t.Fatalf("%s: %q not after %q", tm.name, tm.upto, tm.marker)
		}
		return md[:i] + md[i+j:]
	}
	j := strings.Index(md[i:], tm.old)
	if j < 0 {
		t.Fatalf("%s: %q not after %q", tm.name, tm.old, tm.marker)
	}
	return md[:i+j] + tm.new + md[i+j+len(tm.old):]
}

// checkTamper asserts that r deviates at the tamper's clause and nowhere
// else.
func checkTamper(t *testing.T, tm tamper, r *verify.Report) {
	t.Helper()
	if r.Status != "deviating" {
		t.Fatalf("status %q, want deviating; %s", r.Status, r.Summary)
	}
	for ai, a := range r.Addenda {
		for _, c := range a.Clauses {
			if ai == tm.addendum && c.Number == tm.clause {
				if c.Status != tm.status {
					t.Errorf("addendum %d Clause %s: status %q, want %q (%+v)", ai+1, c.Number, c.Status, tm.status, c)
				} else if tm.check != nil {
					tm.check(t, c, a)
				}
				continue
			}
			if c.Status != "identical" && c.Status != "not included" {
				t.Errorf("addendum %d Clause %s: %s, want identical: %+v", ai+1, c.Number, c.Status, c)
			}
		}
		for _, f := range a.Footnotes {
			if f.Required && f.Status != "identical" {
				t.Errorf("addendum %d footnote to %s: %s", ai+1, f.Of, f.Status)
			}
		}
	}
}

// TestTampering changes our own agreements in one place each and expects
// verify to name that place, in Markdown and in the PDF dpa typesets.
func TestTampering(t *testing.T) {
	for _, tm := range tampers {
		t.Run(tm.name, func(t *testing.T) {
			md := tm.apply(t, string(built(t, tm.example, "md")))
			if dir := os.Getenv("VERIFY_DUMP_TAMPERED"); dir != "" {
				os.WriteFile(filepath.Join(dir, tm.name+".md"), []byte(md), 0o644)
			}
			t.Run("md", func(t *testing.T) {
				r, err := verify.Text(tm.name+".md", md)
				if err != nil {
					t.Fatal(err)
				}
				checkTamper(t, tm, r)
			})
			t.Run("pdf", func(t *testing.T) {
				b, _, err := pdf.Render(mdparse.Agreement([]byte(md)), pdf.Meta{Title: "Data Processing Agreement", Date: "2026-01-01"})
				if err != nil {
					t.Fatal(err)
				}
				text, _, err := textract.Extract(tm.name+".pdf", b)
				if err != nil {
					t.Fatal(err)
				}
				r, err := verify.Text(tm.name+".pdf", text)
				if err != nil {
					t.Fatal(err)
				}
				checkTamper(t, tm, r)
			})
		})
	}
}

// TestTamperedFixtures reads the same tampered agreements as DOCX made by
// pandoc and as PDF made by LibreOffice from that DOCX (testdata/tampered,
// made by testdata/make-fixtures.sh).
func TestTamperedFixtures(t *testing.T) {
	for _, tm := range tampers {
		for _, ext := range []string{"docx", "pdf"} {
			t.Run(tm.name+"."+ext, func(t *testing.T) {
				name := filepath.Join("testdata", "tampered", tm.name+"."+ext)
				b, err := os.ReadFile(name)
				if err != nil {
					t.Fatalf("%v (run testdata/make-fixtures.sh)", err)
				}
				text, _, err := textract.Extract(name, b)
				if err != nil {
					t.Fatal(err)
				}
				r, err := verify.Text(name, text)
				if err != nil {
					t.Fatal(err)
				}
				checkTamper(t, tm, r)
			})
		}
	}
}

// TestSharedWording: a Module Three passage changed into text that Modules
// One, Two and Four share word for word is named as the wording of all
// three, not of whichever comes first.
func TestSharedWording(t *testing.T) {
	tm := tamper{
		name: "shared-wording", example: "two-modules/heron-maplewood.yaml",
		marker: "## Addendum II", old: "supervisory authority and the controller of such", new: "supervisory authority of such",
		addendum: 1, clause: "16", status: "deviating",
		check: func(t *testing.T, c verify.Clause, a verify.Addendum) {
			d := only(t, c.Deviations)
			if a.Module != 3 || d.Where != "Clause 16(c)" || d.Wording != "Modules One, Two and Four" ||
				c.Note != "the changes are the wording of Modules One, Two and Four" {
				t.Errorf("module %d, deviation = %+v, note %q; want the wording of Modules One, Two and Four in Clause 16(c) of Module Three", a.Module, d, c.Note)
			}
		},
	}
	md := tm.apply(t, string(built(t, tm.example, "md")))
	r, err := verify.Text(tm.name+".md", md)
	if err != nil {
		t.Fatal(err)
	}
	checkTamper(t, tm, r)
	var b strings.Builder
	verify.WriteText(&b, r)
	if !strings.Contains(b.String(), "Clause 16(c): …inform the competent supervisory authority [-and the controller-] {++} of such non-compliance. Where… (wording of Modules One, Two and Four)") {
		t.Errorf("text report does not name the shared wording:\n%s", b.String())
	}
}
