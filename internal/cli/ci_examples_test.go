package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestCIExamples checks the CI files of docs/ci: each is valid YAML,
// and every dpa command in them parses (flags, --shard values) with the
// shard variables of the CI engine filled in.
func TestCIExamples(t *testing.T) {
	files, _ := filepath.Glob("../../docs/ci/*.yml")
	if len(files) < 2 {
		t.Fatalf("want the GitHub Actions and GitLab CI examples, found %v", files)
	}
	vars := strings.NewReplacer("${{ matrix.shard }}", "3", "${CI_NODE_INDEX}", "3", "${CI_NODE_TOTAL}", "4")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := yaml.Unmarshal(b, &v); err != nil {
			t.Errorf("%s: %v", f, err)
		}
		n := 0
		for _, line := range strings.Split(string(b), "\n") {
			i := strings.Index(line, "dpa build")
			if i < 0 || strings.HasPrefix(strings.TrimSpace(line), "#") {
				continue
			}
			args := strings.Fields(vars.Replace(line[i+len("dpa "):]))
			var got *buildOptions
			var out, errOut bytes.Buffer
			cmd := newCmdBuild(testIO(&out, &errOut), func(o *buildOptions) error { got = o; return nil })
			cmd.SetArgs(args[1:])
			cmd.SetOut(&out)
			cmd.SetErr(&errOut)
			if err := cmd.Execute(); err != nil || got == nil {
				t.Errorf("%s: dpa %s: %v", f, strings.Join(args, " "), err)
				continue
			}
			if got.Shard != (shard{3, 4}) || !got.Recursive {
				t.Errorf("%s: dpa %s: shard %v, recursive %v", f, strings.Join(args, " "), got.Shard, got.Recursive)
			}
			n++
		}
		if n == 0 {
			t.Errorf("%s has no dpa build command", f)
		}
	}
}
