package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/examples"
	"github.com/dpa-tool/dpa/internal/validate"
)

// TestBatchBuilds checks that the command of the README gives a batch that
// validates as it is: the profile the clients extend is written too.
func TestBatchBuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "clients")
	var stderr bytes.Buffer
	if err := run([]string{"-n", "5", "-o", dir}, &stderr); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	got, err := os.ReadFile(filepath.Join(dir, "vendor", "nimbus.yaml"))
	if err != nil || !bytes.Equal(got, examples.NimbusProfile) {
		t.Fatalf("profile not written: %v", err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "client-*.yaml"))
	if len(files) != 5 {
		t.Fatalf("%d clients, want 5", len(files))
	}
	for _, f := range files {
		r, err := validate.File(f)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Valid(false) {
			t.Errorf("%s is invalid:\n%s", f, r.Diags.Error())
		}
	}
	// An existing profile is the user's: it is kept.
	os.WriteFile(filepath.Join(dir, "vendor", "nimbus.yaml"), []byte("kind: profile\n"), 0o644)
	if err := run([]string{"-n", "1", "-o", dir}, &stderr); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "vendor", "nimbus.yaml")); string(b) != "kind: profile\n" {
		t.Error("an existing profile was overwritten")
	}
}

// TestHelp checks that -h describes the tool, not just its flags.
func TestHelp(t *testing.T) {
	var stderr bytes.Buffer
	err := run([]string{"-h"}, &stderr)
	if err == nil {
		t.Fatal("-h: no flag.ErrHelp")
	}
	for _, want := range []string{"synthetic client descriptions", "writes that profile", "Usage:", "-n", "-profile"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("-h output lacks %q:\n%s", want, stderr.String())
		}
	}
}
