package prose

import "testing"

func TestList(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"a"}, "a"},
		{[]string{"a", "b"}, "a and b"},
		{[]string{"a", "b", "c"}, "a, b and c"},
	} {
		if got := List(c.in); got != c.want {
			t.Errorf("List(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestLongDate(t *testing.T) {
	if got := LongDate("2026-05-01"); got != "1 May 2026" {
		t.Errorf("LongDate = %q", got)
	}
	if got := LongDate("*soon*"); got != `\*soon\*` {
		t.Errorf("LongDate of a non-date = %q, want it escaped", got)
	}
}
