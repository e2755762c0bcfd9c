package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	examples_ "github.com/dpa-tool/dpa/examples"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/dpa-tool/dpa/internal/assemble"
	"github.com/dpa-tool/dpa/internal/golden"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/validate"
)

var examples = examples_.Buildable

// tool returns the path of an external checker; on CI a missing tool is a
// failure, elsewhere a visible skip.
func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is required on CI (apt-get install %s)", name, pkg)
		}
		t.Skipf("%s not found (apt-get install %s): check skipped", name, pkg)
	}
	return p
}

type built struct {
	name   string
	md     []byte
	pdf    []byte
	layout *Layout
	doc    *assemble.Document
	path   string // the PDF on disk
}

var cache = map[string]*built{}

func build(t *testing.T, ex string) *built {
	t.Helper()
	if b, ok := cache[ex]; ok {
		return b
	}
	r, err := validate.File(filepath.Join("../../examples", ex))
	if err != nil || !r.Valid(false) {
		t.Fatalf("%s: %v %v", ex, err, r.Diags.Error())
	}
	doc, err := assemble.Build(r.Desc, r.Plan, legal.MustLoad())
	if err != nil {
		t.Fatal(err)
	}
	m := Meta{Title: r.Desc.Title(), Reference: r.Desc.Agreement.Reference, Subject: "DPA", Author: r.Desc.Parties[0].Name, Date: r.Desc.Agreement.Date, Letter: r.Desc.Agreement.Paper == "letter"}
	pdf, layout, err := Render(doc.Markdown, m)
	if err != nil {
		t.Fatalf("%s: %v", ex, err)
	}
	name := strings.TrimSuffix(filepath.Base(ex), ".yaml")
	dir := filepath.Join(os.TempDir(), "dpa-pdf-test")
	os.MkdirAll(dir, 0o755)
	path := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	b := &built{name: name, md: doc.Markdown, pdf: pdf, layout: layout, doc: doc, path: path}
	cache[ex] = b
	// Reproducible: a second rendering gives the same bytes.
	again, _, err := Render(doc.Markdown, m)
	if err != nil || !bytes.Equal(again, pdf) {
		t.Fatalf("%s: second rendering differs", ex)
	}
	return b
}

// TestLayout pins where the headings, footnotes and signature blocks land
// (golden text), and checks that no signature block straddles pages.
func TestLayout(t *testing.T) {
	for _, ex := range examples {
		b := build(t, ex)
		for _, e := range b.layout.Events {
			if (strings.Contains(e, "signature block") || strings.Contains(e, " entry ")) && !strings.HasSuffix(e, "(1 pages)") || strings.Contains(e, "left alone") {
				t.Errorf("%s: %s", ex, e)
			}
		}
		if b.layout.Pages < 10 {
			t.Errorf("%s: only %d pages", ex, b.layout.Pages)
		}
		golden.Check(t, filepath.Join("testdata", "layout", b.name+".txt"), []byte(b.layout.String()))
	}
}

// TestGoldenBytes pins one PDF byte for byte.
func TestGoldenBytes(t *testing.T) {
	b := build(t, "saas-us/northwind.yaml")
	golden.Check(t, filepath.Join("testdata", "golden", "northwind.pdf"), b.pdf)
}

// TestValid checks every PDF with qpdf.
func TestValid(t *testing.T) {
	qpdf := tool(t, "qpdf", "qpdf")
	for _, ex := range examples {
		b := build(t, ex)
		out, err := exec.Command(qpdf, "--check", b.path).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors") {
			t.Errorf("%s: qpdf --check: %v\n%s", ex, err, out)
		}
	}
}

// TestPdfcpu validates every PDF with pdfcpu, a second, independent reader
// that needs no external program. (Its strict mode asks for /FontFamily in
// fpdf's font descriptors, an entry the PDF reference makes optional; the
// default mode checks everything else.)
func TestPdfcpu(t *testing.T) {
	conf := model.NewDefaultConfiguration()
	for _, ex := range examples {
		b := build(t, ex)
		if err := api.Validate(bytes.NewReader(b.pdf), conf); err != nil {
			t.Errorf("%s: pdfcpu: %v", ex, err)
		}
	}
}

// TestBookmarks checks the outline: one entry per heading, nested.
func TestBookmarks(t *testing.T) {
	qpdf := tool(t, "qpdf", "qpdf")
	b := build(t, "two-modules/heron-maplewood.yaml")
	out, err := exec.Command(qpdf, "--json=2", "--json-key=outlines", b.path).Output()
	if err != nil {
		t.Fatal(err)
	}
	var j struct {
		Outlines []outline `json:"outlines"`
	}
	if err := json.Unmarshal(out, &j); err != nil {
		t.Fatal(err)
	}
	var titles []string
	var walk func([]outline, int)
	walk = func(os []outline, depth int) {
		for _, o := range os {
			titles = append(titles, fmt.Sprintf("%d %s", depth, o.Title))
			walk(o.Kids, depth+1)
		}
	}
	walk(j.Outlines, 0)
	all := strings.Join(titles, "\n")
	for _, want := range []string{"0 Addendum I – Standard Contractual Clauses", "1 SECTION I", "2 Clause 1 – Purpose and scope", "3 8.1 Instructions", "2 Clause 18 – Choice of forum and jurisdiction", "0 ANNEX I", "1 B. DESCRIPTION OF TRANSFER", "0 SIGNATURES", "0 15. Governing law and jurisdiction"} {
		if !strings.Contains(all, want) {
			t.Errorf("no bookmark %q", want)
		}
	}
	if n := strings.Count(all, "Clause 9 – Use of sub-processors"); n != 2 {
		t.Errorf("%d bookmarks for Clause 9, want one per addendum", n)
	}
}

type outline struct {
	Title string    `json:"title"`
	Kids  []outline `json:"kids"`
}

var furniture = []string{`^Page \d+ of \d+$`, `^Data Processing Agreement · `}

// pdfText extracts the text with pdftotext, without the running header and
// the page numbers.
func pdfText(t *testing.T, path string) string {
	out, err := exec.Command(tool(t, "pdftotext", "poppler-utils"), path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var keep []string
	for _, l := range strings.Split(string(out), "\n") {
		skip := false
		for _, f := range furniture {
			skip = skip || regexp.MustCompile(f).MatchString(l)
		}
		if !skip {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

var wordRE = regexp.MustCompile(`\p{L}+|\p{N}+`)

// TestTextComesBack compares the words of each PDF, in order, with the
// words of its Markdown: every word of the Markdown must come back in the
// same order (the PDF adds only page numbers, footnote marks, the contents'
// page numbers).
func TestTextComesBack(t *testing.T) {
	for _, ex := range examples {
		b := build(t, ex)
		text := pdfText(t, b.path)
		got := wordRE.FindAllString(text, -1)
		src := regexp.MustCompile(`\[\^\d+\]:?`).ReplaceAllString(string(b.md), " ")
		src = strings.ReplaceAll(src, `\`, "")
		// Footnote texts move to the end of their addendum in the PDF:
		// compare the text without them, and the notes separately.
		var body []string
		for _, l := range strings.Split(string(b.md), "\n") {
			if !regexp.MustCompile(`^\[\^\d+\]: `).MatchString(l) {
				body = append(body, l)
			}
		}
		src = regexp.MustCompile(`\[\^\d+\]`).ReplaceAllString(strings.Join(body, "\n"), " ")
		src = strings.ReplaceAll(src, `\`, "")
		want := wordRE.FindAllString(src, -1)
		i := 0
		for _, w := range got {
			if i < len(want) && w == want[i] {
				i++
			}
		}
		if i < len(want) {
			t.Errorf("%s: word %d of %d (%q, after %q) not found in order in the PDF text", ex, i+1, len(want), want[i], strings.Join(want[max(0, i-8):i], " "))
		}
	}
}

// TestOfficialTextInPDF runs compare.py --resolved on the text of each
// addendum extracted from the PDF.
func TestOfficialTextInPDF(t *testing.T) {
	py := tool(t, "python3", "python3")
	for _, ex := range examples {
		b := build(t, ex)
		text := pdfText(t, b.path)
		starts := regexp.MustCompile(`(?m)^STANDARD CONTRACTUAL CLAUSES$`).FindAllStringIndex(text, -1)
		if len(starts) != len(b.doc.Addenda) {
			t.Fatalf("%s: %d addenda in the PDF text, want %d", ex, len(starts), len(b.doc.Addenda))
		}
		for i, a := range b.doc.Addenda {
			part := text[starts[i][0]:]
			if m := regexp.MustCompile(`(?m)^(Accession form|Addendum II –|UK Addendum to|Swiss Supplement to|ANNEX I$)`).FindStringIndex(part); m != nil {
				part = part[:m[0]]
			}
			f := filepath.Join(t.TempDir(), "part.txt")
			os.WriteFile(f, []byte(part), 0o644)
			args := []string{"../../testdata/scc/compare.py", fmt.Sprintf("../../testdata/scc/module-%d.md", a.Module), f, "--resolved"}
			if !a.Docking {
				args = append(args, "--absent", "7")
			}
			out, err := exec.Command(py, args...).CombinedOutput()
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			if err != nil {
				t.Errorf("%s addendum %s: compare.py: %v\n%s", ex, a.Numeral, err, out)
				continue
			}
			t.Logf("%s addendum %s: %s", ex, a.Numeral, lines[len(lines)-1])
		}
	}
}

// TestAuthorityNames renders every supervisory authority's name (Latin
// Extended, Greek, Cyrillic) and finds each in the extracted text.
func TestAuthorityNames(t *testing.T) {
	lg := legal.MustLoad()
	var md strings.Builder
	md.WriteString("# Authorities\n\n## List\n\n")
	var names []string
	for _, code := range lg.States() {
		for _, a := range lg.Authorities {
			if a.Country == code {
				names = append(names, a.DisplayName())
				fmt.Fprintf(&md, "%s\n\n", a.DisplayName())
			}
		}
	}
	md.WriteString("Typography: ł ő ş č ß é € “ ” ‘ ’ – — … ș ț\n")
	pdf, _, err := Render([]byte(md.String()), Meta{Title: "Authorities", Date: "2026-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "a.pdf")
	os.WriteFile(f, pdf, 0o644)
	text := strings.Join(strings.Fields(pdfText(t, f)), " ")
	for _, n := range append(names, "ł ő ş č ß é € “ ” ‘ ’ – — … ș ț") {
		if !strings.Contains(text, strings.Join(strings.Fields(n), " ")) {
			t.Errorf("%q is not in the PDF text", n)
		}
	}
	if len(names) < 27 {
		t.Errorf("only %d authorities", len(names))
	}
}

// TestUndrawable: a character outside the fonts is an error that names it,
// never a panic or a silent drop.
func TestUndrawable(t *testing.T) {
	md := "# T\n\nŁódź Żółć Straße Ørsted “Quotes” — €5 😀\n"
	_, _, err := Render([]byte(md), Meta{Date: "2026-01-01"})
	if err == nil || !strings.Contains(err.Error(), "U+1F600") || !strings.Contains(err.Error(), "Ørsted") {
		t.Fatalf("got %v, want an error naming U+1F600 and its context", err)
	}
	if _, _, err := Render([]byte("# T\n\nŁódź Żółć Straße Ørsted “Quotes” — €5\n"), Meta{Date: "2026-01-01"}); err != nil {
		t.Fatal(err)
	}
}

// TestLetter checks the page size of agreement.paper: letter, and that long
// unbreakable strings stay within the margin.
func TestLetter(t *testing.T) {
	long := strings.Repeat("averyveryverylongunbreakableaddress", 8) + "@example.example"
	md := "# T\n\n## S\n\n" + long + "\n\n| A | B |\n|---|---|\n| " + long + " | x |\n"
	pdf, _, err := Render([]byte(md), Meta{Date: "2026-01-01", Letter: true})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(pdf, []byte("/MediaBox [0 0 612.00 792.00]")) {
		t.Error("not US Letter")
	}
	f := filepath.Join(t.TempDir(), "l.pdf")
	os.WriteFile(f, pdf, 0o644)
	out, err := exec.Command(tool(t, "pdftotext", "poppler-utils"), "-bbox", f, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`xMax="([\d.]+)"`).FindAllSubmatch(out, -1) {
		var x float64
		fmt.Sscanf(string(m[1]), "%g", &x)
		if x > 612-25/0.3528+1 {
			t.Fatalf("text reaches x=%.1fpt, beyond the right margin", x)
		}
	}
}

// TestFingerprintVersion guards the fast path of build and --check: a PDF
// whose fingerprint matches is not typeset again, so any change to how a
// given Markdown is laid out must come with a new LayoutVersion. The test
// renders a fixed Markdown file and compares the digest recorded for the
// current version; it refuses to record a new digest under the same
// version, even with UPDATE_GOLDEN.
func TestFingerprintVersion(t *testing.T) {
	md, err := os.ReadFile("testdata/layout-fixture.md")
	if err != nil {
		t.Fatal(err)
	}
	pdf, _, err := Render(md, Meta{Title: "Fixture", Reference: "F-1", Subject: "S", Author: "A", Date: "2026-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(pdf)
	line := fmt.Sprintf("layout %s sha256 %x\n", LayoutVersion, sum)
	const path = "testdata/layout-version.txt"
	old, _ := os.ReadFile(path)
	if string(old) == line {
		return
	}
	if strings.HasPrefix(string(old), "layout "+LayoutVersion+" ") {
		t.Fatalf("the layout of the fixture changed but LayoutVersion is still %s: bump pdf.LayoutVersion (and run make golden), or existing PDFs would be taken as current", LayoutVersion)
	}
	if !golden.Update() {
		t.Fatalf("%s records %q; run make golden to record layout version %s", path, strings.TrimSpace(string(old)), LayoutVersion)
	}
	os.WriteFile(path, []byte(line), 0o644)
}

// TestLongTable checks that a table crossing pages repeats its header row
// and that a heading is never left alone at the foot of a page.
func TestLongTable(t *testing.T) {
	var md strings.Builder
	md.WriteString("# T\n\n## Sub-processors\n\n| Name | Address | Activity |\n|---|---|---|\n")
	for i := 0; i < 90; i++ {
		fmt.Fprintf(&md, "| Processor %d Ltd. | %d Long Street, Some City | Hosting and support of the platform in several regions |\n", i, i)
	}
	for i := 0; i < 60; i++ {
		fmt.Fprintf(&md, "\n### Heading %d\n\nSome text under heading %d that runs for a while so that lines wrap on the page.\n", i, i)
	}
	_, layout, err := Render([]byte(md.String()), Meta{Date: "2026-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	s := layout.String()
	if n := strings.Count(s, "table header repeated"); n < 2 {
		t.Errorf("header repeated %d times, want at least 2:\n%s", n, s)
	}
	if strings.Contains(s, "left alone") {
		t.Errorf("orphan heading:\n%s", s)
	}
}
