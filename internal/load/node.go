package load

import (
	"github.com/dpa-tool/dpa/internal/diag"
)

// Kind is the kind of a Node.
type Kind int

const (
	// Null is an unquoted ~, null or an empty value.
	Null Kind = iota
	// Scalar is any other scalar; its source text is kept in Value.
	Scalar
	// Map is a mapping with string keys, in source order.
	Map
	// Seq is a sequence.
	Seq
)

// Node is a YAML value with the position it was read from. Unlike yaml.Node
// it has no aliases (they are expanded) and it may mix positions from several
// files after a profile has been merged in.
type Node struct {
	Kind  Kind
	Tag   string // YAML short tag of a scalar: !!str, !!int, !!float, !!bool, !!timestamp
	Value string // source text of a scalar
	// Quoted is true for a scalar written in quotes: its text starts one
	// column after Pos.
	Quoted bool
	// Flow is true for a sequence written in flow style, [a, b].
	Flow   bool
	Fields []Field
	Items  []*Node
	Pos    diag.Pos
}

// Field is one key of a mapping.
type Field struct {
	Key    string
	KeyPos diag.Pos
	Value  *Node
}

// Get returns the value of key in a mapping, or nil.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Map {
		return nil
	}
	for _, f := range n.Fields {
		if f.Key == key {
			return f.Value
		}
	}
	return nil
}

// field returns the Field for key, or nil.
func (n *Node) field(key string) *Field {
	if n == nil || n.Kind != Map {
		return nil
	}
	for i := range n.Fields {
		if n.Fields[i].Key == key {
			return &n.Fields[i]
		}
	}
	return nil
}

// without returns a shallow copy of mapping n without the given keys.
func (n *Node) without(keys ...string) *Node {
	c := *n
	c.Fields = nil
	for _, f := range n.Fields {
		drop := false
		for _, k := range keys {
			if f.Key == k {
				drop = true
			}
		}
		if !drop {
			c.Fields = append(c.Fields, f)
		}
	}
	return &c
}

// Text returns the scalar text of n, or "" for anything else.
func (n *Node) Text() string {
	if n == nil || n.Kind != Scalar {
		return ""
	}
	return n.Value
}
