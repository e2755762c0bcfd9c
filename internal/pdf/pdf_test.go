package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	examples_ "github.com/dpa-tool/dpa/examples"
	"github.com/dpa-tool/dpa/internal/scctest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	pdfmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/dpa-tool/dpa/internal/assemble"
	"github.com/dpa-tool/dpa/internal/doc"
	"github.com/dpa-tool/dpa/internal/golden"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/mdrender"
	"github.com/dpa-tool/dpa/internal/model"
	"github.com/dpa-tool/dpa/internal/validate"
)

var examples = examples_.Buildable

type built struct {
	name   string
	md     []byte
	pdf    []byte
	layout *Layout
	doc    *assemble.Document
	path   string // the PDF on disk
	head   string // the running head
}

var cache = map[string]*built{}

// outDir holds the PDFs of this test process, for the external checkers.
var outDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "dpa-pdf-test-")
	if err != nil {
		panic(err)
	}
	outDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func build(t *testing.T, ex string) *built {
	t.Helper()
	if b, ok := cache[ex]; ok {
		return b
	}
	b := buildWith(t, ex, nil)
	cache[ex] = b
	return b
}

// buildWith assembles and renders an example, after edit changes its
// description (if not nil).
func buildWith(t *testing.T, ex string, edit func(*model.Description)) *built {
	t.Helper()
	r, err := validate.File(filepath.Join("../../examples", ex))
	if err != nil || !r.Valid(false) {
		t.Fatalf("%s: %v %v", ex, err, r.Diags.Error())
	}
	if edit != nil {
		edit(r.Desc)
	}
	doc, err := assemble.Build(r.Desc, r.Plan, legal.MustLoad())
	if err != nil {
		t.Fatal(err)
	}
	m := Meta{Title: r.Desc.Title(), Reference: r.Desc.Agreement.Reference, Subject: "DPA", Author: r.Desc.Parties[0].Name, Date: r.Desc.Agreement.Date, Letter: r.Desc.Agreement.Paper == "letter"}
	pdf, layout, err := Render(doc.Doc, m)
	if err != nil {
		t.Fatalf("%s: %v", ex, err)
	}
	name := strings.TrimSuffix(filepath.Base(ex), ".yaml")
	if edit != nil {
		name += "-edited"
	}
	path := filepath.Join(outDir, name+".pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	b := &built{name: name, md: doc.Markdown, pdf: pdf, layout: layout, doc: doc, path: path, head: m.Title + " · " + m.Reference}
	// Reproducible: a second rendering gives the same bytes.
	again, _, err := Render(doc.Doc, m)
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
			if (strings.Contains(e, "signature block") || strings.Contains(e, " entry ")) && !strings.HasSuffix(e, "(1 pages)") || defect(e) {
				t.Errorf("%s: %s", ex, e)
			}
		}
		if b.layout.Pages < 10 {
			t.Errorf("%s: only %d pages", ex, b.layout.Pages)
		}
		golden.Check(t, filepath.Join("testdata", "layout", b.name+".txt"), []byte(b.layout.String()))
	}
}

// defect reports a layout event that must never happen: a heading alone
// at the foot of a page, a single line of a paragraph alone at the foot or
// the top of a page, a page left nearly empty where no section starts.
func defect(e string) bool {
	return strings.Contains(e, "left alone") || strings.Contains(e, "orphan") || strings.Contains(e, "widow") || strings.Contains(e, "near-empty")
}

// TestGoldenBytes pins one PDF byte for byte.
func TestGoldenBytes(t *testing.T) {
	b := build(t, "saas-us/northwind.yaml")
	golden.Check(t, filepath.Join("testdata", "golden", "northwind.pdf"), b.pdf)
}

// TestValid checks every PDF with qpdf.
func TestValid(t *testing.T) {
	qpdf := scctest.Tool(t, "qpdf", "qpdf")
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
	conf := pdfmodel.NewDefaultConfiguration()
	for _, ex := range examples {
		b := build(t, ex)
		if err := api.Validate(bytes.NewReader(b.pdf), conf); err != nil {
			t.Errorf("%s: pdfcpu: %v", ex, err)
		}
	}
}

// TestBookmarks checks the outline: one entry per heading, nested.
func TestBookmarks(t *testing.T) {
	qpdf := scctest.Tool(t, "qpdf", "qpdf")
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

var furniture = []string{`^Page \d+ of \d+$`, `^Data (Processing|Transfer) Agreement · `}

// pdfText extracts the text with pdftotext, without the running header and
// the page numbers.
func pdfText(t *testing.T, path string) string {
	out, err := exec.Command(scctest.Tool(t, "pdftotext", "poppler-utils"), path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return stripFurniture(string(out))
}

var wordRE = regexp.MustCompile(`\p{L}+|\p{N}+`)

// page is the extracted text of one page: the body, and the footnotes at
// its foot.
type page struct {
	body, notes string
	numbers     []int // of the footnotes, in order
}

var noteEventRE = regexp.MustCompile(`^p(\d+) footnotes \[([\d ]+)\]$`)

// footnotes returns the text of each footnote of the Markdown.
func footnotes(md []byte) map[int]string {
	out := map[int]string{}
	for _, m := range regexp.MustCompile(`(?m)^\[\^(\d+)\]: (.*)$`).FindAllStringSubmatch(string(md), -1) {
		n, _ := strconv.Atoi(m[1])
		out[n] = m[2]
	}
	return out
}

// pdfPages extracts the text of each page without the running header and
// the page number, and separates the footnote area of each page that the
// layout records footnotes for: it starts at the line that begins with the
// first footnote's number and first words, and must hold exactly the words
// of the page's footnotes (so nothing of the body is taken away).
func pdfPages(t *testing.T, b *built) []page {
	t.Helper()
	out, err := exec.Command(scctest.Tool(t, "pdftotext", "poppler-utils"), b.path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	notesOn := map[int][]int{}
	for _, e := range b.layout.Events {
		if m := noteEventRE.FindStringSubmatch(e); m != nil {
			p, _ := strconv.Atoi(m[1])
			for _, f := range strings.Fields(m[2]) {
				n, _ := strconv.Atoi(f)
				notesOn[p] = append(notesOn[p], n)
			}
		}
	}
	notes := footnotes(b.md)
	raw := strings.Split(string(out), "\f")
	var pages []page
	for i := 0; i < b.layout.Pages && i < len(raw); i++ {
		text := stripFurniture(raw[i])
		if i > 0 {
			text = strings.Replace(text, b.head+"\n", "", 1)
		}
		pg := page{body: text, numbers: notesOn[i+1]}
		if ns := notesOn[i+1]; len(ns) > 0 {
			first := wordRE.FindAllString(notes[ns[0]], 3)
			re := regexp.MustCompile(`(?m)^` + strconv.Itoa(ns[0]) + `\s+` + strings.Join(first, `\W+`))
			loc := re.FindStringIndex(text)
			if loc == nil {
				t.Fatalf("%s page %d: footnote %d not at the foot of the page:\n%s", b.name, i+1, ns[0], text)
			}
			pg.body, pg.notes = text[:loc[0]], text[loc[0]:]
			var want []string
			for _, n := range ns {
				want = append(want, strconv.Itoa(n))
				want = append(want, wordRE.FindAllString(notes[n], -1)...)
			}
			if got := wordRE.FindAllString(pg.notes, -1); !slices.Equal(got, want) {
				t.Errorf("%s page %d: the footnote area holds\n%q\nwant the footnotes %v:\n%q", b.name, i+1, got, ns, want)
			}
		}
		pages = append(pages, pg)
	}
	if len(pages) != b.layout.Pages {
		t.Fatalf("%s: %d pages of text, want %d", b.name, len(pages), b.layout.Pages)
	}
	return pages
}

// stripFurniture removes the running header and the page number.
func stripFurniture(text string) string {
	var keep []string
	for _, l := range strings.Split(text, "\n") {
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

// wantWords returns the words of the Markdown in the order the PDF must
// show them: without the footnote texts (at the foot of their pages) and
// marks, and with the table of parties on the cover read as the cover shows
// it, each party with its column labels ("Party Heron … Address
// Leopoldstraße …" for "| Party | Address |" and its rows).
func wantWords(md []byte) []string {
	var body []string
	lines := strings.Split(string(md), "\n")
	cover := true
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(l, "## ") {
			cover = false
		}
		if regexp.MustCompile(`^\[\^\d+\]: `).MatchString(l) {
			continue
		}
		if cover && strings.HasPrefix(l, "|") && i+1 < len(lines) && strings.HasPrefix(lines[i+1], "|---") && strings.Trim(l, "| ") != "" {
			header := cells(l)
			for i += 2; i < len(lines) && strings.HasPrefix(lines[i], "|"); i++ {
				for c, v := range cells(lines[i]) {
					if c < len(header) {
						body = append(body, header[c], v)
					}
				}
			}
			continue
		}
		body = append(body, l)
	}
	src := regexp.MustCompile(`\[\^\d+\]`).ReplaceAllString(strings.Join(body, "\n"), " ")
	src = strings.ReplaceAll(src, `\`, "")
	return wordRE.FindAllString(src, -1)
}

// cells splits a Markdown table row.
func cells(row string) []string {
	return strings.Split(strings.Trim(strings.TrimSpace(row), "|"), "|")
}

// inOrder fails unless every word of want is found in got, in order.
func inOrder(t *testing.T, name string, got, want []string) {
	t.Helper()
	i := 0
	for _, w := range got {
		if i < len(want) && w == want[i] {
			i++
		}
	}
	if i < len(want) {
		t.Errorf("%s: word %d of %d (%q, after %q) not found in order in the PDF text", name, i+1, len(want), want[i], strings.Join(want[max(0, i-8):i], " "))
	}
}

// TestTextComesBack compares the words of each PDF, in order, with the
// words of its Markdown: every word of the Markdown must come back in the
// same order (the PDF adds only page numbers, footnote marks, the contents'
// page numbers), and every footnote at the foot of a page (pdfPages checks
// each page's footnote area word for word).
func TestTextComesBack(t *testing.T) {
	for _, ex := range examples {
		b := build(t, ex)
		checkText(t, b)
	}
}

func checkText(t *testing.T, b *built) []page {
	t.Helper()
	pages := pdfPages(t, b)
	var body []string
	seen := map[int]bool{}
	for _, p := range pages {
		body = append(body, p.body)
		for _, m := range regexp.MustCompile(`(?m)^(\d+) `).FindAllStringSubmatch(p.notes, -1) {
			n, _ := strconv.Atoi(m[1])
			seen[n] = true
		}
	}
	inOrder(t, b.name, wordRE.FindAllString(strings.Join(body, "\n"), -1), wantWords(b.md))
	for n := range footnotes(b.md) {
		if !seen[n] {
			t.Errorf("%s: footnote %d is at the foot of no page", b.name, n)
		}
	}
	return pages
}

// TestFootnotesOnTheirPage checks that each footnote stands at the foot of
// the page that cites it: the word that carries the mark in the Markdown,
// followed by the mark, is in the body of that page.
func TestFootnotesOnTheirPage(t *testing.T) {
	for _, ex := range examples {
		b := build(t, ex)
		pages := pdfPages(t, b)
		for i, p := range pages {
			for _, m := range regexp.MustCompile(`(?m)^(\d+) `).FindAllStringSubmatch(p.notes, -1) {
				ref := regexp.MustCompile(`(\S+)\[\^` + m[1] + `\][^:]`).FindSubmatch(b.md)
				if ref == nil {
					t.Fatalf("%s: no reference to footnote %s", ex, m[1])
				}
				word := strings.NewReplacer("*", "", `\`, "").Replace(string(ref[1]))
				if !regexp.MustCompile(regexp.QuoteMeta(word) + `\s?` + m[1] + `\b`).MatchString(p.body) {
					t.Errorf("%s: footnote %s is on page %d, but its mark (after %q) is not", ex, m[1], i+1, word)
				}
			}
		}
	}
}

// TestSignaturePage checks that each signatory's block is on one page with
// everything to complete: for whom, name, position, place, date and the
// space to sign.
func TestSignaturePage(t *testing.T) {
	for _, ex := range examples {
		b := build(t, ex)
		pages := pdfPages(t, b)
		blocks := 0
		for _, e := range b.layout.Events {
			m := regexp.MustCompile(`^p(\d+) signature block .*\((\d+) pages\)$`).FindStringSubmatch(e)
			if m == nil {
				continue
			}
			if m[2] != "1" {
				t.Errorf("%s: %s", ex, e)
			}
			p, _ := strconv.Atoi(m[1])
			for _, w := range []string{"For and on behalf of", "Name", "Position", "Place", "Date", "Signature"} {
				if !strings.Contains(pages[p-1].body, w) {
					t.Errorf("%s: %q is not on page %d of a signature block", ex, w, p)
				}
			}
			blocks++
		}
		if bytes.Contains(b.md, []byte("\n## SIGNATURES\n")) == bytes.Contains(b.md, []byte("is concluded by electronic acceptance of the Principal Agreement")) {
			t.Errorf("%s: wants either a signature page or an acceptance clause (click-through)", ex)
		}
		if want := bytes.Count(b.md, []byte("For and on behalf of")); blocks != want || want == 0 && !bytes.Contains(b.md, []byte("is concluded by electronic acceptance")) {
			t.Errorf("%s: %d signature blocks, want one per signatory (%d)", ex, blocks, want)
		}
	}
}

// TestOversizedFields: a party's activities of some 4,500 characters, an
// address of 3,000 on the cover and a sub-processor's activity of 5,700 in
// Annex III (a table row taller than a page) lose no word, and no text runs
// past the bottom margin.
func TestOversizedFields(t *testing.T) {
	long := func(seed string, n int) string {
		var s strings.Builder
		for i := 1; s.Len() < n; i++ {
			fmt.Fprintf(&s, "%s%d lorem ipsum dolor ", seed, i)
		}
		return strings.TrimSpace(s.String())
	}
	b := buildWith(t, "saas-us/northwind.yaml", func(d *model.Description) {
		d.Parties[0].Activities = long("activity", 4500)
		d.Parties[1].Address = long("address", 3000)
		d.Subprocessors[0].Activity = long("subactivity", 5700)
	})
	checkText(t, b)
	split := false
	for _, e := range b.layout.Events {
		split = split || strings.Contains(e, "split across pages")
		if defect(e) {
			t.Errorf("%s", e)
		}
	}
	if !split {
		t.Errorf("no table row was split:\n%s", b.layout)
	}
	out, err := exec.Command(scctest.Tool(t, "pdftotext", "poppler-utils"), "-bbox", b.path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	limit := (297-22)/0.3528 + 1
	for _, m := range regexp.MustCompile(`yMax="([\d.]+)">([^<]*)<`).FindAllSubmatch(out, -1) {
		var y float64
		fmt.Sscanf(string(m[1]), "%g", &y)
		if y > limit && !regexp.MustCompile(`^(Page|\d+|of)$`).Match(m[2]) {
			t.Errorf("%q reaches y=%.1fpt, below the bottom margin", m[2], y)
		}
	}
}

// labelled returns the footnotes of a page with their numbers written
// "(n)", a label that compare.py recognises as such (a bare number it takes
// only when it equals the official footnote's number, and the document
// numbers its footnotes on through both addenda).
func labelled(p page) string {
	s := p.notes
	at := 0
	for _, n := range p.numbers {
		loc := regexp.MustCompile(`(?m)^` + strconv.Itoa(n) + ` `).FindStringIndex(s[at:])
		if loc == nil {
			return s
		}
		s = s[:at+loc[0]] + "(" + strconv.Itoa(n) + ") " + s[at+loc[1]:]
		at += loc[1] + 2
	}
	return s
}

// TestOfficialTextInPDF runs compare.py --resolved on the text of each
// addendum extracted from the PDF: the bodies of its pages, then their
// footnotes (pdfPages separates them and checks that the footnote areas
// hold nothing else), so that a footnote at the foot of a page does not
// interrupt the clause it falls in.
func TestOfficialTextInPDF(t *testing.T) {
	py := scctest.Tool(t, "python3", "python3")
	for _, ex := range examples {
		b := build(t, ex)
		pages := pdfPages(t, b)
		var text strings.Builder
		starts := make([]int, len(pages)+1)
		for i, p := range pages {
			starts[i] = text.Len()
			text.WriteString(p.body)
			text.WriteString("\n")
		}
		starts[len(pages)] = text.Len()
		body := text.String()
		heads := regexp.MustCompile(`(?m)^STANDARD CONTRACTUAL CLAUSES$`).FindAllStringIndex(body, -1)
		if len(heads) != len(b.doc.Addenda) {
			t.Fatalf("%s: %d addenda in the PDF text, want %d", ex, len(heads), len(b.doc.Addenda))
		}
		for i, a := range b.doc.Addenda {
			from := heads[i][0]
			to := len(body)
			if m := regexp.MustCompile(`(?m)^(Accession form|Addendum II –|UK Addendum to|Swiss Supplement to|ANNEX I$)`).FindStringIndex(body[from:]); m != nil {
				to = from + m[0]
			}
			part := body[from:to]
			for p, pg := range pages {
				if starts[p] < to && starts[p+1] > from {
					part += "\n" + labelled(pg)
				}
			}
			scctest.CheckAddendum(t, py, int(a.Module), a.Docking, part, ex, a.Numeral)
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
	pdf, _, err := renderMarkdown([]byte(md.String()), Meta{Title: "Authorities", Date: "2026-01-01"})
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
	_, _, err := renderMarkdown([]byte(md), Meta{Date: "2026-01-01"})
	if err == nil || !strings.Contains(err.Error(), "U+1F600") || !strings.Contains(err.Error(), "Ørsted") {
		t.Fatalf("got %v, want an error naming U+1F600 and its context", err)
	}
	if _, _, err := renderMarkdown([]byte("# T\n\nŁódź Żółć Straße Ørsted “Quotes” — €5\n"), Meta{Date: "2026-01-01"}); err != nil {
		t.Fatal(err)
	}
}

// TestLetter checks the page size of agreement.paper: letter, and that long
// unbreakable strings stay within the margin.
func TestLetter(t *testing.T) {
	long := strings.Repeat("averyveryverylongunbreakableaddress", 8) + "@example.example"
	md := "# T\n\n## S\n\n" + long + "\n\n| A | B |\n|---|---|\n| " + long + " | x |\n"
	pdf, _, err := renderMarkdown([]byte(md), Meta{Date: "2026-01-01", Letter: true})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(pdf, []byte("/MediaBox [0 0 612.00 792.00]")) {
		t.Error("not US Letter")
	}
	f := filepath.Join(t.TempDir(), "l.pdf")
	os.WriteFile(f, pdf, 0o644)
	out, err := exec.Command(scctest.Tool(t, "pdftotext", "poppler-utils"), "-bbox", f, "-").Output()
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
	pdf, _, err := renderMarkdown(md, Meta{Title: "Fixture", Reference: "F-1", Subject: "S", Author: "A", Date: "2026-01-01"})
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
	_, layout, err := renderMarkdown([]byte(md.String()), Meta{Date: "2026-01-01"})
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

// TestPageCountAlias: text that looks like fpdf's usual page-count alias is
// printed as it is.
func TestPageCountAlias(t *testing.T) {
	pdf, _, err := renderMarkdown([]byte("# T\n\n## S\n\nParty {nb} and {NB}\n"), Meta{Title: "T", Date: "2026-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "a.pdf")
	os.WriteFile(f, pdf, 0o644)
	if text := pdfText(t, f); !strings.Contains(text, "Party {nb} and {NB}") {
		t.Errorf("the text changed:\n%s", text)
	}
}

// TestSignatureSpace: the blank row to sign in is at least 2 cm high; the
// other blanks (place, date) leave room to write.
func TestSignatureSpace(t *testing.T) {
	height := func(rows string) float64 {
		doc := convert(fromMarkdown([]byte("## SIGNATURES\n\n| | |\n|---|---|\n| Name | A |\n" + rows)))
		ts := &typesetter{g: geometry{w: 210, h: 297, left: 25, right: 25, top: 24, bottom: 22}, layout: &Layout{}, kind: doc.Blocks[1].Section, noteLines: map[int][]line{}}
		return ts.measure(func() { ts.table(doc.Blocks[1]) })
	}
	// Name, then place, date and signature: the first two blanks are rows
	// to write in, the last is the space to sign.
	base := height("")
	if d := height("| Place | |\n| Date | |\n| Signature | |\n") - base; d < 9+9+20 {
		t.Errorf("place, date and signature take %.1f mm, want at least 9 + 9 + 20", d)
	}
}

// TestKindsNotText: the section kinds, not the headings' words, drive the
// layout. With every section heading renamed, sections still start on new
// pages, signature blocks are still kept together, and the contents still
// find their pages.
func TestKindsNotText(t *testing.T) {
	b := build(t, examples[0])
	renamed := *b.doc.Doc
	renamed.Sections = nil
	for _, s := range b.doc.Doc.Sections {
		c := *s
		c.Blocks = slices.Clone(s.Blocks)
		for i := range c.Blocks {
			if c.Blocks[i].Kind == doc.Heading && c.Blocks[i].Level == 2 {
				c.Blocks[i].Inlines = []doc.Inline{{Text: "Renamed " + s.Kind.String()}}
			}
		}
		renamed.Sections = append(renamed.Sections, &c)
	}
	_, layout, err := Render(&renamed, Meta{Title: "T", Date: "2026-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	// Each addendum, annex and the signatures start a page.
	prev, starts := "", 0
	for _, line := range strings.Split(layout.String(), "\n") {
		page, rest, _ := strings.Cut(line, " ")
		if strings.HasPrefix(rest, `h2 "Renamed addendum`) || strings.HasPrefix(rest, `h2 "Renamed annex`) || strings.HasPrefix(rest, `h2 "Renamed signatures`) {
			starts++
			if page == prev {
				t.Errorf("%q does not start a page", line)
			}
		}
		prev = page
	}
	if starts < 4 {
		t.Errorf("%d sections start a page, want at least 4:\n%s", starts, layout)
	}
	if got, want := strings.Count(layout.String(), "signature block"), strings.Count(b.layout.String(), "signature block"); got != want || want == 0 {
		t.Errorf("%d signature blocks kept together, want %d", got, want)
	}
	if strings.Contains(layout.String(), "SIGNATURES") || !strings.Contains(layout.String(), "Renamed signatures") {
		t.Errorf("headings not renamed:\n%s", layout)
	}
}

// TestGivenFingerprint: a fingerprint the caller computed already gives the
// same bytes as the one Render computes itself.
func TestGivenFingerprint(t *testing.T) {
	b := build(t, "saas-us/northwind.yaml")
	m := Meta{Title: b.doc.Doc.Meta.Title, Reference: b.doc.Doc.Meta.Reference, Date: "2026-01-01"}
	want, _, err := Render(b.doc.Doc, m)
	if err != nil {
		t.Fatal(err)
	}
	m.Fingerprint = Fingerprint(mdrender.Render(b.doc.Doc), m)
	got, _, err := Render(b.doc.Doc, m)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("with the fingerprint given: %v, bytes differ: %v", err, !bytes.Equal(got, want))
	}
	if !bytes.Contains(got, []byte(m.Fingerprint)) {
		t.Error("the given fingerprint is not in the PDF")
	}
}
