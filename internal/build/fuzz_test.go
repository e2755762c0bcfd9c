package build

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/dpa-tool/dpa/internal/load"
)

// FuzzBuild builds one description from arbitrary bytes, Markdown and PDF,
// with small limits so that each run is quick. It must never panic or
// fail for want of input checks: bad input is diagnostics, and a build
// that passes validation gives a Markdown agreement and a whole, sealed PDF,
// whose built-in body covers every element of Article 28.
// The description sits next to a copy of the batch example's vendor
// profile, so that clients that extend it build in full.
func FuzzBuild(f *testing.F) {
	var seeds []string
	for _, pattern := range []string{"../../examples/*/*.yaml", "../validate/testdata/bad/*.yaml", "../validate/testdata/hostile/*.yaml"} {
		m, _ := filepath.Glob(pattern)
		seeds = append(seeds, m...)
	}
	if len(seeds) < 30 {
		f.Fatalf("seeds: %d files", len(seeds))
	}
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil && len(b) <= 64<<10 {
			f.Add(b)
		}
	}
	defer func(a, b, c int64, d int) {
		load.MaxFileSize, load.MaxExpanded, MaxOldOutput, load.MaxNodes = a, b, c, d
	}(load.MaxFileSize, load.MaxExpanded, MaxOldOutput, load.MaxNodes)
	load.MaxFileSize, load.MaxExpanded, MaxOldOutput, load.MaxNodes = 64<<10, 64<<10, 4<<20, 2000

	dir := f.TempDir()
	profile, err := os.ReadFile("../../examples/batch/vendor/nimbus.yaml")
	if err != nil {
		f.Fatal(err)
	}
	os.Mkdir(filepath.Join(dir, "vendor"), 0o755)
	os.WriteFile(filepath.Join(dir, "vendor", "nimbus.yaml"), profile, 0o644)
	out := filepath.Join(dir, "out")
	os.Mkdir(out, 0o755)
	path := filepath.Join(dir, "fuzz.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		r, err := File(path, out, Formats, false)
		if err != nil {
			t.Fatalf("build error on input that passed validation: %v", err)
		}
		if len(r.Outputs) == 0 {
			return
		}
		if len(r.Lint) > 0 {
			t.Fatalf("the built-in body misses an element of Article 28: %v", r.Lint[0].Msg)
		}
		md, p := r.Outputs[0].Data, r.Outputs[1].Data
		if len(md) == 0 || !bytes.HasPrefix(p, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(p), []byte("%%EOF")) {
			t.Fatalf("outputs: %d bytes of Markdown, PDF starts %q", len(md), p[:min(len(p), 8)])
		}
		if !Sealed(p, r.PDFFingerprint()) {
			t.Fatal("the PDF is not sealed")
		}
	})
}
