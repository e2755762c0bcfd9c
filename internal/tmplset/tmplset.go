// Package tmplset builds the set of templates an agreement is assembled
// from: the built-in templates, replaced file by file by the user's
// directories in the order of precedence. It records where each file comes
// from and its SHA-256, refuses files that would replace official text, and
// turns text/template's errors into positioned errors in the user's file.
package tmplset

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing/fstest"
	"unicode/utf8"

	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/regfile"
)

// Ext is the extension of a template file.
const Ext = ".tmpl"

// Root is the template the agreement is executed from.
const Root = "agreement.md.tmpl"

// MaxFileSize bounds one template file.
var MaxFileSize int64 = 1 << 20

// File is one template of a set.
type File struct {
	// Name is the template's file name, e.g. "agreement.md.tmpl"; the
	// template tree knows it by this name.
	Name string
	// Path is the user's file that replaces the built-in template, as the
	// directory was named; empty for a built-in template.
	Path string
	// Via says how the directory of Path was found ("--templates",
	// "agreement.templates in vendor.yaml", "templates/ next to acme.yaml").
	Via string
	// SHA256 is the hex digest of the file's bytes as read.
	SHA256 string
	// Src is the text, with CRLF line ends turned into LF.
	Src []byte
	// Part says what the template renders: the first sentence of the
	// built-in template's leading comment.
	Part string
}

// Origin returns "built-in" or the user's path.
func (f File) Origin() string {
	if f.Path == "" {
		return "built-in"
	}
	return f.Path
}

// Layer is a directory of the user's templates.
type Layer struct {
	Dir string
	// Via says how the directory was found, for messages and listings.
	Via string
	// Required makes a missing directory an error (a directory the user
	// named); a templates/ directory next to a description is optional.
	Required bool
	// At is where the directory was named (a description's key), used for
	// the position of an error about the directory itself; zero for a flag.
	At Pos
}

// Pos is a position in a file; Line and Col are 1-based, zero when unknown.
type Pos struct {
	File      string
	Line, Col int
}

// Set is the templates of one agreement, sorted by name.
type Set struct {
	files  []File
	fsys   fstest.MapFS
	digest string
	// content is the set that first had this content (see FS).
	content *contentFS
}

// Files returns the templates of the set in name order.
func (s *Set) Files() []File { return s.files }

// FS returns the set as a file system of *.tmpl files, for the assembler.
// Sets of the same content return the same value, so that a cache keyed by
// the file system (the assembler's parsed trees) serves all of them.
func (s *Set) FS() fs.FS { return s.content }

// contentFS is the file system of one content of a set.
type contentFS struct{ fsys fstest.MapFS }

// Open opens a template of the set.
func (c *contentFS) Open(name string) (fs.File, error) { return c.fsys.Open(name) }

// interned holds one contentFS per digest. A process sees few distinct
// sets (a batch of clients shares its vendor's), so it is not pruned.
var interned sync.Map // digest -> *contentFS

// Digest identifies the content of the set: the SHA-256 of every file's
// name and SHA-256, in name order. Where the files come from does not
// count, so moving a directory changes nothing.
func (s *Set) Digest() string { return s.digest }

// Custom reports whether any template of the set is the user's.
func (s *Set) Custom() bool {
	for _, f := range s.files {
		if f.Path != "" {
			return true
		}
	}
	return false
}

// File returns the template called name, if the set has it.
func (s *Set) File(name string) (File, bool) {
	i, ok := slices.BinarySearchFunc(s.files, name, func(f File, n string) int { return strings.Compare(f.Name, n) })
	if !ok {
		return File{}, false
	}
	return s.files[i], true
}

// Error is a problem in a template or a templates directory, positioned
// in the user's file where that is known.
type Error struct {
	Pos  Pos
	Msg  string
	Hint string
}

// Error returns "file:line:col: message".
func (e *Error) Error() string {
	return e.Where() + ": " + e.Msg
}

// Where returns the position as file:line:col, leaving out unknown parts.
func (e *Error) Where() string {
	switch {
	case e.Pos.Line == 0:
		return e.Pos.File
	case e.Pos.Col == 0:
		return fmt.Sprintf("%s:%d", e.Pos.File, e.Pos.Line)
	}
	return fmt.Sprintf("%s:%d:%d", e.Pos.File, e.Pos.Line, e.Pos.Col)
}

// Builtin returns the names of the built-in templates: the *.tmpl files at
// the top of builtin, sorted.
func Builtin(builtin fs.FS) ([]string, error) {
	entries, err := fs.ReadDir(builtin, ".")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), Ext) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// New returns the built-in templates of builtin, each replaced by the file
// of the same name in the first layer that has one. Layers come in the
// order of precedence, highest first. A layer's hidden files and files
// that are not *.tmpl are ignored (a README may stand beside the
// templates), except that a file or folder that names official text is an
// error, as is a *.tmpl file that is not a built-in template, a
// subdirectory, or a file that cannot be read.
//
// locked names the templates that hold official wording (the Appendix
// headings), which no layer may replace.
func New(builtin fs.FS, locked []string, layers ...Layer) (*Set, error) {
	base, err := builtinSet(builtin)
	if err != nil {
		return nil, err
	}
	files := map[string]File{}
	// Lowest precedence first, so that higher layers replace.
	for i := len(layers) - 1; i >= 0; i-- {
		l := layers[i]
		if l.Dir == "" {
			continue
		}
		over, err := readLayer(l, base.names, locked)
		if err != nil {
			return nil, err
		}
		for _, f := range over {
			files[f.Name] = f
		}
	}
	if len(files) == 0 {
		return base.set, nil
	}
	var all []File
	for _, b := range base.set.files {
		f, ok := files[b.Name]
		if !ok {
			f = b
		}
		f.Part = b.Part
		all = append(all, f)
	}
	return newSet(all), nil
}

// builtinSets caches the set of built-in templates per file system: it is
// read, hashed and described once per process.
var builtinSets sync.Map // fs.FS -> *builtinEntry

type builtinEntry struct {
	once  sync.Once
	names []string
	set   *Set
	err   error
}

func builtinSet(builtin fs.FS) (*builtinEntry, error) {
	e := &builtinEntry{}
	if reflect.TypeOf(builtin).Comparable() {
		v, _ := builtinSets.LoadOrStore(builtin, e)
		e = v.(*builtinEntry)
	}
	e.once.Do(func() {
		e.names, e.err = Builtin(builtin)
		if e.err != nil {
			return
		}
		var all []File
		for _, n := range e.names {
			b, err := fs.ReadFile(builtin, n)
			if err != nil {
				e.err = fmt.Errorf("templates: %w", err)
				return
			}
			f := newFile(n, "", "", b)
			f.Part = Describe(f.Src)
			all = append(all, f)
		}
		e.set = newSet(all)
	})
	return e, e.err
}

// newSet makes a set of files sorted by name, with its digest, interned
// by content.
func newSet(files []File) *Set {
	s := &Set{files: files, fsys: fstest.MapFS{}}
	h := sha256.New()
	for _, f := range s.files {
		s.fsys[f.Name] = &fstest.MapFile{Data: f.Src, Mode: 0o444}
		fmt.Fprintf(h, "%s\x00%s\n", f.Name, f.SHA256)
	}
	s.digest = hex.EncodeToString(h.Sum(nil))
	c, _ := interned.LoadOrStore(s.digest, &contentFS{fsys: s.fsys})
	s.content = c.(*contentFS)
	return s
}

func newFile(name, p, via string, b []byte) File {
	sum := sha256.Sum256(b)
	src := b
	if bytes.Contains(b, []byte("\r\n")) { // ReplaceAll copies even without one
		src = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	}
	return File{Name: name, Path: p, Via: via, SHA256: hex.EncodeToString(sum[:]), Src: src}
}

// readLayer reads the templates of one directory.
func readLayer(l Layer, names, locked []string) ([]File, error) {
	dirErr := func(msg, hint string) error {
		if l.At.File != "" {
			return &Error{Pos: l.At, Msg: msg, Hint: hint}
		}
		return &Error{Pos: Pos{File: l.Dir}, Msg: msg, Hint: hint}
	}
	st, err := os.Stat(l.Dir)
	switch {
	case err != nil && errors.Is(err, fs.ErrNotExist) && !l.Required:
		return nil, nil
	case err != nil:
		return nil, dirErr(fmt.Sprintf("templates directory %s (%s): %s", l.Dir, l.Via, dirReason(err)), "name a directory of *.tmpl files; dpa templates export DIR writes the built-in ones")
	case !st.IsDir():
		if !l.Required {
			return nil, nil
		}
		return nil, dirErr(fmt.Sprintf("templates directory %s (%s) is not a directory", l.Dir, l.Via), "name a directory of *.tmpl files")
	}
	entries, err := os.ReadDir(l.Dir)
	if err != nil {
		return nil, dirErr(fmt.Sprintf("templates directory %s (%s): %s", l.Dir, l.Via, dirReason(err)), "")
	}
	var out []File
	for _, e := range entries {
		name := e.Name()
		p := filepath.Join(l.Dir, name)
		if strings.HasPrefix(name, ".") {
			continue
		}
		builtin := slices.Contains(names, name)
		what := Official(name)
		if slices.Contains(locked, name) {
			what = "the headings of the Appendix that the Standard Contractual Clauses prescribe"
		}
		if what != "" && !builtin {
			return nil, &Error{Pos: Pos{File: p}, Msg: fmt.Sprintf("%s cannot be overridden: %s is official text, which dpa prints word for word", name, what),
				Hint: "only dpa's own wording is a template: " + strings.Join(names, ", ")}
		}
		if e.IsDir() {
			return nil, &Error{Pos: Pos{File: p}, Msg: "a templates directory holds template files, not folders", Hint: "move the *.tmpl files to " + l.Dir}
		}
		if !strings.HasSuffix(name, Ext) {
			continue
		}
		if !builtin {
			hint := "the templates are " + strings.Join(names, ", ")
			if near := diag.Closest(name, names, 3); near != "" {
				hint = fmt.Sprintf("did you mean %s? %s", near, hint)
			}
			return nil, &Error{Pos: Pos{File: p}, Msg: fmt.Sprintf("%s is not a template of dpa", name), Hint: hint}
		}
		b, err := regfile.ReadFile(p, MaxFileSize)
		if err != nil {
			return nil, &Error{Pos: Pos{File: p}, Msg: "cannot read: " + regfile.Reason(err)}
		}
		if err := checkText(p, b); err != nil {
			return nil, err
		}
		out = append(out, newFile(name, p, l.Via, b))
	}
	return out, nil
}

// dirReason words why a directory cannot be used.
func dirReason(err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "no such directory"
	}
	return regfile.Reason(err)
}

// checkText refuses text that is not UTF-8 or holds control characters
// other than tab and line ends: the assembler uses a control character to
// mark where sections start, which a template must not be able to forge.
func checkText(p string, b []byte) error {
	line, col := 1, 1
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			return &Error{Pos: Pos{File: p, Line: line, Col: col}, Msg: "the template is not UTF-8 text", Hint: "save it as UTF-8"}
		case r == '\n':
			line, col = line+1, 0
		case r == '\t' || r == '\r':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			return &Error{Pos: Pos{File: p, Line: line, Col: col}, Msg: fmt.Sprintf("control character %U in a template", r), Hint: "remove it"}
		}
		i += n
		col++
	}
	return nil
}

// Official returns what official text a file name stands for, or "" when
// it names none: the Standard Contractual Clauses (clauses/, the modules),
// the UK Addendum and the headings of the SCC Appendix.
func Official(name string) string {
	base := strings.ToLower(name)
	for _, ext := range []string{Ext, ".md", ".yaml", ".yml", ".txt"} {
		base = strings.TrimSuffix(base, ext)
	}
	base = strings.TrimSuffix(base, ".md")
	switch {
	case base == "clauses" || strings.HasPrefix(base, "clause") || strings.HasPrefix(base, "scc") || strings.HasPrefix(base, "module-") || strings.HasPrefix(base, "module"):
		return "the Standard Contractual Clauses (Decision (EU) 2021/914)"
	case strings.HasPrefix(base, "uk-addendum") || strings.HasPrefix(base, "uk_addendum") || base == "uk":
		return "the UK International Data Transfer Addendum (ICO, B1.0)"
	case strings.HasPrefix(base, "appendix") || strings.HasPrefix(base, "annex-headings"):
		return "the headings of the Appendix that the Standard Contractual Clauses prescribe"
	}
	return ""
}

// Lookup returns the layers of the user's templates for a description, in
// the order of precedence: the --templates directory (flag), the directory
// that agreement.templates names (key, relative to keyAt.File, the
// description or profile that names it), and a templates/ directory next
// to the description. Empty arguments are left out.
func Lookup(desc, flag, key string, keyAt Pos) []Layer {
	var ls []Layer
	if flag != "" {
		ls = append(ls, Layer{Dir: flag, Via: "--templates", Required: true})
	}
	if key != "" {
		dir := key
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(filepath.Dir(keyAt.File), filepath.FromSlash(key))
		}
		ls = append(ls, Layer{Dir: dir, Via: "agreement.templates in " + keyAt.File, Required: true, At: keyAt})
	}
	if desc != "" && desc != "-" {
		ls = append(ls, Layer{Dir: filepath.Join(filepath.Dir(desc), "templates"), Via: "templates/ next to " + filepath.Base(desc)})
	}
	return ls
}

// OfficialParts are the parts of an agreement that are official text and
// no template: dpa inserts them word for word.
var OfficialParts = []string{
	"Standard Contractual Clauses (Decision (EU) 2021/914), each module",
	"Annex headings the Appendix of the Clauses prescribes",
	"UK International Data Transfer Addendum (ICO, B1.0)",
}

// Describe returns what a template renders: its leading comment up to the
// first full stop or colon that ends a phrase (followed by a space or the
// end, outside parentheses), or "" when it has none.
func Describe(src []byte) string {
	// In bytes up to the comment: a template is tens of kilobytes, its
	// comment a line or two.
	b := bytes.TrimSpace(src)
	b = bytes.TrimPrefix(b, []byte("{{-"))
	b = bytes.TrimPrefix(b, []byte("{{"))
	b = bytes.TrimSpace(b)
	if !bytes.HasPrefix(b, []byte("/*")) {
		return ""
	}
	end := bytes.Index(b, []byte("*/"))
	if end < 0 {
		return ""
	}
	c := strings.Join(strings.Fields(string(b[2:end])), " ")
	depth := 0
	for i, r := range c {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case (r == '.' || r == ':') && depth == 0 && (i+1 == len(c) || c[i+1] == ' '):
			return c[:i]
		}
	}
	return c
}

// Export returns a built-in template as written by dpa templates export:
// a comment that says what the file is, then the template unchanged. The
// comment prints nothing, so that the exported file renders exactly as the
// built-in one.
func Export(f File) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "{{/*\n%s: the built-in template of dpa, exported as a starting point.\n", f.Name)
	if d := Describe(f.Src); d != "" {
		fmt.Fprintf(&b, "It renders: %s.\n", d)
	}
	b.WriteString(`Edit it and keep it in a templates directory (--templates DIR,
agreement.templates in a description or profile, or templates/ next to the
description); delete the files you do not change, so that they follow dpa's
own. Every value is Markdown, already escaped. The data, the functions and
the conventions are in "dpa help templates".
*/}}`)
	if !bytes.HasPrefix(f.Src, []byte("{{-")) {
		// No trim marker would remove a line end after the comment.
		b.Write(f.Src)
		return b.Bytes()
	}
	b.WriteByte('\n')
	b.Write(f.Src)
	return b.Bytes()
}
