package validate

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

// treeJSON returns what json.Marshal returns for a tree of the loader
// (map[string]any, []any, string, float64, bool, nil), byte for byte,
// without the reflection that made marshalling cost a cold process about
// 1 ms; a value of any other type is left to json.Marshal.
func treeJSON(v any) ([]byte, error) {
	b, ok, err := appendTree(make([]byte, 0, 4096), v)
	if err != nil || !ok {
		return json.Marshal(v)
	}
	return b, nil
}

// appendTree appends v as JSON; ok is false for a type it does not write.
func appendTree(b []byte, v any) (_ []byte, ok bool, err error) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), true, nil
	case bool:
		return strconv.AppendBool(b, v), true, nil
	case string:
		return appendString(b, v), true, nil
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return b, false, nil // json.Marshal's error
		}
		// As encoding/json's floatEncoder: 'f' unless very small or
		// large, and "e-09" shortened to "e-9".
		f := byte('f')
		if a := math.Abs(v); a != 0 && (a < 1e-6 || a >= 1e21) {
			f = 'e'
		}
		b = strconv.AppendFloat(b, v, f, -1, 64)
		if n := len(b); f == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
		return b, true, nil
	case []any:
		b = append(b, '[')
		for i, x := range v {
			if i > 0 {
				b = append(b, ',')
			}
			if b, ok, err = appendTree(b, x); !ok || err != nil {
				return b, ok, err
			}
		}
		return append(b, ']'), true, nil
	case map[string]any:
		if v == nil {
			return append(b, "null"...), true, nil
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, k)
			b = append(b, ':')
			if b, ok, err = appendTree(b, v[k]); !ok || err != nil {
				return b, ok, err
			}
		}
		return append(b, '}'), true, nil
	}
	return b, false, nil
}

// appendString appends s quoted as json.Marshal quotes it: HTML-safe, with
// invalid UTF-8 as U+FFFD and the line and paragraph separators escaped.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
