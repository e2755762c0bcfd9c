package load

import (
	"bytes"
	"errors"
	"strconv"
	"strings"

	"github.com/dpa-tool/dpa/internal/lazyre"
	"gopkg.in/yaml.v3"
)

// firstControl returns the byte offset of the first character that YAML
// does not allow in a stream (C0 controls other than tab, line feed and
// carriage return, DEL, C1 controls other than NEL, U+FFFE and U+FFFF), or
// -1. It mirrors yaml.v3's reader, which reports such a character without
// a position. data is valid UTF-8.
func firstControl(data []byte) int {
	for i, r := range string(data) {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case r >= 0x20 && r <= 0x7e:
		case r == 0x85:
		case r >= 0xa0 && r <= 0xd7ff:
		case r >= 0xe000 && r <= 0xfffd:
		case r >= 0x10000 && r <= 0x10ffff:
		default:
			return i
		}
	}
	return -1
}

// parserMessages start the errors of yaml.v3's parser, which counts lines
// from 0 (its scanner counts from 1).
var parserMessages = []string{
	"did not find expected key",
	"did not find expected node content",
	"did not find expected ',' or",
	"did not find expected '-' indicator",
}

var unknownAnchor = lazyre.New(`^unknown anchor '(.*)' referenced$`)

// yamlError extracts the position and the message from a yaml.v3 error.
// yaml.v3 gives a line only, sometimes one off and sometimes none; where the
// message says what is wrong, the place is found in data.
func yamlError(err error, data []byte) (line, col int, msg string) {
	if l, c, m, ok := jsonError(data); ok {
		return l, c, m
	}
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	line, col = 1, 1
	if strings.HasPrefix(msg, "line ") {
		rest := msg[len("line "):]
		if i := strings.IndexByte(rest, ':'); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				line = n
				msg = strings.TrimSpace(rest[i+1:])
				for _, p := range parserMessages {
					if strings.HasPrefix(msg, p) {
						line++
						break
					}
				}
			}
		}
	}
	lines := strings.Split(string(data), "\n")
	switch {
	case strings.HasPrefix(msg, "found a tab character"):
		// Reported on the line before the tab (or on the tab's line).
		for i := max(line-1, 0); i < len(lines) && i <= line; i++ {
			indent := lines[i][:len(lines[i])-len(strings.TrimLeft(lines[i], " \t"))]
			if j := strings.IndexByte(indent, '\t'); j >= 0 {
				return i + 1, j + 1, msg
			}
		}
	case unknownAnchor().MatchString(msg):
		name := unknownAnchor().FindStringSubmatch(msg)[1]
		if l, c, ok := findAlias(lines, name); ok {
			return l, c, msg
		}
	}
	// An error at the end of the stream (an unclosed bracket) is shown on
	// the last line that has content, not on the empty line after it.
	if last := bytes.Count(bytes.TrimRight(data, " \t\r\n"), []byte("\n")) + 1; line > last {
		line = last
	}
	return line, col, msg
}

// findAlias returns the position of the first alias *name in lines.
func findAlias(lines []string, name string) (int, int, bool) {
	for i, l := range lines {
		for from := 0; ; {
			j := strings.Index(l[from:], "*"+name)
			if j < 0 {
				break
			}
			j += from
			end := j + 1 + len(name)
			if end == len(l) || strings.ContainsRune(" \t\r,]}", rune(l[end])) {
				return i + 1, 1 + len([]rune(l[:j])), true
			}
			from = j + 1
		}
	}
	return 0, 0, false
}
