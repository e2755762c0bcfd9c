// Package textract extracts the text of a document for verification: PDF
// (text layer, in reading order, without running headers and footers),
// DOCX (paragraphs, list labels and footnotes), Markdown and plain text.
// It uses no external programs.
package textract

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Format is the kind of a document.
type Format string

// The formats Extract reads.
const (
	PDF      Format = "pdf"
	DOCX     Format = "docx"
	Markdown Format = "markdown"
	Text     Format = "text"
)

// ErrNoText is returned for a PDF without a text layer (a scan).
var ErrNoText = errors.New("no text layer: the PDF holds only images (a scan?)")

// Sniff tells the format of data from its first bytes, then from name.
func Sniff(name string, data []byte) Format {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return PDF
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return DOCX
	}
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".md") || strings.HasSuffix(lower, ".markdown") {
		return Markdown
	}
	return Text
}

// Extract returns the text of data. Pages of a PDF are separated by form
// feeds.
func Extract(name string, data []byte) (string, Format, error) {
	f := Sniff(name, data)
	switch f {
	case PDF:
		s, err := pdfText(data)
		return s, f, err
	case DOCX:
		s, err := docxText(data)
		return s, f, err
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	text := string(data)
	if !utf8.Valid(data) {
		if bytes.IndexByte(data, 0) >= 0 {
			return "", f, fmt.Errorf("not a text file, PDF or DOCX")
		}
		// Latin-1 text
		var b strings.Builder
		for _, c := range data {
			b.WriteRune(rune(c))
		}
		text = b.String()
	}
	if f == Text && strings.Count(text, "\f") >= 2 {
		text = textPages(text)
	}
	return text, f, nil
}

// textPages drops the running headers and footers of a text made from a
// PDF (pdftotext separates its pages by form feeds).
func textPages(text string) string {
	var pages [][]string
	for _, p := range strings.Split(text, "\f") {
		var lines []string
		for _, l := range strings.Split(p, "\n") {
			if l = strings.TrimRight(l, " \t\r"); strings.TrimSpace(l) != "" {
				lines = append(lines, l)
			}
		}
		pages = append(pages, lines)
	}
	dropRunning(pages)
	var b strings.Builder
	for i, p := range pages {
		if i > 0 {
			b.WriteString("\f")
		}
		for _, l := range p {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}
