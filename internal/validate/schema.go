package validate

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/lazyre"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/load"
	"github.com/dpa-tool/dpa/internal/schema"
)

// compiledSchemas returns the description schema (shape, for a profile)
// and the complete schema, made once per process. They were compiled from
// schemas/*.schema.json when schema_gen.go was generated: decoding and
// compiling the JSON in every process took about 5 ms of a dpa validate
// (TestGeneratedSchemas keeps the file in step with the schemas).
//
//go:generate env UPDATE_GOLDEN=1 go test -run ^TestGeneratedSchemas$ .
var compiledSchemas = sync.OnceValues(generatedSchemas)

// checkSchema validates the tree of doc against the complete schema (or the
// shape schema for a profile) and maps each failure to a positioned
// diagnostic. One mistake gives one error: a value that fails its own
// check gets no further errors about itself, and when the version is not 1
// that is the only error, since the rest of the file may follow another
// format (stop is then true: nothing else is to be checked).
func checkSchema(doc *load.Doc, profile bool) (l diag.List, stop bool) {
	shape, complete := compiledSchemas()
	s := complete
	if profile {
		s = shape
	}
	errs := s.Validate(doc.Tree)
	if len(errs) == 0 {
		return nil, false
	}
	var version []*schema.Error
	for _, e := range errs {
		if e.Ptr == "/version" {
			version = append(version, e)
		}
	}
	if len(version) > 0 {
		errs, stop = version[:1], true
	}
	for _, e := range leaves(errs) {
		describe(doc, s, e, &l)
	}
	return l, stop
}

func depth(ptr string) int { return strings.Count(ptr, "/") }

// leaves flattens the errors. For a failed oneOf/anyOf it keeps the branch
// that got furthest into the value, or a single type error when every
// branch failed on the value's type.
func leaves(errs []*schema.Error) []*schema.Error {
	var out []*schema.Error
	for _, e := range errs {
		if e.Keyword != "oneOf" && e.Keyword != "anyOf" {
			out = append(out, e)
			continue
		}
		var best []*schema.Error
		bestDepth := -1
		allType := true
		var types []string
		for _, b := range e.Branches {
			if len(b) == 0 {
				continue // a branch that matched: oneOf matched more than one
			}
			ls := leaves(b)
			d := 0
			for _, l := range ls {
				d = max(d, depth(l.Ptr))
				if l.Keyword != "type" || l.Ptr != e.Ptr {
					allType = false
				} else {
					types = append(types, l.Schema.Types...)
				}
			}
			if d > bestDepth || (d == bestDepth && len(ls) < len(best)) {
				best, bestDepth = ls, d
			}
		}
		switch {
		case best == nil:
			out = append(out, e) // several branches matched
		case allType:
			out = append(out, &schema.Error{Ptr: e.Ptr, Keyword: "type", Schema: &schema.Schema{Types: types}, Def: e.Def})
		default:
			out = append(out, best...)
		}
	}
	return out
}

// typeWord names a JSON type in the words users know from YAML.
var typeWord = map[string]string{"string": "text", "object": "a mapping", "array": "a list", "integer": "a whole number", "number": "a number", "boolean": "true or false", "null": "empty"}

// defMessages explains a failed pattern by the definition that holds it.
var defMessages = map[string]struct{ msg, hint string }{
	"country": {"is not an ISO 3166-1 alpha-2 country code", "use two capital letters such as DE, IE or US"},
	"region":  {"is not an ISO 3166-2 region code", "use the country code, a hyphen and the subdivision, such as DE-BY"},
	"date":    {"is not a date in the form YYYY-MM-DD", "write the date as 2026-05-01"},
	"email":   {"is not an e-mail address", "write it as name@example.com"},
	"id":      {"is not a valid id", "ids use lowercase letters, digits and hyphens, such as acme-eu"},
	"text":    {"must not be empty", ""},
}

func describe(doc *load.Doc, root *schema.Schema, e *schema.Error, l *diag.List) {
	ptr := e.Ptr
	show := ptr
	if show == "" {
		show = "top level"
	}
	val := valueAt(doc.Tree, ptr)
	switch e.Keyword {
	case "required", "dependentRequired":
		for _, k := range e.Keys {
			hint := ""
			if ex := exampleOf(root.At(ptr + "/" + escapeToken(k))); ex != "" {
				hint = "add it, for example: " + k + ": " + ex
			}
			l.Add(doc.Pos(ptr), diag.Error, "schema.required", fmt.Sprintf("%s: missing required key %q", show, k), hint)
		}
	case "additionalProperties":
		var allowed []string
		for k := range e.Schema.Properties {
			allowed = append(allowed, k)
		}
		sort.Strings(allowed)
		for _, k := range e.Keys {
			p := ptr + "/" + escapeToken(k)
			hint := ""
			if s := diag.Closest(k, allowed, 2); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			} else if len(allowed) > 0 {
				hint = "allowed keys: " + strings.Join(allowed, ", ")
			}
			l.Add(doc.KeyPos(p), diag.Error, "schema.unknown-key", fmt.Sprintf("%s: unknown key %q", show, k), hint)
		}
	case "type":
		var want []string
		for _, t := range e.Schema.Types {
			if w := typeWord[t]; w != "" && !slices.Contains(want, w) {
				want = append(want, w)
			}
		}
		l.Add(doc.Pos(ptr), diag.Error, "schema.type", fmt.Sprintf("%s: expected %s, but got %s", show, strings.Join(want, " or "), typeWord[schema.TypeOf(val)]), "")
	case "pattern", "minLength":
		m, ok := defMessages[e.Def]
		if !ok {
			m = defMessages["text"]
		}
		quoted := ""
		str, _ := val.(string)
		if e.Def != "text" && len(str) <= 40 {
			quoted = fmt.Sprintf(" %q", str)
		}
		hint := m.hint
		switch e.Def {
		case "country":
			if up := strings.ToUpper(str); up != str && legal.Assigned(up) {
				hint = "country codes are upper case: " + up
			}
		case "region":
			if code := regionCode(str); code != "" {
				hint = fmt.Sprintf("the code of %s is %s", strings.TrimSpace(str), code)
			} else if up := strings.ToUpper(str); up != str && regionRe().MatchString(up) {
				hint = "region codes are upper case: " + up
			}
		}
		l.Add(doc.Pos(ptr), diag.Error, "schema."+e.Keyword, fmt.Sprintf("%s:%s %s", show, quoted, m.msg), hint)
	case "enum":
		var vals []string
		for _, v := range e.Schema.Enum {
			vals = append(vals, jsonText(v))
		}
		l.Add(doc.Pos(ptr), diag.Error, "schema.enum", fmt.Sprintf("%s: must be one of %s", show, strings.Join(vals, ", ")), "")
	case "const":
		hint := ""
		if ptr == "/version" {
			hint = "this dpa reads version 1 of the format; write version: 1"
		}
		l.Add(doc.Pos(ptr), diag.Error, "schema.const", fmt.Sprintf("%s: must be %s, not %s", show, jsonText(e.Schema.Const), jsonText(val)), hint)
	case "minItems":
		n := 0
		if a, ok := val.([]any); ok {
			n = len(a)
		}
		l.Add(doc.Pos(ptr), diag.Error, "schema.min-items", fmt.Sprintf("%s: needs at least %d items, has %d", show, *e.Schema.MinItems, n), "")
	case "minimum":
		l.Add(doc.Pos(ptr), diag.Error, "schema.minimum", fmt.Sprintf("%s: must be at least %s, not %s", show, jsonText(*e.Schema.Minimum), jsonText(val)), "")
	case "maximum":
		l.Add(doc.Pos(ptr), diag.Error, "schema.maximum", fmt.Sprintf("%s: must be at most %s, not %s", show, jsonText(*e.Schema.Maximum), jsonText(val)), "")
	case "oneOf":
		l.Add(doc.Pos(ptr), diag.Error, "schema.oneOf", fmt.Sprintf("%s: matches more than one of the allowed forms", show), "")
	default:
		l.Add(doc.Pos(ptr), diag.Error, "schema."+e.Keyword, fmt.Sprintf("%s: does not satisfy %s", show, e.Keyword), "")
	}
}

// escapeToken escapes a key for a JSON pointer.
func escapeToken(k string) string {
	return strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1")
}

// jsonText writes a value as in JSON: text quoted, numbers plain.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

var regionRe = lazyre.New(`^[A-Z]{2}-[A-Z0-9]{1,3}$`)

// regionCode finds the ISO 3166-2 code of a region written as a name
// ("Hamburg" is DE-HH) in the names of the regional supervisory
// authorities of the reference data, or returns "".
func regionCode(name string) string {
	lg, err := legal.Load()
	name = strings.ToLower(strings.TrimSpace(name))
	if err != nil || len(name) < 3 {
		return ""
	}
	var found []string
	for _, m := range []map[string]legal.Authority{lg.Authorities, lg.Regional} {
		for _, a := range m {
			if a.Region == "" || slices.Contains(found, a.Region) {
				continue
			}
			for _, n := range []string{a.Name, a.NameEN} {
				for _, w := range strings.FieldsFunc(strings.ToLower(n), func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
					if sameName(w, name) && !slices.Contains(found, a.Region) {
						found = append(found, a.Region)
					}
				}
			}
		}
	}
	if len(found) != 1 {
		return "" // unknown or ambiguous
	}
	return found[0]
}

// sameName reports whether the word w of an authority's name names the
// region name: "hamburg" in "hamburgische", "bayern" in "bayerisches". A
// hyphenated word must match as a whole ("sachsen" is not "sachsen-anhalt").
func sameName(w, name string) bool {
	if w == name {
		return true
	}
	r, n := []rune(w), []rune(name)
	stem := max(4, len(n)-2)
	if strings.Contains(w, "-") || len(n) < stem || len(r) < stem || len(r)-stem > 7 {
		return false
	}
	return string(r[:stem]) == string(n[:stem])
}

// exampleOf writes a one-line YAML example of the value that the schemas
// ss describe, such as "{date: 2026-05-01}", for the hint of a missing
// key. Nested mappings are shortened to {…} when the line gets long.
func exampleOf(ss []*schema.Schema) string {
	ex := ""
	for depth := 3; depth >= 1; depth-- {
		if ex = example(ss, depth); len(ex) <= 100 {
			break
		}
	}
	return ex
}

func example(ss []*schema.Schema, depth int) string {
	if len(ss) == 0 {
		return ""
	}
	var (
		typ, def string
		required []string
		items    []*schema.Schema
	)
	for _, s := range ss { // ss is expanded: $ref, allOf, first forms
		switch {
		case s.HasConst:
			return jsonText(s.Const)
		case len(s.Enum) > 0:
			if str, ok := s.Enum[0].(string); ok {
				return str
			}
			return jsonText(s.Enum[0])
		}
		if def == "" && defExamples[s.Def] != "" {
			def = s.Def
		}
		if typ == "" && len(s.Types) > 0 {
			typ = s.Types[0]
		}
		for _, k := range s.Required {
			if !slices.Contains(required, k) {
				required = append(required, k)
			}
		}
		if s.Items != nil {
			items = append(items, s.Items)
		}
	}
	if def != "" {
		return defExamples[def]
	}
	switch typ {
	case "object":
		if depth <= 1 || len(required) == 0 {
			return "{…}"
		}
		var parts []string
		for _, k := range required {
			var sub []*schema.Schema
			for _, s := range ss {
				if p, ok := s.Properties[k]; ok {
					sub = append(sub, p)
				}
			}
			parts = append(parts, k+": "+example(expandAll(sub), depth-1))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case "array":
		if depth <= 1 || len(items) == 0 {
			return "[…]"
		}
		return "[" + example(expandAll(items), depth-1) + "]"
	case "integer", "number":
		for _, s := range ss {
			if s.Minimum != nil {
				return jsonText(*s.Minimum)
			}
		}
		return "1"
	case "boolean":
		return "true"
	}
	return "…"
}

// expandAll returns the schemas that apply where each of l applies.
func expandAll(l []*schema.Schema) []*schema.Schema {
	var out []*schema.Schema
	for _, s := range l {
		out = append(out, s.At("")...)
	}
	return out
}

// defExamples are example values of the $defs of description.schema.json.
var defExamples = map[string]string{
	"country": "DE", "memberState": "DE", "region": "DE-BY", "date": "2026-05-01",
	"email": "privacy@acme.example", "id": "acme", "text": "…", "textOrList": "…", "idOrList": "acme",
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
