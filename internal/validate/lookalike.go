package validate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/load"
)

// lookalikeKeys are the keys whose values name a party or a person, or
// address one: a spoofed name in a contract is a real risk.
var lookalikeKeys = map[string]bool{"name": true, "email": true}

// invisible are characters that look like nothing or like a plain space.
var invisible = map[rune]string{
	'\u00ad': "a soft hyphen (U+00AD), invisible in the Markdown and drawn as a hyphen in the PDF",
	'\u00a0': "a no-break space (U+00A0), which looks like a space",
	'\u2007': "a figure space (U+2007), which looks like a space",
	'\u202f': "a narrow no-break space (U+202F), which looks like a space",
	'\u200b': "a zero-width space (U+200B), which is invisible",
	'\u200c': "a zero-width non-joiner (U+200C), which is invisible",
	'\u200d': "a zero-width joiner (U+200D), which is invisible",
	'\u2060': "a word joiner (U+2060), which is invisible",
	'\ufeff': "a zero-width no-break space (U+FEFF), which is invisible",
}

// scripts are the alphabets whose letters are mistaken for each other.
var scripts = []struct {
	name  string
	table *unicode.RangeTable
}{{"Latin", unicode.Latin}, {"Cyrillic", unicode.Cyrillic}, {"Greek", unicode.Greek}, {"Armenian", unicode.Armenian}, {"Cherokee", unicode.Cherokee}}

func scriptOf(r rune) string {
	for _, s := range scripts {
		if unicode.Is(s.table, r) {
			return s.name
		}
	}
	return ""
}

// lookalikes warns about invisible characters, characters that look like
// a space, and words that mix alphabets (a Cyrillic "о" in a Latin name)
// in names and e-mail addresses.
func lookalikes(doc *load.Doc, l *diag.List) {
	var walk func(n *load.Node, key string)
	walk = func(n *load.Node, key string) {
		switch n.Kind {
		case load.Map:
			for _, f := range n.Fields {
				walk(f.Value, f.Key)
			}
		case load.Seq:
			for _, it := range n.Items {
				walk(it, "")
			}
		case load.Scalar:
			if lookalikeKeys[key] {
				lookalikeText(n, key, l)
			}
		}
	}
	walk(doc.Root, "")
}

func lookalikeText(n *load.Node, key string, l *diag.List) {
	v := n.Value
	for i, r := range v {
		if what, ok := invisible[r]; ok {
			l.Warnf(posIn(n, i), "structure.lookalike", "write it with plain characters", "%s contains %s", key, what)
			return
		}
	}
	// Words: runs of letters and marks.
	start := -1
	for i := 0; i <= len(v); {
		r, size := utf8.DecodeRuneInString(v[i:])
		if i < len(v) && (unicode.IsLetter(r) || unicode.IsMark(r)) {
			if start < 0 {
				start = i
			}
			i += size
			continue
		}
		if start >= 0 {
			if at, a, b := mixed(v[start:i]); at >= 0 {
				l.Warnf(posIn(n, start+at), "structure.lookalike", "retype the word in one alphabet",
					"%s mixes %s and %s letters in the word %q: it may pass for another name", key, a, b, v[start:i])
				return
			}
			start = -1
		}
		if i == len(v) {
			break
		}
		i += size
	}
}

// mixed returns the byte offset of the first letter of word whose script
// differs from that of the word's first scripted letter, and both scripts.
func mixed(word string) (int, string, string) {
	first := ""
	for i, r := range word {
		s := scriptOf(r)
		switch {
		case s == "":
		case first == "":
			first = s
		case s != first:
			return i, first, s
		}
	}
	return -1, "", ""
}

// posIn returns the position of byte i of a scalar's value: exact on its
// first line, the scalar's own position beyond.
func posIn(n *load.Node, i int) diag.Pos {
	pos := n.Pos
	if strings.Contains(n.Value[:i], "\n") {
		return pos
	}
	if n.Quoted {
		pos.Col++
	}
	pos.Col += utf8.RuneCountInString(n.Value[:i])
	return pos
}
