package assemble

import (
	"strconv"
	"strings"
)

// The text passes over the whole agreement (about 100 KB) are plain loops:
// as regular expressions they took a tenth of the assembly. text_test.go
// checks them against the expressions they replace.

// dropDoubleStops removes the second of two full stops after a letter that
// a name ending with one doubles ("Ltd." at the end of a sentence), where
// whitespace, a table's "|" or the end of the text follows.
func dropDoubleStops(s string) string {
	i := strings.Index(s, "..")
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for ; i >= 0 && i+1 < len(s); i++ {
		if s[i] != '.' || s[i+1] != '.' || i == 0 || !asciiLetter(s[i-1]) {
			continue
		}
		if i+2 < len(s) && !strings.ContainsRune("\t\n\f\r |", rune(s[i+2])) {
			continue
		}
		b.WriteString(s[last : i+1])
		last = i + 2
		i += 2
	}
	b.WriteString(s[last:])
	return b.String()
}

func asciiLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// number numbers the body: "## § Title" becomes "## 3. Title" and a
// paragraph "§ Text" becomes "3.2 Text".
func number(s string) string {
	if !strings.Contains(s, "§ ") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 1024)
	sec, para := 0, 0
	for s != "" {
		line, rest, nl := strings.Cut(s, "\n")
		switch {
		case strings.HasPrefix(line, "## § "):
			sec++
			para = 0
			b.WriteString("## ")
			b.WriteString(strconv.Itoa(sec))
			b.WriteString(". ")
			line = line[len("## § "):]
		case strings.HasPrefix(line, "§ "):
			para++
			b.WriteString(strconv.Itoa(sec))
			b.WriteByte('.')
			b.WriteString(strconv.Itoa(para))
			b.WriteByte(' ')
			line = line[len("§ "):]
		}
		b.WriteString(line)
		if nl {
			b.WriteByte('\n')
		}
		s = rest
	}
	return b.String()
}

// tidy normalises blank lines and ends the text with one newline.
func tidy(s string) string { return string(tidyBytes(s)) }

// tidyBytes is tidy for the parser, which reads bytes: the text is copied
// once.
func tidyBytes(s string) []byte {
	b := make([]byte, 0, len(s)+1)
	newlines := 0
	for s != "" {
		line, rest, nl := strings.Cut(s, "\n")
		if nl {
			line = strings.TrimSuffix(line, "\r") // a CRLF line end
		}
		line = strings.TrimRight(line, " \t")
		if line != "" {
			if len(b) > 0 { // blank lines before the first line are dropped
				b = append(b, "\n\n"[:min(newlines, 2)]...)
			}
			newlines = 0
			b = append(b, line...)
		}
		if nl {
			newlines++
		}
		s = rest
	}
	return append(b, '\n')
}
