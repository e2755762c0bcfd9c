// Package clause resolves an official clause text stored as data: it keeps
// the alternatives the parties elected, removes their labels and brackets,
// fills the placeholders, renumbers the footnotes and shifts the headings.
//
// A text is Markdown paragraphs separated by blank lines. Paragraphs that
// consist of one HTML comment are directives or notes, never output:
//
//	<!-- fill "TEXT" KEY -->             replace TEXT by the value of KEY
//	<!-- group NAME [lead="X"] -->       start the alternatives of election NAME
//	<!-- option VALUE [label="L"] [open="O" close="C"] -->
//	<!-- end -->                         end of the group
//
// An alternative is kept when the election NAME includes VALUE; its label L
// (following the lead X) or its brackets O…C are removed, and the lead is
// put on the first kept alternative of the group. A group with no kept
// alternative disappears with its content.
package clause

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dpa-tool/dpa/internal/lazyre"
)

// Text is a parsed clause text.
type Text struct {
	Name   string
	fills  []fill
	blocks []block
}

type fill struct{ text, key string }

// block is a plain paragraph or a group of alternatives.
type block struct {
	para  string
	group *group
}

type group struct {
	name, lead string
	options    []*option
}

type option struct {
	value, label, open, close string
	paras                     []string
}

var (
	directiveRE = lazyre.New(`^<!--\s*(fill|group|option|end)\b(.*?)\s*-->$`)
	attrRE      = lazyre.New(`\s*(?:([a-z]+)=)?"([^"]*)"|\s*([^\s"=]+)`)
	footRefRE   = lazyre.New(`\[\^(\d+)\]`)
	footDefRE   = lazyre.New(`^\[\^(\d+)\]: `)
)

// isDirective reports whether s is one directive comment. Most paragraphs
// are text, which the prefix rules out without running the expression.
func isDirective(s string) bool {
	return strings.HasPrefix(s, "<!--") && directiveRE().MatchString(s)
}

// Parse parses a clause text. name is used in error messages.
func Parse(name, src string) (*Text, error) {
	t := &Text{Name: name}
	var g *group
	var items []string
	for _, p := range paragraphs(src) {
		// A paragraph of directive lines holds one directive per line.
		lines := strings.Split(p, "\n")
		all := true
		for _, l := range lines {
			all = all && isDirective(strings.TrimSpace(l))
		}
		if all {
			for _, l := range lines {
				items = append(items, strings.TrimSpace(l))
			}
		} else {
			items = append(items, p)
		}
	}
	for i, p := range items {
		var m []string
		if strings.HasPrefix(p, "<!--") { // as isDirective
			m = directiveRE().FindStringSubmatch(p)
		}
		if m == nil {
			if strings.HasPrefix(p, "<!--") && strings.HasSuffix(p, "-->") {
				continue // a note, not text
			}
			switch {
			case g == nil:
				t.blocks = append(t.blocks, block{para: p})
			case len(g.options) == 0:
				return nil, fmt.Errorf("%s: paragraph %d: text in group %s before its first option", name, i+1, g.name)
			default:
				o := g.options[len(g.options)-1]
				o.paras = append(o.paras, p)
			}
			continue
		}
		pos, named := attrs(m[2])
		switch m[1] {
		case "fill":
			if len(pos) != 2 {
				return nil, fmt.Errorf("%s: paragraph %d: fill needs \"TEXT\" KEY", name, i+1)
			}
			t.fills = append(t.fills, fill{pos[0], pos[1]})
		case "group":
			if g != nil || len(pos) != 1 {
				return nil, fmt.Errorf("%s: paragraph %d: group needs a name and cannot nest", name, i+1)
			}
			g = &group{name: pos[0], lead: named["lead"]}
		case "option":
			if g == nil || len(pos) != 1 {
				return nil, fmt.Errorf("%s: paragraph %d: option outside a group or without a value", name, i+1)
			}
			g.options = append(g.options, &option{value: pos[0], label: named["label"], open: named["open"], close: named["close"]})
		case "end":
			if g == nil {
				return nil, fmt.Errorf("%s: paragraph %d: end without group", name, i+1)
			}
			if err := g.check(); err != nil {
				return nil, fmt.Errorf("%s: %v", name, err)
			}
			t.blocks = append(t.blocks, block{group: g})
			g = nil
		}
	}
	if g != nil {
		return nil, fmt.Errorf("%s: group %s is not ended", name, g.name)
	}
	return t, nil
}

// check verifies that every label and bracket of the group is in its text,
// so that a drifted label can never be left in an agreement.
func (g *group) check() error {
	if len(g.options) == 0 {
		return fmt.Errorf("group %s has no options", g.name)
	}
	for i, o := range g.options {
		if len(o.paras) == 0 {
			return fmt.Errorf("group %s option %s has no text", g.name, o.value)
		}
		first := o.paras[0]
		if i == 0 && g.lead != "" {
			if !strings.HasPrefix(first, g.lead) {
				return fmt.Errorf("group %s: first option does not start with its lead %q", g.name, g.lead)
			}
			first = first[len(g.lead):]
		}
		if o.label != "" && !strings.HasPrefix(first, o.label) {
			return fmt.Errorf("group %s option %s: text does not start with its label %q", g.name, o.value, o.label)
		}
		if o.open != "" && (!strings.HasPrefix(first, o.open) || !strings.HasSuffix(o.paras[len(o.paras)-1], o.close)) {
			return fmt.Errorf("group %s option %s: text is not within %q…%q", g.name, o.value, o.open, o.close)
		}
	}
	return nil
}

// Elections maps a group name to the values kept (in any order).
type Elections map[string][]string

// Options reports the groups of the text and their values, in text order.
func (t *Text) Options() map[string][]string {
	out := map[string][]string{}
	for _, b := range t.blocks {
		if b.group != nil {
			for _, o := range b.group.options {
				out[b.group.name] = append(out[b.group.name], o.value)
			}
		}
	}
	return out
}

// Params are the inputs of Resolve.
type Params struct {
	Elections Elections
	// Values fill the placeholders, by key.
	Values map[string]string
	// FirstFootnote is the number of the first footnote in the output;
	// footnotes are renumbered in the order of their first reference.
	FirstFootnote int
	// HeadingShift is added to the level of every heading.
	HeadingShift int
}

// Resolve returns the text as Markdown with the elections applied, and the
// number of the next footnote. An election of an unknown group or value,
// a placeholder without a value, or a footnote without a definition is an
// error.
func (t *Text) Resolve(p Params) (string, int, error) {
	known := t.Options()
	for name, vals := range p.Elections {
		for _, v := range vals {
			if !slices.Contains(known[name], v) {
				return "", 0, fmt.Errorf("%s: no option %s=%s", t.Name, name, v)
			}
		}
	}
	var paras []string
	for _, b := range t.blocks {
		if b.group == nil {
			paras = append(paras, b.para)
			continue
		}
		g := b.group
		kept := 0
		for i, o := range g.options {
			if !slices.Contains(p.Elections[g.name], o.value) {
				continue
			}
			ps := append([]string(nil), o.paras...)
			first := ps[0]
			if i == 0 {
				first = strings.TrimPrefix(first, g.lead)
			}
			first = strings.TrimPrefix(first, o.label)
			first = strings.TrimPrefix(first, o.open)
			ps[0] = first
			last := len(ps) - 1
			ps[last] = strings.TrimSuffix(ps[last], o.close)
			if kept == 0 {
				ps[0] = g.lead + ps[0]
			}
			kept++
			paras = append(paras, ps...)
		}
	}
	// Separate the footnote definitions from the text.
	defs := map[string]string{}
	var body []string
	for _, para := range paras {
		if !strings.HasPrefix(para, "[^") {
			body = append(body, para)
			continue
		}
		if m := footDefRE().FindStringSubmatch(para); m != nil {
			defs[m[1]] = para[len(m[0]):]
			continue
		}
		body = append(body, para)
	}
	// Fill the placeholders.
	for i, para := range body {
		for _, f := range t.fills {
			if !strings.Contains(para, f.text) {
				continue
			}
			v, ok := p.Values[f.key]
			if !ok || strings.TrimSpace(v) == "" {
				return "", 0, fmt.Errorf("%s: no value for placeholder %s (%q)", t.Name, f.key, f.text)
			}
			para = strings.ReplaceAll(para, f.text, v)
		}
		body[i] = shiftHeading(para, p.HeadingShift)
	}
	// Renumber the footnotes in order of first reference.
	next := p.FirstFootnote
	if next < 1 {
		next = 1
	}
	number := map[string]int{}
	var order []string
	var err error
	for i, para := range body {
		if !strings.Contains(para, "[^") {
			continue // no reference: the expression would copy the text
		}
		body[i] = footRefRE().ReplaceAllStringFunc(para, func(ref string) string {
			old := footRefRE().FindStringSubmatch(ref)[1]
			if _, ok := defs[old]; !ok && err == nil {
				err = fmt.Errorf("%s: footnote %s has no definition", t.Name, old)
			}
			if _, ok := number[old]; !ok {
				number[old] = next
				order = append(order, old)
				next++
			}
			return "[^" + strconv.Itoa(number[old]) + "]"
		})
	}
	if err != nil {
		return "", 0, err
	}
	sort.SliceStable(order, func(i, j int) bool { return number[order[i]] < number[order[j]] })
	for _, old := range order {
		body = append(body, "[^"+strconv.Itoa(number[old])+"]: "+defs[old])
	}
	return strings.Join(body, "\n\n") + "\n", next, nil
}

func shiftHeading(para string, shift int) string {
	if shift == 0 || !strings.HasPrefix(para, "#") {
		return para
	}
	return strings.Repeat("#", shift) + para
}

// paragraphs splits src at blank lines (a line feed, spaces or tabs, and a
// line feed: the matches of \n[ \t]*\n, leftmost first); CRLF and
// surrounding space are normalised away. It scans rather than running a
// regular expression over the whole text, which took a cold process about
// 0.5 ms a module.
func paragraphs(src string) []string {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	var out []string
	add := func(p string) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	start := 0
	for i := 0; i < len(src); i++ {
		if src[i] != '\n' {
			continue
		}
		j := i + 1
		for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
			j++
		}
		if j < len(src) && src[j] == '\n' {
			add(src[start:i])
			start = j + 1
			i = j
		}
	}
	add(src[start:])
	return out
}

// Paragraphs is the paragraph split used for texts, for tests that compare
// them with a reference.
func Paragraphs(src string) []string { return paragraphs(src) }

// attrs parses the arguments of a directive: quoted or bare positional
// values and key="value" pairs.
func attrs(s string) ([]string, map[string]string) {
	var pos []string
	named := map[string]string{}
	for _, m := range attrRE().FindAllStringSubmatch(s, -1) {
		switch {
		case m[1] != "":
			named[m[1]] = m[2]
		case m[3] != "":
			pos = append(pos, m[3])
		default:
			pos = append(pos, m[2])
		}
	}
	return pos, named
}

// Leftovers are strings of the official text that must never appear in an
// executed agreement: option labels, brackets of alternatives, placeholders
// and drafting notes.
var Leftovers = []string{
	"[Specify", "OPTION 1:", "OPTION 2:", "[OPTION", "[Where the data exporter",
	"(specify Member State)", "(specify country)", "___", "EXPLANATORY NOTE", "SPECIFIC PRIOR AUTHORISATION",
	"GENERAL WRITTEN AUTHORISATION", "[For Module",
}
