package verify

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dpa-tool/dpa/internal/lazyre"
	"golang.org/x/text/unicode/norm"
)

// The normalisation follows testdata/scc/normalize.py, the reference
// normaliser: NFKC; Cyrillic and Greek look-alikes to Latin; every quotation
// mark to ' and every dash to -; soft hyphens and zero-width characters
// removed; Markdown decoration stripped; whitespace collapsed. On top of it,
// for real documents: a line that ends in a hyphen is joined to the next one
// without the hyphen when only the joined word is known (line-end
// hyphenation: "pro-\ncessing"), and list labels "a.", "a)", "(a)" at the
// start of a line all become "(a)".

var homoglyphs = map[rune]rune{
	'а': 'a', 'в': 'b', 'е': 'e', 'ё': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o',
	'р': 'p', 'с': 'c', 'т': 't', 'у': 'y', 'х': 'x', 'ѕ': 's', 'і': 'i', 'ї': 'i',
	'ј': 'j', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'һ': 'h', 'ӏ': 'l',
	'А': 'A', 'В': 'B', 'Е': 'E', 'Ё': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O',
	'Р': 'P', 'С': 'C', 'Т': 'T', 'У': 'Y', 'Х': 'X', 'Ѕ': 'S', 'І': 'I', 'Ї': 'I',
	'Ј': 'J', 'Ԁ': 'D', 'Ԛ': 'Q', 'Ԝ': 'W', 'Һ': 'H', 'Ӏ': 'I',
	'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M',
	'Ν': 'N', 'Ο': 'O', 'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X', 'ο': 'o', 'ν': 'v',
}

func mapRune(r rune) rune {
	if r < 0x80 {
		switch r {
		case '"', '`':
			return '\''
		case '\t', '\r', '\v':
			return ' '
		}
		return r
	}
	if h, ok := homoglyphs[r]; ok {
		return h
	}
	switch r {
	case '‘', '’', '‚', '‛', '′', '´', '“', '”', '„', '‟', '«', '»', '″', '‹', '›':
		return '\''
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\ufe58', '\ufe63', '\uff0d':
		return '-'
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return -1
	case '\u00a0':
		return ' '
	}
	return r
}

var (
	commentRE = lazyre.New(`(?s)<!--.*?-->`)
	fnRefMDRE = lazyre.New(`\[\^\d+\]`)
	escapeRE  = lazyre.New(`\\([\\` + "`" + `*_{}\[\]()#+\-.!|>])`)
	atxRE     = lazyre.New(`(?m)^[ ]{0,3}#{1,6}[ ]+`)
	quoteRE   = lazyre.New(`(?m)^[ ]*>[ ]?`)
	boldRE    = lazyre.New(`\*\*(\S|\S[^\n]*?\S)\*\*`)
	boldURE   = lazyre.New(`(^|[^\w_])__([^\s_]|[^\s_][^\n]*?[^\s_])__($|[^\w_])`)
	emRE      = lazyre.New(`(^|[^\w*])\*(\S|\S[^*\n]*?\S)\*($|[^\w*])`)
	emURE     = lazyre.New(`(^|[^\w_])_([^\s_]|[^\s_][^_\n]*?[^\s_])_($|[^\w_])`)
	ruleRE    = lazyre.New(`(?m)^[ ]*(?:-{3,}|\*{3,}|\* \* \*)[ ]*$`)
	linkRE    = lazyre.New(`\[([^\]\n]+)\]\((?:https?:|\.|/|#)[^)\s]*\)`)
	tableRE   = lazyre.New(`(?m)^[ ]*\|?[ ]*:?-{3,}:?[ ]*(\|[ ]*:?-{3,}:?[ ]*)*\|?[ ]*$`)
)

// stripMarkdown removes Markdown decoration but keeps the words.
func stripMarkdown(s string) string {
	if strings.Contains(s, "[^") {
		s = fnRefMDRE().ReplaceAllString(s, "")
	}
	if strings.Contains(s, "\\") {
		s = escapeRE().ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "#") {
		s = atxRE().ReplaceAllString(s, "")
	}
	if strings.Contains(s, ">") {
		s = quoteRE().ReplaceAllString(s, "")
	}
	s = stripBullets(s)
	if strings.Contains(s, "*") {
		s = boldRE().ReplaceAllString(s, "$1")
		s = emRE().ReplaceAllString(s, "$1$2$3")
	}
	if strings.Contains(s, "_") {
		s = boldURE().ReplaceAllString(s, "$1$2$3")
		s = emURE().ReplaceAllString(s, "$1$2$3")
	}
	if strings.Contains(s, "---") || strings.Contains(s, "***") || strings.Contains(s, "* *") {
		s = ruleRE().ReplaceAllString(s, " ")
		s = tableRE().ReplaceAllString(s, " ")
	}
	if strings.Contains(s, "](") {
		s = linkRE().ReplaceAllString(s, "$1")
	}
	return s
}

// normalize applies the character mapping and strips Markdown; line breaks
// are kept so that hyphenation can be joined afterwards.
func normalize(s string) string {
	if !isASCII(s) {
		s = norm.NFKC.String(s)
	}
	s = strings.Map(mapRune, s)
	if strings.ContainsAny(s, "©®") {
		s = strings.ReplaceAll(s, "©", "(c)")
		s = strings.ReplaceAll(s, "®", "(r)")
	}
	return stripMarkdown(s)
}

// isWord reports whether r belongs to a word token (Python's \w).
func isWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// tokenize splits normalised text into word tokens and single punctuation
// marks, like normalize.py's TOKEN_RE: \w+(?:['\-]\w+)*|[^\w\s]. A hyphen
// followed by white space between two lower-case letters is joined: to the
// hyphenated word when known or when the break is not a line break ("sub-
// processor"), and to the plain word when only that is known.
func tokenize(s string, known func(string) bool) []string {
	out := make([]string, 0, len(s)/5)
	n := len(s)
	at := func(i int) (rune, int) {
		if i >= n {
			return 0, 0
		}
		if c := s[i]; c < utf8.RuneSelf {
			return rune(c), 1
		}
		return utf8.DecodeRuneInString(s[i:])
	}
	wordEnd := func(i int) int {
		for i < n {
			r, w := at(i)
			if !isWord(r) {
				break
			}
			i += w
		}
		return i
	}
	for i := 0; i < n; {
		r, w := at(i)
		if unicode.IsSpace(r) {
			i += w
			continue
		}
		if !isWord(r) {
			out = append(out, s[i:i+w])
			i += w
			continue
		}
		// A token is contiguous text unless line-end hyphenation joins two
		// parts; then it is built.
		start := i
		var b *strings.Builder
		for {
			j := wordEnd(i)
			if b != nil {
				b.WriteString(s[i:j])
			}
			i = j
			c, cw := at(i)
			if c == '\'' || c == '-' {
				if nx, _ := at(i + cw); isWord(nx) {
					if b != nil {
						b.WriteRune(c)
					}
					i += cw
					continue
				}
			}
			// line-end hyphenation: "xxx-  \n yyy"
			if c == '-' && i > start {
				prev, _ := utf8.DecodeLastRuneInString(s[:i])
				k := i + cw
				nl := false
				for k < n {
					r, w := at(k)
					if !unicode.IsSpace(r) {
						break
					}
					nl = nl || r == '\n'
					k += w
				}
				nx, _ := at(k)
				if unicode.IsLower(prev) && k > i+cw && unicode.IsLower(nx) {
					e := wordEnd(k)
					if b == nil {
						b = &strings.Builder{}
						b.WriteString(s[start:i])
					}
					head := lastPart(b.String())
					tail := s[k:e]
					if !(nl && known != nil && !known(strings.ToLower(head+"-"+tail)) && known(strings.ToLower(head+tail))) {
						b.WriteByte('-')
					}
					i = k
					continue
				}
			}
			break
		}
		if b != nil {
			out = append(out, b.String())
		} else {
			out = append(out, s[start:i])
		}
	}
	return out
}

// lastPart returns the part of a token after its last hyphen or apostrophe.
func lastPart(t string) string {
	if i := strings.LastIndexAny(t, "-'"); i >= 0 {
		return t[i+1:]
	}
	return t
}

// words returns the lower-cased word tokens of ts.
func words(ts []string) []string {
	var out []string
	for _, t := range ts {
		if isWordTok(t) {
			out = append(out, strings.ToLower(t))
		}
	}
	return out
}

func isWordTok(t string) bool {
	for _, r := range t {
		return isWord(r)
	}
	return false
}

// detok joins tokens for display: no space before closing punctuation or
// after opening brackets, none around /, "8.1" and "I.A" kept together,
// and quotes alternately opening and closing.
func detok(ts []string) string {
	var b strings.Builder
	quotes := 0
	for i, t := range ts {
		if t == phTok {
			t = "‹blank›"
		}
		space := i > 0
		if i > 0 {
			prev := ts[i-1]
			switch {
			case len(t) == 1 && strings.Contains(",.;:)]", t):
				space = false
			case prev == "(" || prev == "[" || prev == "/" || t == "/":
				space = false
			case prev == "." && i >= 2 && shortID(ts[i-2]) && shortID(t):
				space = false
			case prev == "'" && quotes%2 == 1:
				space = false
			case t == "'" && quotes%2 == 1:
				space = false
			}
		}
		if t == "'" {
			quotes++
		}
		if space {
			b.WriteByte(' ')
		}
		b.WriteString(t)
	}
	return b.String()
}

// shortID reports whether t is a number or a single capital letter, as in
// "8.1" or "Annex I.A".
func shortID(t string) bool {
	if t == "" {
		return false
	}
	if strings.Trim(t, "0123456789") == "" {
		return true
	}
	return len(t) == 1 && t[0] >= 'A' && t[0] <= 'Z'
}

// labelStyles turns the list labels "a.", "a)" and "(a)" at the start of a
// line into "(a)".
func labelStyles(s string) string {
	return eachLine(s, func(line string) (string, bool) {
		t := strings.TrimLeft(line, " ")
		n := 0
		for n < len(t) && n < 5 && t[n] >= 'a' && t[n] <= 'z' {
			n++
		}
		if n == 0 || n+1 >= len(t) || (t[n] != '.' && t[n] != ')') || t[n+1] != ' ' || (n > 1 && strings.Trim(t[:n], "ivx") != "") {
			return line, false
		}
		return line[:len(line)-len(t)] + "(" + t[:n] + ") " + t[n+2:], true
	})
}

// stripBullets removes list bullets at the start of lines.
func stripBullets(s string) string {
	return eachLine(s, func(line string) (string, bool) {
		t := strings.TrimLeft(line, " ")
		for _, b := range []string{"-", "*", "+", "•", "▪", "●", "◦"} {
			if rest, ok := strings.CutPrefix(t, b); ok && strings.HasPrefix(rest, " ") {
				return strings.TrimLeft(rest, " "), true
			}
		}
		return line, false
	})
}

// eachLine applies f to every line of s; s is copied only when f changes
// a line.
func eachLine(s string, f func(string) (string, bool)) string {
	var b strings.Builder
	changed := false
	start := 0
	for start <= len(s) {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		line, ok := f(s[start:end])
		if ok && !changed {
			changed = true
			b.Grow(len(s))
			b.WriteString(s[:start])
		}
		if changed {
			b.WriteString(line)
			if end < len(s) {
				b.WriteByte('\n')
			}
		}
		start = end + 1
	}
	if !changed {
		return s
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
