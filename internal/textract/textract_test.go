package textract

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// minimalPDF writes a PDF whose single page has the given content stream
// and resources, with a correct cross-reference table.
func minimalPDF(content, resources string, extra ...string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources " + resources + " /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content)+1, content),
	}
	objs = append(objs, extra...)
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}

// TestScannedPDF: a page that only draws an image has no text layer.
func TestScannedPDF(t *testing.T) {
	img := "<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"
	data := minimalPDF("q 595 0 0 842 0 0 cm /Im1 Do Q", "<< /XObject << /Im1 5 0 R >> >>", img)
	_, f, err := Extract("scan.pdf", data)
	if f != PDF || !errors.Is(err, ErrNoText) {
		t.Fatalf("Extract(scan) = %v, %v; want ErrNoText", f, err)
	}
}

// TestSimpleFontPDF reads a standard font with WinAnsi encoding, a
// Differences array, word spaces made by TJ offsets, and a raised smaller
// footnote mark.
func TestSimpleFontPDF(t *testing.T) {
	content := `BT /F1 10 Tf 72 700 Td (Clause 8) Tj ET
BT /F1 10 Tf 72 680 Td [(The) -300 (data) -300 (importer) -300 (\222s) -300 (duty)] TJ ET
BT /F1 6 Tf 150 684 Td (4) Tj ET
BT /F2 10 Tf 72 660 Td (\001bc) Tj ET`
	fonts := "<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >> " +
		"/F2 << /Type /Font /Subtype /Type1 /BaseFont /X /Encoding << /Differences [1 /quoteright] >> >> >> >>"
	got, _, err := Extract("simple.pdf", minimalPDF(content, fonts))
	if err != nil {
		t.Fatal(err)
	}
	want := "Clause 8\nThe data importer ’s duty 4\n’bc\n"
	if got != want {
		t.Errorf("Extract = %q, want %q", got, want)
	}
}

// TestRunningHeaders: lines at the top or foot of most pages that differ
// only in numbers are dropped, and so are bare page numbers, but not
// clause headings that start every page.
func TestRunningHeaders(t *testing.T) {
	var pages [][]string
	for i := 1; i <= 5; i++ {
		w := strings.Repeat(string(rune('a'+i)), 3)
		pages = append(pages, []string{"Agreement · REF-1", fmt.Sprintf("Clause %d", i), "first " + w, "mid", "dle", "last " + w, fmt.Sprintf("Page %d of 5", i)})
	}
	pages[2] = append(pages[2], "7")
	dropRunning(pages)
	for i, p := range pages {
		w := strings.Repeat(string(rune('a'+i+1)), 3)
		if strings.Join(p, "|") != fmt.Sprintf("Clause %d|first %s|mid|dle|last %s", i+1, w, w) {
			t.Errorf("page %d = %q", i+1, p)
		}
	}
}

// TestBrokenPDFs: truncated and corrupted PDFs give an error or some text,
// never a panic.
func TestBrokenPDFs(t *testing.T) {
	good := minimalPDF("BT /F1 10 Tf 72 700 Td (Clause 1 Purpose and scope) Tj ET",
		"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>")
	if s, _, err := Extract("good.pdf", good); err != nil || !strings.Contains(s, "Purpose and scope") {
		t.Fatalf("good PDF: %q, %v", s, err)
	}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 300; i++ {
		b := append([]byte(nil), good...)
		switch i % 3 {
		case 0:
			b = b[:rng.Intn(len(b))]
		case 1:
			for k := 0; k < 5; k++ {
				b[rng.Intn(len(b))] = byte(rng.Intn(256))
			}
		case 2:
			p := rng.Intn(len(b))
			b = append(b[:p], b[min(len(b), p+rng.Intn(40)):]...)
		}
		if !bytes.HasPrefix(b, []byte("%PDF-")) {
			continue
		}
		Extract("broken.pdf", b) // must not panic
	}
	if _, _, err := Extract("x.pdf", []byte("%PDF-1.4\nnothing here")); err == nil {
		t.Error("a PDF without a catalog gave no error")
	}
}

func docx(t *testing.T, parts map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for _, name := range []string{"word/document.xml", "word/numbering.xml", "word/footnotes.xml"} {
		if s, ok := parts[name]; ok {
			w, _ := z.Create(name)
			w.Write([]byte(s))
		}
	}
	z.Close()
	return b.Bytes()
}

const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// TestDOCX: numbered paragraphs get their labels, nested levels restart,
// tracked deletions are left out, footnotes follow their paragraph.
func TestDOCX(t *testing.T) {
	num := func(lvl int, text string) string {
		return fmt.Sprintf(`<w:p><w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>%s</w:t></w:r></w:p>`, lvl, text)
	}
	doc := `<w:document ` + w + `><w:body>` +
		`<w:p><w:r><w:t xml:space="preserve">Clause 1 </w:t></w:r><w:del><w:r><w:delText>old</w:delText></w:r></w:del><w:r><w:t>Purpose</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p>` +
		num(0, "first") + num(1, "one") + num(1, "two") + num(0, "second") + num(1, "again") +
		`</w:body></w:document>`
	numbering := `<w:numbering ` + w + `><w:abstractNum w:abstractNumId="0">` +
		`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%1)"/></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%2)"/></w:lvl>` +
		`</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
	notes := `<w:footnotes ` + w + `><w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>A note.</w:t></w:r></w:p></w:footnote></w:footnotes>`
	got, f, err := Extract("a.docx", docx(t, map[string]string{"word/document.xml": doc, "word/numbering.xml": numbering, "word/footnotes.xml": notes}))
	if err != nil || f != DOCX {
		t.Fatal(f, err)
	}
	want := "Clause 1 Purpose[^2]\n\n[^2]: A note.\n\n(a) first\n\n(i) one\n\n(ii) two\n\n(b) second\n\n(i) again\n\n"
	if got != want {
		t.Errorf("Extract = %q\nwant %q", got, want)
	}
	if _, _, err := Extract("b.docx", []byte("PK\x03\x04 broken")); err == nil {
		t.Error("a broken DOCX gave no error")
	}
	if _, _, err := Extract("c.docx", docx(t, map[string]string{"word/numbering.xml": numbering})); err == nil {
		t.Error("a DOCX without document.xml gave no error")
	}
}

// TestTextFiles: Markdown and text pass through; Latin-1 is decoded;
// binary data is refused.
func TestTextFiles(t *testing.T) {
	if s, f, err := Extract("a.md", []byte("\xef\xbb\xbf# Clause 1")); err != nil || f != Markdown || s != "# Clause 1" {
		t.Errorf("markdown: %q %v %v", s, f, err)
	}
	if s, f, err := Extract("a.txt", []byte("caf\xe9")); err != nil || f != Text || s != "café" {
		t.Errorf("latin-1: %q %v %v", s, f, err)
	}
	if _, _, err := Extract("a.bin", []byte("\x00\x01\xff\xfe")); err == nil {
		t.Error("binary data gave no error")
	}
}
