package cli

import (
	"bytes"
	"strings"
	"testing"
)

// TestProgress: one updating line on a terminal, nothing in logs, with
// --quiet, in CI or with NO_COLOR.
func TestProgress(t *testing.T) {
	for _, tc := range []struct {
		name  string
		tty   bool
		quiet bool
		env   map[string]string
		want  bool
	}{
		{"terminal", true, false, nil, true},
		{"log", false, false, nil, false},
		{"quiet", true, true, nil, false},
		{"ci", true, false, map[string]string{"CI": "true"}, false},
		{"no-color", true, false, map[string]string{"NO_COLOR": "1"}, false},
		{"dumb", true, false, map[string]string{"TERM": "dumb"}, false},
	} {
		var buf bytes.Buffer
		io := &IOStreams{ErrOut: &buf, ErrTTY: tc.tty, Getenv: func(k string) string { return tc.env[k] }}
		p := newProgress(io, tc.quiet, 3)
		for i := 1; i <= 3; i++ {
			p.step(i)
		}
		p.clear()
		got := buf.String()
		if tc.want != (got != "") {
			t.Errorf("%s: progress output %q", tc.name, got)
		}
		if tc.want && (!strings.Contains(got, "\r\x1b[K3/3") || strings.Contains(got, "\n")) {
			t.Errorf("%s: want one updating line ending cleared, got %q", tc.name, got)
		}
	}
}
