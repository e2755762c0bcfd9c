// Package build turns one description file into its output files in
// memory: validation, assembly of the Markdown and, when asked, the PDF.
// Writing, batching and checking are the caller's business.
package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dpa-tool/dpa/internal/assemble"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/pdf"
	"github.com/dpa-tool/dpa/internal/validate"
)

// Formats are the output formats, in the order they are written.
var Formats = []string{"md", "pdf"}

// Renderer turns an assembled document into the bytes of one format.
// existing is the current content of the output file (nil if none); a
// renderer may return it unchanged when it can tell it is current.
type Renderer func(doc *assemble.Document, r *validate.Result, existing []byte) ([]byte, error)

// renderers holds the renderers by format; "md" is built in.
var renderers = map[string]Renderer{
	"md":  func(doc *assemble.Document, _ *validate.Result, _ []byte) ([]byte, error) { return doc.Markdown, nil },
	"pdf": renderPDF,
}

// renderPDF typesets the document with the description's metadata. An
// existing PDF whose fingerprint (Markdown, metadata, fonts and layout
// version) matches is returned as it is, without typesetting.
func renderPDF(doc *assemble.Document, r *validate.Result, existing []byte) ([]byte, error) {
	m := MetaOf(r)
	if existing != nil && pdf.FingerprintOf(existing) == pdf.Fingerprint(doc.Markdown, m) {
		return existing, nil
	}
	b, _, err := pdf.Render(doc.Markdown, m)
	return b, err
}

// MetaOf returns the PDF metadata of a validated description.
func MetaOf(r *validate.Result) pdf.Meta {
	d := r.Desc
	subject := "Data processing agreement under Article 28 GDPR"
	var mods []string
	for _, m := range r.Plan.Modules {
		mods = append(mods, m.String())
	}
	if len(mods) > 0 {
		subject += " with the Standard Contractual Clauses (" + strings.Join(mods, ", ") + ")"
	}
	author := ""
	for _, t := range d.Transfers {
		if len(t.Exporters) > 0 {
			if p := d.Party(t.Exporters[0]); p != nil {
				author = p.Name
				break
			}
		}
	}
	return pdf.Meta{Title: d.Title(), Reference: d.Agreement.Reference, Subject: subject, Author: author, Date: d.Agreement.Date, Letter: d.Agreement.Paper == "letter"}
}

// Output is one file to write, with what the file holds now.
type Output struct {
	Path string
	Data []byte
	// Old is the current content of the file; OldErr is set when it could
	// not be read (it does not exist, or an I/O error).
	Old    []byte
	OldErr error
}

// Unchanged reports whether the file already holds Data.
func (o Output) Unchanged() bool { return o.OldErr == nil && bytes.Equal(o.Old, o.Data) }

// Result is the outcome for one description.
type Result struct {
	Validation *validate.Result
	Document   *assemble.Document
	Outputs    []Output
}

// OutputPaths returns the paths the description at path writes into dir
// ("" means next to the input), one per format.
func OutputPaths(path, dir string, formats []string) []string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if dir == "" {
		dir = filepath.Dir(path)
	}
	var out []string
	for _, f := range formats {
		out = append(out, filepath.Join(dir, base+"."+f))
	}
	return out
}

// File validates and builds the description at path. The Validation of
// the result holds the diagnostics; Outputs is empty when the description
// is invalid (strict makes warnings count). The error is for failures of the
// tool or the renderer, not for problems in the input.
func File(path, dir string, formats []string, strict bool) (*Result, error) {
	v, err := validate.File(path)
	if err != nil {
		return nil, err
	}
	res := &Result{Validation: v}
	if !v.Valid(strict) || v.Desc == nil || v.Plan == nil {
		return res, nil
	}
	doc, err := assemble.Build(v.Desc, v.Plan, legal.MustLoad())
	if err != nil {
		return res, fmt.Errorf("%s: %w", path, err)
	}
	res.Document = doc
	for i, p := range OutputPaths(path, dir, formats) {
		r, ok := renderers[formats[i]]
		if !ok {
			return res, fmt.Errorf("no renderer for format %q", formats[i])
		}
		old, oldErr := os.ReadFile(p) // absent or unreadable: render
		data, err := r(doc, v, old)
		if err != nil {
			return res, fmt.Errorf("%s: %w", path, err)
		}
		res.Outputs = append(res.Outputs, Output{Path: p, Data: data, Old: old, OldErr: oldErr})
	}
	return res, nil
}
