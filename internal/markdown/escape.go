// Package markdown writes user-supplied text into CommonMark safely and
// formats the small pieces of Markdown the agreement is made of.
package markdown

import (
	"strings"
)

// special are the ASCII characters that can start Markdown structure
// inline: emphasis, code, links, images, HTML, entities, tables, footnotes,
// strikethrough and escapes.
const special = "\\`*_[]<>|!~&#"

// Escape returns s as literal inline Markdown text: every character that
// could create structure is backslash-escaped, line breaks become spaces,
// and a start that could open a block (a list, heading, quote, thematic
// break or setext underline) is neutralised. The result is safe in a
// paragraph, a list item and a GFM table cell.
func Escape(s string) string {
	if literal(s) {
		return s // most names and values: no copy
	}
	return escape(s)
}

// literal reports whether Escape returns s as it is: printable ASCII
// without special characters, words separated by single spaces, and a
// start that opens no block (no "-", "+", "=" or digit).
func literal(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' || strings.IndexByte("-+=0123456789", s[0]) >= 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c > '~' || strings.IndexByte(special, c) >= 0 || c == ' ' && s[i+1] == ' ' {
			return false
		}
	}
	return true
}

// escape is Escape for a text that needs work.
func escape(s string) string {
	s = strings.Join(strings.Fields(s), " ") // no line breaks, no runs of spaces
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range s {
		if r < 128 && strings.ContainsRune(special, r) {
			b.WriteByte('\\')
		} else if i == 0 && (r == '-' || r == '+' || r == '=') {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	out := b.String()
	// "1. " or "1) " at the start would open an ordered list.
	if j := strings.IndexFunc(out, func(r rune) bool { return r < '0' || r > '9' }); j > 0 && j < len(out) && (out[j] == '.' || out[j] == ')') && (j+1 == len(out) || out[j+1] == ' ') {
		out = out[:j] + "\\" + out[j:]
	}
	return out
}

// EscapeAll escapes every item of list.
func EscapeAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = Escape(s)
	}
	return out
}
