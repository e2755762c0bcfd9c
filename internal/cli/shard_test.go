package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// TestShardPartition checks that --shard K/N puts every input in exactly
// one shard, that the shards are about equal, and that adding inputs moves
// none of the others (issue 14: sharding for CI matrices).
func TestShardPartition(t *testing.T) {
	var inputs []input
	for i := 0; i < 600; i++ {
		inputs = append(inputs, input{Path: fmt.Sprintf("clients/client-%04d.yaml", i)})
	}
	for _, n := range []int{1, 2, 3, 7, 20} {
		seen := map[string]int{}
		for k := 1; k <= n; k++ {
			picked := shard{k, n}.pick(inputs)
			if n <= 7 && len(picked) < len(inputs)/n/2 {
				t.Errorf("shard %d/%d has only %d of %d inputs", k, n, len(picked), len(inputs))
			}
			for _, in := range picked {
				seen[in.Path]++
			}
		}
		for _, in := range inputs {
			if seen[in.Path] != 1 {
				t.Errorf("N=%d: %s is in %d shards", n, in.Path, seen[in.Path])
			}
		}
	}
	// Stable: a new file does not move the others.
	before := map[string]int{}
	for k := 1; k <= 4; k++ {
		for _, in := range (shard{k, 4}).pick(inputs) {
			before[in.Path] = k
		}
	}
	more := append(append([]input{}, inputs...), input{Path: "clients/aaa-new.yaml"}, input{Path: "clients/zzz-new.yaml"})
	for k := 1; k <= 4; k++ {
		for _, in := range (shard{k, 4}).pick(more) {
			if old, ok := before[in.Path]; ok && old != k {
				t.Errorf("%s moved from shard %d to %d when files were added", in.Path, old, k)
			}
		}
	}
	// The same path in another spelling is in the same shard.
	if (shard{2, 3}).has("clients/a.yaml") != (shard{2, 3}).has("./clients/a.yaml") {
		t.Error("./clients/a.yaml and clients/a.yaml are in different shards")
	}
}

// TestParseShard pins the accepted forms of --shard.
func TestParseShard(t *testing.T) {
	for _, s := range []string{"1/1", "2/4", "4/4", "10/12"} {
		if _, err := parseShard(s); err != nil {
			t.Errorf("parseShard(%q) = %v", s, err)
		}
	}
	for _, s := range []string{"", "0/3", "4/3", "1/0", "a/b", "1/3x", "-1/3", "1 /3", "2"} {
		if _, err := parseShard(s); err == nil || !isUsage(err) {
			t.Errorf("parseShard(%q) = %v, want a usage error", s, err)
		}
	}
}

// TestShardUnion builds the batch example once whole and once in three
// shards: the shards are disjoint, their union is the whole, and each
// shard's manifest lists its own descriptions.
func TestShardUnion(t *testing.T) {
	dir := t.TempDir()
	// A relative path: the shard of a file is a hash of its path as
	// given, so an absolute one made the split depend on where the
	// repository is checked out (under /work/wt-start, 9, 0 and 7 of the
	// 16 clients). Relative, it is 4, 9 and 3 everywhere.
	batch := "../../examples/batch"
	outputs := func(d string) []string {
		entries, _ := os.ReadDir(d)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return names
	}
	var stdout, stderr bytes.Buffer
	whole := filepath.Join(dir, "whole")
	if code := Run(context.Background(), testIO(&stdout, &stderr), []string{"build", "-q", "--format", "md", "-o", whole, batch}); code != 0 {
		t.Fatalf("unsharded build: exit %d\n%s", code, stderr.String())
	}
	want := outputs(whole)
	if len(want) < 10 {
		t.Fatalf("only %d outputs", len(want))
	}
	var union []string
	for k := 1; k <= 3; k++ {
		out := filepath.Join(dir, fmt.Sprintf("shard%d", k))
		code := Run(context.Background(), testIO(&stdout, &stderr), []string{"build", "-q", "--format", "md", "-o", out, "--shard", fmt.Sprintf("%d/3", k), "--manifest", "-", batch})
		if code != 0 {
			t.Fatalf("shard %d/3: exit %d\n%s", k, code, stderr.String())
		}
		got := outputs(out)
		if len(got) == 0 {
			t.Errorf("shard %d/3 built nothing", k)
		}
		union = append(union, got...)
		for _, name := range got {
			if !bytes.Contains(stdout.Bytes(), []byte(filepath.Join(out, name))) {
				t.Errorf("the manifest of shard %d/3 lacks %s", k, name)
			}
		}
	}
	sort.Strings(union)
	if fmt.Sprint(union) != fmt.Sprint(want) {
		t.Errorf("union of the shards:\n%v\nwant (unsharded, and no output twice):\n%v", union, want)
	}
}
