// Package validate checks a description in two stages: the JSON Schema
// (shape, types, required keys, unknown keys) and then the rules between
// fields (ids, references, country codes, dates, glyphs) and the legal rules
// of package scc. Every problem comes back as a positioned diagnostic.
package validate

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/fonts"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/load"
	"github.com/dpa-tool/dpa/internal/model"
	"github.com/dpa-tool/dpa/internal/scc"
)

// Result is a validated description.
type Result struct {
	Doc   *load.Doc
	Desc  *model.Description // nil when the description could not be decoded
	Plan  *model.Plan        // nil when Desc is nil
	Diags diag.List          // sorted
	// Profile is true when the file is a profile (kind: profile): it is
	// checked for shape only and never built.
	Profile bool
}

// Valid reports whether the description has no errors (and, with strict,
// no warnings).
func (r *Result) Valid(strict bool) bool {
	if r.Diags.HasErrors() {
		return false
	}
	return !strict || r.Diags.Count(diag.Warning) == 0
}

// File validates the description at path. The error is for failures of the
// tool itself (broken embedded data); problems with the input are diagnostics.
func File(path string) (*Result, error) {
	doc, l := load.Load(path)
	return check(doc, l)
}

// Data validates a description read from elsewhere (standard input), named
// name in diagnostics; its extends are relative to the working directory.
func Data(name string, data []byte) (*Result, error) {
	doc, l := load.Data(name, data)
	return check(doc, l)
}

// check validates a loaded description.
func check(doc *load.Doc, l diag.List) (*Result, error) {
	lg, err := legal.Load()
	if err != nil {
		return nil, err
	}
	r := &Result{Doc: doc}
	if doc == nil {
		r.Diags = l.Sort()
		return r, nil
	}
	r.Profile = doc.IsProfile
	sl, stop := checkSchema(doc, doc.IsProfile)
	l = append(l, sl...)
	if stop {
		r.Diags = l.Sort()
		return r, nil
	}
	glyphs(doc, &l)
	lookalikes(doc, &l)
	flowItems(doc.Root, "", &l)
	if !doc.IsProfile {
		shapeOK := !l.HasErrors()
		// decode is lenient: values of the wrong type are left empty, so
		// that the structure checks can still report every other problem.
		r.Desc = decode(doc)
		var sd diag.List
		structure(doc, r.Desc, lg, &sd)
		l = append(l, notAt(sd, sl)...) // one mistake, one error
		if !shapeOK || l.HasErrors() {
			r.Desc = nil
			for i := range l {
				l[i].Order = doc.Order(l[i].Pos.File)
			}
			r.Diags = l.Sort()
			return r, nil
		}
		plan, findings := scc.Analyze(r.Desc, lg)
		r.Plan = plan
		for _, f := range findings {
			pos := doc.Pos(f.Ptr)
			l.Add(pos, f.Severity, f.Code, f.Msg, f.Hint)
		}
	}
	for i := range l {
		l[i].Order = doc.Order(l[i].Pos.File)
	}
	r.Diags = l.Sort()
	return r, nil
}

// notAt returns the diagnostics of l that are not at a position where
// already has a diagnostic: a value that failed the schema is not
// reported again by the rules.
func notAt(l, already diag.List) diag.List {
	at := map[diag.Pos]bool{}
	for _, d := range already {
		at[d.Pos] = true
	}
	var out diag.List
	for _, d := range l {
		if !at[d.Pos] {
			out = append(out, d)
		}
	}
	return out
}

// decode turns the tree into the model. Values of the wrong type are left
// empty: the schema stage has reported them already.
func decode(doc *load.Doc) *model.Description {
	d := &model.Description{Path: doc.Path}
	if !decodeDirect(doc.Tree, d) {
		// The tree has what only json knows how to take: start afresh.
		d = decodeJSON(doc)
	}
	// A null list item ("-" alone, ~, null) decodes to a nil pointer; the
	// schema reports it, and an empty item keeps the later checks and the
	// pointers of the other items in place.
	d.Parties, d.Transfers = filled(d.Parties), filled(d.Transfers)
	d.SecurityMeasures, d.Subprocessors = filled(d.SecurityMeasures), filled(d.Subprocessors)
	for i, p := range d.Parties {
		p.Ptr = fmt.Sprintf("/parties/%d", i)
	}
	for i, t := range d.Transfers {
		t.Ptr = fmt.Sprintf("/transfers/%d", i)
	}
	for i, m := range d.SecurityMeasures {
		m.Ptr = fmt.Sprintf("/security_measures/%d", i)
	}
	for i, s := range d.Subprocessors {
		s.Ptr = fmt.Sprintf("/subprocessors/%d", i)
	}
	return d
}

// decodeJSON decodes the tree through JSON: what decodeDirect does for
// the trees it takes, and the lenient decoding of every other tree.
func decodeJSON(doc *load.Doc) *model.Description {
	d := &model.Description{Path: doc.Path}
	if b, err := treeJSON(doc.Tree); err == nil {
		_ = json.Unmarshal(b, d) // type errors leave fields empty; see decode
	}
	return d
}

// filled returns items with every nil item replaced by an empty one.
func filled[T any](items []*T) []*T {
	for i, it := range items {
		if it == nil {
			items[i] = new(T)
		}
	}
	return items
}

// structure checks ids, references, country and region codes and dates.
func structure(doc *load.Doc, d *model.Description, lg *legal.Data, l *diag.List) {
	errAt := func(ptr, code, hint, format string, args ...any) {
		l.Errorf(doc.Pos(ptr), code, hint, ptr+": "+format, args...)
	}
	unique := func(kind string) func(ids, ptrs []string) {
		return func(ids, ptrs []string) {
			seen := map[string]string{}
			for i, id := range ids {
				if id == "" {
					continue
				}
				if first, dup := seen[id]; dup {
					errAt(ptrs[i]+"/id", "structure.duplicate-id", "give each "+kind+" its own id",
						"%s id %q is used twice (first at line %d)", kind, id, doc.Pos(first+"/id").Line)
					continue
				}
				seen[id] = ptrs[i]
			}
		}
	}
	unique("party")(idsOf(d.Parties, func(p *model.Party) (string, string) { return p.ID, p.Ptr }))
	unique("transfer")(idsOf(d.Transfers, func(t *model.Transfer) (string, string) { return t.ID, t.Ptr }))
	unique("sub-processor")(idsOf(d.Subprocessors, func(s *model.Subprocessor) (string, string) { return s.ID, s.Ptr }))
	unique("security measure")(idsOf(d.SecurityMeasures, func(m *model.Measure) (string, string) { return m.ID, m.Ptr }))

	partyIDs := func() string {
		var s []string
		for _, p := range d.Parties {
			s = append(s, p.ID)
		}
		return strings.Join(s, ", ")
	}
	refs := func(ptr string, list model.List, what string) {
		for i, id := range list {
			p := ptr
			if len(list) > 1 || isList(doc.Tree, ptr) {
				p = fmt.Sprintf("%s/%d", ptr, i)
			}
			if d.Party(id) == nil {
				errAt(p, "structure.reference", "known parties: "+partyIDs(), "%s %q is not the id of a party", what, id)
			}
		}
	}
	for _, t := range d.Transfers {
		refs(t.Ptr+"/exporter", t.Exporters, "exporter")
		refs(t.Ptr+"/importer", t.Importers, "importer")
		for _, e := range t.Exporters {
			for _, i := range t.Importers {
				if e == i {
					errAt(t.Ptr+"/importer", "structure.same-party", "", "party %q cannot export to itself", e)
				}
			}
		}
	}
	for _, m := range d.SecurityMeasures {
		for i, id := range m.Transfers {
			if d.Transfer(id) == nil {
				errAt(fmt.Sprintf("%s/transfers/%d", m.Ptr, i), "structure.reference", "", "transfer %q does not exist", id)
			}
		}
	}
	for _, s := range d.Subprocessors {
		if s.Importer != "" && d.Party(s.Importer) == nil {
			errAt(s.Ptr+"/importer", "structure.reference", "known parties: "+partyIDs(), "importer %q is not the id of a party", s.Importer)
		}
	}
	if d.Agreement.Date != "" {
		if t, err := time.Parse("2006-01-02", d.Agreement.Date); err != nil {
			errAt("/agreement/date", "structure.date", "write a real calendar date such as 2026-05-01", "%q is not a calendar date", d.Agreement.Date)
		} else if t.Year() < 1900 {
			errAt("/agreement/date", "structure.date", "write the date the agreement is signed, such as 2026-05-01", "%q is before 1900", d.Agreement.Date)
		}
	}
	countries(doc, doc.Tree, "", "", l)
}

var countryKeys = map[string]bool{"country": true, "courts": true, "governing_law": true, "supervisory_authority": true, "fallback": true}

// countries checks every country code in the tree, and that each region
// belongs to the country beside it.
func countries(doc *load.Doc, v any, ptr, key string, l *diag.List) {
	switch t := v.(type) {
	case map[string]any:
		for k, c := range t {
			countries(doc, c, ptr+"/"+k, k, l)
		}
		if r, ok := t["region"].(string); ok {
			// A country that is not a code is reported on its own line; a
			// region is then not compared with it.
			if c, ok := t["country"].(string); ok && legal.Assigned(c) && !strings.HasPrefix(r, c+"-") {
				l.Errorf(doc.Pos(ptr+"/region"), "structure.region", fmt.Sprintf("a region of %s starts with %s-", c, c), "region %q is not in country %q", r, c)
			}
		}
	case []any:
		for i, c := range t {
			k := ""
			if key == "locations" {
				k = "country"
			}
			countries(doc, c, fmt.Sprintf("%s/%d", ptr, i), k, l)
		}
	case string:
		if !countryKeys[key] || len(t) != 2 {
			return
		}
		if legal.Assigned(t) {
			return
		}
		hint := "use an ISO 3166-1 alpha-2 code such as DE"
		switch t {
		case "UK":
			hint = "the United Kingdom is GB"
		case "EL":
			hint = "Greece is GR (EL is the EU's own abbreviation)"
		}
		l.Errorf(doc.Pos(ptr), "structure.country", hint, "%s: %q is not an assigned ISO 3166-1 country code", ptr, t)
	}
}

func isList(tree any, ptr string) bool { _, ok := valueAt(tree, ptr).([]any); return ok }

// glyphs reports characters that the PDF fonts cannot draw.
func glyphs(doc *load.Doc, l *diag.List) {
	var walk func(n *load.Node)
	walk = func(n *load.Node) {
		switch n.Kind {
		case load.Scalar:
			col := n.Pos.Col
			if n.Quoted {
				col++
			}
			for i, r := range n.Value {
				if r == '\n' {
					break
				}
				if !fonts.Covers(r) {
					pos := n.Pos
					pos.Col = col + utf8.RuneCountInString(n.Value[:i])
					l.Errorf(pos, "structure.glyph", "replace it, or remove it", "character %q (U+%04X) cannot be drawn by the PDF fonts", r, r)
					return
				}
			}
		case load.Map:
			for _, f := range n.Fields {
				walk(f.Value)
			}
		case load.Seq:
			for _, it := range n.Items {
				walk(it)
			}
		}
	}
	walk(doc.Root)
}

// textLists are the keys whose list items are sentences or names that
// start with a capital letter.
var textLists = map[string]bool{
	"data_subjects": true, "personal_data": true, "nature": true, "purposes": true, "categories": true,
	"safeguards": true, "measures": true, "assistance_measures": true,
}

// flowItems warns about an item of a flow sequence ([a, b]) that starts in
// lower case after one that does not: a comma inside the brackets most
// likely split one item in two.
func flowItems(n *load.Node, key string, l *diag.List) {
	if n == nil {
		return
	}
	switch n.Kind {
	case load.Map:
		for _, f := range n.Fields {
			flowItems(f.Value, f.Key, l)
		}
	case load.Seq:
		if !n.Flow || !textLists[key] {
			for _, it := range n.Items {
				flowItems(it, "", l)
			}
			return
		}
		for i, it := range n.Items {
			if i == 0 || it.Kind != load.Scalar || it.Quoted || !startsLower(it.Value) || startsLower(n.Items[0].Value) {
				continue
			}
			l.Warnf(it.Pos, "structure.flow-item", "quote the item that contains a comma (\"a, b\"), or write the list one item per line",
				"list item %q starts in lower case: a comma inside [ ] may have split one item in two", it.Value)
		}
	}
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// idsOf returns the ids of items and their JSON pointers.
func idsOf[T any](items []T, idPtr func(T) (string, string)) (ids, ptrs []string) {
	for _, it := range items {
		id, ptr := idPtr(it)
		ids, ptrs = append(ids, id), append(ptrs, ptr)
	}
	return ids, ptrs
}
