package validate

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/golden"
)

// exampleFiles lists every description under examples/, profiles included.
func exampleFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir("../../examples", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".yaml") {
			files = append(files, p)
		}
		return err
	})
	if err != nil || len(files) < 5 {
		t.Fatalf("examples: %v (found %d)", err, len(files))
	}
	return files
}

// TestExamplesValidate checks that every example (and its profile) is valid
// and that the non-profiles produce a plan.
func TestExamplesValidate(t *testing.T) {
	for _, f := range exampleFiles(t) {
		t.Run(f, func(t *testing.T) {
			r, err := File(f)
			if err != nil {
				t.Fatal(err)
			}
			if !r.Valid(false) {
				t.Fatalf("not valid:\n%s", r.Diags.Error())
			}
			if !r.Profile && (r.Desc == nil || r.Plan == nil) {
				t.Fatal("valid description without a model or plan")
			}
		})
	}
}

// TestBadInput validates every file under testdata/bad and compares the
// diagnostics (text and JSON) with golden files. Each must be invalid.
func TestBadInput(t *testing.T) {
	files, _ := filepath.Glob("testdata/bad/*.yaml")
	files = append(files, "testdata/bad/cycle/a.yaml")
	if len(files) < 15 {
		t.Fatalf("only %d bad inputs", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			r, err := File(f)
			if err != nil {
				t.Fatal(err)
			}
			if r.Valid(false) {
				t.Fatalf("accepted bad input %s", f)
			}
			for _, d := range r.Diags {
				if d.Pos.Line == 0 && d.Severity == diag.Error {
					t.Errorf("error without a line: %s", d.Msg)
				}
			}
			var text, js bytes.Buffer
			r.Diags.WriteText(&text)
			if err := r.Diags.WriteJSON(&js); err != nil {
				t.Fatal(err)
			}
			base := strings.TrimSuffix(f, ".yaml")
			golden.Check(t, base+".txt", text.Bytes())
			golden.Check(t, base+".json", js.Bytes())
		})
	}
}

// TestGoodVariants checks that a BOM and CRLF line ends change nothing.
func TestGoodVariants(t *testing.T) {
	ref, err := File("../../examples/saas-us/northwind.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"testdata/good/bom.yaml", "testdata/good/crlf.yaml"} {
		r, err := File(f)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Valid(false) {
			t.Fatalf("%s: %s", f, r.Diags.Error())
		}
		if r.Desc.Parties[0].Address != ref.Desc.Parties[0].Address || r.Desc.Agreement.Date != ref.Desc.Agreement.Date {
			t.Errorf("%s decodes differently from the original", f)
		}
		if len(r.Diags) != len(ref.Diags) {
			t.Errorf("%s: %d diagnostics, original has %d", f, len(r.Diags), len(ref.Diags))
		}
	}
}

// TestHugeInputs covers a 50 MB scalar and 10,000-deep nesting end to end.
func TestHugeInputs(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	data := append([]byte("version: 1\nname: "), bytes.Repeat([]byte("x"), 50<<20)...)
	if err := os.WriteFile(big, data, 0o644); err != nil {
		t.Fatal(err)
	}
	deep := filepath.Join(dir, "deep.yaml")
	if err := os.WriteFile(deep, []byte("version: 1\nx: "+strings.Repeat("[", 10000)+strings.Repeat("]", 10000)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for f, want := range map[string]string{big: "larger than", deep: "deep"} {
		r, err := File(f)
		if err != nil {
			t.Fatal(err)
		}
		if r.Valid(false) || !strings.Contains(r.Diags.Error(), want) {
			t.Errorf("%s: want an error containing %q, got %q", filepath.Base(f), want, r.Diags.Error())
		}
	}
}
