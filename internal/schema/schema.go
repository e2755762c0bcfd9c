// Package schema checks JSON values (map[string]any, []any, string,
// float64, bool, nil, as package load builds them) against the JSON Schemas
// of package schemas.
//
// It implements the part of JSON Schema draft 2020-12 that those schemas
// use and refuses a schema with any other keyword, so that a schema edit is
// never silently ignored. It exists for start-up time: compiling is one
// JSON decode per file, with no meta-schema validation and no package
// initialisation, which keeps a whole "dpa validate" run within a few
// milliseconds. A test checks that it agrees with a complete implementation
// (santhosh-tekuri/jsonschema, used by the tests only).
package schema

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Schema is one compiled schema object.
type Schema struct {
	// Def is the name of the $defs entry this schema is ("country"), or "".
	Def string
	// Bool is set for the boolean schemas true and false.
	Bool *bool

	Types    []string
	Enum     []any
	Const    any
	HasConst bool

	Properties        map[string]*Schema
	PatternProperties map[*regexp.Regexp]*Schema
	Additional        *Schema // additionalProperties; nil allows any
	Required          []string
	DependentRequired map[string][]string
	PropertyNames     *Schema
	MinProperties     *int
	MaxProperties     *int

	Items       *Schema
	PrefixItems []*Schema
	MinItems    *int
	MaxItems    *int
	UniqueItems bool

	MinLength  *int
	MaxLength  *int
	Pattern    *regexp.Regexp
	Minimum    *float64
	Maximum    *float64
	ExclMin    *float64
	ExclMax    *float64
	MultipleOf *float64

	Ref                 *Schema
	AllOf               []*Schema
	AnyOf               []*Schema
	OneOf               []*Schema
	Not, If, Then, Else *Schema
}

// annotations are keywords that do not assert anything.
var annotations = map[string]bool{
	"$schema": true, "$id": true, "$defs": true, "$comment": true, "$anchor": true,
	"title": true, "description": true, "examples": true, "default": true,
	"deprecated": true, "readOnly": true, "writeOnly": true, "format": true,
}

// compiler turns parsed schema documents into Schemas.
type compiler struct {
	docs  map[string]any // by URL without fragment
	cache map[string]*Schema
}

// Compile reads the named schema files from fsys and returns the compiled
// schema of each, in order. References between the files are resolved by
// their $id (or file name).
func Compile(fsys fs.FS, names ...string) ([]*Schema, error) {
	c := &compiler{docs: map[string]any{}, cache: map[string]*Schema{}}
	var ids []string
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("schema %s: %w", name, err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			return nil, fmt.Errorf("schema %s: %w", name, err)
		}
		id := name
		if m, ok := v.(map[string]any); ok {
			if s, ok := m["$id"].(string); ok {
				id = s
			}
		}
		c.docs[id] = v
		ids = append(ids, id)
	}
	out := make([]*Schema, len(ids))
	for i, id := range ids {
		s, err := c.compile(id, "", c.docs[id])
		if err != nil {
			return nil, fmt.Errorf("schema %s: %w", names[i], err)
		}
		out[i] = s
	}
	return out, nil
}

func (c *compiler) compile(doc, ptr string, v any) (*Schema, error) {
	key := doc + "#" + ptr
	if s, ok := c.cache[key]; ok {
		return s, nil
	}
	s := &Schema{}
	c.cache[key] = s
	if strings.HasPrefix(ptr, "/$defs/") && strings.Count(ptr, "/") == 2 {
		s.Def = unescape(ptr[len("/$defs/"):])
	}
	switch t := v.(type) {
	case bool:
		s.Bool = &t
		return s, nil
	case map[string]any:
		return s, c.fill(s, doc, ptr, t)
	}
	return nil, fmt.Errorf("%s: a schema must be an object or a boolean", where(ptr))
}

func where(ptr string) string {
	if ptr == "" {
		return "top level"
	}
	return ptr
}

func (c *compiler) fill(s *Schema, doc, ptr string, m map[string]any) error {
	sub := func(k string, v any) (*Schema, error) { return c.compile(doc, ptr+"/"+escape(k), v) }
	list := func(k string, v any) ([]*Schema, error) {
		a, ok := v.([]any)
		if !ok || len(a) == 0 {
			return nil, fmt.Errorf("%s/%s: must be a non-empty list of schemas", where(ptr), k)
		}
		out := make([]*Schema, len(a))
		for i, x := range a {
			var err error
			if out[i], err = c.compile(doc, fmt.Sprintf("%s/%s/%d", ptr, k, i), x); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	schemaMap := func(k string, v any) (map[string]*Schema, error) {
		mm, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s/%s: must be an object", where(ptr), k)
		}
		out := make(map[string]*Schema, len(mm))
		for name, x := range mm {
			var err error
			if out[name], err = c.compile(doc, ptr+"/"+k+"/"+escape(name), x); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var err error
	for _, k := range keys {
		v := m[k]
		bad := func() error { return fmt.Errorf("%s/%s: unexpected value %v", where(ptr), k, v) }
		switch k {
		case "type":
			switch t := v.(type) {
			case string:
				s.Types = []string{t}
			case []any:
				for _, x := range t {
					n, ok := x.(string)
					if !ok {
						return bad()
					}
					s.Types = append(s.Types, n)
				}
			default:
				return bad()
			}
			for _, t := range s.Types {
				switch t {
				case "object", "array", "string", "number", "integer", "boolean", "null":
				default:
					return bad()
				}
			}
		case "enum":
			a, ok := v.([]any)
			if !ok {
				return bad()
			}
			s.Enum = a
		case "const":
			s.Const, s.HasConst = v, true
		case "properties":
			if s.Properties, err = schemaMap(k, v); err != nil {
				return err
			}
		case "patternProperties":
			mm, err := schemaMap(k, v)
			if err != nil {
				return err
			}
			s.PatternProperties = map[*regexp.Regexp]*Schema{}
			for p, x := range mm {
				re, err := regexp.Compile(p)
				if err != nil {
					return fmt.Errorf("%s/%s: %w", where(ptr), k, err)
				}
				s.PatternProperties[re] = x
			}
		case "additionalProperties":
			if s.Additional, err = sub(k, v); err != nil {
				return err
			}
		case "propertyNames":
			if s.PropertyNames, err = sub(k, v); err != nil {
				return err
			}
		case "items":
			if s.Items, err = sub(k, v); err != nil {
				return err
			}
		case "prefixItems":
			if s.PrefixItems, err = list(k, v); err != nil {
				return err
			}
		case "not", "if", "then", "else":
			x, err := sub(k, v)
			if err != nil {
				return err
			}
			switch k {
			case "not":
				s.Not = x
			case "if":
				s.If = x
			case "then":
				s.Then = x
			case "else":
				s.Else = x
			}
		case "allOf", "anyOf", "oneOf":
			l, err := list(k, v)
			if err != nil {
				return err
			}
			switch k {
			case "allOf":
				s.AllOf = l
			case "anyOf":
				s.AnyOf = l
			case "oneOf":
				s.OneOf = l
			}
		case "required":
			a, ok := v.([]any)
			if !ok {
				return bad()
			}
			for _, x := range a {
				n, ok := x.(string)
				if !ok {
					return bad()
				}
				s.Required = append(s.Required, n)
			}
		case "dependentRequired":
			mm, ok := v.(map[string]any)
			if !ok {
				return bad()
			}
			s.DependentRequired = map[string][]string{}
			for p, x := range mm {
				a, ok := x.([]any)
				if !ok {
					return bad()
				}
				for _, y := range a {
					n, ok := y.(string)
					if !ok {
						return bad()
					}
					s.DependentRequired[p] = append(s.DependentRequired[p], n)
				}
			}
		case "minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties":
			f, ok := v.(float64)
			if !ok || f < 0 || f != math.Trunc(f) {
				return bad()
			}
			n := int(f)
			switch k {
			case "minItems":
				s.MinItems = &n
			case "maxItems":
				s.MaxItems = &n
			case "minLength":
				s.MinLength = &n
			case "maxLength":
				s.MaxLength = &n
			case "minProperties":
				s.MinProperties = &n
			case "maxProperties":
				s.MaxProperties = &n
			}
		case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf":
			f, ok := v.(float64)
			if !ok || k == "multipleOf" && f <= 0 {
				return bad()
			}
			switch k {
			case "minimum":
				s.Minimum = &f
			case "maximum":
				s.Maximum = &f
			case "exclusiveMinimum":
				s.ExclMin = &f
			case "exclusiveMaximum":
				s.ExclMax = &f
			case "multipleOf":
				s.MultipleOf = &f
			}
		case "uniqueItems":
			b, ok := v.(bool)
			if !ok {
				return bad()
			}
			s.UniqueItems = b
		case "pattern":
			p, ok := v.(string)
			if !ok {
				return bad()
			}
			re, err := regexp.Compile(p)
			if err != nil {
				return fmt.Errorf("%s/%s: %w", where(ptr), k, err)
			}
			s.Pattern = re
		case "$ref":
			r, ok := v.(string)
			if !ok {
				return bad()
			}
			if s.Ref, err = c.resolve(doc, r); err != nil {
				return fmt.Errorf("%s/$ref: %w", where(ptr), err)
			}
		case "$defs":
			if _, err := schemaMap(k, v); err != nil {
				return err
			}
		default:
			if !annotations[k] {
				return fmt.Errorf("%s: keyword %q is not supported by package schema", where(ptr), k)
			}
		}
	}
	return nil
}

// resolve compiles the target of a $ref relative to doc.
func (c *compiler) resolve(doc, ref string) (*Schema, error) {
	base, err := url.Parse(doc)
	if err != nil {
		return nil, err
	}
	r, err := url.Parse(ref)
	if err != nil {
		return nil, err
	}
	u := base.ResolveReference(r)
	frag := u.Fragment
	u.Fragment = ""
	target := u.String()
	v, ok := c.docs[target]
	if !ok {
		return nil, fmt.Errorf("unknown schema %q", target)
	}
	if frag != "" && !strings.HasPrefix(frag, "/") {
		return nil, fmt.Errorf("only JSON pointer fragments are supported, not %q", ref)
	}
	node := v
	if frag != "" {
		for _, tok := range strings.Split(frag[1:], "/") {
			m, ok := node.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%q does not resolve", ref)
			}
			if node, ok = m[unescape(tok)]; !ok {
				return nil, fmt.Errorf("%q does not resolve", ref)
			}
		}
	}
	return c.compile(target, frag, node)
}

func escape(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1") }

func unescape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
}

// Error is one failed keyword.
type Error struct {
	// Ptr is the JSON pointer of the value that failed.
	Ptr string
	// Keyword is the keyword that failed: "required", "type", "pattern", ...
	Keyword string
	// Schema holds the keyword.
	Schema *Schema
	// Def is the innermost $defs entry on the way to the keyword, or "".
	Def string
	// Keys are the missing keys (required, dependentRequired) or the
	// unknown keys (additionalProperties), in order.
	Keys []string
	// Branches are the errors of each branch of a failed oneOf or anyOf
	// (nil for a branch that matched, for oneOf with several matches).
	Branches [][]*Error
}

// Validate checks v against s and returns every failed keyword, in a
// stable order. No error means v is valid.
func (s *Schema) Validate(v any) []*Error {
	var out []*Error
	s.validate(v, "", "", &out)
	return out
}

// Valid reports whether v is valid against s.
func (s *Schema) Valid(v any) bool { return len(s.Validate(v)) == 0 }

func (s *Schema) validate(v any, ptr, def string, out *[]*Error) {
	if s.Def != "" {
		def = s.Def
	}
	fail := func(kw string, keys ...string) {
		*out = append(*out, &Error{Ptr: ptr, Keyword: kw, Schema: s, Def: def, Keys: keys})
	}
	if s.Bool != nil {
		if !*s.Bool {
			fail("false")
		}
		return
	}
	if s.Ref != nil {
		s.Ref.validate(v, ptr, def, out)
	}
	if len(s.Types) > 0 && !typeMatches(s.Types, v) {
		fail("type")
		return // the other keywords would only repeat the mistake
	}
	if len(s.Enum) > 0 {
		ok := false
		for _, e := range s.Enum {
			if equal(e, v) {
				ok = true
				break
			}
		}
		if !ok {
			fail("enum")
		}
	}
	if s.HasConst && !equal(s.Const, v) {
		fail("const")
	}
	switch t := v.(type) {
	case map[string]any:
		s.object(t, ptr, def, fail, out)
	case []any:
		if s.MinItems != nil && len(t) < *s.MinItems {
			fail("minItems")
		}
		if s.MaxItems != nil && len(t) > *s.MaxItems {
			fail("maxItems")
		}
		if s.UniqueItems {
			for i := range t {
				for j := i + 1; j < len(t); j++ {
					if equal(t[i], t[j]) {
						fail("uniqueItems")
						i = len(t)
						break
					}
				}
			}
		}
		for i, x := range t {
			p := ptr + "/" + strconv.Itoa(i)
			switch {
			case i < len(s.PrefixItems):
				s.PrefixItems[i].validate(x, p, def, out)
			case s.Items != nil:
				s.Items.validate(x, p, def, out)
			}
		}
	case string:
		n := len([]rune(t))
		if s.MinLength != nil && n < *s.MinLength {
			fail("minLength")
		}
		if s.MaxLength != nil && n > *s.MaxLength {
			fail("maxLength")
		}
		if s.Pattern != nil && !s.Pattern.MatchString(t) {
			fail("pattern")
		}
	case float64:
		switch {
		case s.Minimum != nil && t < *s.Minimum:
			fail("minimum")
		case s.Maximum != nil && t > *s.Maximum:
			fail("maximum")
		case s.ExclMin != nil && t <= *s.ExclMin:
			fail("exclusiveMinimum")
		case s.ExclMax != nil && t >= *s.ExclMax:
			fail("exclusiveMaximum")
		}
		if s.MultipleOf != nil {
			if q := t / *s.MultipleOf; q != math.Trunc(q) {
				fail("multipleOf")
			}
		}
	}
	for _, x := range s.AllOf {
		x.validate(v, ptr, def, out)
	}
	if len(s.AnyOf) > 0 {
		var branches [][]*Error
		for _, x := range s.AnyOf {
			errs := x.Validate1(v, ptr, def)
			if len(errs) == 0 {
				branches = nil
				break
			}
			branches = append(branches, errs)
		}
		if branches != nil {
			*out = append(*out, &Error{Ptr: ptr, Keyword: "anyOf", Schema: s, Def: def, Branches: branches})
		}
	}
	if len(s.OneOf) > 0 {
		var branches [][]*Error
		matched := 0
		for _, x := range s.OneOf {
			errs := x.Validate1(v, ptr, def)
			if len(errs) == 0 {
				matched++
			}
			branches = append(branches, errs)
		}
		if matched != 1 {
			*out = append(*out, &Error{Ptr: ptr, Keyword: "oneOf", Schema: s, Def: def, Branches: branches})
		}
	}
	if s.Not != nil && len(s.Not.Validate1(v, ptr, def)) == 0 {
		fail("not")
	}
	if s.If != nil {
		if len(s.If.Validate1(v, ptr, def)) == 0 {
			if s.Then != nil {
				s.Then.validate(v, ptr, def, out)
			}
		} else if s.Else != nil {
			s.Else.validate(v, ptr, def, out)
		}
	}
}

// Validate1 validates v at ptr on its own and returns its errors.
func (s *Schema) Validate1(v any, ptr, def string) []*Error {
	var out []*Error
	s.validate(v, ptr, def, &out)
	return out
}

func (s *Schema) object(m map[string]any, ptr, def string, fail func(string, ...string), out *[]*Error) {
	var missing []string
	for _, k := range s.Required {
		if _, ok := m[k]; !ok {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		fail("required", missing...)
	}
	if s.MinProperties != nil && len(m) < *s.MinProperties {
		fail("minProperties")
	}
	if s.MaxProperties != nil && len(m) > *s.MaxProperties {
		fail("maxProperties")
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if deps, ok := s.DependentRequired[k]; ok {
			var miss []string
			for _, d := range deps {
				if _, ok := m[d]; !ok {
					miss = append(miss, d)
				}
			}
			if len(miss) > 0 {
				fail("dependentRequired", miss...)
			}
		}
	}
	var extra []string
	for _, k := range keys {
		p := ptr + "/" + escape(k)
		if s.PropertyNames != nil {
			s.PropertyNames.validate(k, p, def, out)
		}
		known := false
		if x, ok := s.Properties[k]; ok {
			known = true
			x.validate(m[k], p, def, out)
		}
		for re, x := range s.PatternProperties {
			if re.MatchString(k) {
				known = true
				x.validate(m[k], p, def, out)
			}
		}
		if !known && s.Additional != nil {
			if s.Additional.Bool != nil && !*s.Additional.Bool {
				extra = append(extra, k)
			} else {
				s.Additional.validate(m[k], p, def, out)
			}
		}
	}
	if len(extra) > 0 {
		fail("additionalProperties", extra...)
	}
}

// typeMatches reports whether v has one of the JSON types.
func typeMatches(types []string, v any) bool {
	got := TypeOf(v)
	for _, t := range types {
		if t == got || t == "number" && got == "integer" {
			return true
		}
	}
	return false
}

// TypeOf returns the JSON type of v; a float64 without a fraction is
// "integer".
func TypeOf(v any) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case float64:
		if t == math.Trunc(t) && !math.IsInf(t, 0) {
			return "integer"
		}
		return "number"
	case int, int64:
		return "integer"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// equal compares two JSON values.
func equal(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !equal(v, w) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case float64:
		y, ok := num(b)
		return ok && x == y
	case int, int64:
		xf, _ := num(a)
		y, ok := num(b)
		return ok && xf == y
	}
	return a == b
}

func num(v any) (float64, bool) {
	switch t := v.(type) {
	case float64:
		return t, true
	case int:
		return float64(t), true
	case int64:
		return float64(t), true
	}
	return 0, false
}

// At returns the schemas that apply to the value at the JSON pointer ptr
// of an instance checked against s: through properties, items, $ref and
// allOf, and the first form of each oneOf and anyOf. It serves to explain
// what is expected at a place, for example in the hint of a missing key.
func (s *Schema) At(ptr string) []*Schema {
	set := expand([]*Schema{s})
	if ptr == "" {
		return set
	}
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = unescape(tok)
		var next []*Schema
		for _, x := range set {
			if p, ok := x.Properties[tok]; ok {
				next = append(next, p)
			}
			if i, err := strconv.Atoi(tok); err == nil {
				switch {
				case i < len(x.PrefixItems):
					next = append(next, x.PrefixItems[i])
				case x.Items != nil:
					next = append(next, x.Items)
				}
			}
		}
		set = expand(next)
	}
	return set
}

// expand adds to l what its schemas refer to through $ref and allOf, and
// the first form of each oneOf and anyOf.
func expand(l []*Schema) []*Schema {
	var out []*Schema
	seen := map[*Schema]bool{}
	var walk func(x *Schema)
	walk = func(x *Schema) {
		if x == nil || seen[x] {
			return
		}
		seen[x] = true
		out = append(out, x)
		walk(x.Ref)
		for _, a := range x.AllOf {
			walk(a)
		}
		if len(x.OneOf) > 0 {
			walk(x.OneOf[0])
		}
		if len(x.AnyOf) > 0 {
			walk(x.AnyOf[0])
		}
	}
	for _, x := range l {
		walk(x)
	}
	return out
}
