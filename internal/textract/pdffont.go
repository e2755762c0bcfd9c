package textract

import (
	"strconv"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
)

// font decodes the strings of a show-text operator into characters and
// their widths (in thousandths of the font size for all but Type 3).
type font struct {
	twoByte  bool
	codeLen  []codeRange // code space of a non-Identity CMap
	toUni    *cmap
	memo     map[uint32]string
	base     [256]string // simple fonts: code -> text
	widths   map[uint32]float64
	dw       float64
	scale    float64 // glyph space to text space (1/1000, or Type 3 FontMatrix)
	vertical bool
}

type codeRange struct {
	n      int
	lo, hi uint32
}

func (f *pdfFile) loadFont(v any, cache map[any]*font) *font {
	key := v
	if r, ok := v.(pdfRef); ok {
		key = r
	} else {
		key = nil
	}
	if key != nil {
		if ft, ok := cache[key]; ok {
			return ft
		}
	}
	d := f.dict(v)
	ft := &font{widths: map[uint32]float64{}, dw: 1000, scale: 0.001}
	if key != nil {
		cache[key] = ft
	}
	if d == nil {
		for i := range ft.base {
			ft.base[i] = string(rune(i))
		}
		return ft
	}
	sub, _ := f.get(d["Subtype"]).(pdfName)
	if tu, ok := f.get(d["ToUnicode"]).(*pdfStream); ok {
		if data, err := f.decode(tu); err == nil {
			ft.toUni, ft.codeLen = parseCMap(data)
		}
	}
	if sub == "Type0" {
		ft.twoByte = true
		enc := f.get(d["Encoding"])
		if n, ok := enc.(pdfName); ok {
			ft.vertical = strings.HasSuffix(string(n), "-V")
			if n != "Identity-H" && n != "Identity-V" {
				ft.codeLen = nil // a predefined CMap: assume two bytes
			}
		} else if s, ok := enc.(*pdfStream); ok {
			if data, err := f.decode(s); err == nil {
				_, ft.codeLen = parseCMap(data)
			}
		}
		if tu := ft.toUni; tu == nil {
			ft.codeLen = nil
		}
		if desc := f.array(d["DescendantFonts"]); len(desc) > 0 {
			dd := f.dict(desc[0])
			if x, ok := f.num(dd["DW"]); ok {
				ft.dw = x
			}
			w := f.array(dd["W"])
			for i := 0; i < len(w); {
				first := f.int(w[i])
				if i+1 >= len(w) {
					break
				}
				if arr, ok := f.get(w[i+1]).([]any); ok {
					for k, x := range arr {
						if n, ok := f.num(x); ok {
							ft.widths[uint32(first+k)] = n
						}
					}
					i += 2
					continue
				}
				if i+2 >= len(w) {
					break
				}
				last := f.int(w[i+1])
				n, _ := f.num(w[i+2])
				for c := first; c <= last && c-first < 65536; c++ {
					ft.widths[uint32(c)] = n
				}
				i += 3
			}
		}
		return ft
	}
	// simple fonts
	ft.dw = 0
	if fd := f.dict(d["FontDescriptor"]); fd != nil {
		if x, ok := f.num(fd["MissingWidth"]); ok {
			ft.dw = x
		}
	}
	if ft.dw == 0 {
		ft.dw = 500
	}
	first := f.int(d["FirstChar"])
	for i, x := range f.array(d["Widths"]) {
		if n, ok := f.num(x); ok {
			ft.widths[uint32(first+i)] = n
		}
	}
	if sub == "Type3" {
		if m := f.array(d["FontMatrix"]); len(m) == 6 {
			if x, ok := f.num(m[0]); ok {
				ft.scale = x
			}
		}
	}
	base := "StandardEncoding"
	if sub == "TrueType" {
		base = "WinAnsiEncoding"
	}
	var diffs []any
	switch e := f.get(d["Encoding"]).(type) {
	case pdfName:
		base = string(e)
	case pdfDict:
		if b, ok := f.get(e["BaseEncoding"]).(pdfName); ok {
			base = string(b)
		}
		diffs = f.array(e["Differences"])
	}
	for i := range ft.base {
		ft.base[i] = baseChar(base, byte(i))
	}
	code := 0
	for _, x := range diffs {
		switch y := f.get(x).(type) {
		case float64:
			code = int(y)
		case pdfName:
			if code >= 0 && code < 256 {
				ft.base[code] = glyphText(string(y))
			}
			code++
		}
	}
	return ft
}

func baseChar(enc string, c byte) string {
	switch enc {
	case "WinAnsiEncoding":
		return string(charmap.Windows1252.DecodeByte(c))
	case "MacRomanEncoding":
		return string(charmap.Macintosh.DecodeByte(c))
	}
	switch c {
	case 0x27:
		return "’"
	case 0x60:
		return "‘"
	}
	if c < 128 {
		return string(rune(c))
	}
	return string(charmap.Windows1252.DecodeByte(c))
}

// glyphs of the Adobe Glyph List that documents use for text.
var glyphNames = map[string]string{
	"space": " ", "exclam": "!", "quotedbl": "\"", "numbersign": "#", "dollar": "$", "percent": "%",
	"ampersand": "&", "quotesingle": "'", "quoteright": "’", "quoteleft": "‘", "parenleft": "(",
	"parenright": ")", "asterisk": "*", "plus": "+", "comma": ",", "hyphen": "-", "period": ".",
	"slash": "/", "colon": ":", "semicolon": ";", "less": "<", "equal": "=", "greater": ">",
	"question": "?", "at": "@", "bracketleft": "[", "backslash": "\\", "bracketright": "]",
	"asciicircum": "^", "underscore": "_", "grave": "`", "braceleft": "{", "bar": "|",
	"braceright": "}", "asciitilde": "~", "quotedblleft": "“", "quotedblright": "”",
	"quotesinglbase": "‚", "quotedblbase": "„", "endash": "–", "emdash": "—", "bullet": "•",
	"ellipsis": "…", "fi": "fi", "fl": "fl", "ff": "ff", "ffi": "ffi", "ffl": "ffl", "dotlessi": "ı",
	"section": "§", "paragraph": "¶", "copyright": "©", "registered": "®", "degree": "°",
	"guillemotleft": "«", "guillemotright": "»", "guilsinglleft": "‹", "guilsinglright": "›",
	"minus": "−", "periodcentered": "·", "germandbls": "ß", "zero": "0", "one": "1", "two": "2",
	"three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
	"nbspace": " ", "sfthyphen": "-", "dagger": "†", "daggerdbl": "‡", "Euro": "€", "sterling": "£",
	"onesuperior": "¹", "twosuperior": "²", "threesuperior": "³", "visiblespace": " ",
}

var accents = map[string]rune{"acute": '\u0301', "grave": '\u0300', "circumflex": '\u0302', "dieresis": '\u0308',
	"tilde": '\u0303', "ring": '\u030a', "cedilla": '\u0327', "caron": '\u030c', "macron": '\u0304',
	"breve": '\u0306', "ogonek": '\u0328', "dotaccent": '\u0307', "hungarumlaut": '\u030b'}

func glyphText(name string) string {
	if i := strings.IndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	if s, ok := glyphNames[name]; ok {
		return s
	}
	if len(name) == 1 {
		return name
	}
	if h, ok := strings.CutPrefix(name, "uni"); ok && len(h) >= 4 && len(h)%4 == 0 {
		var b strings.Builder
		for i := 0; i+4 <= len(h); i += 4 {
			v, err := strconv.ParseUint(h[i:i+4], 16, 32)
			if err != nil {
				return ""
			}
			b.WriteRune(rune(v))
		}
		return b.String()
	}
	if h, ok := strings.CutPrefix(name, "u"); ok && len(h) >= 4 && len(h) <= 6 {
		if v, err := strconv.ParseUint(h, 16, 32); err == nil {
			return string(rune(v))
		}
	}
	// composed letters: "eacute", "Odieresis"
	if len(name) > 1 {
		for suf, mark := range accents {
			if l, ok := strings.CutSuffix(name, suf); ok && len(l) == 1 {
				return l + string(mark)
			}
		}
	}
	return ""
}

// parseCMap reads bfchar and bfrange mappings and the code space ranges
// of a CMap.
// cmap maps character codes to text: single codes, then ranges.
type cmap struct {
	chars  map[uint32]string
	ranges []bfRange
}

type bfRange struct {
	lo, hi uint32
	dst    []uint16 // UTF-16 of lo; the last unit counts up
	arr    []string
}

func (m *cmap) lookup(c uint32) (string, bool) {
	if m == nil {
		return "", false
	}
	if s, ok := m.chars[c]; ok {
		return s, true
	}
	for _, r := range m.ranges {
		if c < r.lo || c > r.hi {
			continue
		}
		if r.arr != nil {
			if k := int(c - r.lo); k < len(r.arr) {
				return r.arr[k], true
			}
			return "", false
		}
		if len(r.dst) == 0 {
			return "", true
		}
		if len(r.dst) == 1 {
			return string(rune(r.dst[0] + uint16(c-r.lo))), true
		}
		u := append([]uint16(nil), r.dst...)
		u[len(u)-1] += uint16(c - r.lo)
		return string(utf16.Decode(u)), true
	}
	return "", false
}

func parseCMap(data []byte) (*cmap, []codeRange) {
	cm := &cmap{chars: map[uint32]string{}}
	m := cm.chars
	var ranges []codeRange
	l := &lexer{b: data}
	var stack []any
	code := func(v any) (uint32, int) {
		s, _ := v.(string)
		var c uint32
		for i := 0; i < len(s); i++ {
			c = c<<8 | uint32(s[i])
		}
		return c, len(s)
	}
	for {
		t, ok := l.token()
		if !ok {
			break
		}
		op, isOp := t.(pdfOp)
		if !isOp || op == "[" {
			if isOp {
				v, _ := l.value(t, 0)
				stack = append(stack, v)
			} else {
				stack = append(stack, t)
			}
			continue
		}
		switch op {
		case "endcodespacerange":
			for i := 0; i+1 < len(stack); i += 2 {
				lo, n := code(stack[i])
				hi, _ := code(stack[i+1])
				if n > 0 {
					ranges = append(ranges, codeRange{n, lo, hi})
				}
			}
		case "endbfchar":
			for i := 0; i+1 < len(stack); i += 2 {
				c, _ := code(stack[i])
				dst, _ := stack[i+1].(string)
				m[c] = utf16Text(dst)
			}
		case "endbfrange":
			for i := 0; i+2 < len(stack); i += 3 {
				lo, _ := code(stack[i])
				hi, _ := code(stack[i+1])
				if hi < lo {
					continue
				}
				switch dst := stack[i+2].(type) {
				case string:
					var u []uint16
					for k := 0; k+1 < len(dst); k += 2 {
						u = append(u, uint16(dst[k])<<8|uint16(dst[k+1]))
					}
					cm.ranges = append(cm.ranges, bfRange{lo: lo, hi: hi, dst: u})
				case []any:
					r := bfRange{lo: lo, hi: hi, arr: []string{}}
					for _, x := range dst {
						s, _ := x.(string)
						r.arr = append(r.arr, utf16Text(s))
					}
					cm.ranges = append(cm.ranges, r)
				}
			}
		}
		stack = stack[:0]
	}
	return cm, ranges
}

func utf16Text(s string) string {
	var rs []rune
	for i := 0; i+1 < len(s); i += 2 {
		u := rune(s[i])<<8 | rune(s[i+1])
		if u >= 0xD800 && u < 0xDC00 && i+3 < len(s) {
			u2 := rune(s[i+2])<<8 | rune(s[i+3])
			rs = append(rs, (u-0xD800)<<10+(u2-0xDC00)+0x10000)
			i += 2
			continue
		}
		rs = append(rs, u)
	}
	return string(rs)
}

// decode splits s into codes and returns their text and widths.
func (ft *font) each(s string, fn func(code uint32, text string, width float64, single bool)) {
	for i := 0; i < len(s); {
		n := 1
		if ft.twoByte {
			n = 2
		}
		if len(ft.codeLen) > 0 {
			n = 0
			for _, r := range ft.codeLen {
				if i+r.n <= len(s) {
					var c uint32
					for k := 0; k < r.n; k++ {
						c = c<<8 | uint32(s[i+k])
					}
					if c >= r.lo && c <= r.hi {
						n = r.n
						break
					}
				}
			}
			if n == 0 {
				n = 1
				if ft.twoByte {
					n = 2
				}
			}
		}
		if i+n > len(s) {
			n = len(s) - i
		}
		var c uint32
		for k := 0; k < n; k++ {
			c = c<<8 | uint32(s[i+k])
		}
		i += n
		text, ok := ft.memo[c]
		if !ok {
			text, ok = ft.toUni.lookup(c)
			if !ok {
				if ft.twoByte {
					text = "" // unknown glyph of a CID font
				} else {
					text = ft.base[c&0xff]
				}
			}
			if ft.memo == nil {
				ft.memo = map[uint32]string{}
			}
			ft.memo[c] = text
		}
		w, ok := ft.widths[c]
		if !ok {
			w = ft.dw
		}
		fn(c, text, w*ft.scale, n == 1)
	}
}
