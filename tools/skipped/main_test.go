package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestReport checks one visible line per missing tool, and silence on CI
// (where a missing tool fails the tests instead).
func TestReport(t *testing.T) {
	missing := func(names ...string) func(string) (string, error) {
		return func(tool string) (string, error) {
			for _, n := range names {
				if n == tool {
					return "", errors.New("not found")
				}
			}
			return "/usr/bin/" + tool, nil
		}
	}
	noCI := func(string) string { return "" }
	var b bytes.Buffer
	if n := report(&b, missing("pdftotext", "qpdf"), noCI); n != 2 {
		t.Errorf("2 tools missing: %d lines:\n%s", n, b.String())
	}
	if !strings.Contains(b.String(), "SKIPPED the PDF text checks") || !strings.Contains(b.String(), "qpdf not found") || strings.Contains(b.String(), "python3") {
		t.Errorf("report:\n%s", b.String())
	}
	b.Reset()
	if n := report(&b, missing(), noCI); n != 0 || b.Len() != 0 {
		t.Errorf("nothing missing, got:\n%s", b.String())
	}
	b.Reset()
	if n := report(&b, missing("python3", "pdftotext", "qpdf"), func(k string) string { return map[string]string{"CI": "1"}[k] }); n != 0 || b.Len() != 0 {
		t.Errorf("on CI, got:\n%s", b.String())
	}
}
