// Package load reads description files: it checks the raw bytes, parses the
// YAML keeping every position, expands aliases within limits, follows
// "extends" to merge profiles, and builds the JSON tree that the schema
// validates together with an index from JSON pointers to positions.
package load

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/regfile"
)

// Limits on what a description may be. They are variables only so that
// the fuzz tests can make them small; nothing else changes them.
var (
	MaxFileSize int64 = 10 << 20 // bytes of one file
	MaxDepth          = 64       // nesting levels
	MaxNodes          = 10000    // values after alias expansion
	// MaxExpanded bounds the text of one file after alias expansion, in
	// bytes: without aliases a file cannot exceed it, so only aliases can.
	MaxExpanded int64 = 10 << 20
	// MaxExtends is the longest chain of profiles a description may extend.
	MaxExtends = 16
)

// Doc is a loaded description, merged with its profiles.
type Doc struct {
	// Path is the description file as named by the user.
	Path string
	// Files lists the description and then its profiles in extends order.
	Files []string
	// Sums holds the SHA-256 (hex) of the bytes read from each of Files:
	// exactly what the tree was built from.
	Sums []string
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

// Load reads the description at path (an OS path) and merges its
// profiles. Problems with the input are returned as diagnostics; the Doc is
// nil when the description cannot be used at all.
func Load(path string) (*Doc, diag.List) { return load(path, nil) }

// Data is Load for a description that is not a file (standard input): data
// is its content and name its name in positions. A relative extends is
// resolved from the working directory.
func Data(name string, data []byte) (*Doc, diag.List) {
	if data == nil {
		data = []byte{}
	}
	return load(name, data)
}

func load(path string, first []byte) (*Doc, diag.List) {
	var l diag.List
	c, ok := readChain(path, first, &l)
	if !ok || l.HasErrors() {
		return nil, l
	}
	root := c.roots[len(c.roots)-1]
	for i := len(c.roots) - 2; i >= 0; i-- {
		over := c.roots[i]
		if bv, ov := root.Get("version"), over.Get("version"); bv != nil && ov != nil && bv.Value != ov.Value {
			l.Errorf(ov.Pos, "load.version", "", "version %s differs from version %s of profile %s", ov.Value, bv.Value, c.files[i+1])
		}
		root = merge(root, over)
	}
	if l.HasErrors() {
		return nil, l
	}
	// The indexes are made at their final size: growing them step by step
	// rehashed every entry several times (~0.3 ms an agreement).
	nodes, keys := root.count()
	d := &Doc{Path: path, Root: root, IsProfile: c.isProfile, Files: c.files, Sums: c.sums, Index: make(map[string]diag.Pos, nodes), KeyIndex: make(map[string]diag.Pos, keys)}
	d.Tree = d.toJSON(root, "")
	for i := range l {
		l[i].Order = d.Order(l[i].Pos.File)
	}
	return d, l
}

// Chain returns path and the profiles it extends, as far as they can be
// read, without reporting problems.
func Chain(path string) []string {
	var l diag.List
	c, _ := readChain(path, nil, &l)
	return c.files
}

// chain is a description and the profiles it extends, each read once.
type chain struct {
	files     []string
	sums      []string
	roots     []*Node // without extends and kind; the description first
	isProfile bool    // the description itself says kind: profile
}

// readChain reads path (or takes first, when not nil, as its content) and
// follows extends from file to file; on failure
// the chain holds the files read so far. Each file is
// read once; a chain that comes back to a file it has read (after resolving
// symbolic links), or is longer than MaxExtends, is an error.
func readChain(path string, first []byte, l *diag.List) (*chain, bool) {
	c := &chain{}
	seen := map[string]bool{}
	var from *Node // the extends value that named path
	for {
		var data []byte
		var err error
		switch {
		case from == nil && first != nil:
			data = first
		case from == nil:
			data, err = regfile.ReadFile(path, MaxFileSize)
		default:
			data, err = readProfile(path)
		}
		if err != nil {
			if from != nil {
				l.Errorf(from.Pos, "load.extends", "extends takes a path to a .yaml profile, relative to the file that names it", "cannot read profile %q: %s", path, regfile.Reason(err))
			} else {
				l.Errorf(diag.Pos{File: path}, "load.read", "", "cannot read description: %s", regfile.Reason(err))
			}
			return c, false
		}
		seen[identity(path)] = true
		sum := hashOf(data)
		var root *Node
		var ds diag.List
		if from == nil {
			root, ds = Parse(path, data)
		} else {
			root, ds = profiles.parse(path, sum, data)
		}
		*l = append(*l, ds...)
		if root == nil {
			return c, false
		}
		kind := root.Get("kind")
		isProfile := kind != nil && kind.Kind == Scalar && kind.Value == "profile"
		if from == nil {
			c.isProfile = isProfile
		} else if !isProfile {
			l.Errorf(from.Pos, "load.extends", "a profile file starts with kind: profile", "%q is not a profile", from.Value)
			return c, false
		}
		c.files = append(c.files, path)
		c.sums = append(c.sums, sum)
		c.roots = append(c.roots, root.without("extends", "kind"))
		ext := root.field("extends")
		if ext == nil || ext.Value.Kind == Null {
			return c, true
		}
		v := ext.Value
		switch {
		case v.Kind != Scalar || v.Value == "":
			l.Errorf(v.Pos, "load.extends", "write extends: ../vendor/profile.yaml", "extends must be a path to a profile file")
			return c, false
		case filepath.IsAbs(v.Value) || strings.HasPrefix(v.Value, "/") || strings.HasPrefix(v.Value, `\`):
			l.Errorf(v.Pos, "load.extends", "write the path relative to this file, such as ../profiles/vendor.yaml", "extends takes a relative path, not the absolute path %q", v.Value)
			return c, false
		case !isYAMLName(v.Value):
			l.Errorf(v.Pos, "load.extends", "a profile is a .yaml or .yml file that starts with kind: profile", "extends %q does not name a .yaml or .yml file", v.Value)
			return c, false
		case len(c.files) > MaxExtends:
			l.Errorf(v.Pos, "load.extends", "let profiles extend fewer profiles", "the chain of extends is longer than %d profiles", MaxExtends)
			return c, false
		}
		target := filepath.Join(filepath.Dir(path), filepath.FromSlash(v.Value))
		if seen[identity(target)] {
			l.Errorf(v.Pos, "load.cycle", "a profile may extend another profile, but the chain must end", "extends %q closes a cycle", v.Value)
			return c, false
		}
		path, from = target, v
	}
}

// readProfile reads a profile named by extends: a regular file of bounded
// size whose name ends in .yaml or .yml (symbolic links are followed, and
// the name they lead to must end so too).
func readProfile(path string) ([]byte, error) {
	if real, err := filepath.EvalSymlinks(path); err == nil && !isYAMLName(real) {
		return nil, errNotYAML
	}
	return regfile.ReadFile(path, MaxFileSize)
}

var errNotYAML = errors.New("the file it leads to is not a .yaml or .yml file")

func isYAMLName(p string) bool {
	ext := strings.ToLower(filepath.Ext(p))
	return ext == ".yaml" || ext == ".yml"
}

// identity names a file for cycle detection: its path with symbolic links
// resolved, or its absolute path when it cannot be resolved.
func identity(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

func hashOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// Parse parses the bytes of one file named name (used in positions).
func Parse(name string, data []byte) (*Node, diag.List) {
	var l diag.List
	at := func(line, col int) diag.Pos { return diag.Pos{File: name, Line: line, Col: col} }
	if int64(len(data)) > MaxFileSize {
		l.Errorf(at(1, 1), "load.size", "split the description or move shared parts into a profile", "file is larger than %s", regfile.Bytes(MaxFileSize))
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
	if i := firstControl(data); i >= 0 {
		r, _ := utf8.DecodeRune(data[i:])
		line, col := lineCol(data, i)
		l.Errorf(at(line, col), "load.control", "remove it: a description holds printable text only", "control character U+%04X is not allowed in YAML", r)
		return nil, l
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			l.Errorf(at(1, 1), "load.empty", "run dpa init to get a starter description", "file is empty")
			return nil, l
		}
		line, col, msg := yamlError(err, data)
		l.Errorf(at(line, col), "load.syntax", "", "%s", syntaxMessage(msg))
		return nil, l
	}
	var second yaml.Node
	if err := dec.Decode(&second); err == nil {
		l.Errorf(at(second.Line, second.Column), "load.documents", "put one agreement in each file", "a second YAML document: a description is one document")
		return nil, l
	} else if !errors.Is(err, io.EOF) {
		line, col, msg := yamlError(err, data)
		l.Errorf(at(line, col), "load.syntax", "", "%s", syntaxMessage(msg))
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

// converter turns a yaml.Node tree into Nodes, expanding aliases within
// limits on the number of values and the bytes of text.
type converter struct {
	file  string
	nodes int
	bytes int64
	alias *yaml.Node // the outermost alias being expanded, if any
	diags *diag.List
	stop  bool
}

func (c *converter) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: c.file, Line: n.Line, Col: n.Column}
}

// count adds one value of size bytes and reports whether the limits hold.
func (c *converter) count(n *yaml.Node, size int) bool {
	c.nodes++
	c.bytes += int64(size)
	switch {
	case c.nodes > MaxNodes && c.alias != nil:
		c.diags.Errorf(c.pos(c.alias), "load.aliases", "write the values out instead of repeating anchors", "alias *%s expands the document to more than %d values", c.alias.Value, MaxNodes)
	case c.nodes > MaxNodes:
		c.diags.Errorf(c.pos(n), "load.values", "split the description, or share parts through a profile", "the document has more than %d values", MaxNodes)
	case c.bytes > MaxExpanded && c.alias != nil:
		c.diags.Errorf(c.pos(c.alias), "load.aliases", "write the text out instead of repeating anchors", "alias *%s expands the document to more than %s of text", c.alias.Value, regfile.Bytes(MaxExpanded))
	case c.bytes > MaxExpanded:
		c.diags.Errorf(c.pos(n), "load.size", "split the description", "the document has more than %s of text", regfile.Bytes(MaxExpanded))
	default:
		return true
	}
	c.stop = true
	return false
}

// key counts the text of a mapping key (which is not a value of its own).
func (c *converter) key(alias, k *yaml.Node) bool {
	if c.stop {
		return false
	}
	saved := c.alias
	if c.alias == nil {
		c.alias = alias
	}
	c.nodes--
	ok := c.count(k, len(k.Value))
	c.alias = saved
	return ok
}

func (c *converter) convert(n *yaml.Node, depth int) *Node {
	if c.stop || !c.count(n, len(n.Value)) {
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
		if c.alias == nil {
			c.alias = n
			defer func() { c.alias = nil }()
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
			var alias *yaml.Node
			if k.Kind == yaml.AliasNode && k.Alias != nil {
				alias, k = k, k.Alias
			}
			if !c.key(alias, k) {
				break
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
