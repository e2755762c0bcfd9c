package verify

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/dpa-tool/dpa/clauses"
)

// TestFourModules: verify knows every module whose clause data exists. With
// the reference texts of Modules One and Four added to the embedded
// Modules Two and Three, the reference text of each module is recognised
// as that module, from its wording.
func TestFourModules(t *testing.T) {
	ref := filepath.Join("..", "..", "..", "shared", "reference", "scc")
	fsys := fstest.MapFS{}
	for n := 1; n <= 4; n++ {
		name := "module-" + string(rune('0'+n)) + ".md"
		b, err := clauses.FS.ReadFile("scc-2021-914/" + name)
		if err != nil {
			b, err = os.ReadFile(filepath.Join(ref, name))
		}
		if err != nil {
			t.Skipf("no clause data or reference text for Module %d (%v)", n, err)
		}
		fsys["scc/"+name] = &fstest.MapFile{Data: b}
	}
	l, err := loadFS(fsys, "scc")
	if err != nil {
		t.Fatal(err)
	}
	if len(l.modules) != 4 {
		t.Fatalf("%d modules loaded, want 4", len(l.modules))
	}
	for n := 1; n <= 4; n++ {
		b, err := os.ReadFile(filepath.Join(ref, "module-"+string(rune('0'+n))+".md"))
		if err != nil {
			t.Skip(err)
		}
		r := l.verify("module.md", string(b))
		if len(r.Addenda) != 1 || r.Addenda[0].Module != n {
			var got []int
			for _, a := range r.Addenda {
				got = append(got, a.Module)
			}
			t.Errorf("reference of Module %d recognised as %v", n, got)
		}
	}
}
