package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/load"
	"github.com/dpa-tool/dpa/schemas"
)

const schemaBase = "https://dpa.example/schemas/"

var (
	schemaOnce sync.Once
	complete   *jsonschema.Schema
	shape      *jsonschema.Schema
	schemaDocs map[string]any // parsed schema files by URL, for "did you mean"
	schemaErr  error
)

func compileSchemas() {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	schemaDocs = map[string]any{}
	for _, name := range []string{schemas.Description, schemas.Complete} {
		b, err := schemas.FS.ReadFile(name)
		if err != nil {
			schemaErr = err
			return
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			schemaErr = fmt.Errorf("schema %s: %w", name, err)
			return
		}
		schemaDocs[schemaBase+name] = v
		if err := c.AddResource(schemaBase+name, bytes.NewReader(b)); err != nil {
			schemaErr = fmt.Errorf("schema %s: %w", name, err)
			return
		}
	}
	if complete, schemaErr = c.Compile(schemaBase + schemas.Complete); schemaErr != nil {
		return
	}
	shape, schemaErr = c.Compile(schemaBase + schemas.Description)
}

// checkSchema validates the tree of doc against the complete schema (or the
// shape schema for a profile) and maps each failure to a positioned diagnostic.
func checkSchema(doc *load.Doc, profile bool) (diag.List, error) {
	schemaOnce.Do(compileSchemas)
	if schemaErr != nil {
		return nil, fmt.Errorf("compile schemas: %w", schemaErr)
	}
	s := complete
	if profile {
		s = shape
	}
	err := s.Validate(doc.Tree)
	if err == nil {
		return nil, nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return nil, fmt.Errorf("validate schema: %w", err)
	}
	var l diag.List
	for _, e := range leaves(ve) {
		describe(doc, e, &l)
	}
	return l, nil
}

func depth(ptr string) int { return strings.Count(ptr, "/") }

// leaves returns the innermost errors. For oneOf/anyOf it keeps the branch
// that got furthest into the value, or a single type error when every
// branch failed on the value's type.
func leaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	kw := lastToken(e.KeywordLocation)
	if kw == "oneOf" || kw == "anyOf" {
		var best []*jsonschema.ValidationError
		bestDepth := -1
		allType := true
		var types []string
		for _, c := range e.Causes {
			ls := leaves(c)
			d := 0
			for _, l := range ls {
				if depth(l.InstanceLocation) > d {
					d = depth(l.InstanceLocation)
				}
				if lastToken(l.KeywordLocation) != "type" || l.InstanceLocation != e.InstanceLocation {
					allType = false
				} else {
					types = append(types, expectedType(l.Message))
				}
			}
			if d > bestDepth || (d == bestDepth && len(ls) < len(best)) {
				best, bestDepth = ls, d
			}
		}
		if allType {
			syn := *e
			syn.Causes = nil
			syn.KeywordLocation = e.KeywordLocation + "/type"
			syn.Message = "expected " + strings.Join(types, " or ") + ", but got " + gotType(e.Causes)
			return []*jsonschema.ValidationError{&syn}
		}
		return best
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

func gotType(causes []*jsonschema.ValidationError) string {
	for _, c := range causes {
		for _, l := range leaves(c) {
			if i := strings.LastIndex(l.Message, "but got "); i >= 0 {
				return l.Message[i+len("but got "):]
			}
		}
	}
	return "something else"
}

func expectedType(msg string) string {
	msg = strings.TrimPrefix(msg, "expected ")
	if i := strings.Index(msg, ","); i >= 0 {
		msg = msg[:i]
	}
	return msg
}

func lastToken(loc string) string {
	if i := strings.LastIndexByte(loc, '/'); i >= 0 {
		return loc[i+1:]
	}
	return loc
}

// typeWords turns JSON type names into the words users know from YAML.
var typeWords = strings.NewReplacer("string", "text", "object", "a mapping", "array", "a list", "integer", "a whole number", "number", "a number", "boolean", "true or false", "null", "empty")

// defMessages explains a failed pattern by the definition that holds it.
var defMessages = map[string]struct{ msg, hint string }{
	"country": {"is not an ISO 3166-1 alpha-2 country code", "use two capital letters such as DE, IE or US"},
	"region":  {"is not an ISO 3166-2 region code", "use the country code, a hyphen and the subdivision, such as DE-BY"},
	"date":    {"is not a date in the form YYYY-MM-DD", "write the date as 2026-05-01"},
	"email":   {"is not an e-mail address", "write it as name@example.com"},
	"id":      {"is not a valid id", "ids use lowercase letters, digits and hyphens, such as acme-eu"},
	"text":    {"must not be empty", ""},
}

func describe(doc *load.Doc, e *jsonschema.ValidationError, l *diag.List) {
	ptr := e.InstanceLocation
	kw := lastToken(e.KeywordLocation)
	show := ptr
	if show == "" {
		show = "top level"
	}
	switch kw {
	case "required":
		for _, k := range quoted(e.Message) {
			l.Add(doc.Pos(ptr), diag.Error, "schema.required", fmt.Sprintf("%s: missing required key %q", show, k), "")
		}
	case "additionalProperties":
		allowed := allowedKeys(e.AbsoluteKeywordLocation)
		for _, k := range unknownKeys(doc, ptr, allowed, e.Message) {
			p := ptr + "/" + strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1")
			hint := ""
			if s := closest(k, allowed); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			} else if len(allowed) > 0 {
				hint = "allowed keys: " + strings.Join(allowed, ", ")
			}
			l.Add(doc.KeyPos(p), diag.Error, "schema.unknown-key", fmt.Sprintf("%s: unknown key %q", show, k), hint)
		}
	case "type":
		l.Add(doc.Pos(ptr), diag.Error, "schema.type", fmt.Sprintf("%s: %s", show, typeWords.Replace(e.Message)), "")
	case "pattern", "minLength":
		def := defName(e.AbsoluteKeywordLocation)
		m, ok := defMessages[def]
		if !ok {
			m = defMessages["text"]
		}
		val := ""
		if def != "text" {
			if s, ok := valueAt(doc.Tree, ptr).(string); ok && len(s) <= 40 {
				val = fmt.Sprintf(" %q", s)
			}
		}
		l.Add(doc.Pos(ptr), diag.Error, "schema."+kw, fmt.Sprintf("%s:%s %s", show, val, m.msg), m.hint)
	case "enum", "const":
		l.Add(doc.Pos(ptr), diag.Error, "schema."+kw, fmt.Sprintf("%s: %s", show, strings.ReplaceAll(e.Message, "value must be", "must be")), "")
	case "minItems":
		l.Add(doc.Pos(ptr), diag.Error, "schema.min-items", fmt.Sprintf("%s: %s", show, e.Message), "")
	default:
		l.Add(doc.Pos(ptr), diag.Error, "schema."+kw, fmt.Sprintf("%s: %s", show, e.Message), "")
	}
}

// unknownKeys returns the keys of the mapping at ptr that the schema does
// not allow, as they are in the tree (the message of the schema library
// escapes them), falling back to the keys quoted in msg.
func unknownKeys(doc *load.Doc, ptr string, allowed []string, msg string) []string {
	m, ok := valueAt(doc.Tree, ptr).(map[string]any)
	if !ok || len(allowed) == 0 {
		return quoted(msg)
	}
	var keys []string
	for k := range m {
		if !slices.Contains(allowed, k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// defName returns the $defs name that holds a failed keyword, read from its
// absolute location (".../description.schema.json#/$defs/country/pattern").
func defName(abs string) string {
	i := strings.Index(abs, "#/$defs/")
	if i < 0 {
		return ""
	}
	rest := abs[i+len("#/$defs/"):]
	if j := strings.IndexByte(rest, '/'); j >= 0 {
		return rest[:j]
	}
	return rest
}

// quoted returns the 'quoted' words of a message.
func quoted(msg string) []string {
	var out []string
	for {
		i := strings.IndexByte(msg, '\'')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(msg[i+1:], '\'')
		if j < 0 {
			return out
		}
		out = append(out, msg[i+1:i+1+j])
		msg = msg[i+j+2:]
	}
}

// allowedKeys reads the properties of the schema object that owns an
// additionalProperties keyword, from its absolute location.
func allowedKeys(abs string) []string {
	i := strings.IndexByte(abs, '#')
	if i < 0 {
		return nil
	}
	doc := schemaDocs[abs[:i]]
	node := doc
	for _, tok := range strings.Split(strings.TrimPrefix(abs[i+1:], "/"), "/") {
		if tok == "additionalProperties" {
			break
		}
		m, ok := node.(map[string]any)
		if !ok {
			return nil
		}
		node = m[strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")]
	}
	m, ok := node.(map[string]any)
	if !ok {
		return nil
	}
	props, _ := m["properties"].(map[string]any)
	var keys []string
	for k := range props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// valueAt returns the value of tree at a JSON pointer.
func valueAt(tree any, ptr string) any {
	if ptr == "" {
		return tree
	}
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch v := tree.(type) {
		case map[string]any:
			tree = v[tok]
		case []any:
			n := 0
			fmt.Sscanf(tok, "%d", &n)
			if n < 0 || n >= len(v) {
				return nil
			}
			tree = v[n]
		default:
			return nil
		}
	}
	return tree
}

// closest returns the candidate within edit distance 2 of s (or sharing its
// prefix), or "".
func closest(s string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		d := distance(s, c)
		if d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
