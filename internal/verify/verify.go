// Package verify checks that the Standard Contractual Clauses in a document
// are the official text of Decision (EU) 2021/914, clause by clause, and
// reports the elections the document made, what deviates, and what was
// left unresolved (option labels, blanks, drafting notes).
//
// The reference is the embedded clause data that dpa build assembles from;
// the comparison follows testdata/scc/compare.py: both sides are normalised
// (see normalize.go), each clause is found by its number and heading, and
// its text is diffed word by word against every election of the clause
// data, keeping the best match. Footnote texts are looked for anywhere in
// the clauses and compared separately; footnote marks where the official
// text has a footnote are not deviations.
package verify

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/dpa-tool/dpa/internal/lazyre"
)

// Report is the result for one document.
type Report struct {
	File string `json:"file"`
	// Status is "identical", "deviating", "none" (no clause text of the
	// SCCs) or "unreadable".
	Status   string     `json:"status"`
	Error    string     `json:"error,omitempty"`
	Hint     string     `json:"hint,omitempty"`
	Addenda  []Addendum `json:"addenda"`
	Mentions []string   `json:"mentions,omitempty"`
	Summary  string     `json:"summary"`
}

// Addendum is one set of Clauses 1–18 in a document.
type Addendum struct {
	Module     int      `json:"module"`
	ModuleName string   `json:"module_name"`
	Identical  int      `json:"identical"`
	Expected   int      `json:"expected"`
	Clauses    []Clause `json:"clauses"`
	Footnotes  []Note   `json:"footnotes"`
	Elections  Choices  `json:"elections"`
	// UnmatchedFootnotes counts Markdown footnote definitions that match
	// no official footnote.
	UnmatchedFootnotes int `json:"unmatched_footnotes,omitempty"`
}

// Clause is the result for one clause.
type Clause struct {
	Number string `json:"clause"`
	Title  string `json:"title"`
	// Status is "identical", "deviating", "unresolved" (the wording is
	// identical but a label, blank or second alternative is left),
	// "missing" or "not included" (an optional clause left out).
	Status     string      `json:"status"`
	Note       string      `json:"note,omitempty"`
	Deviations []Deviation `json:"deviations,omitempty"`
	Leftovers  []Leftover  `json:"leftovers,omitempty"`
}

// Deviation is one word-level difference.
type Deviation struct {
	Where   string `json:"where"`
	Kind    string `json:"kind"` // words, case, punctuation
	Removed string `json:"removed"`
	Added   string `json:"added"`
	Before  string `json:"before"`
	After   string `json:"after"`
	// Wording names every other module whose official text the changed
	// passage reads like, e.g. "Module Two" or "Modules One and Two".
	Wording string `json:"wording,omitempty"`
	// modules are the numbers of the modules Wording names, in order.
	modules []int
}

// Leftover is an option label, blank, drafting note or second alternative
// left in the clauses.
type Leftover struct {
	Kind    string `json:"kind"`
	Text    string `json:"text"`
	Context string `json:"context,omitempty"`
}

// Note is the result for one official footnote.
type Note struct {
	Of         string      `json:"of"` // "Clause 8.8"
	Status     string      `json:"status"`
	Required   bool        `json:"required"`
	Deviations []Deviation `json:"deviations,omitempty"`
}

// Choices are the elections found.
type Choices struct {
	Clause7  *bool    `json:"clause7_docking"`
	Clause9  string   `json:"clause9_option,omitempty"`
	Period   *string  `json:"clause9_period,omitempty"`
	Clause11 *bool    `json:"clause11_redress_body"`
	Clause13 []string `json:"clause13,omitempty"`
	Clause17 string   `json:"clause17_option,omitempty"`
	Law      *string  `json:"clause17_law,omitempty"`
	Courts   *string  `json:"clause18_courts,omitempty"`
}

// Load prepares the reference from the embedded clause data; Text calls
// it, and a caller may call it early, concurrently with reading files.
func Load() error {
	_, err := load()
	return err
}

// Text verifies the SCCs in text, the extracted text of file name.
func Text(name, text string) (*Report, error) {
	l, err := load()
	if err != nil {
		return nil, err
	}
	return l.verify(name, text), nil
}

func (l *library) verify(name, text string) *Report {
	ct, phs := l.prepare(text)
	r := &Report{File: name, Addenda: []Addendum{}}
	starts := l.setStarts(ct)
	for i, s := range starts {
		e := len(ct)
		if i+1 < len(starts) {
			e = starts[i+1]
		}
		k := 0
		for _, t := range ct[:s] {
			if t == phTok {
				k++
			}
		}
		seg, segPhs := ct[s:e], phs[min(k, len(phs)):]
		m := l.recognise(seg)
		r.Addenda = append(r.Addenda, l.compare(m, seg, segPhs))
	}
	if len(r.Addenda) == 0 {
		r.Status = "none"
		r.Mentions = mentions(ct)
	} else {
		r.Status = "identical"
		for _, a := range r.Addenda {
			if !a.clean() {
				r.Status = "deviating"
			}
		}
	}
	r.Summary = summary(r)
	return r
}

// prepare turns a document's text into tokens: OJ running heads dropped,
// Markdown footnote definitions marked, placeholders replaced by phTok.
func (l *library) prepare(text string) ([]string, []string) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if strings.Contains(text, "Official Journal") || strings.Contains(text, "\nEN") {
		text = ojHeadRE().ReplaceAllString(text, "")
	}
	if strings.Contains(text, "<!--") {
		text = commentRE().ReplaceAllString(text, " ")
	}
	if strings.ContainsAny(text, "⁰¹²³⁴⁵⁶⁷⁸⁹") {
		text = superRE().ReplaceAllStringFunc(text, func(s string) string { return " " + s + " " })
	}
	if strings.Contains(text, "[^") {
		text = fnDefLineRE().ReplaceAllString(text, fnDefTok+" $1 "+fnEndTok)
	}
	var phs []string
	if strings.Contains(text, "[Specify") || strings.Contains(text, "[SPECIFY") || strings.Contains(text, "___") {
		text = phRE().ReplaceAllStringFunc(text, func(s string) string {
			phs = append(phs, strings.Join(strings.Fields(s), " "))
			return " " + phTok + " "
		})
	}
	text = labelStyles(normalize(text))
	known := func(w string) bool { return l.known[w] }
	return tokenize(text, known), phs
}

// setStarts returns where each set of Clauses begins: at every "Clause 1
// Purpose and scope" followed by its text; without one, at the first clause
// heading of any module that is followed by its text.
func (l *library) setStarts(ct []string) []int {
	var starts []int
	for _, m := range l.modules {
		c := m.clauses[0]
		for p := 0; ; {
			h, b, ok := findHeading(ct, c.num, c.titleToks, p, false)
			if !ok {
				break
			}
			if bodyFollows(ct, b, c) && !slices.Contains(starts, h) {
				starts = append(starts, h)
			}
			p = b
		}
	}
	if len(starts) == 0 {
		first := -1
		for _, m := range l.modules {
			for _, c := range m.clauses {
				if c.noText {
					continue
				}
				if h, b, ok := findHeading(ct, c.num, c.titleToks, 0, false); ok && bodyFollows(ct, b, c) && (first < 0 || h < first) {
					first = h
				}
			}
		}
		if first >= 0 {
			starts = append(starts, first)
		}
	}
	sort.Ints(starts)
	// Two starts with no clause text between them (a table of contents)
	// count as one.
	var out []int
	for i, s := range starts {
		if i+1 < len(starts) && starts[i+1]-s < 40 {
			continue
		}
		out = append(out, s)
	}
	return out
}

// bodyFollows reports whether the text after a heading reads like the
// clause: at least half of its first eight words within the next 40 tokens.
func bodyFollows(ct []string, b int, c *refClause) bool {
	want := words(c.variants[0].toks)
	if len(want) > 8 {
		want = want[:8]
	}
	got := words(ct[b:min(len(ct), b+40)])
	n := 0
	for _, w := range want {
		if slices.Contains(got, w) {
			n++
		}
	}
	return len(want) > 0 && 2*n >= len(want)
}

// recognise picks the module whose own wording (the 5-word sequences no
// other module has) the text contains most of.
func (l *library) recognise(seg []string) *refModule {
	if len(l.modules) == 1 {
		return l.modules[0]
	}
	have := setOf(shingles(seg, 5))
	best, score := l.modules[0], -1.0
	for _, m := range l.modules {
		if s := sharePresent(m.specific, have); s > score {
			best, score = m, s
		}
	}
	return best
}

func (a Addendum) clean() bool {
	if a.Identical != a.Expected {
		return false
	}
	for _, c := range a.Clauses {
		if c.Status != "identical" && c.Status != "not included" {
			return false
		}
	}
	for _, f := range a.Footnotes {
		if f.Required && f.Status != "identical" {
			return false
		}
	}
	return true
}

// compare checks one set of clauses against module m.
func (l *library) compare(m *refModule, seg []string, phs []string) Addendum {
	a := Addendum{Module: m.num, ModuleName: moduleNames[m.num][0], Clauses: []Clause{}, Footnotes: []Note{}}
	ct, cphs, fres, unmatched := matchFootnotes(seg, phs, m.footnotes)
	a.UnmatchedFootnotes = unmatched
	hits := scanLeftovers(ct, cphs)
	// locate the headings in order; an optional clause that is not found
	// does not move the search on
	type place struct {
		h, b int
		ok   bool
	}
	located := make([]place, len(m.units))
	pos := 0
	for i, u := range m.units {
		if u.kind != unitClause {
			continue
		}
		h, b, ok := findHeading(ct, u.num, u.clause.titleToks, pos, false)
		// An optional clause whose heading comes only after the next
		// clause's heading is absent (Clause 7 must not match "Clause 7
		// (Docking Clause)" in a UK Addendum's Table 2 after the Clauses).
		if ok && u.clause.optional {
			for j := i + 1; j < len(m.units); j++ {
				if m.units[j].kind != unitClause {
					continue
				}
				if hn, _, okn := findHeading(ct, m.units[j].num, m.units[j].clause.titleToks, pos, false); okn && hn < h {
					ok = false
				}
				break
			}
		}
		located[i] = place{h, b, ok}
		if ok {
			pos = b
		}
	}
	// SECTION headings only end the clause before them
	for i, u := range m.units {
		if u.kind != unitSection {
			continue
		}
		from, to := 0, len(ct)
		for j := i - 1; j >= 0; j-- {
			if located[j].ok {
				from = located[j].b
				break
			}
		}
		for j := i + 1; j < len(m.units); j++ {
			if located[j].ok {
				to = located[j].h
				break
			}
		}
		if h, b, ok := findHeading(ct, u.num, nil, from, true); ok && h < to {
			located[i] = place{h, b, ok}
		}
	}
	required := map[int]bool{}
	el := map[string][]string{}
	values := map[string]string{}
	for idx, u := range m.units {
		if u.kind != unitClause {
			continue
		}
		c := u.clause
		res := Clause{Number: c.num, Title: c.title}
		p := located[idx]
		if !p.ok {
			if c.optional {
				res.Status = "not included"
				for _, g := range c.groups {
					el[g] = []string{}
				}
				if found := bodyFound(c, ct); found != "" {
					res.Status = "deviating"
					res.Note = "its heading is missing but its text is there: " + found
				}
			} else {
				res.Status = "missing"
				a.Expected++
				for _, r := range c.variants[0].refs {
					required[r] = true
				}
			}
			a.Clauses = append(a.Clauses, res)
			continue
		}
		a.Expected++
		if c.noText {
			res.Status = "identical"
			res.Note = "the official text has only the heading for this module"
			a.Identical++
			a.Clauses = append(a.Clauses, res)
			continue
		}
		end := -1
		for _, q := range located[idx+1:] {
			if q.ok && q.h >= p.b {
				end = q.h
				break
			}
		}
		var best *variant
		var bestOps []opcode
		var bestSeg []string
		bestRatio := -1.0
		for _, v := range c.variants {
			lim := end
			if lim < 0 {
				lim = min(len(ct), p.b+int(float64(len(v.toks))*1.3)+40)
			}
			s := ct[p.b:lim]
			if end < 0 {
				// the last clause ends at the Appendix at the latest
				for k, t := range s {
					if t == "APPENDIX" || (t == "ANNEX" && k+1 < len(s) && s[k+1] == "I" && (k+2 >= len(s) || s[k+2] != ".")) {
						s = s[:k]
						break
					}
				}
			}
			ops, ratio, _ := diff(v.toks, s)
			if end < 0 {
				// after the last clause the document goes on: what follows
				// the last word of the clause is not part of it
				if n := len(ops); n > 0 && ops[n-1].tag == 'i' {
					s = s[:ops[n-1].j1]
					ops = ops[:n-1]
				}
			}
			if ratio > bestRatio {
				best, bestOps, bestSeg, bestRatio = v, ops, s, ratio
			}
		}
		for g, v := range best.elections {
			el[g] = v
		}
		for _, r := range best.refs {
			required[r] = true
		}
		ops := describe(best.toks, bestSeg, bestOps, best.slots, best.phs)
		for _, o := range ops {
			switch {
			case o.kind == "placeholder":
				values[o.phKey] = detok(o.added)
				if len(o.added) == 0 {
					res.Leftovers = append(res.Leftovers, Leftover{Kind: "blank", Text: l.fills[o.phKey], Context: "…" + detok(o.before) + " ⟨nothing⟩ " + detok(o.after) + "…"})
				}
			case o.counted():
				d := Deviation{Where: best.where(o.i1), Kind: o.kind, Removed: detok(o.removed), Added: detok(o.added),
					Before: detok(o.before), After: detok(o.after)}
				d.modules = l.wording(m, c.num, o)
				d.Wording = moduleList(d.modules)
				res.Deviations = append(res.Deviations, d)
			}
		}
		// placeholders left as they are
		k := 0
		for _, t := range best.toks {
			if t == phTok {
				if _, ok := values[best.phs[k]]; !ok {
					values[best.phs[k]] = ""
				}
				k++
			}
		}
		// leftovers within the clause
		from, to := p.h, p.b+len(bestSeg)
		for _, h := range hits {
			if h.s >= from && h.s < to {
				res.Leftovers = append(res.Leftovers, Leftover{Kind: h.kind, Text: h.text,
					Context: "…" + detok(ct[max(0, h.s-context):h.s]) + " ⟨here⟩ " + detok(ct[h.e:min(len(ct), h.e+context)]) + "…"})
			}
		}
		// alternatives of one option group kept together
		if len(c.groups) > 0 {
			have := setOf(shingles(bestSeg, 5))
			for _, g := range c.groups {
				if multiGroups[g] {
					continue
				}
				var present []string
				for _, v := range sortedKeys(c.alt[g]) {
					if hs := c.alt[g][v]; len(hs) > 0 && sharePresent(hs, have) >= 0.7 {
						present = append(present, choiceName(g, []string{v}))
					}
				}
				if len(present) > 1 {
					res.Leftovers = append(res.Leftovers, Leftover{Kind: "alternatives", Text: strings.Join(present, "; "),
						Context: fmt.Sprintf("%d alternatives of one option are kept; exactly one must be", len(present))})
				}
			}
		}
		switch {
		case len(res.Deviations) > 0:
			res.Status = "deviating"
			res.Note = wordingNote(res.Deviations)
		case len(res.Leftovers) > 0:
			res.Status = "unresolved"
		default:
			res.Status = "identical"
			a.Identical++
		}
		a.Clauses = append(a.Clauses, res)
	}
	for i, f := range m.footnotes {
		n := Note{Of: f.loc, Status: "identical", Required: required[i]}
		switch fres[i].status {
		case "missing":
			if !required[i] {
				continue
			}
			n.Status = "missing"
		case "deviating":
			n.Status = "deviating"
			for _, o := range fres[i].ops {
				if o.counted() {
					n.Deviations = append(n.Deviations, Deviation{Where: "footnote to " + f.loc, Kind: o.kind,
						Removed: detok(o.removed), Added: detok(o.added), Before: detok(o.before), After: detok(o.after)})
				}
			}
			if len(n.Deviations) == 0 {
				n.Status = "identical"
			}
		}
		a.Footnotes = append(a.Footnotes, n)
	}
	a.Elections = elections(el, values)
	return a
}

// where names the paragraph of the reference token at i.
func (v *variant) where(i int) string {
	name := ""
	for _, l := range v.locs {
		if l.at > i {
			break
		}
		name = l.name
	}
	return name
}

// wording returns the numbers of every other module whose text of the same
// clause contains the changed passage with its context where m's text
// does not; the same passage is often the wording of several modules.
func (l *library) wording(m *refModule, num string, o op) []int {
	if labelsOnly(o) {
		return nil
	}
	cand := append(append(append([]string{}, tail(o.before, 4)...), o.added...), head(o.after, 4)...)
	orig := append(append(append([]string{}, tail(o.before, 4)...), o.removed...), head(o.after, 4)...)
	var nums []int
	for _, other := range l.modules {
		if other == m || !other.hasPassage(num, cand, orig) {
			continue
		}
		nums = append(nums, other.num)
	}
	return nums
}

// labelsOnly reports whether the change removes or adds words and every
// one is a paragraph label such as the "a" of "(a)": renumbered or dropped labels
// are not another module's wording, even where that module's paragraph
// has no label.
func labelsOnly(o op) bool {
	n := 0
	for _, part := range [][]string{o.removed, o.added} {
		seq := append(append(append([]string{}, tail(o.before, 1)...), part...), head(o.after, 1)...)
		off := len(tail(o.before, 1))
		for i := off; i < off+len(part); i++ {
			if !isWordTok(seq[i]) {
				continue
			}
			if i == 0 || i+1 >= len(seq) || seq[i-1] != "(" || seq[i+1] != ")" || !paragraphLabel().MatchString(seq[i]) {
				return false
			}
			n++
		}
	}
	return n > 0
}

// paragraphLabel matches the letters, roman numerals or digits of a
// paragraph label.
var paragraphLabel = lazyre.New(`^(?:[a-z]|[ivx]{1,4}|\d{1,2})$`)

// hasPassage reports whether a variant of clause num of m contains cand
// and not orig.
func (m *refModule) hasPassage(num string, cand, orig []string) bool {
	for _, c := range m.clauses {
		if c.num != num {
			continue
		}
		for _, v := range c.variants {
			if containsSeq(v.toks, cand) && !containsSeq(v.toks, orig) {
				return true
			}
		}
	}
	return false
}

// moduleList names modules the way the Clauses do: "Module Two",
// "Modules One and Two", "Modules One, Two and Four"; "" for none.
func moduleList(nums []int) string {
	var ws []string
	for _, n := range nums {
		ws = append(ws, strings.TrimPrefix(moduleNames[n][0], "Module "))
	}
	switch len(ws) {
	case 0:
		return ""
	case 1:
		return "Module " + ws[0]
	}
	return "Modules " + strings.Join(ws[:len(ws)-1], ", ") + " and " + ws[len(ws)-1]
}

func tail(ts []string, n int) []string { return ts[max(0, len(ts)-n):] }
func head(ts []string, n int) []string { return ts[:min(len(ts), n)] }

func containsSeq(hay, needle []string) bool {
	if len(needle) == 0 {
		return false
	}
outer:
	for i := 0; i+len(needle) <= len(hay); i++ {
		for j, t := range needle {
			if !strings.EqualFold(hay[i+j], t) {
				continue outer
			}
		}
		return true
	}
	return false
}

// wordingNote says so when the word deviations of a clause that read like
// other modules' text all read like the same module or modules: it names
// the modules every such deviation has in common.
func wordingNote(ds []Deviation) string {
	var common []int
	n := 0
	for _, d := range ds {
		if len(d.modules) == 0 {
			continue
		}
		if n == 0 {
			common = slices.Clone(d.modules)
		} else {
			common = slices.DeleteFunc(common, func(x int) bool { return !slices.Contains(d.modules, x) })
		}
		n++
	}
	if n == 0 || len(common) == 0 {
		return ""
	}
	if n == len(ds) {
		return "the changes are the wording of " + moduleList(common)
	}
	return fmt.Sprintf("%d of %d changes are the wording of %s", n, len(ds), moduleList(common))
}

// bodyFound returns the start of a paragraph of c found in ct without its
// heading (the share of its 6-word sequences at least 0.8).
func bodyFound(c *refClause, ct []string) string {
	have := setOf(shingles(ct, 6))
	for _, v := range c.variants {
		for i, lo := range v.locs {
			e := len(v.toks)
			if i+1 < len(v.locs) {
				e = v.locs[i+1].at
			}
			p := v.toks[lo.at:e]
			if len(words(p)) >= 10 && sharePresent(shingles(p, 6), have) >= 0.8 {
				return detok(p[:min(8, len(p))]) + "…"
			}
		}
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
