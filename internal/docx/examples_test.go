package docx

import (
	"github.com/dpa-tool/dpa/internal/scctest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	examples_ "github.com/dpa-tool/dpa/examples"
	"github.com/dpa-tool/dpa/internal/assemble"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/textract"
	"github.com/dpa-tool/dpa/internal/validate"
	"github.com/dpa-tool/dpa/internal/verify"
)

type example struct {
	docx []byte
	doc  *assemble.Document
}

var exampleCache = map[string]*example{}

// buildExample assembles an example and renders it as DOCX.
func buildExample(t testing.TB, ex string) *example {
	t.Helper()
	if e, ok := exampleCache[ex]; ok {
		return e
	}
	r, err := validate.File(filepath.Join("../../examples", ex))
	if err != nil || !r.Valid(false) {
		t.Fatalf("%s: %v", ex, err)
	}
	a, err := assemble.Build(r.Desc, r.Plan, legal.MustLoad())
	if err != nil {
		t.Fatal(err)
	}
	e := &example{docx: render(t.(*testing.T), a.Doc), doc: a}
	exampleCache[ex] = e
	return e
}

// TestExamples renders every example: well-formed parts, styles that exist,
// footnotes that resolve (the structure checks of TestStructure, on real
// agreements), and two renders byte-identical.
func TestExamples(t *testing.T) {
	for _, ex := range examples_.Buildable {
		e := buildExample(t, ex)
		p, _ := parts(t, e.docx)
		defined := map[string]bool{}
		for _, id := range attrs(p["word/styles.xml"], `w:styleId="(\w+)"`) {
			defined[id] = true
		}
		for _, id := range attrs(p["word/document.xml"], `<w:(?:pStyle|rStyle|tblStyle) w:val="(\w+)"`) {
			if !defined[id] {
				t.Errorf("%s: style %s not defined", ex, id)
			}
		}
		refs := attrs(p["word/document.xml"], `<w:footnoteReference w:id="(\d+)"/>`)
		notes := attrs(p["word/footnotes.xml"], `<w:footnote w:id="(\d+)">`)
		if strings.Join(refs, ",") != strings.Join(notes, ",") {
			t.Errorf("%s: footnote references %v, footnotes %v", ex, refs, notes)
		}
		if len(e.doc.Addenda) > 0 && len(refs) == 0 {
			t.Errorf("%s: no footnotes", ex)
		}
	}
}

// pandocText reads a DOCX back with pandoc as plain text.
func pandocText(t *testing.T, pandoc string, b []byte) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "a.docx")
	if err := os.WriteFile(f, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pandoc, "-s", "-f", "docx", "-t", "plain", "--wrap=none", f).Output()
	if err != nil {
		t.Fatalf("pandoc: %v", err)
	}
	return string(out)
}

// TestOfficialTextInDOCX reads every example back with pandoc and runs
// compare.py --resolved on each addendum: the text of its Clauses and the
// footnotes (which pandoc lists at the end of the document).
func TestOfficialTextInDOCX(t *testing.T) {
	pandoc := scctest.Tool(t, "pandoc", "pandoc")
	py := scctest.Tool(t, "python3", "python3")
	for _, ex := range examples_.Buildable {
		e := buildExample(t, ex)
		text := pandocText(t, pandoc, e.docx)
		starts := regexp.MustCompile(`(?m)^STANDARD CONTRACTUAL CLAUSES$`).FindAllStringIndex(text, -1)
		if len(starts) != len(e.doc.Addenda) {
			t.Fatalf("%s: %d addenda in the DOCX text, want %d", ex, len(starts), len(e.doc.Addenda))
		}
		notes := map[string]string{}
		if m := regexp.MustCompile(`(?m)^\[1\] `).FindStringIndex(text); m != nil {
			ids := regexp.MustCompile(`(?m)^\[(\d+)\] `).FindAllStringSubmatch(text[m[0]:], -1)
			texts := regexp.MustCompile(`(?m)^\[(\d+)\] `).Split(text[m[0]:], -1)[1:]
			notes = map[string]string{}
			for k, id := range ids {
				notes[id[1]] = "[" + id[1] + "] " + strings.TrimSpace(texts[k])
			}
			text = text[:m[0]]
		}
		for i, a := range e.doc.Addenda {
			part := text[starts[i][0]:]
			if m := regexp.MustCompile(`(?m)^(Accession form|Addendum II –|UK Addendum to|Swiss Supplement to|ANNEX I$)`).FindStringIndex(part); m != nil {
				part = part[:m[0]]
			}
			// The notes this part refers to, from the end of the document.
			var own []string
			for _, m := range regexp.MustCompile(`\[(\d+)\]`).FindAllStringSubmatch(part, -1) {
				if n, ok := notes[m[1]]; ok {
					own = append(own, n)
				}
			}
			scctest.CheckAddendum(t, py, int(a.Module), a.Docking, part+"\n\n"+strings.Join(own, "\n\n")+"\n", ex, a.Numeral)
		}
	}
}

// TestWordsInOrder: every word of the Markdown is in the DOCX text, in
// order (markup and footnote marks aside).
func TestWordsInOrder(t *testing.T) {
	pandoc := scctest.Tool(t, "pandoc", "pandoc")
	for _, ex := range examples_.Buildable {
		e := buildExample(t, ex)
		text := pandocText(t, pandoc, e.docx)
		got := strings.Join(strings.Fields(text), " ")
		// Footnote texts: pandoc lists them at the end; each must be there.
		noteRE := regexp.MustCompile(`(?m)^\[\^\d+\]: (.*)$`)
		for _, m := range noteRE.FindAllStringSubmatch(string(e.doc.Markdown), -1) {
			if n := strings.Join(strings.Fields(strings.ReplaceAll(m[1], "*", "")), " "); !strings.Contains(got, n) {
				t.Errorf("%s: footnote text %q not in the DOCX text", ex, n)
			}
		}
		body := noteRE.ReplaceAllString(string(e.doc.Markdown), "")
		want := strings.Fields(regexp.MustCompile(`\[\^\d+\]|[*|\\]|(?m)^#+ |(?m)^- |-{3,}`).ReplaceAllString(body, " "))
		pos := 0
		for i, w := range want {
			k := strings.Index(got[pos:], w)
			if k < 0 {
				t.Errorf("%s: word %d of %d (%q, after %q) not found in order in the DOCX text", ex, i+1, len(want), w, strings.Join(want[max(0, i-8):i], " "))
				break
			}
			pos += k + len(w)
		}
	}
}

// BenchmarkRenderExample renders the 37-page two-module example (the typed
// document made beforehand), sealed-ready with its fingerprint.
func BenchmarkRenderExample(b *testing.B) {
	r, err := validate.File("../../examples/two-modules/heron-maplewood.yaml")
	if err != nil {
		b.Fatal(err)
	}
	a, err := assemble.Build(r.Desc, r.Plan, legal.MustLoad())
	if err != nil {
		b.Fatal(err)
	}
	d := a.Doc
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		fp, err := Fingerprint(d)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Render(d, fp); err != nil {
			b.Fatal(err)
		}
	}
}

// TestVerify reads every example's DOCX with dpa verify's own extractor
// and checks every addendum: the clauses identical, as in the PDF.
func TestVerify(t *testing.T) {
	for _, ex := range examples_.Buildable {
		e := buildExample(t, ex)
		text, f, err := textract.Extract("a.docx", e.docx)
		if err != nil || f != textract.DOCX {
			t.Fatalf("%s: %v (%s)", ex, err, f)
		}
		r, err := verify.Text(ex, text)
		if err != nil {
			t.Fatal(err)
		}
		if len(e.doc.Addenda) == 0 {
			continue
		}
		if r.Status != "identical" || len(r.Addenda) != len(e.doc.Addenda) {
			t.Errorf("%s: %s, %d addenda: %s", ex, r.Status, len(r.Addenda), r.Summary)
			continue
		}
		t.Logf("%s: %s", ex, r.Summary)
	}
}
