// Command skipped prints, at the end of "make test", one line for each
// group of checks that the tests skipped because an external tool is
// missing. Outside CI the tests skip such checks with t.Skip, which go test
// shows only with -v; on CI (CI set) a missing tool fails the tests
// instead, and this command prints nothing.
//
//	go run ./tools/skipped
package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
)

// group is a set of checks that needs one external tool.
type group struct {
	tool, pkg, checks string
}

// groups mirrors the tests that look the tools up (internal/assemble,
// internal/pdf, internal/docx, internal/build).
var groups = []group{
	{"python3", "python3", "the comparison of the agreements (Markdown and PDF text) with the official SCC text (compare.py)"},
	{"pdftotext", "poppler-utils", "the PDF text checks (every word of the Markdown in the PDF, labels, reading order)"},
	{"qpdf", "qpdf", "the PDF structure checks (qpdf --check)"},
	{"pandoc", "pandoc", "the DOCX read-back checks (pandoc; compare.py on the Word text)"},
}

func main() {
	report(os.Stdout, exec.LookPath, os.Getenv)
}

// report writes a line for each group whose tool is missing, unless CI is set.
func report(w io.Writer, lookPath func(string) (string, error), getenv func(string) string) int {
	if getenv("CI") != "" {
		return 0
	}
	n := 0
	for _, g := range groups {
		if _, err := lookPath(g.tool); err != nil {
			fmt.Fprintf(w, "make test: SKIPPED %s: %s not found (apt-get install %s)\n", g.checks, g.tool, g.pkg)
			n++
		}
	}
	return n
}
