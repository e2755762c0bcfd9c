package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/dpa-tool/dpa/internal/build"
)

// TestRunOrderedPanic checks that a panicking item is reported as failed,
// that every other item still runs, and that items are emitted in order.
func TestRunOrderedPanic(t *testing.T) {
	for _, workers := range []int{1, 3, 16} {
		var emitted []int
		var mu sync.Mutex
		failed := map[int]string{}
		n := runOrdered(10, workers, nil,
			func(i int) {
				if i == 3 || i == 7 {
					var m map[string]int
					m["x"] = i // nil map: a runtime panic
				}
			},
			func(i int, msg string) { mu.Lock(); failed[i] = msg; mu.Unlock() },
			func(i int) { emitted = append(emitted, i) })
		if n != 10 || len(emitted) != 10 {
			t.Fatalf("workers %d: emitted %v (n=%d), want all 10", workers, emitted, n)
		}
		for i, e := range emitted {
			if e != i {
				t.Fatalf("workers %d: order %v", workers, emitted)
			}
		}
		if len(failed) != 2 || !strings.Contains(failed[3], "internal error: assignment to entry in nil map") || !strings.Contains(failed[7], "in cli.TestRunOrderedPanic") {
			t.Errorf("workers %d: failures %v", workers, failed)
		}
	}
}

// TestRunOrderedStop checks that a closed stop channel ends the run
// without starting more items.
func TestRunOrderedStop(t *testing.T) {
	stop := make(chan struct{})
	started := make(chan int, 100)
	n := runOrdered(100, 2, stop,
		func(i int) {
			started <- i
			switch {
			case i == 4:
				close(stop)
			case i > 4:
				// An item after the one that stops waits for the stop, so
				// that a worker cannot run ahead while item 4 is descheduled
				// (the bounds below hold on a loaded machine too).
				<-stop
			}
		},
		func(int, string) {}, func(int) {})
	if n > 5 {
		t.Errorf("emitted %d items after stop at item 4", n)
	}
	if len(started) > 7 {
		t.Errorf("started %d items after stop at item 4", len(started))
	}
}

// TestBuildSurvivesPanic: one description whose build panics is counted as
// failed; every other one is built and the summary is printed.
func TestBuildSurvivesPanic(t *testing.T) {
	defer func(f func(string, build.Options) (*build.Result, error)) { buildFile = f }(buildFile)
	real := buildFile
	buildFile = func(path string, o build.Options) (*build.Result, error) {
		if strings.HasSuffix(path, "client-0002.yaml") {
			panic(errors.New("boom"))
		}
		return real(path, o)
	}
	out := t.TempDir()
	_, errOut, code := run(t, "build", "-q", "--format", "md", "-o", out, "examples/batch")
	if code != exitError {
		t.Errorf("exit %d, want 1", code)
	}
	if !regexp.MustCompile(`(?m)^error: examples/batch/client-0002.yaml: internal error: boom`).MatchString(errOut) {
		t.Errorf("no internal error for client-0002 in:\n%s", errOut)
	}
	if !strings.HasSuffix(errOut, "\nbuilt 15, unchanged 0, invalid 0, failed 1\n") {
		t.Errorf("summary missing or wrong:\n%s", errOut)
	}
	for _, name := range []string{"client-0001.md", "client-0003.md", "client-0016.md"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("%s not built: %v", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "client-0002.md")); err == nil {
		t.Errorf("client-0002.md written despite the panic")
	}
}

// TestManifestHashesWhatWasBuilt: a profile edited while the batch runs is
// recorded with the hash of the bytes the agreement was built from, and a
// client whose first output was written before a failure lists it.
func TestManifestHashesWhatWasBuilt(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "batch"), os.DirFS("../../examples/batch")); err != nil {
		t.Fatal(err)
	}
	profile := filepath.Join(dir, "batch", "vendor", "nimbus.yaml")
	orig, _ := os.ReadFile(profile)
	defer func(f func(string, build.Options) (*build.Result, error)) { buildFile = f }(buildFile)
	real := buildFile
	buildFile = func(path string, o build.Options) (*build.Result, error) {
		r, err := real(path, o)
		if strings.HasSuffix(path, "client-0001.yaml") {
			os.WriteFile(profile, append(bytes.Clone(orig), "# edited\n"...), 0o644)
		}
		if strings.HasSuffix(path, "client-0002.yaml") {
			// The PDF cannot be written: its place is taken by a directory
			// that appears after the check.
			os.Mkdir(r.Outputs[1].Path, 0o755)
			os.WriteFile(filepath.Join(r.Outputs[1].Path, "x"), nil, 0o644)
		}
		return r, err
	}
	out := filepath.Join(dir, "out")
	manifest := filepath.Join(dir, "m.json")
	_, errOut, code := run(t, "build", "-q", "--jobs", "1", "-o", out, "--manifest", manifest, filepath.Join(dir, "batch", "client-0001.yaml"), filepath.Join(dir, "batch", "client-0002.yaml"))
	if code != exitError {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	var m build.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Agreements) != 2 {
		t.Fatalf("%s", b)
	}
	for _, a := range m.Agreements {
		if a.Inputs[1].SHA256 != build.Hash(orig) && strings.HasSuffix(a.Description, "0001.yaml") {
			t.Errorf("%s: profile recorded as %s, want the hash of the bytes read", a.Description, a.Inputs[1].SHA256)
		}
	}
	second := m.Agreements[1]
	if second.Status != "failed" || len(second.Outputs) != 1 || !strings.HasSuffix(second.Outputs[0].Path, "client-0002.md") {
		t.Errorf("failed client: %+v", second)
	}
	md, _ := os.ReadFile(filepath.Join(out, "client-0002.md"))
	if second.Outputs[0].SHA256 != build.Hash(md) {
		t.Errorf("hash of the written Markdown differs")
	}
}
