package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dpa-tool/dpa/internal/atomicfile"
	"github.com/dpa-tool/dpa/internal/build"
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

// TestBatchCommitsTogether: the outputs of a group of descriptions are
// flushed to disk together and renamed after the last of the group is
// built, in input order, each result emitted after its own.
func TestBatchCommitsTogether(t *testing.T) {
	lg, err := legal.Load()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var inputs []input
	src, _ := os.ReadFile("../../examples/saas-us/northwind.yaml")
	for _, n := range []string{"a", "b", "c"} {
		p := filepath.Join(dir, n+".yaml")
		os.WriteFile(p, src, 0o644)
		inputs = append(inputs, input{Path: p})
	}
	out := filepath.Join(dir, "out")
	os.Mkdir(out, 0o755)
	var renames atomic.Int32
	var renamed []string
	atomicfile.AfterRename = func(p string) {
		renames.Add(1)
		renamed = append(renamed, filepath.Base(p))
	}
	// The last description takes long: a batch that renamed each
	// description's outputs when it is done would rename a and b meanwhile.
	renamesBeforeLast := int32(-1)
	buildFile = func(path string, o build.Options) (*build.Result, error) {
		res, err := build.FileWith(path, o)
		if filepath.Base(path) == "c.yaml" {
			time.Sleep(100 * time.Millisecond)
			renamesBeforeLast = renames.Load()
		}
		return res, err
	}
	var flushes []int
	atomicfile.Flushed = func(files int, _ bool) { flushes = append(flushes, files) }
	defer func() { atomicfile.AfterRename, atomicfile.Flushed, buildFile = nil, nil, build.FileWith }()
	b := &batch{out: out, formats: []string{"md"}, jobs: 1, legal: lg}
	var emittedAfter []int
	n := b.run(inputs, nil, func(i int, r *buildResult) {
		emittedAfter = append(emittedAfter, len(renamed))
		if !r.built() || len(r.wrote) != 1 {
			t.Errorf("result %d: %+v", i, r)
		}
	})
	if n != 3 {
		t.Fatalf("%d results emitted", n)
	}
	if renamesBeforeLast != 0 {
		t.Errorf("%d outputs renamed before the last of the group was built, want 0", renamesBeforeLast)
	}
	if fmt.Sprint(flushes) != "[3]" {
		t.Errorf("flushes of %v files, want one of the 3 outputs", flushes)
	}
	if want := "a.md b.md c.md"; strings.Join(renamed, " ") != want {
		t.Errorf("renamed %v, want %s", renamed, want)
	}
	if want := "[1 2 3]"; fmt.Sprint(emittedAfter) != want {
		t.Errorf("results emitted after %v renames, want %s", emittedAfter, want)
	}
}

// TestBatchPanicAfterStage: a panic after a description's outputs are
// staged fails that description only and leaves no temporary file.
func TestBatchPanicAfterStage(t *testing.T) {
	lg, err := legal.Load()
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	afterStage = func(r *buildResult) {
		if len(r.outs) > 0 && strings.HasSuffix(r.in.Path, "northwind.yaml") {
			panic("planted")
		}
	}
	defer func() { afterStage = nil }()
	inputs := []input{{Path: "../../examples/saas-us/northwind.yaml"}, {Path: "../../examples/eea-only/fjord-lumen.yaml"}}
	b := &batch{out: out, formats: []string{"md", "pdf"}, jobs: 1, legal: lg}
	var got []*buildResult
	b.run(inputs, nil, func(i int, r *buildResult) { got = append(got, r) })
	if len(got) != 2 || got[0].outcome != outcomeFailed || !strings.Contains(fmt.Sprint(got[0].err), "planted") {
		t.Fatalf("results %+v", got)
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if atomicfile.IsTemp(e.Name()) || strings.HasPrefix(e.Name(), "northwind") {
			t.Errorf("left in the output directory: %s", e.Name())
		}
	}
}
