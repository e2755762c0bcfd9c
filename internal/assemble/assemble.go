// Package assemble builds the agreement as Markdown from a validated
// description and its plan: the Article 28 body and the annexes from the
// template in templates/, the Standard Contractual Clauses from the official
// text in clauses/, resolved for the elections of the plan.
package assemble

import (
	"bytes"
	"fmt"
	"github.com/dpa-tool/dpa/internal/prose"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template"

	"github.com/dpa-tool/dpa/clauses"
	"github.com/dpa-tool/dpa/internal/clause"
	"github.com/dpa-tool/dpa/internal/doc"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/markdown"
	"github.com/dpa-tool/dpa/internal/mdparse"
	"github.com/dpa-tool/dpa/internal/mdrender"
	"github.com/dpa-tool/dpa/internal/model"
	"github.com/dpa-tool/dpa/internal/overlay"
	"github.com/dpa-tool/dpa/internal/scc"
	"github.com/dpa-tool/dpa/templates"
)

// Document is an assembled agreement.
type Document struct {
	Markdown []byte
	// Doc is the typed agreement the renderers read; its sections carry
	// their kinds from the assembler, never from heading text.
	Doc *doc.Document
	// Addenda describe the SCC addenda, in document order, for checks
	// such as the comparison with the official text.
	Addenda []Addendum
}

// Addendum is one set of Standard Contractual Clauses in the document.
type Addendum struct {
	Numeral string // "I", "II"
	Module  model.Module
	Heading string // the Markdown heading line that starts it
	Docking bool
}

// shared holds what is parsed once per process: the template and the
// clause texts.
var shared struct {
	once    sync.Once
	tmpl    *template.Template
	clauses map[model.Module]*clause.Text
	err     error
}

func load() error {
	shared.once.Do(func() {
		src, err := templates.FS.ReadFile("agreement.md.tmpl")
		if err != nil {
			shared.err = err
			return
		}
		shared.tmpl, err = template.New("agreement.md.tmpl").Option("missingkey=error").Funcs(template.FuncMap{
			"inc":     func(i int) int { return i + 1 },
			"section": sectionMark,
		}).Parse(string(src))
		if err != nil {
			shared.err = fmt.Errorf("template: %w", err)
			return
		}
		// The body of a data transfer agreement between controllers.
		dta, err := templates.FS.ReadFile("dta.md.tmpl")
		if err == nil {
			_, err = shared.tmpl.New("dta.md.tmpl").Parse(string(dta))
		}
		if err != nil {
			shared.err = fmt.Errorf("template: %w", err)
			return
		}
		shared.clauses = map[model.Module]*clause.Text{}
		for _, m := range []model.Module{model.ModuleOne, model.ModuleTwo, model.ModuleThree, model.ModuleFour} {
			b, err := clauses.FS.ReadFile(clauses.SCCPath(int(m)))
			if err != nil {
				shared.err = err
				return
			}
			t, err := clause.Parse(clauses.SCCPath(int(m)), string(b))
			if err != nil {
				shared.err = err
				return
			}
			shared.clauses[m] = t
		}
	})
	return shared.err
}

// Build assembles the agreement.
func Build(d *model.Description, p *model.Plan, lg *legal.Data) (*Document, error) {
	if err := load(); err != nil {
		return nil, err
	}
	v, err := newView(d, p, lg)
	if err != nil {
		return nil, err
	}
	out := &Document{}
	next := 1
	var texts, names []string
	ov := overlay.Derive(d, p, overlay.Addenda(p))
	octx := overlayContext(d, p, lg)
	for i, m := range p.Modules {
		a := Addendum{Numeral: roman(i + 1), Module: m, Docking: p.Docking}
		a.Heading = fmt.Sprintf("## Addendum %s – Standard Contractual Clauses, %s (%s)", a.Numeral, m, strings.ToLower(m.Title()[:1])+m.Title()[1:])
		text, n, err := addendum(a, d, p, lg, next)
		if err != nil {
			return nil, err
		}
		next = n
		names = append(names, "Addendum "+a.Numeral)
		// The UK Addendum and the Swiss supplement follow the addendum
		// they belong to.
		for _, o := range ov.UK {
			if o.EU.Module == m {
				uk, err := o.UKMarkdown(octx)
				if err != nil {
					return nil, err
				}
				text += "\n\n" + sectionMark("supplement "+strconv.Itoa(int(m))) + "\n" + uk
				names = append(names, "the "+o.UKHeading())
			}
		}
		for _, o := range ov.Swiss {
			if o.EU.Module == m {
				text += "\n\n" + sectionMark("supplement "+strconv.Itoa(int(m))) + "\n" + o.SwissMarkdown(octx)
				names = append(names, "the "+o.SwissHeading())
			}
		}
		texts = append(texts, text)
		v.Addenda = append(v.Addenda, fmt.Sprintf(addendumMark, i+1))
		out.Addenda = append(out.Addenda, a)
	}
	v.AddendaNames = strings.Join(names, ", ")
	v.overlays(ov, octx)
	var buf bytes.Buffer
	if err := shared.tmpl.Execute(&buf, v); err != nil {
		return nil, fmt.Errorf("template: %w", err)
	}
	// Number and tidy the parties' own text before the official text goes
	// in, so that nothing touches the clauses.
	text := dropDoubleStops(number(buf.String()))
	for i, t := range texts {
		text = strings.Replace(text, fmt.Sprintf(addendumMark, i+1), sectionMark("addendum "+strconv.Itoa(int(out.Addenda[i].Module)))+"\n"+t, 1)
	}
	text = strings.Replace(text, "\n"+contentsMark+"\n", "\n"+sectionMark("contents")+"\n"+contents(text)+"\n"+sectionMark("body")+"\n", 1)
	if strings.Contains(text, "<no value>") {
		return nil, fmt.Errorf("template: output contains %q", "<no value>")
	}
	out.Doc = document(text, d, lg)
	out.Markdown = mdrender.Render(out.Doc)
	if checkSource != nil {
		checkSource(out.Markdown, []byte(tidy(stripMarks(text))))
	}
	return out, nil
}

// checkSource, when set (by tests), receives the Markdown rendered from the
// typed document and the Markdown the template and clauses produced: they
// must be the same bytes.
var checkSource func(rendered, source []byte)

// sectionSep brackets a section mark in the template's output; it cannot
// occur in text (the loader refuses control characters).
const sectionSep = "\x00"

// sectionMark starts a section of the given kind ("annex", "signatures",
// "addendum 2") in the template's output; the assembler removes it.
func sectionMark(kind string) string { return sectionSep + kind + sectionSep }

// stripMarks removes the section marks.
func stripMarks(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, sectionSep)
		if i < 0 {
			break
		}
		j := strings.Index(s[i+1:], sectionSep)
		b.WriteString(s[:i])
		s = s[i+1+j+1:]
	}
	b.WriteString(s)
	return b.String()
}

// document splits the marked output into sections of their kinds and
// parses each one's Markdown once into blocks.
func document(text string, d *model.Description, lg *legal.Data) *doc.Document {
	dd := &doc.Document{Notes: map[int][]doc.Inline{}}
	dd.Meta = doc.Meta{Title: d.Title(), Reference: d.Agreement.Reference, ISODate: d.Agreement.Date, Paper: d.Agreement.Paper}
	if dd.Meta.Paper == "" {
		dd.Meta.Paper = "a4"
	}
	dd.Meta.Date = prose.LongDate(d.Agreement.Date)
	kind, module := doc.Cover, 0
	for {
		i := strings.Index(text, sectionSep)
		part := text
		if i >= 0 {
			part = text[:i]
		}
		if md := strings.TrimSpace(part); md != "" {
			sec := &doc.Section{Kind: kind, Module: module, Official: kind == doc.Addendum}
			sec.Blocks = mdparse.Blocks([]byte(tidy(part)), dd.Notes)
			shape(sec)
			dd.Sections = append(dd.Sections, sec)
		}
		if i < 0 {
			break
		}
		j := strings.Index(text[i+1:], sectionSep)
		mark := text[i+1 : i+1+j]
		text = text[i+1+j+1:]
		module = 0
		switch f := strings.Fields(mark); f[0] {
		case "contents":
			kind = doc.Contents
		case "body":
			kind = doc.Body
		case "addendum":
			kind = doc.Addendum
			module, _ = strconv.Atoi(f[1])
		case "supplement":
			kind = doc.Supplement
			if len(f) > 1 {
				module, _ = strconv.Atoi(f[1])
			}
		case "annex":
			kind = doc.Annex
		case "signatures":
			kind = doc.Signatures
		}
	}
	mdparse.Anchors(dd)
	return dd
}

var headingNumberRE = regexp.MustCompile(`^(\d+\.) `)

// shape adds what the assembler knows to the parsed blocks of a section:
// the numbers of the body's sections (which number gave them) and the
// signature blocks (a party's heading, then for each signatory a paragraph
// and the table of fields to complete).
func shape(sec *doc.Section) {
	party := ""
	for i := range sec.Blocks {
		b := &sec.Blocks[i]
		switch {
		case sec.Kind == doc.Body && b.Kind == doc.Heading && b.Level == 2 && len(b.Inlines) > 0 && b.Inlines[0].Note == 0:
			if m := headingNumberRE.FindString(b.Inlines[0].Text); m != "" {
				b.Number = strings.TrimSpace(m)
				b.Inlines[0].Text = b.Inlines[0].Text[len(m):]
			}
		case sec.Kind == doc.Signatures && b.Kind == doc.Heading && b.Level == 3:
			party = mdparse.Plain(b.Inlines)
		case sec.Kind == doc.Signatures && b.Kind == doc.Table && party != "":
			b.Kind = doc.Signature
			b.Sign = &doc.SignatureBlock{Party: party}
			if len(b.Rows) > 0 && len(b.Rows[0]) > 1 {
				b.Sign.Name = mdparse.Plain(b.Rows[0][1])
			}
			if len(b.Rows) > 1 && len(b.Rows[1]) > 1 {
				b.Sign.Position = mdparse.Plain(b.Rows[1][1])
			}
		}
	}
}

// addendum resolves the clauses of module a.Module.
func addendum(a Addendum, d *model.Description, p *model.Plan, lg *legal.Data, firstFoot int) (string, int, error) {
	el := clause.Elections{}
	if p.Docking {
		el["clause7"] = []string{"docking"}
	}
	rules := scc.Rules(a.Module)
	if rules.Clause9 {
		if p.Authorisation == model.Specific {
			el["clause9"] = []string{"specific"}
		} else {
			el["clause9"] = []string{"general"}
		}
	}
	if p.Redress.Elected {
		el["clause11"] = []string{"redress"}
	}
	variants := map[model.Clause13]bool{}
	for _, e := range p.ExportersOf(a.Module) {
		variants[e.Variant] = true
	}
	for _, c := range []struct {
		v    model.Clause13
		name string
	}{{model.EstablishedInEU, "established"}, {model.WithRepresentative, "representative"}, {model.NoRepresentative, "no-representative"}} {
		if rules.Clause13 && variants[c.v] {
			el["clause13"] = append(el["clause13"], c.name)
		}
	}
	if len(rules.LawOptions) > 0 {
		el["clause17"] = []string{"option" + strconv.Itoa(p.LawOption)}
	}
	text, next, err := shared.clauses[a.Module].Resolve(clause.Params{
		Elections: el,
		Values: map[string]string{
			"period":         p.NoticeDays.String(),
			"clause17-state": lg.LawOf(p.LawState),
			"clause18-state": lg.LawOf(p.Courts),
			// Module Four: the law and courts of a country.
			"clause17-country": lg.LawOf(p.LawState),
			"clause18-country": lg.LawOf(p.Courts),
		},
		FirstFootnote: firstFoot,
		HeadingShift:  2,
	})
	if err != nil {
		return "", 0, err
	}
	var b strings.Builder
	b.WriteString(a.Heading + "\n\n")
	var exp, imp []string
	var idx []int
	for i, t := range p.Transfers {
		if !t.SCC || t.Module != a.Module {
			continue
		}
		idx = append(idx, i)
		exp = appendNew(exp, partyNames(d, t.Transfer.Exporters)...)
		imp = appendNew(imp, partyNames(d, t.Transfer.Importers)...)
	}
	fmt.Fprintf(&b, "These Clauses apply to %s, with %s as data exporter%s and %s as data importer%s. %s",
		transferRefs(p).many(idx), prose.List(exp), plural(len(exp), "", "s"), prose.List(imp), plural(len(imp), "", "s"), appendixSentence(d, p, a.Module, idx))
	if rb := p.Redress; rb.Elected && rb.Name != "" {
		fmt.Fprintf(&b, " The independent dispute resolution body referred to in Clause 11(a) is %s.", redressBody(rb))
	}
	b.WriteString("\n\n")
	b.WriteString("### STANDARD CONTRACTUAL CLAUSES\n\n")
	b.WriteString(text)
	if a.Docking {
		b.WriteString("\n### Accession form (Clause 7)\n\n")
		b.WriteString("An entity acceding to these Clauses completes this entry of Annex I.A and signs it; its transfers are added to Annex I.B.\n\n")
		b.WriteString("| | |\n|---|---|\n")
		for _, f := range []string{"Name", "Address", "Contact person’s name, position and contact details", "Activities relevant to the data transferred under these Clauses", "Role (controller/processor)", "Acceding as (data exporter/data importer)", "Signature and date"} {
			fmt.Fprintf(&b, "| %s | |\n", f)
		}
		b.WriteString("\nThe Parties to these Clauses agree to the accession of the entity named above (Clause 7(a)):\n\n")
		b.WriteString("| | |\n|---|---|\n")
		var parties []string
		for _, t := range p.TransfersOf(a.Module) {
			parties = appendNew(parties, partyNames(d, t.Transfer.Exporters)...)
			parties = appendNew(parties, partyNames(d, t.Transfer.Importers)...)
		}
		for _, name := range parties {
			fmt.Fprintf(&b, "| For %s: name, position, date and signature | |\n", name)
		}
	}
	return strings.TrimRight(b.String(), "\n"), next, nil
}

// addendumMark stands for addendum n in the template output.
const addendumMark = "<!-- addendum %d -->"

var listNumberRE = regexp.MustCompile(`^(\d+)\.`)

// contentsMark is replaced by the table of contents.
const contentsMark = "<!-- contents -->"

// contents lists the level-2 headings of the document.
func contents(doc string) string {
	var b strings.Builder
	b.WriteString("## Contents\n\n")
	for _, line := range strings.Split(doc, "\n") {
		if strings.HasPrefix(line, "## ") {
			// "1. Title" would open an ordered list inside the item.
			fmt.Fprintf(&b, "- %s\n", listNumberRE.ReplaceAllString(line[3:], `$1\.`))
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

func roman(n int) string {
	return []string{"", "I", "II", "III", "IV", "V"}[n]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func appendNew(list []string, items ...string) []string {
	for _, it := range items {
		if !slices.Contains(list, it) {
			list = append(list, it)
		}
	}
	return list
}

// partyNames returns the escaped names of the parties with the given ids.
func partyNames(d *model.Description, ids []string) []string {
	var out []string
	for _, id := range ids {
		if p := d.Party(id); p != nil {
			out = append(out, markdown.Escape(p.Name))
		}
	}
	return out
}
