package pdf

import (
	"reflect"
	"strings"
	"testing"
)

// TestLineSegments checks the texts of the segments that line breaking
// gives: a segment is a slice of its run's text while the words follow one
// another there with one space, and collected otherwise (two spaces, a
// word glued to the one before across runs, a word broken between
// characters).
func TestLineSegments(t *testing.T) {
	ts := &typesetter{}
	two := ts.wordWidth("", "aaa bbb")*10 + 0.5 // two words fit, not three
	for _, c := range []struct {
		name  string
		runs  []run
		width float64
		want  [][]string
	}{
		{"one run", []run{{Text: "the quick brown fox"}}, 1000, [][]string{{"the quick brown fox"}}},
		{"two spaces", []run{{Text: "the  quick brown"}}, 1000, [][]string{{"the quick brown"}}},
		{"leading and trailing spaces", []run{{Text: " a b "}, {Text: "c"}}, 1000, [][]string{{"a b c"}}},
		{"glued across runs", []run{{Text: "“"}, {Text: "Customer"}, {Text: "” means"}}, 1000, [][]string{{"“Customer” means"}}},
		{"styles and a mark", []run{{Text: "a b "}, {Text: "bold", Style: "B"}, {Text: " c"}, {Text: "7", Super: true, Note: 7}, {Text: " d"}}, 1000, [][]string{{"a b", "bold", "c", "7", "d"}}},
		{"wrapped", []run{{Text: "aaa bbb ccc ddd"}}, two, [][]string{{"aaa bbb"}, {"ccc ddd"}}},
		{"long word", []run{{Text: "x " + strings.Repeat("m", 40) + " y"}}, 60, nil},
	} {
		got := ts.lines(c.runs, c.width, 10, "")
		var texts [][]string
		var all []string
		for _, l := range got {
			var segs []string
			for _, s := range l {
				segs = append(segs, s.text)
				all = append(all, s.text)
			}
			texts = append(texts, segs)
		}
		if c.want == nil {
			// The parts of the broken word come back whole, in order.
			if j := strings.Join(all, ""); strings.ReplaceAll(j, " ", "") != strings.ReplaceAll(c.runs[0].Text, " ", "") || len(got) < 2 {
				t.Errorf("%s: %q", c.name, texts)
			}
			continue
		}
		if !reflect.DeepEqual(texts, c.want) {
			t.Errorf("%s: %q, want %q", c.name, texts, c.want)
		}
	}
}
