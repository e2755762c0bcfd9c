// Package assemble builds the agreement as Markdown from a validated
// description and its plan: the Article 28 body and the annexes from the
// template in templates/, the Standard Contractual Clauses from the official
// text in clauses/, resolved for the elections of the plan.
package assemble

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/dpa-tool/dpa/internal/lazyre"
	"github.com/dpa-tool/dpa/internal/prose"

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

// clauseTexts holds the official clauses of each module (index 1 to 4),
// each parsed once per process at the first agreement that uses it: an
// agreement has one or two modules, and parsing all four took a cold
// process about 3 ms.
var clauseTexts [5]struct {
	once sync.Once
	text *clause.Text
	err  error
}

// clauseText returns the parsed clauses of module m.
func clauseText(m model.Module) (*clause.Text, error) {
	if m < model.ModuleOne || m > model.ModuleFour {
		return nil, fmt.Errorf("assemble: no clauses for module %d", m)
	}
	c := &clauseTexts[m]
	c.once.Do(func() {
		b, err := clauses.FS.ReadFile(clauses.SCCPath(int(m)))
		if err != nil {
			c.err = err
			return
		}
		c.text, c.err = clause.Parse(clauses.SCCPath(int(m)), string(b))
	})
	return c.text, c.err
}

// Build assembles the agreement. At most one Options may be given; none
// (or the zero Options) builds with the built-in templates.
func Build(d *model.Description, p *model.Plan, lg *legal.Data, opts ...Options) (*Document, error) {
	var opt Options
	if len(opts) > 1 {
		return nil, fmt.Errorf("assemble: %d options given, want at most one", len(opts))
	}
	if len(opts) == 1 {
		opt = opts[0]
	}
	for _, m := range p.Modules {
		if _, err := clauseText(m); err != nil {
			return nil, err
		}
	}
	tmpl, err := Templates(opt.Templates)
	if err != nil {
		return nil, err
	}
	v, err := newView(d, p, lg)
	if err != nil {
		return nil, err
	}
	out := &Document{}
	next := 1
	var texts, supplements []string
	ov := overlay.Derive(d, p, overlay.Addenda(p))
	octx := overlayContext(d, p, lg)
	for i, m := range p.Modules {
		a := Addendum{Numeral: roman(i + 1), Module: m, Docking: p.Docking}
		av := addendumOf(a, d, p)
		av.Section = "addendum " + strconv.Itoa(int(m))
		av.Clauses = fmt.Sprintf(clausesMark, i+1)
		av.Supplements = fmt.Sprintf(supplementsMark, i+1)
		var heading bytes.Buffer
		if err := tmpl.ExecuteTemplate(&heading, "addendum-heading", av); err != nil {
			return nil, fmt.Errorf("template: %w", err)
		}
		a.Heading = "## " + heading.String()
		text, n, err := resolve(a, p, lg, next)
		if err != nil {
			return nil, err
		}
		next = n
		// The UK Addendum and the Swiss supplement follow the addendum
		// they belong to.
		var sup string
		for _, o := range ov.UK {
			if o.EU.Module == m {
				uk, err := o.UKMarkdown(octx)
				if err != nil {
					return nil, err
				}
				sup += "\n\n" + sectionMark("supplement "+strconv.Itoa(int(m))) + "\n" + uk
				av.SupplementNames = append(av.SupplementNames, o.UKHeading())
			}
		}
		for _, o := range ov.Swiss {
			if o.EU.Module == m {
				sup += "\n\n" + sectionMark("supplement "+strconv.Itoa(int(m))) + "\n" + o.SwissMarkdown(octx)
				av.SupplementNames = append(av.SupplementNames, o.SwissHeading())
			}
		}
		texts = append(texts, text)
		supplements = append(supplements, sup)
		v.Addenda = append(v.Addenda, av)
		out.Addenda = append(out.Addenda, a)
	}
	v.overlays(ov, octx)
	var buf bytes.Buffer
	buf.Grow(48 << 10) // enough for most agreements without their clauses
	if err := tmpl.ExecuteTemplate(&buf, RootTemplate, v); err != nil {
		return nil, fmt.Errorf("template: %w", err)
	}
	var contentsHeading bytes.Buffer
	if err := tmpl.ExecuteTemplate(&contentsHeading, "contents-heading", v); err != nil {
		return nil, fmt.Errorf("template: %w", err)
	}
	// Number and tidy the parties' own text before the official text goes
	// in, so that nothing touches the clauses.
	src := buf.String()
	text := dropDoubleStops(number(src))
	sections := strconv.Itoa(countSections(src))
	var marks []string
	for i, t := range texts {
		// A custom template must print each addendum's official clauses
		// and its supplements exactly once.
		for _, mark := range []string{fmt.Sprintf(clausesMark, i+1), fmt.Sprintf(supplementsMark, i+1)} {
			if n := strings.Count(text, mark); n != 1 {
				return nil, fmt.Errorf("%w: the official text of Addendum %s is printed %d times, not once: the templates must print each addendum once with its clauses and supplements, as the built-in agreement.md.tmpl and addendum.md.tmpl do", ErrOfficialText, roman(i+1), n)
			}
		}
		t = strings.TrimRight(t, "\n")
		if opt.Templates == nil && splitOfficial {
			// The built-in templates print the clauses between blank lines
			// (after their locked title, before the accession form or
			// the next section): document parses them on their own.
			t = sectionMark(officialMark) + "\n" + t + "\n" + sectionMark(officialEnd)
		}
		marks = append(marks, fmt.Sprintf(clausesMark, i+1), t, fmt.Sprintf(supplementsMark, i+1), supplements[i])
	}
	text = putIn(text, marks)
	text = strings.Replace(text, "\n"+contentsMark+"\n", "\n"+sectionMark("contents")+"\n"+contents(text, contentsHeading.String())+"\n"+sectionMark("body")+"\n", 1)
	text = strings.ReplaceAll(text, acceptanceMark, sections)
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

// putIn replaces each mark of pairs (mark, text, mark, text, …) in s by its
// text. Each mark occurs once in s (Build checks it) and none in the texts
// put in (official text, and supplements whose user text is escaped), so
// one pass into a buffer of the final size does what a Replace per mark
// did with a copy of the whole agreement each.
func putIn(s string, pairs []string) string {
	type at struct{ i, k int } // where mark pairs[k] stands in s
	var marks []at
	n := len(s)
	for k := 0; k+1 < len(pairs); k += 2 {
		if i := strings.Index(s, pairs[k]); i >= 0 {
			marks = append(marks, at{i, k})
			n += len(pairs[k+1]) - len(pairs[k])
		}
	}
	if len(marks) == 0 {
		return s
	}
	slices.SortFunc(marks, func(a, b at) int { return a.i - b.i })
	var b strings.Builder
	b.Grow(n)
	last := 0
	for _, m := range marks {
		b.WriteString(s[last:m.i])
		b.WriteString(pairs[m.k+1])
		last = m.i + len(pairs[m.k])
	}
	b.WriteString(s[last:])
	return b.String()
}

// checkSource, when set (by tests), receives the Markdown rendered from the
// typed document and the Markdown the template and clauses produced: they
// must be the same bytes.
var checkSource func(rendered, source []byte)

// sectionSep brackets a section mark in the template's output; it cannot
// occur in text (the loader refuses control characters).
const sectionSep = "\x00"

// officialMark and officialEnd enclose the official clauses of an addendum
// in the template's output (with the built-in templates); they do not
// start a section.
const (
	officialMark = "official"
	officialEnd  = "/official"
)

// splitOfficial says to parse the official clauses on their own (tests
// compare with the whole section parsed at once).
var splitOfficial = true

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
// parses each one's Markdown once into blocks. The official clauses of an
// addendum, between an officialMark and an officialEnd, are parsed on their
// own, through parseOfficial, and their blocks join those of their section.
func document(text string, d *model.Description, lg *legal.Data) *doc.Document {
	dd := &doc.Document{Notes: map[int][]doc.Inline{}}
	dd.Meta = doc.Meta{Title: d.Title(), Reference: d.Agreement.Reference, ISODate: d.Agreement.Date, Paper: d.Agreement.Paper}
	if dd.Meta.Paper == "" {
		dd.Meta.Paper = "a4"
	}
	dd.Meta.Date = prose.LongDate(d.Agreement.Date)
	kind, module := doc.Cover, 0
	var sec *doc.Section // the section being read; nil until it has text
	parts, official := 0, false
	flush := func() {
		if sec == nil {
			return
		}
		if parts > 1 {
			// What stays with the next block, across the parts.
			mdparse.Keep(sec.Blocks)
		}
		shape(sec)
		dd.Sections = append(dd.Sections, sec)
		sec, parts = nil, 0
	}
	for {
		i := strings.Index(text, sectionSep)
		part := text
		if i >= 0 {
			part = text[:i]
		}
		if md := strings.TrimSpace(part); md != "" {
			if sec == nil {
				sec = &doc.Section{Kind: kind, Module: module, Official: kind == doc.Addendum}
			}
			if official {
				sec.Blocks = append(sec.Blocks, parseOfficial(tidyBytes(part), dd.Notes)...)
			} else {
				sec.Blocks = append(sec.Blocks, mdparse.Blocks(tidyBytes(part), dd.Notes)...)
			}
			parts++
		}
		if i < 0 {
			flush()
			break
		}
		j := strings.Index(text[i+1:], sectionSep)
		mark := text[i+1 : i+1+j]
		text = text[i+1+j+1:]
		if mark == officialMark || mark == officialEnd {
			official = mark == officialMark
			continue // the same section goes on
		}
		flush()
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

var headingNumberRE = lazyre.New(`^(\d+\.) `)

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
			if m := headingNumberRE().FindString(b.Inlines[0].Text); m != "" {
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

// resolve resolves the official clauses of module a.Module for the
// elections of the plan.
func resolve(a Addendum, p *model.Plan, lg *legal.Data, firstFoot int) (string, int, error) {
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
	forum := scc.ForumOf(p, lg)
	text, err := clauseText(a.Module)
	if err != nil {
		return "", 0, err
	}
	return text.Resolve(clause.Params{
		Elections: el,
		Values: map[string]string{
			"period":         p.NoticeDays.String(),
			"clause17-state": forum.ClauseLaw,
			"clause18-state": forum.ClauseCourts,
			// Module Four: the law and courts of a country.
			"clause17-country": forum.ClauseLaw,
			"clause18-country": forum.ClauseCourts,
		},
		FirstFootnote: firstFoot,
		HeadingShift:  2,
	})
}

// addendumOf returns the facts of addendum a for the templates.
func addendumOf(a Addendum, d *model.Description, p *model.Plan) addendumView {
	av := addendumView{Numeral: a.Numeral, Module: a.Module, ModuleTitle: lowerTitle(a.Module), Docking: a.Docking}
	var idx []int
	for i, t := range p.Transfers {
		if !t.SCC || t.Module != a.Module {
			continue
		}
		idx = append(idx, i)
		av.Exporters = appendNew(av.Exporters, partyNames(d, t.Transfer.Exporters)...)
		av.Importers = appendNew(av.Importers, partyNames(d, t.Transfer.Importers)...)
	}
	av.Refs = transferRefs(p).of(idx)
	av.Appendix = appendixOf(d, p, a.Module, idx)
	av.Redress = redressBody(p.Redress)
	for _, t := range p.TransfersOf(a.Module) {
		av.Parties = appendNew(av.Parties, partyNames(d, t.Transfer.Exporters)...)
		av.Parties = appendNew(av.Parties, partyNames(d, t.Transfer.Importers)...)
	}
	return av
}

// ErrOfficialText is the error of templates that leave out or repeat
// official text.
var ErrOfficialText = errors.New("templates")

// clausesMark and supplementsMark stand for the official clauses of
// addendum n and the UK Addendum and Swiss supplement that follow it in
// the template output.
const (
	clausesMark     = "<!-- clauses %d -->"
	supplementsMark = "<!-- supplements %d -->"
)

var listNumberRE = lazyre.New(`^(\d+)\.`)

// acceptanceMark stands for the number of the acceptance section
// (acceptance.md.tmpl), the last section of the body under click-through
// execution: Annex I.A and the UK Addendum refer to it by number.
const acceptanceMark = "<!-- acceptance section -->"

// contentsMark is replaced by the table of contents.
const contentsMark = "<!-- contents -->"

// contents lists the level-2 headings of the document.
func contents(doc, heading string) string {
	var b strings.Builder
	b.WriteString("## " + heading + "\n\n")
	for _, line := range strings.Split(doc, "\n") {
		if strings.HasPrefix(line, "## ") {
			// "1. Title" would open an ordered list inside the item.
			fmt.Fprintf(&b, "- %s\n", listNumberRE().ReplaceAllString(line[3:], `$1\.`))
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// countSections counts the body's section headings ("## § ") before
// numbering.
func countSections(s string) int {
	n := 0
	for line := range strings.Lines(s) {
		if strings.HasPrefix(line, "## § ") {
			n++
		}
	}
	return n
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
