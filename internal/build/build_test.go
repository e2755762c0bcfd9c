package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/doc"
	"github.com/dpa-tool/dpa/internal/pdf"
)

const example = "../../examples/saas-us/northwind.yaml"

var mdPDF = []string{"md", "pdf"}

// TestFile builds an example into a directory and checks the outputs, the
// reuse of a current PDF and the typesetting of one that is damaged, edited
// or only pretends to be current.
func TestFile(t *testing.T) {
	calls := 0
	defer func(f func(*doc.Document, []byte, pdf.Meta) ([]byte, *pdf.Layout, error)) { typeset = f }(typeset)
	typeset = func(d *doc.Document, md []byte, m pdf.Meta) ([]byte, *pdf.Layout, error) {
		calls++
		return pdf.RenderMarkdown(d, md, m)
	}
	dir := t.TempDir()
	r, err := File(example, dir, mdPDF, false)
	if err != nil || len(r.Outputs) != 2 {
		t.Fatalf("%v, %d outputs", err, len(r.Outputs))
	}
	md, pdfOut := r.Outputs[0], r.Outputs[1]
	if md.Path != filepath.Join(dir, "northwind.md") || pdfOut.Path != filepath.Join(dir, "northwind.pdf") {
		t.Fatalf("paths %s %s", md.Path, pdfOut.Path)
	}
	if !md.Missing || md.Current || pdfOut.Current || !bytes.HasPrefix(pdfOut.Data, []byte("%PDF-")) {
		t.Fatal("first build: outputs must be new")
	}
	for _, o := range r.Outputs {
		if err := os.WriteFile(o.Path, o.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The PDF just written is current: taken as it is, not typeset again.
	calls = 0
	r, err = File(example, dir, mdPDF, false)
	if err != nil || !r.Outputs[0].Current || !r.Outputs[1].Current || calls != 0 {
		t.Fatalf("a current PDF was typeset again (%d), or the Markdown differs: %v", calls, err)
	}
	fp := r.PDFFingerprint()
	middle := bytes.Clone(pdfOut.Data)
	copy(middle[len(middle)/3:], make([]byte, 20<<10))
	for name, bad := range map[string][]byte{
		"one byte changed":        bytes.Replace(pdfOut.Data, []byte("/Creator"), []byte("/Creatox"), 1),
		"20 KB overwritten":       middle,
		"only the marker":         []byte("%PDF-1.4\n/Keywords (" + fp + ")\n"),
		"truncated":               pdfOut.Data[:len(pdfOut.Data)-100],
		"unsealed, right marker":  bytes.Replace(pdfOut.Data, pdfOut.Data[sealSlot(pdfOut.Data):sealSlot(pdfOut.Data)+64], []byte(fp[len(fp)-64:]), 1),
		"other fingerprint":       bytes.Replace(pdfOut.Data, []byte("dpa-fingerprint:"), []byte("dpa-fingerprint:0"), 1),
		"empty":                   {},
		"the Markdown, named pdf": r.Outputs[0].Data,
	} {
		os.WriteFile(pdfOut.Path, bad, 0o644)
		calls = 0
		r, err = File(example, dir, mdPDF, false)
		if err != nil || r.Outputs[1].Current || calls != 1 || !bytes.Equal(r.Outputs[1].Data, pdfOut.Data) {
			t.Errorf("%s: current %v, typeset %d times, same result %v, %v", name, r.Outputs[1].Current, calls, bytes.Equal(r.Outputs[1].Data, pdfOut.Data), err)
		}
	}
}

// TestInvalid: no outputs for an invalid description, diagnostics instead.
func TestInvalid(t *testing.T) {
	p := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(p, []byte("version: 1\nparties: nope\n"), 0o644)
	r, err := File(p, "", Formats, false)
	if err != nil || len(r.Outputs) != 0 || !r.Validation.Diags.HasErrors() {
		t.Fatalf("%v, %d outputs, %v", err, len(r.Outputs), r.Validation.Diags)
	}
}

// TestEveryCountry builds an agreement with the importer established in
// each country whose main language CLDR names no regions in (Samoa,
// Djibouti, Curaçao ...): the names an address may give the country were
// looked up with a nil namer there, and the build failed with an internal
// error.
func TestEveryCountry(t *testing.T) {
	src, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"WS", "DJ", "CW", "VU"} {
		p := filepath.Join(t.TempDir(), "northwind.yaml")
		os.WriteFile(p, bytes.Replace(src, []byte("country: US"), []byte("country: "+code), 1), 0o644)
		r, err := File(p, "", []string{"md"}, false)
		if err != nil || len(r.Outputs) != 1 {
			t.Errorf("%s: %v %v", code, err, r.Validation.Diags)
		}
	}
}

// TestNoFingerprint: a PDF whose typesetting recorded no fingerprint is
// not sealed and written, but an error.
func TestNoFingerprint(t *testing.T) {
	defer func(f func(*doc.Document, []byte, pdf.Meta) ([]byte, *pdf.Layout, error)) { typeset = f }(typeset)
	typeset = func(*doc.Document, []byte, pdf.Meta) ([]byte, *pdf.Layout, error) {
		return []byte("%PDF-1.4\n%%EOF\n"), nil, nil
	}
	_, err := File(example, t.TempDir(), mdPDF, false)
	if err == nil || !strings.Contains(err.Error(), "does not record its fingerprint") {
		t.Fatalf("got %v, want the error of a missing fingerprint", err)
	}
}
