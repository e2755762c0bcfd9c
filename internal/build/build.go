// Package build turns one description file into its output files in
// memory: validation, assembly of the Markdown and, when asked, the PDF and
// the Word document.
// Writing, batching and checking are the caller's business.
package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/dpa-tool/dpa/internal/assemble"
	"github.com/dpa-tool/dpa/internal/doc"
	"github.com/dpa-tool/dpa/internal/docx"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/pdf"
	"github.com/dpa-tool/dpa/internal/regfile"
	"github.com/dpa-tool/dpa/internal/validate"
)

// Formats are the output formats, in the order they are written.
var Formats = []string{"md", "pdf", "docx"}

// Renderer turns an assembled document into the bytes of one format.
// existing is the current content of the output file (nil if none); a
// renderer may return it unchanged when it can tell it is current.
type Renderer func(doc *assemble.Document, r *validate.Result, existing []byte) ([]byte, error)

// renderers holds the renderers by format; "md" is built in.
var renderers = map[string]Renderer{
	"md":   func(doc *assemble.Document, _ *validate.Result, _ []byte) ([]byte, error) { return doc.Markdown, nil },
	"pdf":  renderPDF,
	"docx": renderDOCX,
}

// typeset is pdf.RenderMarkdown; tests count its calls.
var typeset = pdf.RenderMarkdown

// renderPDF typesets the document with the description's metadata and
// seals it. An existing PDF whose seal matches the fingerprint of what would
// be typeset now is returned as it is, without typesetting (see seal.go).
func renderPDF(doc *assemble.Document, r *validate.Result, existing []byte) ([]byte, error) {
	m := MetaOf(r)
	fp := pdf.Fingerprint(doc.Markdown, m)
	if existing != nil && Sealed(existing, fp) {
		return existing, nil
	}
	b, _, err := typeset(doc.Doc, doc.Markdown, m)
	if err != nil {
		return nil, err
	}
	return seal(b, fp)
}

// typed returns the typed agreement that the DOCX renderer reads: the
// assembler's, with the subject and author of the PDF's metadata where the
// assembler leaves them empty.
func typed(a *assemble.Document, r *validate.Result) (*doc.Document, error) {
	if a.Doc == nil {
		return nil, errors.New("docx: the assembler built no typed document")
	}
	d := *a.Doc
	m := MetaOf(r)
	if d.Meta.Subject == "" {
		d.Meta.Subject = m.Subject
	}
	if d.Meta.Author == "" {
		d.Meta.Author = m.Author
	}
	return &d, nil
}

// renderDOCX renders the typed document as Word and seals it. An existing
// DOCX whose seal matches the fingerprint of what would be rendered now is
// returned as it is (see seal.go).
func renderDOCX(a *assemble.Document, r *validate.Result, existing []byte) ([]byte, error) {
	d, err := typed(a, r)
	if err != nil {
		return nil, err
	}
	fp, err := docx.Fingerprint(d)
	if err != nil {
		return nil, err
	}
	if existing != nil && SealedDOCX(existing, fp) {
		return existing, nil
	}
	b, err := docx.Render(d, fp)
	if err != nil {
		return nil, err
	}
	return sealDOCX(b, fp)
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

// MaxOldOutput bounds the size of an existing output that is read to
// compare it with what is built now; a larger file is taken as different.
var MaxOldOutput int64 = 256 << 20

// Output is one file to write, with what the file holds now.
type Output struct {
	Path string
	Data []byte
	// Missing is true when no file exists at Path (a dangling symbolic
	// link counts as missing).
	Missing bool
	// Current is true when the file at Path already holds exactly Data.
	Current bool
}

// oldOutput reads the existing file at an output path. A missing file is
// not an error; a file that is not a regular file is, since writing would
// replace something that is not ours; a file larger than MaxOldOutput is
// not read at all.
func oldOutput(path string) (old []byte, missing bool, err error) {
	old, err = regfile.ReadFile(path, MaxOldOutput)
	var tl *regfile.TooLargeError
	switch {
	case err == nil:
		return old, false, nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, true, nil
	case errors.As(err, &tl):
		return nil, false, nil
	}
	return nil, false, fmt.Errorf("output %s: %s", path, regfile.Reason(err))
}

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

// Options says what Run builds from a description and from what.
type Options struct {
	// Dir is the directory of the outputs; "" puts them next to the
	// description.
	Dir string
	// Formats are the output formats, a selection of Formats in its order.
	Formats []string
	// Strict makes warnings count: a description with warnings is invalid.
	Strict bool
	// Legal is the reference data; nil loads the embedded data. A batch
	// loads it once and passes it to every build.
	Legal *legal.Data
}

// File is Run with the options as arguments.
func File(path, dir string, formats []string, strict bool) (*Result, error) {
	return Run(path, Options{Dir: dir, Formats: formats, Strict: strict})
}

// Run validates and builds the description at path. The Validation of
// the result holds the diagnostics; Outputs is empty when the description
// is invalid (o.Strict makes warnings count). The error is for failures of
// the tool or the renderer, not for problems in the input.
func Run(path string, o Options) (*Result, error) {
	lg := o.Legal
	if lg == nil {
		var err error
		if lg, err = legal.Load(); err != nil {
			return nil, err
		}
	}
	dir, formats, strict := o.Dir, o.Formats, o.Strict
	v, err := validate.File(path)
	if err != nil {
		return nil, err
	}
	res := &Result{Validation: v}
	if !v.Valid(strict) || v.Desc == nil || v.Plan == nil {
		return res, nil
	}
	doc, err := assemble.Build(v.Desc, v.Plan, lg)
	if err != nil {
		return res, fmt.Errorf("%s: %w", path, err)
	}
	res.Document = doc
	// The file properties of every format (PDF, Word) are those of the PDF.
	m := MetaOf(v)
	doc.Doc.Meta.Subject, doc.Doc.Meta.Author = m.Subject, m.Author
	for i, p := range OutputPaths(path, dir, formats) {
		r, ok := renderers[formats[i]]
		if !ok {
			return res, fmt.Errorf("no renderer for format %q", formats[i])
		}
		old, missing, err := oldOutput(p)
		if err != nil {
			return res, err
		}
		data, err := r(doc, v, old)
		if err != nil {
			return res, fmt.Errorf("%s: %w", path, err)
		}
		res.Outputs = append(res.Outputs, Output{Path: p, Data: data, Missing: missing, Current: old != nil && bytes.Equal(old, data)})
	}
	return res, nil
}
