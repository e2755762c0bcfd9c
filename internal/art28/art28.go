// Package art28 checks that the Article 28 body of an assembled agreement
// still says what Article 28(2) to (4) GDPR requires of a contract with a
// processor: the first subparagraph of Article 28(3) (subject matter,
// duration, nature and purpose, types of data, categories of data
// subjects), points (a) to (h), the notice of infringing instructions in
// its last subparagraph, the conditions of Article 28(2) for engaging
// sub-processors and the flow-down and liability of Article 28(4).
//
// It reads only the sections of kind Body of the typed document, never the
// official clauses or the annexes. For each element it knows one or more
// sets of concepts; each concept is a few word patterns that match within
// one sentence, and an element is covered when every concept of one of its
// sets occurs within one paragraph of the body. A paragraph is a
// paragraph, a list item or a table row, and a paragraph together with the
// list that follows it. The checks look at words, not at meaning: they
// find a body that lost a provision, not one that says the opposite of
// what the law requires.
package art28

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/doc"
	"github.com/dpa-tool/dpa/internal/lazyre"
)

// Facts are the elections of the agreement that change what the body must
// say.
type Facts struct {
	// General is true for a general written authorisation of
	// sub-processors (Article 28(2), second sentence: notice of intended
	// changes and the opportunity to object); false for a prior specific
	// one.
	General bool
}

// Element is one thing Article 28 requires the body to say.
type Element struct {
	// ID is a short stable name, used in diagnostic codes ("art28.g").
	ID string
	// Article is the provision, as the warning names it: "Article 28(3)(g)".
	Article string
	// What says in words what the provision requires.
	What string
	// ways are the alternative sets of concepts: the element is covered
	// when every concept of one set occurs within one paragraph.
	ways [][]concept
}

// concept is one notion a paragraph must contain, as word patterns that
// must all occur in one sentence.
type concept struct {
	id       int    // its bit in a paragraph's memo
	name     string // for the hint: the words that satisfy it
	patterns []pattern
}

// concepts counts the concepts made so far: c numbers them, within the
// one run of rules.
var concepts int

// pattern is a regular expression over the normalised text with the
// literal strings of which every match contains one (nil when it has
// none); they spare most runs of the expression. The expression is
// compiled at its first run: a body covers most elements with their first
// set of concepts and most paragraphs lack the needles, so a process
// compiles about a third of the patterns (compiling all took ~3 ms).
type pattern struct {
	re      func() *regexp.Regexp
	needles []string
}

// c makes a concept from its words for the hint and its patterns over the
// normalised text (lower case, straight apostrophes, single spaces), which
// must all match one sentence.
func c(name string, patterns ...string) concept {
	k := concept{id: concepts, name: name}
	concepts++
	if concepts > 64 {
		panic("art28: more concepts than a paragraph memo has bits")
	}
	for _, p := range patterns {
		s, err := syntax.Parse(p, syntax.Perl)
		if err != nil {
			panic(err)
		}
		k.patterns = append(k.patterns, pattern{lazyre.New(p), needles(s.Simplify())})
	}
	return k
}

// maybe reports whether text t may match the pattern: whether it contains
// one of its needles.
func (p pattern) maybe(t string) bool {
	return p.needles == nil || slices.ContainsFunc(p.needles, func(n string) bool { return strings.Contains(t, n) })
}

// maybe reports whether text t may contain the concept.
func (c concept) maybe(t string) bool {
	for _, p := range c.patterns {
		if !p.maybe(t) {
			return false
		}
	}
	return true
}

// in reports whether sentence s contains the concept.
func (c concept) in(s string) bool {
	if !c.maybe(s) {
		return false
	}
	for _, p := range c.patterns {
		if !p.re().MatchString(s) {
			return false
		}
	}
	return true
}

// needles returns literal strings of which every match of re contains at
// least one, or nil if it cannot tell.
func needles(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		return []string{string(re.Rune)}
	case syntax.OpCapture, syntax.OpPlus:
		return needles(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return needles(re.Sub[0])
		}
	case syntax.OpConcat:
		// The part whose shortest needle is longest.
		var best []string
		score := 0
		for _, sub := range re.Sub {
			n := needles(sub)
			if n == nil {
				continue
			}
			m := len(n[0])
			for _, x := range n {
				m = min(m, len(x))
			}
			if m > score {
				best, score = n, m
			}
		}
		return best
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			n := needles(sub)
			if n == nil {
				return nil
			}
			out = append(out, n...)
		}
		return out
	}
	return nil
}

// ruleSet is the table of elements: the elements in the order of Article
// 28, and the element of Article 28(2) and 28(3)(d) under each election,
// which Elements puts in place of "d".
type ruleSet struct {
	elements          []Element
	general, specific Element
}

// rules builds the table at first use: compiling its patterns costs
// milliseconds that the commands which never lint need not pay.
var rules = sync.OnceValue(func() *ruleSet {
	// Concepts shared by several elements.
	subprocessor := c(`"sub-processor"`, `\bsub[- ]?processors?\b|\banother processor\b|\bother processors\b`)
	assist := c(`"assist"`, `\bassist`)
	return &ruleSet{
		elements: []Element{
			{ID: "subject", Article: "Article 28(3)", What: "the subject matter and duration, nature and purpose of the processing, the type of personal data and the categories of data subjects",
				ways: [][]concept{{
					c(`"subject matter"`, `\bsubject[- ]matter\b`),
					c(`"duration"`, `\bduration\b`),
					c(`"nature"`, `\bnature\b`),
					c(`"purpose"`, `\bpurposes?\b`),
					c(`"types of personal data"`, `\b(types?|categor(y|ies)|kinds?) of (the )?personal data\b`),
					c(`"categories of data subjects"`, `\b(categor(y|ies)|types?|kinds?) of data subjects\b`),
				}}},
			{ID: "a", Article: "Article 28(3)(a)", What: "processing only on documented instructions, including with regard to transfers to a third country",
				ways: [][]concept{{
					c(`"process", "only" and "documented instructions" in one sentence`, `\bprocess(es|ed|ing)?\b`, `\bonly\b`, `\b(documented|written) instructions?\b`),
					c(`"transfers"`, `\btransfers?\b`),
					c(`"third country" or "international organisation"`, `\bthird countr(y|ies)\b|\binternational organi[sz]ations?\b`),
				}}},
			{ID: "b", Article: "Article 28(3)(b)", What: "confidentiality of the persons authorised to process personal data",
				ways: [][]concept{{
					c(`"confidentiality"`, `\bconfidential`),
					c(`"authorised"`, `\bauthori[sz]ed\b`),
					c(`"persons", "personnel" or "staff"`, `\bpersons?\b|\bpersonnel\b|\bstaff\b|\bemployees?\b|\bindividuals?\b`),
				}}},
			{ID: "c", Article: "Article 28(3)(c)", What: "the security measures required by Article 32",
				ways: [][]concept{{
					c(`"technical and organisational measures"`, `\btechnical and organi[sz]ational measures\b`),
					c(`"Article 32" or "security"`, `\barticle 32\b|\bsecurity\b`),
				}}},
			{ID: "d"}, // Article 28(2) and 28(3)(d): filled in by Elements
			{ID: "flowdown", Article: "Article 28(4)", What: "the same data protection obligations imposed on each sub-processor",
				ways: [][]concept{{
					c(`"the same data protection obligations"`, `\bsame (data protection )?obligations\b`),
					c(`"on each sub-processor"`, `\b(on|upon|to) (each|every|any|the|that|such|a|an|its|all) (other )?sub[- ]?processors?\b|\bsub[- ]?processors? (shall be|is|are|must be) (bound|subject)\b|\b(each|every|any) (other )?sub[- ]?processor\b`),
				}}},
			{ID: "liability", Article: "Article 28(4)", What: "the processor remaining fully liable for its sub-processors",
				ways: [][]concept{{
					c(`"fully liable"`, `\bfully (liable|responsible)\b|\bfull (liability|responsibility)\b`),
					subprocessor,
				}}},
			{ID: "e", Article: "Article 28(3)(e)", What: "assistance with requests from data subjects exercising their rights",
				ways: [][]concept{{
					assist,
					c(`"data subject's rights" or "requests from data subjects"`, `\bdata subjects?('s|')? (rights|requests?)\b|\brequests? (received )?(from|by|of) (the )?data subjects?\b|\brights of (the )?data subjects?\b|\bchapter iii\b`),
				}}},
			{ID: "f", Article: "Article 28(3)(f)", What: "assistance with the obligations of Articles 32 to 36 (security, breach notification, impact assessments, prior consultation)",
				ways: [][]concept{
					{assist, c(`"Articles 32 to 36"`, `\barticles 32 ?(to|-|–|and) ?36\b`)},
					{assist, c(`"security"`, `\bsecurity\b`), c(`"breach"`, `\bbreach`), c(`"impact assessment"`, `\bimpact assessments?\b`), c(`"prior consultation"`, `\bprior consultation\b|\bconsult`)},
				}},
			{ID: "breach", Article: "Article 33(2)", What: "notice of personal data breaches to the controller without undue delay",
				ways: [][]concept{{
					c(`"notify" or "inform"`, `\bnotif|\binform`),
					c(`"breach"`, `\bbreach`),
					c(`"without undue delay"`, `\bwithout undue delay\b`),
				}}},
			{ID: "g", Article: "Article 28(3)(g)", What: "deletion or return of personal data at the end of the services",
				ways: [][]concept{{
					c(`"delete" or "deletion"`, `\bdelet|\beras|\bdestr(oy|uction)`),
					c(`"return"`, `\breturn`),
					c(`"end of the provision", "termination" or "expiry"`, `\bend of\b|\bterminat|\bexpir`),
				}}},
			{ID: "h", Article: "Article 28(3)(h)", What: "information to demonstrate compliance and audits, including inspections",
				ways: [][]concept{{
					c(`"information"`, `\binformation\b`),
					c(`"demonstrate compliance"`, `\bdemonstrat\w* (its |the |their )?compliance\b`),
					c(`"audits"`, `\baudits?\b`),
					c(`"inspections"`, `\binspections?\b`),
				}}},
			{ID: "infringe", Article: "Article 28(3), last subparagraph", What: "immediate notice of instructions that infringe data protection law",
				ways: [][]concept{{
					c(`"immediately"`, `\bimmediate(ly)?\b|\bwithout delay\b`),
					c(`"inform" or "notify"`, `\binform|\bnotif`),
					c(`"instruction"`, `\binstructions?\b`),
					c(`"infringe"`, `\binfring`),
				}}},
		},

		general: Element{ID: "d", Article: "Article 28(2) and 28(3)(d)",
			What: "the general written authorisation of sub-processors, with notice of intended changes and the opportunity to object",
			ways: [][]concept{{
				c(`"general written authorisation"`, `\bgeneral (prior )?written authori[sz]ation\b|\bgeneral authori[sz]ation in writing\b`),
				subprocessor,
				c(`"inform" or "notify"`, `\binform|\bnotif|\bnotice\b`),
				c(`"addition", "replacement" or "change"`, `\baddition|\breplac|\bchanges?\b|\bnew sub[- ]?processors?\b`),
				c(`"object"`, `\bobject`),
			}}},
		specific: Element{ID: "d", Article: "Article 28(2) and 28(3)(d)",
			What: "the prior specific written authorisation of sub-processors",
			ways: [][]concept{{
				c(`"specific written authorisation"`, `\bspecific (prior )?written authori[sz]ation\b|\bspecific authori[sz]ation in writing\b`),
				subprocessor,
			}}},
	}
})

// Elements returns the elements the body must cover under the facts, in
// the order of Article 28.
func Elements(f Facts) []Element {
	r := rules()
	out := make([]Element, len(r.elements))
	copy(out, r.elements)
	for i := range out {
		if out[i].ID == "d" {
			out[i] = r.specific
			if f.General {
				out[i] = r.general
			}
		}
	}
	return out
}

// Missing returns the elements that no paragraph of the body of d covers,
// in the order of Elements. A document without a body misses them all.
func Missing(d *doc.Document, f Facts) []Element {
	rules() // numbers the concepts
	var paras []paragraph
	for _, p := range Paragraphs(d) {
		paras = append(paras, paragraph{text: p, memo: memoOf(p)})
	}
	var out []Element
	for _, e := range Elements(f) {
		if !e.covered(paras) {
			out = append(out, e)
		}
	}
	return out
}

// paragraph is the normalised text of a paragraph, its sentences (cut at
// the first look inside) and what is known of the concepts it contains.
type paragraph struct {
	text      string
	sentences []string
	memo      *memo
}

// memo records, for one paragraph text, which concepts were looked for
// (known) and which of those it contains (has), one bit per concept id.
// Whether a text contains a concept never changes, so the memo is kept per
// process by text: the bodies of a batch share almost every paragraph
// (only names, dates and references differ), and an agreement built again
// shares all, so their paragraphs are looked at once.
type memo struct{ known, has atomic.Uint64 }

// memos holds the memos by paragraph text; it starts afresh when it holds
// maxMemos (a body has a few hundred paragraphs).
var memos struct {
	sync.Mutex
	m map[string]*memo
}

const maxMemos = 1 << 13

// memoOf returns the memo of paragraph text.
func memoOf(text string) *memo {
	memos.Lock()
	defer memos.Unlock()
	m := memos.m[text]
	if m == nil {
		if memos.m == nil || len(memos.m) >= maxMemos {
			memos.m = make(map[string]*memo, 512)
		}
		m = new(memo)
		memos.m[text] = m
	}
	return m
}

// contains reports whether a sentence of p contains concept c, from the
// memo when it was looked for before.
func (p *paragraph) contains(c concept) bool {
	bit := uint64(1) << c.id
	if p.memo.known.Load()&bit != 0 {
		return p.memo.has.Load()&bit != 0
	}
	in := c.maybe(p.text)
	if in {
		if p.sentences == nil {
			p.sentences = sentences(p.text)
		}
		in = slices.ContainsFunc(p.sentences, c.in)
	}
	if in {
		p.memo.has.Or(bit) // before known: a reader that sees known sees has
	}
	p.memo.known.Or(bit)
	return in
}

// sentences cuts a paragraph into sentences after each ". " and "; ". No
// pattern spans two sentences, so each runs only on the sentences that
// contain one of its needles.
func sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i+1 < len(text); i++ {
		if (text[i] == '.' || text[i] == ';') && text[i+1] == ' ' {
			out = append(out, text[start:i+1])
			start = i + 2
		}
	}
	return append(out, text[start:])
}

// covered reports whether one of paras holds every concept of one of e's
// sets.
func (e Element) covered(paras []paragraph) bool {
	for _, way := range e.ways {
		for i := range paras {
			if all(way, &paras[i]) {
				return true
			}
		}
	}
	return false
}

// all reports whether p contains every concept of way. The needles of
// all concepts are looked for before any pattern runs (a text without
// them lacks the concept), unless the memo knows.
func all(way []concept, p *paragraph) bool {
	for _, c := range way {
		bit := uint64(1) << c.id
		if p.memo.known.Load()&bit == 0 && !c.maybe(p.text) {
			p.memo.known.Or(bit) // known, and not had
			return false
		}
	}
	for _, c := range way {
		if !p.contains(c) {
			return false
		}
	}
	return true
}

// Words returns, for each of e's sets of concepts, the words of each
// concept: "\"delete\" or \"deletion\"; \"return\"; …".
func (e Element) Words() []string {
	var alts []string
	for _, way := range e.ways {
		var names []string
		for _, c := range way {
			names = append(names, c.name)
		}
		alts = append(alts, strings.Join(names, "; "))
	}
	return alts
}

// Hint says what a paragraph needs to cover e.
func (e Element) Hint() string {
	return "the linter looks for one paragraph of the body with each of: " + strings.Join(e.Words(), "; or else with each of: ") + " (see dpa help art28)"
}

// Variants returns every element under every election, in the order of
// Article 28, the sub-processor authorisation once per election (general
// first): what the help documents.
func Variants() []Element {
	var out []Element
	for _, e := range Elements(Facts{General: true}) {
		out = append(out, e)
		if e.ID == "d" {
			out = append(out, rules().specific)
		}
	}
	return out
}

// Lint returns a warning for each element that the body of d does not
// cover, positioned at file, the description the agreement was built from.
func Lint(d *doc.Document, f Facts, file string) diag.List {
	var l diag.List
	for _, e := range Missing(d, f) {
		l.Warnf(diag.Pos{File: file}, "art28."+e.ID, e.Hint(), "the body does not cover %s: %s", e.Article, e.What)
	}
	return l
}

// Paragraphs returns the normalised text of each paragraph, list item and
// table row of the body sections of d, and of each paragraph together with
// the list items that follow it, in document order.
func Paragraphs(d *doc.Document) []string {
	var out []string
	for _, s := range d.Sections {
		if s.Kind != doc.Body {
			continue
		}
		lead := -1 // index in out of the paragraph a list continues
		for _, b := range s.Blocks {
			switch b.Kind {
			case doc.Paragraph:
				out = append(out, normalise(b.Inlines))
				lead = len(out) - 1
			case doc.ListItem:
				t := normalise(b.Inlines)
				out = append(out, t)
				if lead >= 0 {
					// The lead-in and its items so far, as one provision.
					out = append(out, out[lead]+" "+t)
					lead = len(out) - 1
				}
			case doc.Table:
				// A row of a table is one provision: its cells together.
				for _, row := range b.Rows {
					var cells []string
					for _, cell := range row {
						cells = append(cells, normalise(cell))
					}
					out = append(out, strings.Join(cells, " "))
				}
				lead = -1
			default:
				lead = -1
			}
		}
	}
	return out
}

// normalise returns the text of inlines in lower case, with straight
// apostrophes, plain hyphens and single spaces.
func normalise(in []doc.Inline) string {
	n := 0
	for _, x := range in {
		n += len(x.Text) + 1
	}
	var b strings.Builder
	b.Grow(n)
	space := false // a space is pending
	for _, x := range in {
		if x.Break {
			space = true
		}
		for _, r := range x.Text {
			switch {
			case r == '\u00ad': // soft hyphen
				continue
			case unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f':
				space = true
				continue
			case r == '’' || r == '‘':
				r = '\''
			case r == '\u2010' || r == '\u2011':
				r = '-'
			case r < utf8.RuneSelf:
				if 'A' <= r && r <= 'Z' {
					r += 'a' - 'A'
				}
			default:
				r = unicode.ToLower(r)
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
	}
	return b.String()
}
