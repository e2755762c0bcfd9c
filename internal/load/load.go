// Package load reads description files: it checks the raw bytes, parses the
// YAML keeping every position, expands aliases within limits, follows
// "extends" to merge profiles, and builds the JSON tree that the schema
// validates together with an index from JSON pointers to positions.
package load

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/dpa-tool/dpa/internal/diag"
)

// Limits on what a description may be.
const (
	MaxFileSize = 10 << 20 // bytes
	MaxDepth    = 64       // nesting levels
	MaxNodes    = 10000    // nodes after alias expansion
)

// Doc is a loaded description, merged with its profiles.
type Doc struct {
	// Path is the description file as named by the user.
	Path string
	// Files lists the description and then its profiles in extends order.
	Files []string
	// Root is the merged tree.
	Root *Node
	// IsProfile is true when the file itself says kind: profile.
	IsProfile bool
	// Tree is Root as JSON values (map[string]any, []any, string, float64,
	// bool, nil) for the schema validator.
	Tree any
	// Index maps JSON pointers of Tree to the position of each value.
	Index map[string]diag.Pos
	// KeyIndex maps JSON pointers of mapping members to the position of their key.
	KeyIndex map[string]diag.Pos
}

// Pos returns the position of the value at ptr, or of its nearest indexed ancestor.
func (d *Doc) Pos(ptr string) diag.Pos {
	for {
		if p, ok := d.Index[ptr]; ok {
			return p
		}
		i := strings.LastIndexByte(ptr, '/')
		if i < 0 {
			return diag.Pos{File: d.Path, Line: 1, Col: 1}
		}
		ptr = ptr[:i]
	}
}

// KeyPos returns the position of the key of the member at ptr, falling back to Pos.
func (d *Doc) KeyPos(ptr string) diag.Pos {
	if p, ok := d.KeyIndex[ptr]; ok {
		return p
	}
	return d.Pos(ptr)
}

// Order returns the rank of file in the extends chain: 0 for the description.
func (d *Doc) Order(file string) int {
	for i, f := range d.Files {
		if f == file {
			return i
		}
	}
	return len(d.Files)
}

// Load reads the description at path from fsys (paths are slash-separated
// and relative to fsys, or OS paths when fsys is nil) and merges its profiles.
// Problems with the input are returned as diagnostics; the Doc is nil when
// the description cannot be used at all.
func Load(path string) (*Doc, diag.List) {
	var l diag.List
	root, isProfile := loadChain(path, nil, diag.Pos{}, &l)
	if root == nil || l.HasErrors() {
		return nil, l
	}
	d := &Doc{Path: path, Root: root, IsProfile: isProfile, Index: map[string]diag.Pos{}, KeyIndex: map[string]diag.Pos{}}
	d.Files = chainFiles(path)
	d.Tree = d.toJSON(root, "")
	for i := range l {
		l[i].Order = d.Order(l[i].Pos.File)
	}
	return d, l
}

// chainFiles lists path and the profiles it extends, as far as they can be read.
func chainFiles(path string) []string {
	files := []string{path}
	seen := map[string]bool{abs(path): true}
	for {
		n, _, err := parseFile(path)
		if err != nil || n == nil {
			return files
		}
		ext := n.Get("extends")
		if ext == nil || ext.Kind != Scalar {
			return files
		}
		path = filepath.Join(filepath.Dir(path), ext.Value)
		if seen[abs(path)] {
			return files
		}
		seen[abs(path)] = true
		files = append(files, path)
	}
}

func abs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}

// loadChain parses path and, recursively, the profile it extends, returning
// the merged root. stack holds the absolute paths being loaded (for cycles);
// from is the position of the extends value that named path.
func loadChain(path string, stack []string, from diag.Pos, l *diag.List) (*Node, bool) {
	root, ds, err := parseFile(path)
	if err != nil {
		if from.File != "" {
			l.Errorf(from, "load.extends", "extends takes a path relative to the file that names it", "cannot read profile %q: %v", path, err)
		} else {
			l.Errorf(diag.Pos{File: path}, "load.read", "", "cannot read description: %v", err)
		}
		return nil, false
	}
	*l = append(*l, ds...)
	if root == nil {
		return nil, false
	}
	isProfile := root.Get("kind") != nil && root.Get("kind").Value == "profile"
	ext := root.field("extends")
	if ext == nil || ext.Value.Kind == Null {
		return root.without("extends", "kind"), isProfile
	}
	if ext.Value.Kind != Scalar || ext.Value.Value == "" {
		l.Errorf(ext.Value.Pos, "load.extends", "write extends: ../vendor/profile.yaml", "extends must be a path to a profile file")
		return nil, isProfile
	}
	target := filepath.Join(filepath.Dir(path), ext.Value.Value)
	me := abs(path)
	stack = append(stack, me)
	for _, s := range stack {
		if s == abs(target) {
			l.Errorf(ext.Value.Pos, "load.cycle", "a profile may extend another profile, but the chain must end", "extends %q closes a cycle", ext.Value.Value)
			return nil, isProfile
		}
	}
	base, _ := loadChain(target, stack, ext.Value.Pos, l)
	if base == nil {
		return nil, isProfile
	}
	if k := base.Get("version"); k != nil && root.Get("version") != nil && k.Value != root.Get("version").Value {
		l.Errorf(root.Get("version").Pos, "load.version", "", "version %s differs from version %s of profile %s", root.Get("version").Value, k.Value, target)
	}
	return merge(base, root.without("extends", "kind")), isProfile
}

// errNotFile is returned for a path that is a directory or other non-file.
var errNotFile = errors.New("not a regular file")

// parseFile reads and parses one file. A non-nil error means the file could
// not be read; problems with its content come back as diagnostics.
func parseFile(path string) (*Node, diag.List, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, fmt.Errorf("no such file")
		}
		return nil, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if st.IsDir() {
		return nil, nil, fmt.Errorf("is a directory")
	}
	if !st.Mode().IsRegular() {
		return nil, nil, errNotFile
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, nil, err
	}
	n, ds := Parse(path, data)
	return n, ds, nil
}

// Parse parses the bytes of one file named name (used in positions).
func Parse(name string, data []byte) (*Node, diag.List) {
	var l diag.List
	at := func(line, col int) diag.Pos { return diag.Pos{File: name, Line: line, Col: col} }
	if len(data) > MaxFileSize {
		l.Errorf(at(1, 1), "load.size", "split the description or move shared parts into a profile", "file is larger than %d MiB", MaxFileSize>>20)
		return nil, l
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := lineCol(data, i)
		l.Errorf(at(line, col), "load.binary", "descriptions are UTF-8 text files", "file contains a NUL byte: it is not a text file")
		return nil, l
	}
	if !utf8.Valid(data) {
		i := firstInvalid(data)
		line, col := lineCol(data, i)
		l.Errorf(at(line, col), "load.encoding", "save the file as UTF-8", "invalid UTF-8 byte 0x%02x", data[i])
		return nil, l
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			l.Errorf(at(1, 1), "load.empty", "run dpa init to get a starter description", "file is empty")
			return nil, l
		}
		line, msg := yamlError(err, data)
		l.Errorf(at(line, 1), "load.syntax", "", "invalid YAML: %s", msg)
		return nil, l
	}
	var second yaml.Node
	if err := dec.Decode(&second); err == nil {
		l.Errorf(at(second.Line, second.Column), "load.documents", "put one agreement in each file", "a second YAML document: a description is one document")
		return nil, l
	} else if !errors.Is(err, io.EOF) {
		line, msg := yamlError(err, data)
		l.Errorf(at(line, 1), "load.syntax", "", "invalid YAML: %s", msg)
		return nil, l
	}
	if len(doc.Content) == 0 {
		l.Errorf(at(1, 1), "load.empty", "run dpa init to get a starter description", "file is empty")
		return nil, l
	}
	c := converter{file: name, diags: &l}
	root := c.convert(doc.Content[0], 1)
	if l.HasErrors() {
		return nil, l
	}
	if root.Kind != Map {
		l.Errorf(root.Pos, "load.top", "start the file with keys such as version: 1", "the top level must be a mapping of keys, not %s", kindName(root))
		return nil, l
	}
	return root, l
}

// yamlError extracts the line and message from a yaml.v3 error.
func yamlError(err error, data []byte) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	line := 1
	if strings.HasPrefix(msg, "line ") {
		rest := msg[len("line "):]
		if i := strings.IndexByte(rest, ':'); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				line = n
				msg = strings.TrimSpace(rest[i+1:])
				// yaml.v3 counts lines from 0 for parser errors (unlike
				// scanner errors); its parser messages all start so.
				if strings.HasPrefix(msg, "did not find expected") {
					line++
				}
			}
		}
	}
	// An error at the end of the stream (an unclosed bracket) is shown on
	// the last line that has content, not on the empty line after it.
	if last := bytes.Count(bytes.TrimRight(data, " \t\r\n"), []byte("\n")) + 1; line > last {
		line = last
	}
	return line, msg
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return 0
}

// lineCol returns the 1-based line and rune column of byte offset i.
func lineCol(b []byte, i int) (int, int) {
	line := 1 + bytes.Count(b[:i], []byte("\n"))
	start := bytes.LastIndexByte(b[:i], '\n') + 1
	return line, 1 + utf8.RuneCount(b[start:i])
}

func kindName(n *Node) string {
	switch n.Kind {
	case Seq:
		return "a list"
	case Scalar:
		return "a single value"
	case Null:
		return "empty"
	}
	return "a mapping"
}

// converter turns a yaml.Node tree into Nodes, expanding aliases.
type converter struct {
	file  string
	nodes int
	diags *diag.List
	stop  bool
}

func (c *converter) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: c.file, Line: n.Line, Col: n.Column}
}

func (c *converter) convert(n *yaml.Node, depth int) *Node {
	if c.stop {
		return &Node{Kind: Null}
	}
	c.nodes++
	if c.nodes > MaxNodes {
		c.diags.Errorf(c.pos(n), "load.aliases", "write the values out instead of repeating anchors", "the document expands to more than %d values (alias expansion)", MaxNodes)
		c.stop = true
		return &Node{Kind: Null}
	}
	if depth > MaxDepth {
		c.diags.Errorf(c.pos(n), "load.depth", "", "nesting is deeper than %d levels", MaxDepth)
		c.stop = true
		return &Node{Kind: Null}
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			return &Node{Kind: Null, Pos: c.pos(n)}
		}
		return c.convert(n.Alias, depth)
	case yaml.ScalarNode:
		tag := n.ShortTag()
		if tag == "!!null" {
			return &Node{Kind: Null, Tag: tag, Pos: c.pos(n)}
		}
		if tag == "!!binary" || (strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!")) {
			c.diags.Errorf(c.pos(n), "load.tag", "remove the tag", "unsupported YAML tag %s", n.Tag)
		}
		quoted := n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0
		return &Node{Kind: Scalar, Tag: tag, Value: n.Value, Pos: c.pos(n), Quoted: quoted}
	case yaml.SequenceNode:
		out := &Node{Kind: Seq, Pos: c.pos(n), Flow: n.Style&yaml.FlowStyle != 0}
		for _, it := range n.Content {
			out.Items = append(out.Items, c.convert(it, depth+1))
		}
		return out
	case yaml.MappingNode:
		out := &Node{Kind: Map, Pos: c.pos(n)}
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.AliasNode && k.Alias != nil {
				k = k.Alias
			}
			if k.Kind != yaml.ScalarNode {
				c.diags.Errorf(c.pos(k), "load.key", "keys are plain names such as name or country", "a key must be a single value")
				continue
			}
			if k.ShortTag() == "!!merge" {
				c.diags.Errorf(c.pos(k), "load.merge", "write the keys out, or share them through extends", "YAML merge keys (<<) are not supported")
				continue
			}
			if first, dup := seen[k.Value]; dup {
				c.diags.Errorf(c.pos(k), "load.duplicate", "remove one of the two", "duplicate key %q (first at line %d)", k.Value, first)
				continue
			}
			seen[k.Value] = k.Line
			out.Fields = append(out.Fields, Field{Key: k.Value, KeyPos: c.pos(k), Value: c.convert(v, depth+1)})
		}
		return out
	}
	return &Node{Kind: Null, Pos: c.pos(n)}
}
