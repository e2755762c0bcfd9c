package assemble

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// The documentation of the template data ("dpa help templates") is
// generated from the view the templates are executed with: each field's
// doc comment in the Go source (datadoc_gen.go, written by
// TestFieldComments under UPDATE_GOLDEN), or, for a field without one,
// its entry in fieldDocs below. TestTemplateDataDocumented fails when a
// field has neither, so the help cannot drift from the data.

// DataField documents one value of the data every template receives.
type DataField struct {
	// Path is how a template reaches it from the root data: ".Title",
	// ".Transfers[].Title" (inside {{range .Transfers}} it is .Title).
	Path string
	// Type is "text", "number", "true/false", "list of text", "list" or
	// "group".
	Type string
	Doc  string
}

// TemplateData returns the documentation of every field of the template
// data, in the order of the fields.
func TemplateData() []DataField {
	var out []DataField
	walkData(reflect.TypeOf(view{}), "", map[reflect.Type]bool{}, &out)
	return out
}

func walkData(t reflect.Type, prefix string, seen map[reflect.Type]bool, out *[]DataField) {
	if seen[t] {
		return
	}
	seen[t] = true
	defer delete(seen, t)
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		p := prefix + "." + f.Name
		doc := fieldDoc(t, f.Name)
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch {
		case ft.Kind() == reflect.Struct:
			*out = append(*out, DataField{Path: p, Type: "group", Doc: doc})
			walkData(ft, p, seen, out)
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			*out = append(*out, DataField{Path: p, Type: "list", Doc: doc})
			walkData(ft.Elem(), p+"[]", seen, out)
		default:
			*out = append(*out, DataField{Path: p, Type: typeName(ft), Doc: doc})
		}
	}
}

// fieldDoc returns the documentation of field name of struct type t.
func fieldDoc(t reflect.Type, name string) string {
	key := typeKey(t) + "." + name
	if d := fieldDocs()[key]; d != "" {
		return d
	}
	return fieldComments()[key]
}

// typeKey names a struct type as the generated comments do: "view",
// "model.Person".
func typeKey(t reflect.Type) string {
	if strings.HasSuffix(t.PkgPath(), "/internal/assemble") {
		return t.Name()
	}
	return t.String()
}

func typeName(t reflect.Type) string {
	if t.Implements(reflect.TypeOf((*fmt.Stringer)(nil)).Elem()) {
		return "text"
	}
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Int:
		return "number"
	case reflect.Bool:
		return "true/false"
	case reflect.Slice:
		return "list of " + typeName(t.Elem())
	}
	return t.Kind().String()
}

// FuncDoc documents one function a template may call, with an example
// that a test executes.
type FuncDoc struct {
	Name, Doc, Example, Output string
}

// TemplateFuncs documents the functions of the templates, besides
// text/template's own (and, or, not, len, index, slice, eq, ne, lt, le,
// gt, ge, print, printf, println; html, js, urlquery and call are of no
// use: the data holds no functions).
func TemplateFuncs() []FuncDoc {
	return []FuncDoc{
		{"inc", "the number plus one, for lists numbered from 1", `{{range $i, $p := .Parties}}{{inc $i}}. {{$p.Name}} {{end}}`, "1. A 2. B "},
		{"list", `joins a list of text with commas and "and"`, `{{list .Names}}`, "A, B and C"},
		{"plural", "the first text for a count of one, else the second", `{{plural (len .Names) "party" "parties"}}`, ""},
		{"quote", "puts each text of a list in quotation marks", `{{list (quote .Names)}}`, "“A”, “B” and “C”"},
		{"section", `starts a section of the agreement ("annex", "signatures") on a new page in PDF and Word; prints nothing in the Markdown`, `{{section "annex"}}`, ""},
		{"upper", "the text with its first letter in upper case", `{{upper "each party"}}`, "Each party"},
	}
}

// DataHelp returns the documentation of the template data and functions
// as text for "dpa help templates". Fields that share a comment are
// listed together.
func DataHelp() string {
	var b strings.Builder
	b.WriteString("DATA (every text is Markdown, already escaped: {{.Title}} prints it as it is)\n")
	fields := TemplateData()
	for i := 0; i < len(fields); {
		j := i + 1
		for j < len(fields) && fields[j].Doc == fields[i].Doc && parent(fields[j].Path) == parent(fields[i].Path) && fields[j].Type != "group" && fields[j].Type != "list" {
			j++
		}
		depth := strings.Count(fields[i].Path, ".") - 1
		ind := strings.Repeat("  ", depth)
		var names []string
		for _, f := range fields[i:j] {
			names = append(names, f.Path+" ("+f.Type+")")
		}
		fmt.Fprintf(&b, "\n  %s%s\n", ind, strings.Join(names, ", "))
		fmt.Fprintf(&b, "  %s    %s\n", ind, fields[i].Doc)
		i = j
	}
	b.WriteString("\nFUNCTIONS (besides text/template's and, or, not, len, index, slice, eq, ne,\nlt, le, gt, ge, print, printf, println)\n\n")
	for _, f := range TemplateFuncs() {
		fmt.Fprintf(&b, "  %s: %s\n    %s\n", f.Name, f.Doc, f.Example)
	}
	b.WriteString(`
EXAMPLES

  {{if eq .Authorisation "specific"}}prior specific authorisation{{else}}general authorisation{{end}}
  {{range .Transfers}}- {{.Title}}: {{.SubjectMatter}}
  {{end}}
  {{range .Signatures}}{{$party := .Party}}{{range .Signatories}}For {{$party}}: {{.Name}}, {{.Position}}
  {{end}}{{end}}
`)
	return b.String()
}

func parent(p string) string { return p[:strings.LastIndexByte(p, '.')] }

// fieldComments are the doc comments of datadoc_gen.go, made into a map at
// first use: only the template documentation needs them, and every process
// built the map when the package was initialised.
var fieldComments = sync.OnceValue(fieldCommentMap)

// fieldDocs documents the fields that have no doc comment in the source,
// by "type.Field" (a map made at first use, as fieldComments).
var fieldDocs = sync.OnceValue(func() map[string]string {
	return map[string]string{
		"partyView.Name":              "the party's name",
		"partyView.Address":           "its address (without a final country, which Country gives)",
		"partyView.Country":           "its country in English",
		"partyView.Registration":      "its registration, or empty",
		"partyView.Role":              "what it does across the transfers (Exporter, Importer)",
		"decisionView.Country":        "the country or territory of an adequacy decision",
		"decisionView.Decision":       "the decision's name",
		"decisionView.Scope":          "its scope, in the first statement of the reference data",
		"decisionView.DPF":            "true when it is the EU-U.S. Data Privacy Framework decision",
		"tiaView.Reference":           "the transfer impact assessment's reference (Clause 14(b))",
		"tiaView.Date":                "its date in words",
		"transferView.SubjectMatter":  "Annex I.B: the subject matter of the processing",
		"transferView.Duration":       "Annex I.B: the duration of the processing",
		"transferView.Retention":      "Annex I.B: the retention period or the criteria for it",
		"transferView.Subprocessing":  "Annex I.B: for transfers to (sub-)processors, subject matter, nature and duration",
		"controllerEntry.Ref":         "the transfers of this entry",
		"controllerEntry.Controllers": "the Controllers of those transfers",
		"addendumView.Numeral":        `the addendum's numeral ("I", "II")`,
		"addendumView.Module":         `its module ("Module Two")`,
		"overlayView.Heading":         `the overlay's heading ("UK Addendum to Addendum I")`,
		"overlayView.Addendum":        "the addendum it follows",
		"overlayView.FADP":            "the name of the Swiss Federal Act on Data Protection",
		"overlayView.Exporters":       "the data exporters whose transfers it covers",
		"annexParty.Name":             "the party's name",
		"annexParty.Address":          "its address",
		"annexParty.Registration":     "its registration, or empty",
		"annexParty.Contact":          "its contact person's name, position and contact details",
		"annexParty.DPO":              "its data protection officer, or empty",
		"annexParty.Representative":   "its Art. 27 representative, or empty",
		"addendumRef.Numeral":         "the numeral of an addendum the party is a Party to",
		"addendumRef.Module":          "that addendum's module",
		"authorityView.Exporter":      "the data exporter",
		"authorityView.Name":          "the competent supervisory authority's name (own language and English)",
		"authorityView.Address":       "its address, or empty",
		"authorityView.Website":       "its website, or empty",
		"authorityView.Basis":         "the Clause 13(a) basis, in the words of the Clause",
		"measureView.Category":        "the category of measures (Annex II)",
		"subGroup.Importer":           "the importer that engaged the sub-processors",
		"subGroup.Subs":               "its sub-processors (Annex III)",
		"subView.Name":                "the sub-processor's name",
		"subView.Address":             "its address",
		"subView.Contact":             "its contact person's name, position and contact details",
		"subView.Activity":            "the description of its processing",
		"subView.Locations":           "the locations of processing",
		"subView.Safeguard":           "the transfer safeguard for its locations",
		"adequateView.Country":        "a location with an adequacy decision",
		"adequateView.Decision":       "that decision",
		"signatureView.Party":         "the party's name",
		"signatureView.Role":          "what it does across the transfers (Exporter, Importer)",
		"signatureView.Signatories":   "its signatories (Name, Position)",
		"model.Person.Name":           "the signatory's name",
		"model.Person.Position":       "the signatory's position",
		"model.Person.Email":          "empty on the signature page",
		"model.Person.Phone":          "empty on the signature page",
	}
})
