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
	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/doc"
	"github.com/dpa-tool/dpa/internal/docx"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/mdparse"
	"github.com/dpa-tool/dpa/internal/pdf"
	"github.com/dpa-tool/dpa/internal/regfile"
	"github.com/dpa-tool/dpa/internal/tmplset"
	"github.com/dpa-tool/dpa/internal/validate"
	"github.com/dpa-tool/dpa/templates"
)

// Formats are the output formats, in the order they are written.
var Formats = []string{"md", "pdf", "docx"}

// Renderer turns an assembled document into the bytes of one format.
// existing is the current content of the output file (nil if none); a
// renderer may return it unchanged when it can tell it is current.
// templates is the digest of the template set the document was assembled
// from, which each format's fingerprint includes.
type Renderer func(doc *assemble.Document, r *validate.Result, templates string, existing []byte) ([]byte, error)

// renderers holds the renderers by format; "md" is built in.
var renderers = map[string]Renderer{
	"md": func(doc *assemble.Document, _ *validate.Result, _ string, _ []byte) ([]byte, error) {
		return doc.Markdown, nil
	},
	"pdf":  renderPDF,
	"docx": renderDOCX,
}

// typeset is pdf.RenderMarkdown; tests count its calls.
var typeset = pdf.RenderMarkdown

// renderPDF typesets the document with the description's metadata and
// seals it. An existing PDF whose seal matches the fingerprint of what would
// be typeset now is returned as it is, without typesetting (see seal.go).
func renderPDF(doc *assemble.Document, r *validate.Result, templates string, existing []byte) ([]byte, error) {
	m := MetaOf(r)
	m.Templates = templates
	if existing != nil {
		fp := pdf.Fingerprint(doc.Markdown, m)
		if Sealed(existing, fp) {
			return existing, nil
		}
		m.Fingerprint = fp // not hashed again
	}
	// Without a PDF to compare, the typesetter hashes the fingerprint
	// while it typesets, and records it in the PDF.
	b, _, err := typeset(doc.Doc, doc.Markdown, m)
	if err != nil {
		return nil, err
	}
	fp := m.Fingerprint
	if fp == "" {
		off := sealSlot(b)
		if off < 0 {
			return nil, errors.New("pdf: the typesetter recorded no fingerprint")
		}
		fp = string(b[off : off+64])
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
func renderDOCX(a *assemble.Document, r *validate.Result, templates string, existing []byte) ([]byte, error) {
	d, err := typed(a, r)
	if err != nil {
		return nil, err
	}
	fp, err := docx.Fingerprint(d)
	if err != nil {
		return nil, err
	}
	fp = withTemplates(fp, templates)
	if existing != nil && SealedDOCX(existing, fp) {
		return existing, nil
	}
	b, err := docx.Render(d, fp)
	if err != nil {
		return nil, err
	}
	return sealDOCX(b, fp)
}

// withTemplates returns the fingerprint fp of a DOCX combined with the
// digest of the templates it was assembled from.
func withTemplates(fp, templates string) string {
	if templates == "" {
		return fp
	}
	return docx.FingerprintKey + Hash([]byte(fp+"\x00templates\x00"+templates))
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
	// Lint holds the warnings of the Article 28 linter on the assembled
	// body (see Lint); they are in Validation.Diags too.
	Lint diag.List

	Validation *validate.Result
	Document   *assemble.Document
	Outputs    []Output
	// Templates is the template set the agreement was assembled from
	// (nil when the description is invalid).
	Templates *tmplset.Set
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

// Options say how to build one description.
type Options struct {
	// Dir is the output directory ("" means next to the input).
	Dir string
	// Formats are the output formats, in the order of Formats.
	Formats []string
	// Strict makes warnings count as errors.
	Strict bool
	// Templates is the --templates directory, whose files replace the
	// built-in templates and those of every other directory.
	Templates string
	// Legal is the reference data; nil loads the embedded data. A batch
	// loads it once and passes it to every build.
	Legal *legal.Data
}

// File validates and builds the description at path. The Validation of
// the result holds the diagnostics; Outputs is empty when the description
// is invalid (strict makes warnings count). The error is for failures of the
// tool or the renderer, not for problems in the input.
func File(path, dir string, formats []string, strict bool) (*Result, error) {
	return FileWith(path, Options{Dir: dir, Formats: formats, Strict: strict})
}

// FileWith is File with options. A problem with the templates (a
// directory that cannot be read, a file that would replace official text,
// a template that does not parse or execute) is an error of type
// *tmplset.Error, positioned in the user's file.
func FileWith(path string, o Options) (*Result, error) {
	lg := o.Legal
	if lg == nil {
		var err error
		if lg, err = legal.Load(); err != nil {
			return nil, err
		}
	}
	v, err := validate.File(path)
	if err != nil {
		return nil, err
	}
	res := &Result{Validation: v}
	if !v.Valid(o.Strict) || v.Desc == nil || v.Plan == nil {
		return res, nil
	}
	set, err := TemplatesOf(v, o.Templates)
	if err != nil {
		return res, err
	}
	res.Templates = set
	var o2 assemble.Options
	if set.Custom() {
		// The set is interned by content, so the assembler's cache of
		// parsed trees serves every agreement with the same templates.
		o2.Templates = set.FS()
	}
	doc, err := assemble.Build(v.Desc, v.Plan, lg, o2)
	if err == nil && set.Custom() {
		err = officialParts(doc)
	}
	if errors.Is(err, assemble.ErrOfficialText) {
		return res, &tmplset.Error{Pos: tmplset.Pos{File: customRoot(set)}, Msg: err.Error(), Hint: "dpa templates export DIR shows how the built-in templates do it"}
	}
	if err != nil {
		if te := set.Position(err); te != err {
			return res, te
		}
		return res, fmt.Errorf("%s: %w", path, err)
	}
	res.Document = doc
	// The Article 28 linter's warnings count under strict like the others.
	if res.Lint = Lint(doc, v.Plan, path); len(res.Lint) > 0 {
		v.Diags = append(v.Diags, res.Lint...).Sort()
		if o.Strict {
			return res, nil
		}
	}
	// The file properties of every format (PDF, Word) are those of the PDF.
	m := MetaOf(v)
	doc.Doc.Meta.Subject, doc.Doc.Meta.Author = m.Subject, m.Author
	for i, p := range OutputPaths(path, o.Dir, o.Formats) {
		r, ok := renderers[o.Formats[i]]
		if !ok {
			return res, fmt.Errorf("no renderer for format %q", o.Formats[i])
		}
		old, missing, err := oldOutput(p)
		if err != nil {
			return res, err
		}
		data, err := r(doc, v, set.Digest(), old)
		if err != nil {
			return res, fmt.Errorf("%s: %w", path, err)
		}
		res.Outputs = append(res.Outputs, Output{Path: p, Data: data, Missing: missing, Current: old != nil && bytes.Equal(old, data)})
	}
	return res, nil
}

// TemplatesOf returns the template set of a validated description: the
// built-in templates, replaced file by file by the directory flag names,
// then by the directory agreement.templates names (relative to the
// description or profile that names it), then by a templates/ directory
// next to the description.
func TemplatesOf(v *validate.Result, flag string) (*tmplset.Set, error) {
	key, at := "", tmplset.Pos{}
	if v.Desc != nil && v.Desc.Agreement.Templates != "" && v.Doc != nil {
		key = v.Desc.Agreement.Templates
		p := v.Doc.Pos("/agreement/templates")
		at = tmplset.Pos{File: p.File, Line: p.Line, Col: p.Col}
	}
	desc := ""
	if v.Doc != nil {
		desc = v.Doc.Path
	}
	return tmplset.New(templates.FS, assemble.LockedTemplates(), tmplset.Lookup(desc, flag, key, at)...)
}

// templatesDigest is the digest of the result's templates, "" when none.
func (r *Result) templatesDigest() string {
	if r.Templates == nil {
		return ""
	}
	return r.Templates.Digest()
}

// PDFFingerprint returns the fingerprint the PDF of a built result records
// (and its seal covers): that of its Markdown, metadata and templates.
func (r *Result) PDFFingerprint() string {
	m := MetaOf(r.Validation)
	m.Templates = r.templatesDigest()
	return pdf.Fingerprint(r.Document.Markdown, m)
}

// DOCXFingerprint returns the fingerprint the DOCX of a built result
// records: that of its typed document and templates.
func (r *Result) DOCXFingerprint() (string, error) {
	d, err := typed(r.Document, r.Validation)
	if err != nil {
		return "", err
	}
	fp, err := docx.Fingerprint(d)
	if err != nil {
		return "", err
	}
	return withTemplates(fp, r.templatesDigest()), nil
}

// officialParts checks that custom templates kept the Annexes that the
// Clauses prescribe: the locked Appendix starts with Annex I.
// A custom template cannot mark its own text as an addendum of official
// text either: there are exactly as many addendum sections as addenda.
func officialParts(a *assemble.Document) error {
	annex, addenda := false, 0
	for _, s := range a.Doc.Sections {
		if s.Kind == doc.Annex && len(s.Blocks) > 0 && s.Blocks[0].Kind == doc.Heading && mdparse.Plain(s.Blocks[0].Inlines) == "ANNEX I" {
			annex = true
		}
		if s.Kind == doc.Addendum {
			addenda++
		}
	}
	if addenda != len(a.Addenda) {
		return fmt.Errorf("%w: the agreement has %d sections marked as official clauses for %d addenda: a template may start an addendum only where the built-in agreement.md.tmpl does ({{section .Section}})", assemble.ErrOfficialText, addenda, len(a.Addenda))
	}
	if !annex {
		return fmt.Errorf("%w: the agreement has no Annex I: the templates must print the Annexes (appendix.md.tmpl) as the built-in agreement.md.tmpl does", assemble.ErrOfficialText)
	}
	return nil
}

// customRoot names the user's file that orders the parts of the agreement,
// or the first of the user's files.
func customRoot(s *tmplset.Set) string {
	for _, name := range []string{assemble.RootTemplate, "addendum.md.tmpl"} {
		if f, ok := s.File(name); ok && f.Path != "" {
			return f.Path
		}
	}
	for _, f := range s.Files() {
		if f.Path != "" {
			return f.Path
		}
	}
	return ""
}
