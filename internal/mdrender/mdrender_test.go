package mdrender_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	examples_ "github.com/dpa-tool/dpa/examples"
	"github.com/dpa-tool/dpa/internal/assemble"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/mdrender"
	"github.com/dpa-tool/dpa/internal/validate"
)

// TestRoundTrip: the typed document of every example renders to the
// Markdown the assembler wrote, byte for byte; the model loses nothing.
func TestRoundTrip(t *testing.T) {
	for _, ex := range examples_.Buildable {
		t.Run(ex, func(t *testing.T) {
			r, err := validate.File(filepath.Join("../../examples", ex))
			if err != nil || !r.Valid(false) {
				t.Fatalf("%v %v", err, r.Diags.Error())
			}
			d, err := assemble.Build(r.Desc, r.Plan, legal.MustLoad())
			if err != nil {
				t.Fatal(err)
			}
			got := mdrender.Render(d.Doc)
			if !bytes.Equal(got, d.Markdown) {
				gl, wl := strings.Split(string(got), "\n"), strings.Split(string(d.Markdown), "\n")
				for i := range min(len(gl), len(wl)) {
					if gl[i] != wl[i] {
						t.Fatalf("line %d:\n got %q\nwant %q", i+1, gl[i], wl[i])
					}
				}
				t.Fatalf("lengths differ: %d lines, want %d", len(gl), len(wl))
			}
		})
	}
}
