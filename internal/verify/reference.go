package verify

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/dpa-tool/dpa/clauses"
	"github.com/dpa-tool/dpa/internal/clause"
	"github.com/dpa-tool/dpa/internal/lazyre"
)

// The reference is the embedded clause data (clauses/scc-2021-914), the
// same text dpa build assembles from: every module file found there is a
// module verify recognises. internal/clause resolves it once per election,
// and the clause texts are compared with every election the data offers.

const (
	phTok    = "ZZPLACEHOLDERZZ"
	fnDefTok = "ZZFNDEFZZ"
	fnEndTok = "ZZFNENDZZ"
)

// multiGroups are the option groups whose alternatives may be kept
// together: the Clause 13 conditions describe each data exporter, and an
// agreement with exporters in different situations keeps each that applies.
var multiGroups = map[string]bool{"clause13": true}

var (
	fillRE       = lazyre.New(`<!--\s*fill\s+"([^"]*)"\s+(\S+)\s*-->`)
	fnRefRE      = lazyre.New(`\[\^(\d+)\]`)
	fnDefRE      = lazyre.New(`^\[\^(\d+)\]:\s*(.*)$`)
	clauseHdRE   = lazyre.New(`^## Clause (\d+)\b`)
	subHdRE      = lazyre.New(`^### (\d+\.\d+)\b`)
	labelRE      = lazyre.New(`^\(([a-z]{1,4})\) `)
	moduleFile   = lazyre.New(`^module-(\d)\.md$`)
	groupLineRE  = lazyre.New(`<!--\s*group\s+(\S+)`)
	clauseLineRE = lazyre.New(`(?m)^## Clause (\d+)\b`)
)

// moduleNames are the official titles of the modules of Decision 2021/914.
var moduleNames = map[int][2]string{
	1: {"Module One", "transfer controller to controller"},
	2: {"Module Two", "transfer controller to processor"},
	3: {"Module Three", "transfer processor to processor"},
	4: {"Module Four", "transfer processor to controller"},
}

type unitKind int

const (
	unitClause unitKind = iota
	unitSection
)

// unit is a clause or a SECTION heading of a module, in text order.
type unit struct {
	kind   unitKind
	num    string // "7" or "II"
	clause *refClause
}

type refModule struct {
	num       int
	units     []unit
	clauses   []*refClause
	footnotes []footnote // distinct texts over all elections
	shingles  map[uint64]bool
	specific  []uint64 // shingles no other module has
}

type footnote struct {
	text string
	toks []string
	loc  string // the place of its first reference, e.g. "Clause 8.8"
}

type refClause struct {
	num, title string
	titleToks  []string
	optional   bool // one election leaves the clause out
	noText     bool // the module has only the heading
	groups     []string
	variants   []*variant
	// alt holds, per group and value, the shingles that only that
	// alternative has, to tell which alternatives a text contains.
	alt map[string]map[string][]uint64
}

type variant struct {
	elections map[string][]string
	toks      []string
	slots     []int    // token positions of footnote marks
	refs      []int    // indexes into refModule.footnotes
	phs       []string // placeholder keys in order
	locs      []loc    // paragraph starts
}

type loc struct {
	at   int
	name string // "8.6(c)"
}

// library holds the reference modules.
type library struct {
	modules []*refModule
	known   map[string]bool // every word of every module, lower case
	fills   map[string]string
}

var (
	libOnce sync.Once
	lib     *library
	libErr  error
)

// load returns the modules of the embedded clause data.
func load() (*library, error) {
	libOnce.Do(func() { lib, libErr = loadFS(clauses.FS, "scc-2021-914") })
	return lib, libErr
}

func loadFS(fsys fs.FS, dir string) (*library, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("clause data: %w", err)
	}
	l := &library{known: map[string]bool{}, fills: map[string]string{}}
	type job struct {
		m   *refModule
		l   *library
		err error
	}
	var jobs []*job
	var wg sync.WaitGroup
	for _, e := range entries {
		m := moduleFile().FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		src, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("clause data: %w", err)
		}
		j := &job{l: &library{known: map[string]bool{}, fills: map[string]string{}}}
		jobs = append(jobs, j)
		wg.Add(1)
		go func(name, src string) {
			defer wg.Done()
			j.m, j.err = buildModule(n, name, src, j.l)
		}(e.Name(), string(src))
	}
	wg.Wait()
	for _, j := range jobs {
		if j.err != nil {
			return nil, j.err
		}
		l.modules = append(l.modules, j.m)
		for k := range j.l.known {
			l.known[k] = true
		}
		for k, v := range j.l.fills {
			l.fills[k] = v
		}
	}
	if len(l.modules) == 0 {
		return nil, fmt.Errorf("clause data: no module in %s", dir)
	}
	for _, m := range l.modules {
		for h := range m.shingles {
			other := false
			for _, o := range l.modules {
				if o != m && o.shingles[h] {
					other = true
					break
				}
			}
			if !other {
				m.specific = append(m.specific, h)
			}
		}
	}
	return l, nil
}

// resolved is one resolution of a module, split into clauses.
type resolved struct {
	order     []unit // clauses (with nil clause) and sections
	bodies    map[string]string
	titles    map[string]string
	footnotes map[string]string // number -> text
}

func buildModule(num int, name, src string, l *library) (*refModule, error) {
	t, err := clause.Parse(name, src)
	if err != nil {
		return nil, fmt.Errorf("clause data: %w", err)
	}
	values := map[string]string{}
	for _, m := range fillRE().FindAllStringSubmatch(src, -1) {
		values[m[2]] = "ZZPH" + m[2] + "ZZ"
		l.fills[m[2]] = m[1]
	}
	opts := t.Options()
	var groups []string
	for g := range opts {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	base := clause.Elections{}
	for _, g := range groups {
		base[g] = opts[g][:1]
	}
	memo := map[string]*resolved{}
	res := func(el clause.Elections) (*resolved, error) {
		var key strings.Builder
		for _, g := range groups {
			key.WriteString(g + "=" + strings.Join(el[g], ",") + ";")
		}
		if r, ok := memo[key.String()]; ok {
			return r, nil
		}
		md, _, err := t.Resolve(clause.Params{Elections: el, Values: values, FirstFootnote: 1})
		if err != nil {
			return nil, fmt.Errorf("clause data: %w", err)
		}
		r := split(md)
		memo[key.String()] = r
		return r, nil
	}
	baseline, err := res(base)
	if err != nil {
		return nil, err
	}
	// The selections each group offers.
	sels := map[string][][]string{}
	for _, g := range groups {
		vs := opts[g]
		var s [][]string
		if len(vs) == 1 {
			s = append(s, vs, nil)
		} else {
			for _, v := range vs {
				s = append(s, []string{v})
			}
			if multiGroups[g] {
				for mask := 1; mask < 1<<len(vs); mask++ {
					var sub []string
					for i, v := range vs {
						if mask&(1<<i) != 0 {
							sub = append(sub, v)
						}
					}
					if len(sub) > 1 {
						s = append(s, sub)
					}
				}
			}
		}
		sels[g] = s
	}
	// Which clause each group belongs to: the clause whose heading the
	// group holds (Clause 7), else the last heading before the group.
	groupsOf := map[string][]string{}
	heads := clauseLineRE().FindAllStringSubmatchIndex(src, -1)
	for _, m := range groupLineRE().FindAllStringSubmatchIndex(src, -1) {
		g := src[m[2]:m[3]]
		end := strings.Index(src[m[1]:], "<!-- end")
		if end < 0 {
			continue
		}
		end += m[1]
		owner := ""
		for _, h := range heads {
			if h[0] < m[0] {
				owner = src[h[2]:h[3]]
			} else if h[0] < end {
				owner = src[h[2]:h[3]]
				break
			}
		}
		if owner != "" && !slices.Contains(groupsOf[owner], g) {
			groupsOf[owner] = append(groupsOf[owner], g)
		}
	}
	rm := &refModule{num: num, shingles: map[uint64]bool{}}
	fnIndex := map[string]int{}
	for _, u := range baseline.order {
		if u.kind == unitSection {
			rm.units = append(rm.units, u)
			continue
		}
		c := &refClause{num: u.num, title: baseline.titles[u.num], groups: groupsOf[u.num]}
		c.titleToks = tokenize(normalize(c.title), nil)
		// every combination of the selections of its groups
		combos := [][][]string{nil}
		for _, g := range c.groups {
			var next [][][]string
			for _, pre := range combos {
				for _, s := range sels[g] {
					next = append(next, append(slices.Clone(pre), s))
				}
			}
			combos = next
		}
		for _, combo := range combos {
			el := clone(base)
			chosen := map[string][]string{}
			for i, g := range c.groups {
				el[g] = combo[i]
				chosen[g] = combo[i]
			}
			r := baseline
			if len(c.groups) > 0 {
				if r, err = res(el); err != nil {
					return nil, err
				}
			}
			body, ok := r.bodies[u.num]
			if !ok {
				c.optional = true
				continue
			}
			v := makeVariant(u.num, body, r.footnotes, rm, fnIndex, l)
			v.elections = chosen
			c.variants = append(c.variants, v)
		}
		// An election that leaves a clause with its heading but no text
		// (Module One's Clause 17 has a single option) is not a choice.
		if slices.ContainsFunc(c.variants, func(v *variant) bool { return len(v.toks) > 0 }) {
			c.variants = slices.DeleteFunc(c.variants, func(v *variant) bool { return len(v.toks) == 0 })
		}
		if len(c.variants) == 0 {
			return nil, fmt.Errorf("clause data: %s: Clause %s has no text in any election", name, u.num)
		}
		c.noText = len(c.variants[0].toks) == 0
		c.alt = map[string]map[string][]uint64{}
		for _, g := range c.groups {
			c.alt[g] = altShingles(c, g, opts[g])
		}
		rm.units = append(rm.units, unit{kind: unitClause, num: u.num, clause: c})
		rm.clauses = append(rm.clauses, c)
	}
	return rm, nil
}

// altShingles returns, for each value of group g, the shingles of the
// clause when only that value is kept that no other single value gives.
func altShingles(c *refClause, g string, vals []string) map[string][]uint64 {
	per := map[string]map[uint64]bool{}
	for _, v := range c.variants {
		s := v.elections[g]
		if len(s) != 1 {
			continue
		}
		if per[s[0]] == nil {
			per[s[0]] = map[uint64]bool{}
		}
		for _, h := range shingles(v.toks, 5) {
			per[s[0]][h] = true
		}
	}
	out := map[string][]uint64{}
	for _, val := range vals {
		for h := range per[val] {
			only := true
			for o, set := range per {
				if o != val && set[h] {
					only = false
					break
				}
			}
			if only {
				out[val] = append(out[val], h)
			}
		}
	}
	return out
}

func clone(el clause.Elections) clause.Elections {
	out := clause.Elections{}
	for k, v := range el {
		out[k] = v
	}
	return out
}

// split cuts resolved Markdown into clause bodies, section headings and
// footnote definitions.
func split(md string) *resolved {
	r := &resolved{bodies: map[string]string{}, titles: map[string]string{}, footnotes: map[string]string{}}
	cur := ""
	var body []string
	flush := func() {
		if cur != "" {
			r.bodies[cur] = strings.TrimSpace(strings.Join(body, "\n"))
		}
		cur, body = "", nil
	}
	wantTitle := false
	for _, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "[^") && !strings.HasPrefix(line, "#") {
			if wantTitle && strings.TrimSpace(line) != "" {
				wantTitle = false
				if t, ok := strings.CutPrefix(strings.TrimSpace(line), "**"); ok && strings.HasSuffix(t, "**") {
					r.titles[cur] = strings.TrimSuffix(t, "**")
					continue
				}
			}
			if cur != "" {
				body = append(body, line)
			}
			continue
		}
		if m := fnDefRE().FindStringSubmatch(line); m != nil {
			flush()
			r.footnotes[m[1]] = m[2]
			continue
		}
		if m := clauseHdRE().FindStringSubmatch(line); m != nil {
			flush()
			cur = m[1]
			r.order = append(r.order, unit{kind: unitClause, num: cur})
			wantTitle = true
			continue
		}
		if strings.HasPrefix(line, "# ") {
			flush()
			h := strings.TrimPrefix(line, "# ")
			if rest, ok := strings.CutPrefix(h, "SECTION "); ok {
				num, _, _ := strings.Cut(rest, " ")
				r.order = append(r.order, unit{kind: unitSection, num: num})
			}
			continue
		}
		if wantTitle && strings.TrimSpace(line) != "" {
			wantTitle = false
			if t, ok := strings.CutPrefix(strings.TrimSpace(line), "**"); ok && strings.HasSuffix(t, "**") {
				r.titles[cur] = strings.TrimSuffix(t, "**")
				continue
			}
		}
		if cur != "" {
			body = append(body, line)
		}
	}
	flush()
	return r
}

// makeVariant tokenises a clause body: placeholders become phTok, footnote
// references become slots.
func makeVariant(num, body string, fns map[string]string, rm *refModule, fnIndex map[string]int, l *library) *variant {
	v := &variant{}
	sub := ""
	letter := ""
	for _, para := range clause.Paragraphs(body) {
		if m := subHdRE().FindStringSubmatch(para); m != nil {
			sub, letter = m[1], ""
		}
		name := "Clause " + num
		if sub != "" {
			name = "Clause " + sub
		}
		if m := labelRE().FindStringSubmatch(para); m != nil {
			lab := m[1]
			switch {
			case isRoman(lab) && !(lab == "i" && letter == "h") && letter != "":
				name += "(" + letter + ")(" + lab + ")"
			case isRoman(lab) && !(lab == "i" && letter == "h"):
				name += "(" + lab + ")"
			default:
				letter = lab
				name += "(" + lab + ")"
			}
		} else if letter != "" {
			name += "(" + letter + ")"
		}
		v.locs = append(v.locs, loc{len(v.toks), name})
		// a blank the clause data does not mark with a fill directive
		if strings.Contains(para, "[S") || strings.Contains(para, "___") {
			para = phRE().ReplaceAllStringFunc(para, func(s string) string {
				key := "blank-" + strings.Map(func(r rune) rune {
					if isWord(r) {
						return r
					}
					return '-'
				}, s)
				l.fills[key] = s
				return " ZZPH" + key + "ZZ "
			})
		}
		p := fnRefRE().ReplaceAllStringFunc(para, func(s string) string {
			return " ZZFNREF" + fnRefRE().FindStringSubmatch(s)[1] + "ZZ "
		})
		for _, t := range tokenize(normalize(p), nil) {
			switch {
			case strings.HasPrefix(t, "ZZFNREF"):
				n := strings.TrimSuffix(strings.TrimPrefix(t, "ZZFNREF"), "ZZ")
				text := fns[n]
				i, ok := fnIndex[text]
				if !ok {
					i = len(rm.footnotes)
					fnIndex[text] = i
					rm.footnotes = append(rm.footnotes, footnote{text: text, toks: tokenize(normalize(text), nil), loc: name})
					for _, w := range words(rm.footnotes[i].toks) {
						l.known[w] = true
					}
				}
				v.slots = append(v.slots, len(v.toks))
				if !slices.Contains(v.refs, i) {
					v.refs = append(v.refs, i)
				}
			case strings.HasPrefix(t, "ZZPH"):
				v.phs = append(v.phs, strings.TrimSuffix(strings.TrimPrefix(t, "ZZPH"), "ZZ"))
				v.toks = append(v.toks, phTok)
			default:
				v.toks = append(v.toks, t)
				if isWordTok(t) {
					l.known[strings.ToLower(t)] = true
				}
			}
		}
	}
	for _, h := range shingles(v.toks, 5) {
		rm.shingles[h] = true
	}
	return v
}

func isRoman(s string) bool {
	return strings.Trim(s, "ivx") == ""
}
