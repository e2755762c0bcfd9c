package assemble

import (
	"embed"
	"fmt"
	"io/fs"
	"reflect"
	"slices"
	"sync"
	"text/template"

	"github.com/dpa-tool/dpa/clauses"
	"github.com/dpa-tool/dpa/internal/prose"
	"github.com/dpa-tool/dpa/templates"
)

// Options are the choices of a build beyond the description. The zero
// value builds with the built-in templates.
type Options struct {
	// Templates holds the agreement's templates: every *.tmpl file at its
	// root is parsed into one template tree, each file as a template named
	// by its file name, and agreement.md.tmpl is the root. Nil means the
	// built-in templates.FS. A file named like one of the locked templates
	// (LockedTemplates) is refused: those hold the wording the official
	// Appendix prescribes and come from package clauses only.
	Templates fs.FS
}

// RootTemplate is the template that orders the parts of the agreement.
const RootTemplate = "agreement.md.tmpl"

// lockedFiles are the templates under clauses/ that hold the headings and
// field headings prescribed by the official Appendix to the Standard
// Contractual Clauses; they are parsed into every template tree and cannot
// be replaced.
var lockedFiles = []string{clauses.AppendixTemplate}

// LockedTemplates returns the names of the templates that come from
// package clauses and that no template FS may replace.
func LockedTemplates() []string { return slices.Clone(lockedFiles) }

// templateSets caches the parsed template tree per template FS: the
// built-in one (an embed.FS, which cannot change) is parsed once per
// process, and so is any FS given as a pointer, per pointer. Other FS
// values, such as os.DirFS("dir"), are parsed at every build: equal values
// may name files that have changed since.
var templateSets sync.Map // fs.FS -> *templateSet

type templateSet struct {
	once sync.Once
	tmpl *template.Template
	err  error
}

// Templates parses the template tree of fsys (nil: the built-in
// templates) with the functions the assembler provides, or returns the
// cached tree. Parse errors name the file ("template: body.md.tmpl:12:
// …").
func Templates(fsys fs.FS) (*template.Template, error) {
	if fsys == nil {
		fsys = templates.FS
	}
	if !cacheable(fsys) {
		return parseTemplates(fsys)
	}
	v, _ := templateSets.LoadOrStore(fsys, &templateSet{})
	s := v.(*templateSet)
	s.once.Do(func() { s.tmpl, s.err = parseTemplates(fsys) })
	return s.tmpl, s.err
}

// cacheable reports whether the parsed tree of fsys may be kept: an
// embed.FS, or a pointer.
func cacheable(fsys fs.FS) bool {
	if _, ok := fsys.(embed.FS); ok {
		return true
	}
	return reflect.TypeOf(fsys).Kind() == reflect.Pointer
}

// funcs are the functions every template may call. None of them reads
// files, the environment or the clock, and none escapes or unescapes:
// every value the view hands over is already escaped Markdown.
//
//	inc N             N+1 (numbering from a range index)
//	list ITEMS        "a", "a and b", "a, b and c"
//	quote ITEMS       each item in typographic quotes: “a”
//	plural N ONE MANY ONE if N is 1, else MANY
//	upper TEXT        TEXT with its first letter in upper case
//	section KIND      starts a section of the document: "annex",
//	                  "signatures", or the Section of an addendum
func funcs() template.FuncMap {
	return template.FuncMap{
		"inc":  func(i int) int { return i + 1 },
		"list": prose.List,
		"quote": func(items []string) []string {
			out := make([]string, len(items))
			for i, s := range items {
				out[i] = "“" + s + "”"
			}
			return out
		},
		"plural":  plural,
		"upper":   upperFirst,
		"section": sectionMark,
	}
}

// ViewType is the type of the data the root template receives (its
// fields, and the types they hold, are what templates can print), for
// documentation and the tests that keep it true.
func ViewType() reflect.Type { return reflect.TypeOf(view{}) }

// FuncNames are the names of the functions templates may call, sorted.
func FuncNames() []string {
	var out []string
	for name := range funcs() {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

func parseTemplates(fsys fs.FS) (*template.Template, error) {
	names, err := fs.Glob(fsys, "*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	if !slices.Contains(names, RootTemplate) {
		return nil, fmt.Errorf("templates: no %s", RootTemplate)
	}
	root := template.New(RootTemplate).Option("missingkey=error").Funcs(funcs())
	for _, name := range names {
		if slices.Contains(lockedFiles, name) {
			return nil, fmt.Errorf("templates: %s holds wording of the official Appendix and cannot be replaced", name)
		}
		if err := parseFile(root, fsys, name); err != nil {
			return nil, err
		}
	}
	for _, name := range lockedFiles {
		if err := parseFile(root, clauses.FS, name); err != nil {
			return nil, err
		}
	}
	return root, nil
}

func parseFile(root *template.Template, fsys fs.FS, name string) error {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("templates: %w", err)
	}
	t := root
	if name != root.Name() {
		t = root.New(name)
	}
	if _, err := t.Parse(string(src)); err != nil {
		return err // "template: NAME:LINE: …"
	}
	return nil
}
