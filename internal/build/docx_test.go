package build

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/dpa-tool/dpa/internal/docx"
)

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
	fp, _ := r.DOCXFingerprint()
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
