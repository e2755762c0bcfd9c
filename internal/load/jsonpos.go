package load

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"unicode/utf8"
)

// jsonError finds the position of a syntax error in a description written
// as JSON (which is YAML too). yaml.v3 reports a broken flow collection on
// its first line without a column; encoding/json knows the byte where the
// text stops being JSON. ok is false when data does not look like JSON or
// has no JSON syntax error.
func jsonError(data []byte) (line, col int, msg string, ok bool) {
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(trimmed) == 0 || trimmed[0] != '{' && trimmed[0] != '[' {
		return 0, 0, "", false
	}
	var v any
	var se *json.SyntaxError
	if err := json.Unmarshal(data, &v); !errors.As(err, &se) {
		return 0, 0, "", false
	}
	off := int(se.Offset) - 1 // Offset counts the bytes read, the bad one included
	if off < 0 {
		off = 0
	}
	if off > len(data) {
		off = len(data)
	}
	line = bytes.Count(data[:off], []byte("\n")) + 1
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	col = utf8.RuneCount(data[start:off]) + 1
	return line, col, "invalid JSON: " + se.Error(), true
}

// syntaxMessage words a parser error: JSON errors say so, the others are
// YAML errors.
func syntaxMessage(msg string) string {
	if strings.HasPrefix(msg, "invalid JSON: ") {
		return msg
	}
	return "invalid YAML: " + msg
}
