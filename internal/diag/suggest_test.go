package diag

import "testing"

func TestClosest(t *testing.T) {
	names := []string{"body.md.tmpl", "annexes.md.tmpl", "cover.md.tmpl"}
	for _, c := range []struct {
		s      string
		within int
		want   string
	}{
		{"bdy.md.tmpl", 3, "body.md.tmpl"},
		{"anexes.md.tmpl", 2, "annexes.md.tmpl"},
		{"cover.md.tmpl", 0, "cover.md.tmpl"},
		{"covr.md.tmp", 1, ""}, // two edits away
		{"covr.md.tmp", 2, "cover.md.tmpl"},
		{"signatures.md.tmpl", 3, ""},
		{"bödy.md.tmpl", 1, "body.md.tmpl"}, // characters, not bytes
	} {
		if got := Closest(c.s, names, c.within); got != c.want {
			t.Errorf("Closest(%q, %d) = %q, want %q", c.s, c.within, got, c.want)
		}
	}
}
