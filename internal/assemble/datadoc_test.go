package assemble

import (
	"reflect"
	"strings"
	"testing"
	"text/template"
)

// TestTemplateDataDocumented: every field of the template data has its
// documentation in "dpa help templates", and every documented path exists
// (issue 16).
func TestTemplateDataDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range TemplateData() {
		seen[f.Path] = true
		if f.Doc == "" {
			t.Errorf("template data %s (%s) is not documented: add it to dataDocs in datadoc.go", f.Path, f.Type)
		}
	}
	for p := range dataDocs {
		if !seen[p] {
			t.Errorf("dataDocs documents %s, which the template data does not have", p)
		}
	}
}

// TestTemplateFuncsDocumented: every function a template may call is
// documented, its example runs and gives the documented output, and the
// documentation names no function that does not exist.
func TestTemplateFuncsDocumented(t *testing.T) {
	fm := funcs()
	docs := map[string]bool{}
	for _, f := range TemplateFuncs() {
		docs[f.Name] = true
		if _, ok := fm[f.Name]; !ok {
			t.Errorf("TemplateFuncs documents %q, which is not a template function", f.Name)
			continue
		}
		tm, err := template.New("example").Funcs(fm).Parse(f.Example)
		if err != nil {
			t.Errorf("example of %s: %v", f.Name, err)
			continue
		}
		var b strings.Builder
		data := map[string]any{"Parties": []map[string]string{{"Name": "A"}, {"Name": "B"}}}
		if err := tm.Execute(&b, data); err != nil {
			t.Errorf("example of %s: %v", f.Name, err)
			continue
		}
		if got := stripMarks(b.String()); got != f.Output {
			t.Errorf("example of %s gives %q, want %q", f.Name, got, f.Output)
		}
	}
	for name := range fm {
		if !docs[name] {
			t.Errorf("template function %q is not documented in TemplateFuncs", name)
		}
	}
}

// TestTemplateDataHasNoAccess: the template data holds only text, numbers,
// true/false and lists and groups of them: no function, channel, interface
// or pointer a template could call or follow, and no type with methods, so
// that a template can read nothing but the facts it is given.
func TestTemplateDataHasNoAccess(t *testing.T) {
	var check func(rt reflect.Type, path string)
	check = func(rt reflect.Type, path string) {
		if n := rt.NumMethod(); n > 0 || reflect.PointerTo(rt).NumMethod() > 0 {
			t.Errorf("%s: type %s has methods a template could call", path, rt)
		}
		switch rt.Kind() {
		case reflect.String, reflect.Int, reflect.Bool:
		case reflect.Slice:
			check(rt.Elem(), path+"[]")
		case reflect.Struct:
			for i := 0; i < rt.NumField(); i++ {
				if f := rt.Field(i); f.IsExported() {
					check(f.Type, path+"."+f.Name)
				}
			}
		default:
			t.Errorf("%s: %s values must not reach a template", path, rt.Kind())
		}
	}
	check(reflect.TypeOf(view{}), "")
}
