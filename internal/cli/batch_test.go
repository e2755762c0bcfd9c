package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/legal"
)

// TestBatchResults runs the batch runner on its own: it returns each
// description's result in input order (built, then unchanged, then stale
// under check; invalid and unreadable ones with their outcome), records a
// manifest entry only when asked, and writes only outside check mode.
func TestBatchResults(t *testing.T) {
	lg, err := legal.Load()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("version: 1\nparties: nope\n"), 0o644)
	inputs := []input{{Path: "../../examples/saas-us/northwind.yaml"}, {Path: bad}, {Path: filepath.Join(dir, "gone.yaml"), Missing: os.ErrNotExist}}
	out := filepath.Join(dir, "out")
	os.Mkdir(out, 0o755)
	run := func(b *batch) []*buildResult {
		var got []*buildResult
		n := b.run(inputs, nil, func(i int, r *buildResult) {
			if i != len(got) {
				t.Errorf("result %d emitted at position %d", i, len(got))
			}
			got = append(got, r)
		})
		if n != len(inputs) {
			t.Fatalf("%d of %d results", n, len(inputs))
		}
		return got
	}
	b := &batch{out: out, formats: []string{"md"}, jobs: 2, legal: lg}
	got := run(b)
	if !got[0].built() || len(got[0].wrote) != 1 || got[1].outcome != outcomeInvalid || got[2].outcome != outcomeFailed || got[2].err == nil {
		t.Fatalf("first run: %+v %+v %+v", got[0], got[1], got[2])
	}
	if got[0].entry.Description != "" {
		t.Errorf("a manifest entry without --manifest: %+v", got[0].entry)
	}
	b.manifest = true
	got = run(b)
	if got[0].built() || got[0].outcome != outcomeOK || got[0].entry.Status != "unchanged" || len(got[0].entry.Outputs) != 1 || got[1].entry.Status != "invalid" || got[2].entry.Status != "failed" {
		t.Fatalf("second run: %+v", got[0])
	}
	md := filepath.Join(out, "northwind.md")
	os.WriteFile(md, []byte("edited\n"), 0o644)
	b.check, b.manifest = true, false
	got = run(b)
	if got[0].outcome != outcomeStale || len(got[0].stale) != 1 || !strings.HasPrefix(got[0].stale[0], md+": differs") {
		t.Fatalf("check: %+v", got[0])
	}
	if data, _ := os.ReadFile(md); string(data) != "edited\n" {
		t.Error("check wrote an output")
	}
}
