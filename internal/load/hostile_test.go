package load

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestPositions pins the place of errors that yaml.v3 reports one line off
// or without a position.
func TestPositions(t *testing.T) {
	tests := []struct {
		name, data, code string
		line, col        int
	}{
		{"tab indentation", "version: 1\nagreement:\n  title: x\n\treference: y\n", "load.syntax", 4, 1},
		{"tab before a list item", "version: 1\nparties:\n\t- a\n", "load.syntax", 3, 1},
		{"undefined alias", "version: 1\nagreement:\n  title: *nope\n", "load.syntax", 3, 10},
		{"block scalar header", "version: 1\nagreement:\n  title: |x\n    abc\n", "load.syntax", 3, 1},
		{"control character", "version: 1\nagreement:\n  title: a\x01b\n", "load.control", 3, 11},
		{"escape character", "version: 1\nname: \x1b[31mred\n", "load.control", 2, 7},
		{"C1 control", "version: 1\nname: a\u0090b\n", "load.control", 2, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, l := Parse("f.yaml", []byte(tt.data))
			e := firstError(l)
			if e == nil || e.Code != tt.code || e.Pos.Line != tt.line || e.Pos.Col != tt.col {
				t.Fatalf("got %v, want %s at %d:%d", l, tt.code, tt.line, tt.col)
			}
		})
	}
}

// TestAliasBytes: a large anchored string repeated by aliases is stopped
// by its expanded size, at the alias that crosses the limit, at once.
func TestAliasBytes(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 1\nx: &big " + strings.Repeat("a", 1<<20) + "\nl:\n")
	for i := 0; i < 100; i++ {
		b.WriteString("  - *big\n")
	}
	start := time.Now()
	_, l := Parse("f.yaml", []byte(b.String()))
	e := firstError(l)
	if e == nil || e.Code != "load.aliases" || e.Pos.Line != 12 || e.Pos.Col != 5 || !strings.Contains(e.Msg, "alias *big expands the document to more than 10 MiB of text") {
		t.Fatalf("got %v, want load.aliases at 12:5", l)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
	// As keys too.
	_, l = Parse("f.yaml", []byte("x: &k "+strings.Repeat("k", 1<<20)+"\nl:\n"+strings.Repeat("  - {*k : 1}\n", 20)))
	if e := firstError(l); e == nil || e.Code != "load.aliases" {
		t.Errorf("aliased keys: got %v", l)
	}
}

// TestManyValues: a long description without aliases is not called alias
// expansion.
func TestManyValues(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 1\nparties:\n")
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&b, "  - p%d\n", i)
	}
	_, l := Parse("f.yaml", []byte(b.String()))
	e := firstError(l)
	if e == nil || e.Code != "load.values" || strings.Contains(e.Msg, "alias") {
		t.Fatalf("got %v, want load.values", l)
	}
}

// TestHostileExtends: extends names only relative .yaml/.yml files that
// are regular files declaring kind: profile, and quotes nothing of any other
// file; cycles (also through symbolic links) and long chains end.
func TestHostileExtends(t *testing.T) {
	secret := "root:$6$secretHASH:19000:0:99999:7:::\nbin:*:19000:0:99999:7:::\n"
	dir := write(t, map[string]string{
		"etc/shadow":             secret,
		"etc/shadow.yaml":        secret,
		"etc/notprofile.yaml":    "root: secretHASH\nbin: x\n",
		"c/abs.yaml":             "extends: /etc/passwd\nversion: 1\n",
		"c/shadow.yaml":          "extends: ../etc/shadow\nversion: 1\n",
		"c/stdin.yaml":           "extends: ../dev/stdin\nversion: 1\n",
		"c/plain.yaml":           "extends: ../etc/shadow.yaml\nversion: 1\n",
		"c/notprofile.yaml":      "extends: ../etc/notprofile.yaml\nversion: 1\n",
		"c/sibling.yaml":         "extends: ../profiles/vendor.yaml\nversion: 1\n",
		"profiles/vendor.yaml":   "kind: profile\nversion: 1\nagreement: {title: T}\n",
		"c/linkloop.yaml":        "extends: loop/vendor.yaml\nversion: 1\n",
		"c/fifo.yaml":            "extends: ../pipe.yaml\nversion: 1\n",
		"c/linked.yaml":          "extends: ../zero.yaml\nversion: 1\n",
		"c/linkedsecret.yaml":    "extends: ../hidden-link.yaml\nversion: 1\n",
		"c/selfloop.yaml":        "extends: ../self.yaml\nversion: 1\n",
		"loopy/vendor.yaml":      "kind: profile\nextends: ../loopy/sub/vendor.yaml\n",
		"chain/p0.yaml":          "version: 1\nextends: p1.yaml\n",
		"chain/ok/p0.yaml":       "version: 1\nextends: p1.yaml\n",
		"c/dirprofile.yaml":      "extends: ../profiles.yaml\nversion: 1\n",
		"profiles.yaml/x":        "",
		"c/missing.yaml":         "extends: ../nowhere.yaml\nversion: 1\n",
		"c/backslash.yaml":       "extends: '\\\\server\\share\\p.yaml'\nversion: 1\n",
		"c/uppercase.yaml":       "extends: ../profiles/UP.YML\nversion: 1\n",
		"profiles/UP.YML":        "kind: profile\nversion: 1\n",
		"c/anchored.yaml":        "extends: &e ../profiles/vendor.yaml\nversion: 1\nx: *e\n",
		"c/quotedkind.yaml":      "extends: ../etc/kindlist.yaml\nversion: 1\n",
		"etc/kindlist.yaml":      "kind: [profile]\nsecret: x\n",
		"chain/ok/placeholder.x": "",
	})
	for i := 1; i <= MaxExtends+1; i++ {
		p := fmt.Sprintf("kind: profile\nextends: p%d.yaml\n", i+1)
		if i == MaxExtends+1 {
			p = "kind: profile\n"
		}
		os.WriteFile(filepath.Join(dir, "chain", fmt.Sprintf("p%d.yaml", i)), []byte(p), 0o644)
		if i < MaxExtends {
			os.WriteFile(filepath.Join(dir, "chain/ok", fmt.Sprintf("p%d.yaml", i)), []byte(p), 0o644)
		} else if i == MaxExtends {
			os.WriteFile(filepath.Join(dir, "chain/ok", fmt.Sprintf("p%d.yaml", i)), []byte("kind: profile\n"), 0o644)
		}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(syscall.Mkfifo(filepath.Join(dir, "pipe.yaml"), 0o644))
	must(os.Symlink("/dev/zero", filepath.Join(dir, "zero.yaml")))
	must(os.Symlink("etc/shadow", filepath.Join(dir, "hidden-link.yaml")))
	must(os.Symlink("self.yaml", filepath.Join(dir, "self.yaml")))
	must(os.Symlink(".", filepath.Join(dir, "c/loop")))
	must(os.WriteFile(filepath.Join(dir, "c/vendor.yaml"), []byte("kind: profile\nextends: loop/loop/vendor.yaml\n"), 0o644))
	must(os.Mkdir(filepath.Join(dir, "loopy/x"), 0o755))
	must(os.Symlink(".", filepath.Join(dir, "loopy/sub")))

	tests := []struct{ file, code, msg string }{
		{"c/abs.yaml", "load.extends", `extends takes a relative path, not the absolute path "/etc/passwd"`},
		{"c/backslash.yaml", "load.extends", "not the absolute path"},
		{"c/shadow.yaml", "load.extends", `extends "../etc/shadow" does not name a .yaml or .yml file`},
		{"c/stdin.yaml", "load.extends", "does not name a .yaml or .yml file"},
		{"c/plain.yaml", "load.extends", "is not a profile"},
		{"c/notprofile.yaml", "load.extends", `"../etc/notprofile.yaml" is not a profile`},
		{"c/quotedkind.yaml", "load.extends", "is not a profile"},
		{"c/fifo.yaml", "load.extends", "pipe.yaml\": not a regular file"},
		{"c/linked.yaml", "load.extends", "the file it leads to is not a .yaml or .yml file"},
		{"c/linkedsecret.yaml", "load.extends", "the file it leads to is not a .yaml or .yml file"},
		{"c/selfloop.yaml", "load.extends", "symbolic link cycle"},
		{"c/linkloop.yaml", "load.cycle", "closes a cycle"},
		{"loopy/vendor.yaml", "load.cycle", "closes a cycle"},
		{"chain/p0.yaml", "load.extends", "the chain of extends is longer than 16 profiles"},
		{"c/dirprofile.yaml", "load.extends", "is a directory"},
		{"c/missing.yaml", "load.extends", "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			done := make(chan struct{})
			var d *Doc
			var l []string
			var code, msg string
			go func() {
				defer close(done)
				dd, ll := Load(filepath.Join(dir, tt.file))
				d = dd
				for _, x := range ll {
					l = append(l, x.Msg+" "+x.Hint)
				}
				if e := firstError(ll); e != nil {
					code, msg = e.Code, e.Msg
				}
			}()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("Load hangs")
			}
			if d != nil || code != tt.code || !strings.Contains(msg, tt.msg) {
				t.Fatalf("got %s %q (%v), want %s %q", code, msg, l, tt.code, tt.msg)
			}
			for _, m := range l {
				if strings.Contains(m, "secret") || strings.Contains(m, "root") {
					t.Errorf("message quotes the file: %q", m)
				}
			}
		})
	}
	for _, ok := range []string{"c/sibling.yaml", "chain/ok/p0.yaml", "c/uppercase.yaml", "c/anchored.yaml"} {
		if d, l := Load(filepath.Join(dir, ok)); d == nil || l.HasErrors() {
			t.Errorf("%s: %v", ok, l)
		}
	}
}

// TestSums: the manifest's hashes are of the bytes the tree was built from.
func TestSums(t *testing.T) {
	dir := write(t, map[string]string{
		"c.yaml":    "extends: p/v.yaml\nversion: 1\n",
		"p/v.yaml":  "kind: profile\nversion: 1\n",
		"other.txt": "",
	})
	d, l := Load(filepath.Join(dir, "c.yaml"))
	if d == nil {
		t.Fatal(l)
	}
	for i, f := range d.Files {
		b, _ := os.ReadFile(f)
		s := sha256.Sum256(b)
		if d.Sums[i] != hex.EncodeToString(s[:]) {
			t.Errorf("%s: sum %s", f, d.Sums[i])
		}
	}
	if len(d.Files) != 2 {
		t.Errorf("files %v", d.Files)
	}
}
