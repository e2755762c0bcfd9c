package build

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/dpa-tool/dpa/internal/assemble"
	"github.com/dpa-tool/dpa/internal/doc"
	"github.com/dpa-tool/dpa/internal/docx"
	"github.com/dpa-tool/dpa/internal/docx/tempadapter"
	"github.com/dpa-tool/dpa/internal/validate"
)

// TestMain gives the tests a typed document.
//
// TEMPORARY: until the assembler builds the doc.Document (issue 11), the
// tests make it from the assembled Markdown with the test-only adapter.
func TestMain(m *testing.M) {
	typed = func(a *assemble.Document, r *validate.Result) (*doc.Document, error) {
		pm := MetaOf(r)
		paper := "a4"
		if pm.Letter {
			paper = "letter"
		}
		return tempadapter.FromMarkdown(a.Markdown, doc.Meta{Title: pm.Title, Subject: pm.Subject, Author: pm.Author, Reference: pm.Reference, Date: pm.Date, ISODate: r.Desc.Agreement.Date, Paper: paper}), nil
	}
	os.Exit(m.Run())
}

// TestDOCX builds the Word document of an example: a sealed, valid ZIP
// archive; current when rebuilt; stale when damaged, edited, unsealed or
// made for other content.
func TestDOCX(t *testing.T) {
	dir := t.TempDir()
	f := []string{"md", "docx"}
	r, err := File(example, dir, f, false)
	if err != nil || len(r.Outputs) != 2 {
		t.Fatalf("%v, %d outputs", err, len(r.Outputs))
	}
	out := r.Outputs[1]
	if out.Path != filepath.Join(dir, "northwind.docx") || !out.Missing || out.Current {
		t.Fatalf("first build: %s missing %v current %v", out.Path, out.Missing, out.Current)
	}
	z, err := zip.NewReader(bytes.NewReader(out.Data), int64(len(out.Data)))
	if err != nil || len(z.File) < 10 || len(z.Comment) != len(docx.FingerprintKey)+64 {
		t.Fatalf("sealed DOCX is not a valid archive: %v", err)
	}
	d, _ := typed(r.Document, r.Validation)
	fp, _ := docx.Fingerprint(d)
	if z.Comment == fp || !SealedDOCX(out.Data, fp) || !IsDOCXOfDPA(out.Data) {
		t.Fatal("the DOCX is not sealed")
	}
	os.WriteFile(out.Path, out.Data, 0o644)
	r, err = File(example, dir, f, false)
	if err != nil || !r.Outputs[1].Current {
		t.Fatalf("a current DOCX is not current: %v", err)
	}
	unsealed := bytes.Clone(out.Data)
	copy(unsealed[len(unsealed)-64:], fp[len(fp)-64:])
	for name, bad := range map[string][]byte{
		"one byte changed": func() []byte { b := bytes.Clone(out.Data); b[len(b)/2] ^= 1; return b }(),
		"truncated":        out.Data[100:],
		"unsealed":         unsealed,
		"only the comment": append([]byte("PK\x03\x04"), out.Data[len(out.Data)-200:]...),
		"empty":            {},
		"the Markdown":     r.Outputs[0].Data,
	} {
		os.WriteFile(out.Path, bad, 0o644)
		r, err = File(example, dir, f, false)
		if err != nil || r.Outputs[1].Current || !bytes.Equal(r.Outputs[1].Data, out.Data) {
			t.Errorf("%s: current %v, same result %v, %v", name, r.Outputs[1].Current, bytes.Equal(r.Outputs[1].Data, out.Data), err)
		}
	}
	if SealedDOCX(out.Data, "dpa-fingerprint:"+string(bytes.Repeat([]byte("0"), 64))) {
		t.Error("sealed for another fingerprint")
	}
}

// TestDOCXUnavailable: without the typed document, a DOCX build fails with
// a clear error and no output.
func TestDOCXUnavailable(t *testing.T) {
	defer func(f func(*assemble.Document, *validate.Result) (*doc.Document, error)) { typed = f }(typed)
	typed = func(*assemble.Document, *validate.Result) (*doc.Document, error) {
		return nil, os.ErrInvalid
	}
	if _, err := File(example, t.TempDir(), []string{"docx"}, false); err == nil {
		t.Fatal("no error")
	}
}
