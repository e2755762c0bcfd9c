package docx

import (
	"strings"
	"unicode/utf8"
)

// xmlWriter builds the text of one XML part. User text enters only through
// text and attr, which escape it and drop what XML 1.0 cannot carry.
type xmlWriter struct {
	strings.Builder
}

// raw appends markup written by this package.
func (w *xmlWriter) raw(s ...string) {
	for _, p := range s {
		w.WriteString(p)
	}
}

// text appends s as character data.
func (w *xmlWriter) text(s string) { w.WriteString(escape(s, false)) }

// attr appends s as the value of an attribute in double quotes.
func (w *xmlWriter) attr(s string) { w.WriteString(escape(s, true)) }

// allowed reports whether r may appear in an XML 1.0 document and in a
// Word run: the XML 1.0 Char production without the C0 controls other than
// tab, line feed and carriage return, and without the C1 controls and
// non-characters, which Word refuses or shows as boxes.
func allowed(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20, r >= 0x7f && r < 0xa0:
		return false
	case r >= 0xd800 && r < 0xe000, r == 0xfffe, r == 0xffff:
		return false
	case r > 0x10ffff:
		return false
	}
	return true
}

// clean returns s without the characters XML 1.0 does not allow; an
// invalid UTF-8 byte becomes U+FFFD.
func clean(s string) string {
	ok := true
	for _, r := range s {
		if r == utf8.RuneError || !allowed(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r == utf8.RuneError && n == 1 {
			b.WriteRune('\uFFFD')
			continue
		}
		if allowed(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// escape cleans s and escapes the XML metacharacters; in attributes also
// quotes and white space other than the space, which attribute
// normalisation would otherwise turn into spaces.
func escape(s string, attr bool) string {
	s = clean(s)
	if !strings.ContainsAny(s, "<>&\"'\t\n\r") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&apos;")
		case '\t', '\n', '\r':
			if attr {
				b.WriteString("&#x" + string("0123456789ABCDEF"[r]) + ";")
			} else if r == '\r' {
				b.WriteString("&#xD;")
			} else {
				b.WriteRune(r)
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
