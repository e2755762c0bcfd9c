package clause

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/clauses"
)

// splitRE is the blank-line split paragraphs implements without a regular
// expression.
var splitRE = regexp.MustCompile(`\n[ \t]*\n`)

func paragraphsRE(src string) []string {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	var out []string
	for _, p := range splitRE.Split(src, -1) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// TestParagraphsSplit: paragraphs splits every string of up to seven
// characters of "\n \ta\r", and the official texts, exactly as splitting
// at the matches of \n[ \t]*\n does.
func TestParagraphsSplit(t *testing.T) {
	const alphabet = "\n \ta\r"
	var gen func(prefix string, n int)
	gen = func(prefix string, n int) {
		if got, want := paragraphs(prefix), paragraphsRE(prefix); !slices.Equal(got, want) {
			t.Fatalf("paragraphs(%q) = %q, want %q", prefix, got, want)
		}
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			gen(prefix+string(c), n-1)
		}
	}
	gen("", 7)
	for m := 1; m <= 4; m++ {
		b, err := clauses.FS.ReadFile(clauses.SCCPath(m))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := paragraphs(string(b)), paragraphsRE(string(b)); !slices.Equal(got, want) {
			t.Errorf("module %d: %d paragraphs, want %d", m, len(got), len(want))
		}
	}
}
