package assemble

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// DataField documents one value of the data every template receives.
type DataField struct {
	// Path is how a template reaches it from the root data: ".Title",
	// ".Transfers[].Heading" (inside {{range .Transfers}} it is .Heading).
	Path string
	// Type is "text", "number", "true/false", "list of text" or "list".
	Type string
	Doc  string
}

// TemplateData returns the documentation of every field of the template
// data, in the order of the fields, generated from the view the templates
// are executed with. A field without documentation is listed with an empty
// Doc (TestTemplateDataDocumented fails then).
func TemplateData() []DataField {
	var out []DataField
	walkData(reflect.TypeOf(view{}), "", &out)
	return out
}

func walkData(t reflect.Type, prefix string, out *[]DataField) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		p := prefix + "." + f.Name
		ft := f.Type
		switch {
		case ft.Kind() == reflect.Struct:
			*out = append(*out, DataField{Path: p, Type: "group", Doc: dataDocs[p]})
			walkData(ft, p, out)
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			*out = append(*out, DataField{Path: p, Type: "list", Doc: dataDocs[p]})
			walkData(ft.Elem(), p+"[]", out)
		default:
			*out = append(*out, DataField{Path: p, Type: typeName(ft), Doc: dataDocs[p]})
		}
	}
}

func typeName(t reflect.Type) string {
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

// TemplateFuncs documents the functions of the templates (besides
// text/template's own: and, or, not, len, index, slice, eq, ne, lt, le,
// gt, ge, print, printf, println; html, js, urlquery and call are of no
// use here: the data holds no functions).
func TemplateFuncs() []FuncDoc {
	out := []FuncDoc{
		{"inc", "the number plus one, for lists numbered from 1", `{{range $i, $p := .Parties}}{{inc $i}}. {{$p.Name}} {{end}}`, "1. A 2. B "},
		{"section", `starts a section of the agreement (annex or signatures) on a new page in PDF and Word; prints nothing visible in the Markdown`, `{{section "annex"}}`, ""},
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// DataHelp returns the documentation of the template data and functions
// as text for "dpa help templates".
func DataHelp() string {
	var b strings.Builder
	b.WriteString("DATA (every text is Markdown, already escaped; {{.Title}} prints it as it is)\n\n")
	for _, f := range TemplateData() {
		depth := strings.Count(f.Path, ".") - 1
		fmt.Fprintf(&b, "  %s%s  (%s)\n", strings.Repeat("  ", depth), f.Path, f.Type)
		fmt.Fprintf(&b, "  %s    %s\n", strings.Repeat("  ", depth), f.Doc)
	}
	b.WriteString("\nFUNCTIONS (besides text/template's and, or, not, len, index, slice, eq, ne,\nlt, le, gt, ge, print, printf, println)\n\n")
	for _, f := range TemplateFuncs() {
		fmt.Fprintf(&b, "  %s: %s\n    example: %s\n", f.Name, f.Doc, f.Example)
	}
	b.WriteString(`
EXAMPLES

  {{if eq .Authorisation "specific"}}prior specific authorisation{{else}}general authorisation{{end}}
  {{range .Transfers}}- {{.Heading}}: {{.SubjectMatter}}
  {{end}}
  {{range .Signatures}}{{$party := .Party}}{{range .Signatories}}For {{$party}}: {{.Name}}, {{.Position}}
  {{end}}{{end}}
`)
	return b.String()
}

// dataDocs documents the template data by path.
var dataDocs = map[string]string{
	".Title":                          "the agreement's title (agreement.title; default Data Processing Agreement)",
	".Principal":                      "the principal agreement it supplements, or empty",
	".Date":                           `the agreement date written out ("1 May 2026")`,
	".Contents":                       "where the table of contents goes (print it once, after the cover)",
	".CoverTable":                     "the cover's table: reference, version, date, principal agreement",
	".PartiesTable":                   "the table of the parties on the cover",
	".CustomerNames":                  `the names of the parties called "Customer" in the body`,
	".ProviderNames":                  `the names of the parties called "Provider" in the body`,
	".RoleParagraphs":                 "paragraphs on each party's role (controller, processor)",
	".TransferParagraphs":             "paragraphs of the transfer section: which Clauses cover which transfers",
	".ModuleThree":                    "true when a transfer is from processor to processor (Module Three)",
	".SCC":                            "true when the agreement includes Standard Contractual Clauses",
	".Forced":                         "true when the Clauses are included although no transfer needs them (scc.force)",
	".CustomerController":             "true when Customer acts as controller for some transfer",
	".CustomerProcessor":              "true when Customer acts as processor for some transfer (Module Three)",
	".Controllers":                    "the sentence that defines the Controller(s) for Module Three",
	".ControllerDays":                 `the period within which Customer passes on the Controller's decision ("10 calendar days"), or empty`,
	".Authorisation":                  `sub-processor authorisation: "general" or "specific"`,
	".NoticeDays":                     `the sub-processor notice period ("30 calendar days")`,
	".DeletionDays":                   `the period for deletion or return ("30 calendar days")`,
	".BreachHours":                    "the hours within which a personal data breach is notified",
	".AuditSentence":                  "the sentence on audit frequency and notice",
	".SubprocessorInstruction":        "true when Annex III lists sub-processors",
	".LiabilityParagraphs":            "the paragraphs of the liability section of the body",
	".BodyLaw":                        `the law governing the body ("Ireland")`,
	".BodyCourts":                     `the courts with jurisdiction over the body ("Ireland")`,
	".Addenda":                        "where each addendum of official Clauses goes, in order (print each once)",
	".AddendaNames":                   `the addenda named in a list ("Addendum I, the UK Addendum to Addendum I")`,
	".PartyGroups":                    "Annex I.A: the parties grouped as data exporters and data importers",
	".PartyGroups[].Heading":          "the group's heading (data exporter(s), data importer(s))",
	".PartyGroups[].Parties":          "the parties of the group",
	".PartyGroups[].Parties[].Name":   "the party's name",
	".PartyGroups[].Parties[].Fields": "the party's rows: address, contact, activities, role, signature and date",
	".PartyGroups[].Parties[].Fields[].Label": "the row's label",
	".PartyGroups[].Parties[].Fields[].Value": "the row's value",
	".Transfers":                           "Annex I.B: one block per transfer",
	".Transfers[].Heading":                 `the block's heading ("B.1 Web analytics")`,
	".Transfers[].SubjectMatter":           "subject matter of the processing",
	".Transfers[].Duration":                "duration of the processing",
	".Transfers[].Frequency":               "frequency of the transfer",
	".Transfers[].Retention":               "retention period or criteria",
	".Transfers[].Subprocessing":           "for transfers to (sub-)processors: subject matter, nature and duration",
	".Transfers[].Facts":                   "rows above the official headings: parties, module, transfer mechanism",
	".Transfers[].Facts[].Label":           "the row's label",
	".Transfers[].Facts[].Value":           "the row's value",
	".Transfers[].DataSubjects":            "categories of data subjects",
	".Transfers[].PersonalData":            "categories of personal data",
	".Transfers[].Sensitive":               "categories of sensitive data (empty: none)",
	".Transfers[].Safeguards":              "restrictions and safeguards for sensitive data",
	".Transfers[].Nature":                  "nature of the processing",
	".Transfers[].Purposes":                "purposes of the transfer and further processing",
	".Authorities":                         "Annex I.C: the competent supervisory authority per exporter",
	".Authorities[].Exporter":              "the exporter's name",
	".Authorities[].Name":                  "the authority's name",
	".Authorities[].Address":               "its address, or empty",
	".Authorities[].Website":               "its website, or empty",
	".Authorities[].Basis":                 "the Clause 13(a) basis, in the words of the Clause",
	".Measures":                            "Annex II: the technical and organisational measures by category",
	".Measures[].Category":                 "the category",
	".Measures[].Scope":                    "the transfers it is limited to, or empty (all)",
	".Measures[].Items":                    "the measures",
	".Assistance":                          "Annex II: measures to assist with data subject requests",
	".SubGroups":                           "Annex III: the sub-processors by the importer that engaged them",
	".SubGroups[].Importer":                "the importer's name",
	".SubGroups[].Subs":                    "its sub-processors",
	".SubGroups[].Subs[].Name":             "name",
	".SubGroups[].Subs[].Address":          "address",
	".SubGroups[].Subs[].Contact":          "contact person's name, position and contact details",
	".SubGroups[].Subs[].Activity":         "description of the processing",
	".SubGroups[].Subs[].Locations":        "locations of processing",
	".SubGroups[].Subs[].Safeguard":        "the transfer safeguard per location",
	".Signatures":                          "the signature page: one entry per party",
	".Signatures[].Party":                  "the party's name",
	".Signatures[].Role":                   "the party's roles in words",
	".Signatures[].Signatories":            "its signatories",
	".Signatures[].Signatories[].Name":     "name",
	".Signatures[].Signatories[].Position": "position",
	".Signatures[].Signatories[].Email":    "always empty on the signature page",
	".Signatures[].Signatories[].Phone":    "always empty on the signature page",
	".M":                                   "facts of Modules One and Four",
	".M.ControllersOnly":                   "true when every transfer is controller to controller: a data transfer agreement (dta.md.tmpl)",
	".M.ExporterNames":                     "the data exporters of a data transfer agreement",
	".M.ImporterNames":                     "the data importers of a data transfer agreement",
	".M.TransferParagraphs":                "which transfers the Clauses cover, in a data transfer agreement",
	".M.AnnexIC":                           "true when Annex I.C names an authority",
	".M.AnnexIII":                          "true when the agreement has Annex III (Article 28 terms)",
	".M.AppendixParts":                     "what each Annex is for the Clauses, as a list in words",
	".M.Liability":                         "the liability paragraphs of a data transfer agreement",
	".SplitAddenda":                        "true when some party is not a Party to every addendum",
	".PartyToRows":                         "true when Annex I.A says to which addenda each party is a Party",
	".SeveralParties":                      "true when Customer or Provider is several parties",
	".Supersedes":                          "the earlier agreement this one replaces, or empty",
}
