package build

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

const example = "../../examples/saas-us/northwind.yaml"

// TestFile builds an example into a directory and checks the outputs, the
// reuse of a current PDF and the staleness of an edited one.
func TestFile(t *testing.T) {
	dir := t.TempDir()
	r, err := File(example, dir, Formats, false)
	if err != nil || len(r.Outputs) != 2 {
		t.Fatalf("%v, %d outputs", err, len(r.Outputs))
	}
	md, pdfOut := r.Outputs[0], r.Outputs[1]
	if md.Path != filepath.Join(dir, "northwind.md") || pdfOut.Path != filepath.Join(dir, "northwind.pdf") {
		t.Fatalf("paths %s %s", md.Path, pdfOut.Path)
	}
	if md.OldErr == nil || md.Unchanged() || !bytes.HasPrefix(pdfOut.Data, []byte("%PDF-")) {
		t.Fatal("first build: outputs must be new")
	}
	for _, o := range r.Outputs {
		if err := os.WriteFile(o.Path, o.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A PDF whose fingerprint matches is taken as it is: prove it by
	// changing a byte outside the fingerprint.
	marked := bytes.Replace(pdfOut.Data, []byte("/Creator"), []byte("/Creatox"), 1)
	os.WriteFile(pdfOut.Path, marked, 0o644)
	r, err = File(example, dir, Formats, false)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Outputs[0].Unchanged() || !bytes.Equal(r.Outputs[1].Data, marked) {
		t.Fatal("a current PDF was typeset again, or the Markdown differs")
	}
	// A PDF from other Markdown is typeset again.
	os.WriteFile(pdfOut.Path, bytes.Replace(pdfOut.Data, []byte("dpa-fingerprint:"), []byte("dpa-fingerprint:0"), 1), 0o644)
	r, _ = File(example, dir, Formats, false)
	if !bytes.Equal(r.Outputs[1].Data, pdfOut.Data) || r.Outputs[1].Unchanged() {
		t.Fatal("a PDF with another fingerprint was not typeset again")
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
