package assemble

import (
	"fmt"
	"math/rand"
	"regexp"
	"strings"
	"testing"
)

// The regular expressions that dropDoubleStops, number and tidy replace.
var (
	doubleStopRE = regexp.MustCompile(`([A-Za-z])\.\.([\s|]|$)`)
	sectionRE    = regexp.MustCompile(`(?m)^(## § |§ )`)
	blankRunsRE  = regexp.MustCompile(`\n{3,}`)
)

func numberRE(s string) string {
	sec, para := 0, 0
	return sectionRE.ReplaceAllStringFunc(s, func(m string) string {
		if m == "## § " {
			sec++
			para = 0
			return fmt.Sprintf("## %d. ", sec)
		}
		para++
		return fmt.Sprintf("%d.%d ", sec, para)
	})
}

func tidyRE(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	s = blankRunsRE.ReplaceAllString(strings.Join(lines, "\n"), "\n\n")
	return strings.Trim(s, "\n") + "\n"
}

// TestTextPasses compares the loops with the regular expressions on random
// texts made of the pieces that matter to them.
func TestTextPasses(t *testing.T) {
	pieces := []string{"a", "Z", ".", "..", "...", " ", "\t", "\n", "\r\n", "\r", "|", "\f", "§ ", "## § ", "## ", "#", "1", "Ltd.", "é", "\n\n\n"}
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := rng.Intn(12); k >= 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		if got, want := dropDoubleStops(s), doubleStopRE.ReplaceAllString(s, "$1.$2"); got != want {
			t.Fatalf("dropDoubleStops(%q) = %q, want %q", s, got, want)
		}
		if got, want := number(s), numberRE(s); got != want {
			t.Fatalf("number(%q) = %q, want %q", s, got, want)
		}
		if got, want := tidy(s), tidyRE(s); got != want {
			t.Fatalf("tidy(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestPutIn: the marks are replaced where they stand, in any order.
func TestPutIn(t *testing.T) {
	pairs := []string{"<b>", "BB", "<a>", "", "<c>", "C"}
	for s, want := range map[string]string{
		"x<a>y<b>z<c>": "xyBBzC", "<c><b>": "CBB", "none": "none", "": "",
	} {
		if got := putIn(s, pairs); got != want {
			t.Errorf("putIn(%q) = %q, want %q", s, got, want)
		}
	}
}
