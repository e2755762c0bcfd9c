package load

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestProfileParsedOnce checks that descriptions extending one profile
// share its parsed tree, that an edited profile is parsed again, and that
// the merged trees are those of a fresh parse.
func TestProfileParsedOnce(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("vendor.yaml", "kind: profile\nversion: 1\nagreement:\n  title: Vendor terms\n")
	a := write("a.yaml", "version: 1\nextends: vendor.yaml\nparties: []\n")
	b := write("b.yaml", "version: 1\nextends: vendor.yaml\nagreement:\n  reference: B-1\n")
	profiles = &parseCache{max: 2}
	da, la := Load(a)
	db, lb := Load(b)
	if la.HasErrors() || lb.HasErrors() || da == nil || db == nil {
		t.Fatalf("load: %v %v", la, lb)
	}
	if len(profiles.entries) != 1 {
		t.Fatalf("cache holds %d entries after two descriptions of one profile, want 1", len(profiles.entries))
	}
	if got := da.Root.Get("agreement").Get("title").Value; got != "Vendor terms" {
		t.Errorf("a: title %q from the profile, want Vendor terms", got)
	}
	if got := db.Root.Get("agreement").Get("title").Value; got != "Vendor terms" {
		t.Errorf("b: title %q from the profile, want Vendor terms", got)
	}
	// The cached tree gives what a fresh parse gives.
	profiles = &parseCache{max: 2}
	fresh, _ := Load(b)
	if !reflect.DeepEqual(fresh.Tree, db.Tree) {
		t.Errorf("tree from the cached profile differs from a fresh parse:\n%v\n%v", db.Tree, fresh.Tree)
	}
	// An edited profile is parsed again.
	write("vendor.yaml", "kind: profile\nversion: 1\nagreement:\n  title: New terms\n")
	dc, _ := Load(a)
	if got := dc.Root.Get("agreement").Get("title").Value; got != "New terms" {
		t.Errorf("after editing the profile: title %q, want New terms", got)
	}
	if len(profiles.entries) != 2 {
		t.Errorf("cache holds %d entries, want 2 (old and new content)", len(profiles.entries))
	}
	// The cache keeps at most max entries.
	write("vendor.yaml", "kind: profile\nversion: 1\nagreement:\n  title: Third terms\n")
	Load(a)
	if len(profiles.entries) != 2 {
		t.Errorf("cache holds %d entries, want at most 2", len(profiles.entries))
	}
}
