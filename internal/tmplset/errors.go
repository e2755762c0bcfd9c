package tmplset

import (
	"errors"
	"strconv"
	"strings"

	"github.com/dpa-tool/dpa/internal/lazyre"
)

var (
	// text/template's parse errors carry a line, its execution errors a
	// line and a column (0-based).
	execErrRE  = lazyre.New(`^template: ([^:\s]+):(\d+):(\d+): (.*)$`)
	parseErrRE = lazyre.New(`^template: ([^:\s]+):(\d+): (.*)$`)
	// execAtRE is the prefix of an execution error's message.
	execAtRE = lazyre.New(`^executing "[^"]*" at (<.*?>): `)
	// typeRE names the Go type of the template data, which says nothing
	// to the author of a template.
	typeRE      = lazyre.New(` in type .*$`)
	funcRE      = lazyre.New(`^function "([^"]+)" not defined`)
	badCharRE   = lazyre.New(`^bad character U\+([0-9A-F]+)`)
	innerPathRE = lazyre.New(`github\.com/dpa-tool/dpa/internal/\w+\.`)
)

// Position turns an error of text/template about a template of the set into
// an *Error at the template's file (the user's path, or the template's name
// for a built-in one), line and column, with text/template's wording made
// readable. Any other error is returned as it is.
func (s *Set) Position(err error) error {
	if err == nil {
		return nil
	}
	var te *Error
	if errors.As(err, &te) {
		return err
	}
	msg := err.Error()
	// An error wrapped by the assembler ("template: template: ...").
	if i := strings.Index(msg, "template: "); i >= 0 {
		msg = msg[i:]
		for strings.HasPrefix(msg, "template: template: ") {
			msg = strings.TrimPrefix(msg, "template: ")
		}
	}
	var name, text string
	line, col := 0, 0
	if m := execErrRE().FindStringSubmatch(msg); m != nil {
		name, text = m[1], m[4]
		line, _ = strconv.Atoi(m[2])
		col, _ = strconv.Atoi(m[3])
		col++
		text = execAtRE().ReplaceAllString(text, "$1: ")
	} else if m := parseErrRE().FindStringSubmatch(msg); m != nil {
		name, text = m[1], m[3]
		line, _ = strconv.Atoi(m[2])
	} else {
		return err
	}
	f, ok := s.File(name)
	if !ok {
		return err
	}
	if col == 0 {
		col = parseCol(f.Src, line, text)
	} else {
		col = runeCol(f.Src, line, col-1)
	}
	text = typeRE().ReplaceAllString(text, "")
	text = innerPathRE().ReplaceAllString(text, "")
	file := f.Path
	if file == "" {
		file = f.Name + " (built-in)"
	}
	hint := "see dpa help templates for the data and functions a template may use"
	if strings.Contains(text, "can't evaluate field") || strings.Contains(text, "map has no entry") {
		hint = "that name is not in the template data; " + hint
	}
	return &Error{Pos: Pos{File: file, Line: line, Col: col}, Msg: text, Hint: hint}
}

// parseCol finds the column of a parse error on line: the undefined
// function or the bad character where the message names one, else the
// first action on the line, else 1.
func parseCol(src []byte, line int, msg string) int {
	lines := strings.Split(string(src), "\n")
	if line < 1 || line > len(lines) {
		return 1
	}
	l := lines[line-1]
	at := -1
	if m := funcRE().FindStringSubmatch(msg); m != nil {
		at = strings.Index(l, m[1])
	} else if m := badCharRE().FindStringSubmatch(msg); m != nil {
		if r, err := strconv.ParseInt(m[1], 16, 32); err == nil {
			at = strings.IndexRune(l, rune(r))
		}
	}
	if at < 0 {
		at = strings.Index(l, "{{")
	}
	if at < 0 {
		return 1
	}
	return len([]rune(l[:at])) + 1
}

// runeCol turns a 0-based byte offset in line into a 1-based column in
// characters, as dpa counts columns everywhere.
func runeCol(src []byte, line, off int) int {
	lines := strings.Split(string(src), "\n")
	if line < 1 || line > len(lines) || off > len(lines[line-1]) {
		return off + 1
	}
	return len([]rune(lines[line-1][:off])) + 1
}
