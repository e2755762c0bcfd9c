// Package diag holds positioned diagnostics about a user's input: a problem,
// where it is, how severe it is and, where it helps, a hint.
package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Pos is a position in an input file. Line and Col are 1-based; zero means unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as file:line:col, leaving out unknown parts.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Severity says how a diagnostic affects the outcome.
type Severity int

const (
	// Note is information only.
	Note Severity = iota
	// Warning is shown and fails only under --strict.
	Warning
	// Error makes the description invalid.
	Error
)

// String returns the lowercase name used in output.
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "note"
}

// MarshalJSON writes the severity as its name.
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// Diagnostic is one problem or remark about an input.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Code     string // stable, machine-readable identifier such as "schema.required"
	Msg      string
	Hint     string
	// Order breaks ties between files of one description: the description is 0,
	// its profiles follow in extends order.
	Order int
}

// List is a set of diagnostics. It implements error.
type List []Diagnostic

// Add appends a diagnostic.
func (l *List) Add(pos Pos, sev Severity, code, msg, hint string) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: sev, Code: code, Msg: msg, Hint: hint})
}

// Errorf appends an error.
func (l *List) Errorf(pos Pos, code, hint, format string, args ...any) {
	l.Add(pos, Error, code, fmt.Sprintf(format, args...), hint)
}

// Warnf appends a warning.
func (l *List) Warnf(pos Pos, code, hint, format string, args ...any) {
	l.Add(pos, Warning, code, fmt.Sprintf(format, args...), hint)
}

// Notef appends a note.
func (l *List) Notef(pos Pos, code, hint, format string, args ...any) {
	l.Add(pos, Note, code, fmt.Sprintf(format, args...), hint)
}

// Sort orders the list by file order, line, column, then severity and message,
// and drops exact duplicates.
func (l List) Sort() List {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		return a.Msg < b.Msg
	})
	out := l[:0]
	for i, d := range l {
		if i > 0 && d == l[i-1] {
			continue
		}
		out = append(out, d)
	}
	return out
}

// Count returns how many diagnostics have severity s.
func (l List) Count(s Severity) int {
	n := 0
	for _, d := range l {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool { return l.Count(Error) > 0 }

// Error joins the errors of the list, one per line.
func (l List) Error() string {
	var b strings.Builder
	for _, d := range l {
		if d.Severity != Error {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s: %s", d.Pos, d.Msg)
	}
	return b.String()
}

// WriteText prints each diagnostic as "file:line:col: severity: message",
// followed by a "file:line:col: hint: ..." line where there is a hint.
func (l List) WriteText(w io.Writer) {
	for _, d := range l {
		fmt.Fprintf(w, "%s: %s: %s\n", d.Pos, d.Severity, d.Msg)
		if d.Hint != "" {
			fmt.Fprintf(w, "%s: hint: %s\n", d.Pos, d.Hint)
		}
	}
}

// jsonDiag is the documented JSON shape of one diagnostic.
type jsonDiag struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	Severity Severity `json:"severity"`
	Code     string   `json:"code"`
	Message  string   `json:"message"`
	Hint     string   `json:"hint,omitempty"`
}

// WriteJSON prints the list as a JSON array of {file, line, column, severity,
// code, message, hint} objects; hint is left out where there is none. An
// empty list prints [].
func (l List) WriteJSON(w io.Writer) error {
	out := make([]jsonDiag, 0, len(l))
	for _, d := range l {
		out = append(out, jsonDiag{d.Pos.File, d.Pos.Line, d.Pos.Col, d.Severity, d.Code, d.Msg, d.Hint})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // "<stdin>" stays readable
	return enc.Encode(out)
}
