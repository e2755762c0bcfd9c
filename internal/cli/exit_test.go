package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExitCodes pins the exit-code contract of "dpa help exit-codes": each
// command runs through its entry point (Run) once per error class, and the
// status must be exactly the documented one. testscript's "!" only asserts
// a non-zero status, so without this table "invalid" or "stale" could turn
// into 1 with every other test still green (issue 14).
func TestExitCodes(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	good := filepath.Join(root, "examples", "saas-us", "northwind.yaml")
	warn := filepath.Join(root, "examples", "eea-only", "fjord-lumen.yaml")
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	src, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	invalid := write("invalid.yaml", "version: 1\nagreement: {date: 2026-01-01, titel: x}\n")
	missing := filepath.Join(dir, "missing.yaml")
	existing := write("existing.yaml", "version: 1\n")
	client := write("built/northwind.yaml", string(src))
	out := filepath.Join(dir, "out")
	blocker := write("blocker", "a file where a directory is needed")
	empty := filepath.Join(dir, "emptydir")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	orphanOut := filepath.Join(dir, "orphans")
	if code := Run(context.Background(), testIO(&bytes.Buffer{}, &bytes.Buffer{}), []string{"build", "-q", "--format", "md", "-o", orphanOut, client}); code != 0 {
		t.Fatalf("setting up: build exited %d", code)
	}
	write("orphans/deleted-client.md", "an agreement whose description is gone\n")

	// A current output directory for --check, built once.
	var so, se bytes.Buffer
	if code := Run(context.Background(), testIO(&so, &se), []string{"build", "-q", "--format", "md", "-o", out, client}); code != 0 {
		t.Fatalf("setting up: build exited %d: %s", code, se.String())
	}
	staleOut := filepath.Join(dir, "stale")
	if code := Run(context.Background(), testIO(&so, &se), []string{"build", "-q", "--format", "md", "-o", staleOut, client}); code != 0 {
		t.Fatalf("setting up: build exited %d", code)
	}
	if err := os.WriteFile(filepath.Join(staleOut, "northwind.md"), []byte("edited by hand\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	badTemplates := filepath.Join(dir, "badtemplates")
	if err := os.MkdirAll(badTemplates, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"module-2.md", "body.md.tmpl"} {
		if err := os.WriteFile(filepath.Join(badTemplates, name), []byte("x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	tests := []struct {
		class string
		args  []string
		want  int
	}{
		// 0: success.
		{"no command (help)", nil, exitOK},
		{"version", []string{"version"}, exitOK},
		{"--version", []string{"--version"}, exitOK},
		{"help topic", []string{"help", "exit-codes"}, exitOK},
		{"schema", []string{"schema"}, exitOK},
		{"init to stdout", []string{"init"}, exitOK},
		{"init FILE", []string{"init", filepath.Join(dir, "new.yaml")}, exitOK},
		{"validate valid", []string{"validate", good}, exitOK},
		{"validate warning", []string{"validate", warn}, exitOK},
		{"explain valid", []string{"explain", good}, exitOK},
		{"build valid", []string{"build", "-q", "--format", "md", "-o", filepath.Join(dir, "out2"), good}, exitOK},
		{"build --check current", []string{"build", "--check", "--format", "md", "-o", out, client}, exitOK},
		{"templates list", []string{"templates", "list", good}, exitOK},
		{"templates export", []string{"templates", "export", filepath.Join(dir, "exported")}, exitOK},
		{"help templates", []string{"help", "templates"}, exitOK},

		// 1: failure while reading or writing.
		{"validate missing file", []string{"validate", missing}, exitError},
		{"explain missing file", []string{"explain", missing}, exitError},
		{"build missing file", []string{"build", missing}, exitError},
		{"build --check missing file", []string{"build", "--check", missing}, exitError},
		{"init existing file", []string{"init", existing}, exitError},
		{"init into a missing directory", []string{"init", filepath.Join(dir, "nodir", "x.yaml")}, exitError},
		{"build -o cannot be created", []string{"build", "-o", filepath.Join(blocker, "out"), good}, exitError},
		{"batch: failure beats invalid", []string{"validate", invalid, missing}, exitError},
		{"validate: no description", []string{"validate", empty}, exitError},
		{"explain: no description", []string{"explain", empty}, exitError},
		{"build: no description", []string{"build", empty}, exitError},
		{"build --check: no description", []string{"build", "--check", empty}, exitError},
		{"build: templates directory missing", []string{"build", "-o", filepath.Join(dir, "out5"), "--templates", filepath.Join(dir, "notemplates"), good}, exitError},
		{"build: template refused", []string{"build", "-o", filepath.Join(dir, "out5"), "--templates", badTemplates, good}, exitError},
		{"templates list: template refused", []string{"templates", "list", "--templates", badTemplates}, exitError},
		{"templates export over existing files", []string{"templates", "export", badTemplates}, exitError},
		{"templates list invalid", []string{"templates", "list", invalid}, exitInvalid},

		// 2: usage.
		{"unknown command", []string{"frobnicate"}, exitUsage},
		{"unknown flag", []string{"validate", "--nope", good}, exitUsage},
		{"validate without input", []string{"validate"}, exitUsage},
		{"explain without input", []string{"explain"}, exitUsage},
		{"build without input", []string{"build"}, exitUsage},
		{"validate --format xml", []string{"validate", "--format", "xml", good}, exitUsage},
		{"explain --format xml", []string{"explain", "--format", "xml", good}, exitUsage},
		{"build --format rtf", []string{"build", "--format", "rtf", good}, exitUsage},
		{"build --jobs 0", []string{"build", "--jobs", "0", good}, exitUsage},
		{"init --module 4", []string{"init", "--module", "4"}, exitUsage},
		{"init two files", []string{"init", "a.yaml", "b.yaml"}, exitUsage},
		{"init --schema without FILE", []string{"init", "--schema"}, exitUsage},
		{"schema with an argument", []string{"schema", "x"}, exitUsage},
		{"version with an argument", []string{"version", "x"}, exitUsage},
		{"build: two inputs write one output", []string{"build", "-o", out, good, client}, exitUsage},
		{"build --check --manifest", []string{"build", "--check", "--manifest", filepath.Join(dir, "m.json"), good}, exitUsage},
		{"build --prune without -o", []string{"build", "--prune", good}, exitUsage},
		{"build --shard 0/2", []string{"build", "--shard", "0/2", good}, exitUsage},
		{"validate --shard 3/2", []string{"validate", "--shard", "3/2", good}, exitUsage},
		{"build -o - of PDF", []string{"build", "-o", "-", good}, exitUsage},
		{"build from stdin", []string{"build", "-"}, exitUsage},
		{"templates unknown command", []string{"templates", "frobnicate"}, exitUsage},
		{"templates export without DIR", []string{"templates", "export"}, exitUsage},
		{"templates list two files", []string{"templates", "list", good, client}, exitUsage},

		// 3: invalid description.
		{"validate invalid", []string{"validate", invalid}, exitInvalid},
		{"validate --strict warning", []string{"validate", "--strict", warn}, exitInvalid},
		{"explain invalid", []string{"explain", invalid}, exitInvalid},
		{"build invalid", []string{"build", "-o", filepath.Join(dir, "out3"), invalid}, exitInvalid},
		{"build --strict warning", []string{"build", "--strict", "--format", "md", "-o", filepath.Join(dir, "out4"), warn}, exitInvalid},
		{"build --check invalid", []string{"build", "--check", "-o", out, invalid}, exitInvalid},
		{"batch: invalid beats stale", []string{"build", "--check", "--format", "md", "-o", staleOut, client, invalid}, exitInvalid},

		// 4: build --check found a missing or stale output.
		{"build --check missing output", []string{"build", "--check", "-o", filepath.Join(dir, "empty"), good}, exitStale},
		{"build --check stale output", []string{"build", "--check", "--format", "md", "-o", staleOut, client}, exitStale},
		{"build --check orphaned output", []string{"build", "--check", "--format", "md", "-o", orphanOut, client}, exitStale},
	}
	for _, tt := range tests {
		t.Run(tt.class, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := Run(context.Background(), testIO(&stdout, &stderr), tt.args)
			if code != tt.want {
				t.Errorf("dpa %s: exit %d, want %d\nstderr:\n%s", strings.Join(tt.args, " "), code, tt.want, stderr.String())
			}
			if strings.Contains(stderr.String(), "panic") {
				t.Errorf("dpa %s panicked:\n%s", strings.Join(tt.args, " "), stderr.String())
			}
		})
	}
}

// TestUnmarkedErrorIsFailure checks that an error nobody marked as a usage
// error exits 1, not 2.
func TestUnmarkedErrorIsFailure(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want int
	}{
		{errors.New("disk on fire"), exitError},
		{usageErrorf("missing %s", "FILE"), exitUsage},
		{exitCode(exitInvalid, ""), exitInvalid},
		{exitCode(exitStale, ""), exitStale},
		{fileError(exitError, "x.yaml", "cannot read"), exitError},
	} {
		if got := codeOf(tt.err); got != tt.want {
			t.Errorf("codeOf(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}

func testIO(out, errOut *bytes.Buffer) *IOStreams {
	out.Reset()
	errOut.Reset()
	return &IOStreams{In: bytes.NewReader(nil), Out: out, ErrOut: errOut, Getenv: func(string) string { return "" }}
}
