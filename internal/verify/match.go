package verify

import (
	"slices"
	"sort"
	"strings"

	"github.com/dpa-tool/dpa/internal/lazyre"
)

// shingles returns hashes of the k-word sequences of ts (lower case, words
// only); sequences across a placeholder are left out.
func shingles(ts []string, k int) []uint64 {
	w := make([]uint64, 0, len(ts))
	for _, t := range ts {
		if t == phTok {
			w = append(w, 0)
		} else if isWordTok(t) && !strings.HasPrefix(t, "ZZFN") {
			w = append(w, hashWord(t))
		}
	}
	var out []uint64
	if len(w) < k {
		if len(w) > 0 && !slices.Contains(w, 0) {
			out = append(out, combine(w))
		}
		return out
	}
	out = make([]uint64, 0, len(w)-k+1)
	last0 := -1 // the last placeholder before i+k
	for i := 0; i < k-1; i++ {
		if w[i] == 0 {
			last0 = i
		}
	}
	for i := 0; i+k <= len(w); i++ {
		if w[i+k-1] == 0 {
			last0 = i + k - 1
		}
		if last0 >= i {
			continue
		}
		out = append(out, combine(w[i:i+k]))
	}
	return out
}

// hashWord is FNV-1a of the lower-cased word (never 0).
func hashWord(t string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		h = (h ^ uint64(c)) * 1099511628211
	}
	if !isASCII(t) {
		if l := strings.ToLower(t); l != t {
			return hashWord(l)
		}
	}
	return h | 1
}

func combine(ws []uint64) uint64 {
	h := uint64(14695981039346656037)
	for _, w := range ws {
		h = (h ^ w) * 1099511628211
		h ^= h >> 29
	}
	return h
}

func setOf(hs []uint64) map[uint64]bool {
	m := make(map[uint64]bool, len(hs))
	for _, h := range hs {
		m[h] = true
	}
	return m
}

// sharePresent is the share of hs found in set.
func sharePresent(hs []uint64, set map[uint64]bool) float64 {
	if len(hs) == 0 {
		return 0
	}
	n := 0
	for _, h := range hs {
		if set[h] {
			n++
		}
	}
	return float64(n) / float64(len(hs))
}

// findHeading returns the token positions of "Clause N <title>" (or
// "SECTION N") at or after start: the heading's start and its body's start.
func findHeading(ct []string, num string, title []string, start int, section bool) (int, int, bool) {
	key := "clause"
	if section {
		key = "section"
	}
	tw := words(title)
	for p := start; p < len(ct)-1; p++ {
		if ct[p+1] != num || strings.ToLower(ct[p]) != key {
			continue
		}
		q := p + 2
		for q < len(ct) && (!isWordTok(ct[q]) || strings.ToLower(ct[q]) == "optional") {
			q++
		}
		if section || len(tw) == 0 {
			return p, q, true
		}
		if q >= len(ct) || strings.ToLower(ct[q]) != tw[0] {
			continue
		}
		end := min(len(ct), q+len(tw)+3)
		window := make([]string, 0, end-q)
		for _, t := range ct[q:end] {
			window = append(window, strings.ToLower(t))
		}
		_, _, m := diff(tw, window)
		if m < max(1, int(0.75*float64(len(tw)))) {
			continue
		}
		// walk over the title
		tt := make([]string, len(title))
		for i, t := range title {
			tt[i] = strings.ToLower(t)
		}
		i, k := 0, q
		for i < len(tt) && k < len(ct) {
			switch {
			case strings.ToLower(ct[k]) == tt[i]:
				i++
				k++
			case !isWordTok(ct[k]):
				k++
			case !isWordTok(tt[i]):
				i++
			default:
				i = len(tt) + 1
			}
		}
		return p, k, true
	}
	return 0, 0, false
}

var markRE = lazyre.New(`(?i)^(?:\d{1,2}|[()\[\]^*<>/]|sup)$`)

// labelBefore is the number of tokens before p that form a footnote label:
// "(1)", "[1]", "1.", "1)", "^1", or a bare number.
func labelBefore(ct []string, p int, dropped []bool) int {
	num := func(t string) bool { return len(t) <= 2 && len(t) > 0 && strings.Trim(t, "0123456789") == "" }
	tail := func(k int) []string {
		if p-k < 0 {
			return nil
		}
		for _, d := range dropped[p-k : p] {
			if d {
				return nil
			}
		}
		return ct[p-k : p]
	}
	if t := tail(3); t != nil && ((t[0] == "(" && t[2] == ")") || (t[0] == "[" && t[2] == "]")) && num(t[1]) {
		return 3
	}
	if t := tail(2); t != nil && ((num(t[0]) && (t[1] == "." || t[1] == ")")) || (t[0] == "^" && num(t[1]))) {
		return 2
	}
	if t := tail(1); t != nil && num(t[0]) {
		return 1
	}
	return 0
}

// fnResult is what became of one reference footnote in a text.
type fnResult struct {
	status string // found, deviating, missing
	ops    []op
}

// matchFootnotes finds the reference footnote texts in ct, takes them out
// (with their labels) and drops Markdown footnote definitions. It returns
// the remaining tokens, their placeholder texts and per footnote the result.
func matchFootnotes(ct []string, phs []string, fns []footnote) ([]string, []string, []fnResult, int) {
	n := len(ct)
	dropped := make([]bool, n)
	claimed := make([]bool, n)
	type block struct {
		s, e    int
		matched bool
	}
	var blocks []*block
	for i := 0; i < n; {
		if ct[i] != fnDefTok {
			i++
			continue
		}
		j := i + 1
		for j < n && ct[j] != fnDefTok && ct[j] != fnEndTok {
			j++
		}
		e := j
		if j < n && ct[j] == fnEndTok {
			e = j + 1
		}
		blocks = append(blocks, &block{s: i, e: e})
		for k := i; k < e; k++ {
			dropped[k] = true
		}
		i = e
	}
	firsts := map[string][]int{}
	for p, t := range ct {
		firsts[t] = append(firsts[t], p)
	}
	take := func(s, e int) {
		lb := labelBefore(ct, s, dropped)
		for k := s - lb; k < e; k++ {
			dropped[k] = true
			claimed[k] = true
		}
		for _, b := range blocks {
			if b.s <= s && s < b.e {
				b.matched = true
			}
		}
	}
	res := make([]fnResult, len(fns))
	for i, f := range fns {
		ft := f.toks
		if len(ft) == 0 {
			continue
		}
		for _, p := range firsts[ft[0]] {
			if p+len(ft) > n || !equalToks(ct[p:p+len(ft)], ft) || anyTrue(claimed[p:p+len(ft)]) {
				continue
			}
			take(p, p+len(ft))
			res[i].status = "found"
			break
		}
	}
	// a footnote that runs on to the foot of the next page comes in pieces,
	// each found word for word, in order
	for i, f := range fns {
		if res[i].status != "" || len(f.toks) < 10 {
			continue
		}
		if spans := pieces(ct, claimed, firsts, f.toks); spans != nil {
			for _, sp := range spans {
				take(sp[0], sp[1])
			}
			res[i].status = "found"
		}
	}
	var grams map[[4]string][]int
	for i, f := range fns {
		ft := f.toks
		if res[i].status != "" || len(ft) < 4 {
			if res[i].status == "" {
				res[i].status = "missing"
			}
			continue
		}
		if grams == nil {
			grams = map[[4]string][]int{}
			for p := 0; p+4 <= n; p++ {
				k := [4]string{ct[p], ct[p+1], ct[p+2], ct[p+3]}
				grams[k] = append(grams[k], p)
			}
		}
		votes := map[int]int{}
		for k := 0; k+4 <= len(ft); k++ {
			for _, p := range grams[[4]string{ft[k], ft[k+1], ft[k+2], ft[k+3]}] {
				if !claimed[p] {
					votes[p-k]++
				}
			}
		}
		offs := topVotes(votes, 10)
		bestM, bestWS := -1, 0
		var bestOps []opcode
		var tried []int
		for _, off := range offs {
			near := false
			for _, t := range tried {
				if abs(off-t) <= 10 {
					near = true
				}
			}
			if near {
				continue
			}
			tried = append(tried, off)
			ws, we := max(0, off-10), min(n, off+len(ft)+10)
			window := make([]string, we-ws)
			for q := ws; q < we; q++ {
				if claimed[q] {
					window[q-ws] = "\x00"
				} else {
					window[q-ws] = ct[q]
				}
			}
			ops, _, m := diff(ft, window)
			if m > bestM {
				bestM, bestWS, bestOps = m, ws, ops
			}
			if len(tried) >= 3 {
				break
			}
		}
		if bestM >= 0 && float64(bestM) >= 0.75*float64(len(ft)) {
			var eq []opcode
			for _, o := range bestOps {
				if o.tag == 'e' {
					eq = append(eq, o)
				}
			}
			edge := eq
			var big []opcode
			for _, o := range eq {
				if o.j2-o.j1 >= 2 {
					big = append(big, o)
				}
			}
			if len(big) > 0 {
				edge = big
			}
			s, e := bestWS+edge[0].j1, bestWS+edge[len(edge)-1].j2
			ops, _, _ := diff(ft, ct[s:e])
			res[i].ops = describe(ft, ct[s:e], ops, nil, nil)
			res[i].status = "deviating"
			take(s, e)
		} else {
			res[i].status = "missing"
		}
	}
	unmatched := 0
	for _, b := range blocks {
		if !b.matched {
			unmatched++
		}
	}
	var out, phOut []string
	k := 0
	for p, t := range ct {
		if t == phTok {
			if !dropped[p] && k < len(phs) {
				phOut = append(phOut, phs[k])
			}
			k++
		}
		if !dropped[p] && t != fnDefTok && t != fnEndTok {
			out = append(out, t)
		}
	}
	return out, phOut, res, unmatched
}

func topVotes(v map[int]int, k int) []int {
	type kv struct{ off, n int }
	var all []kv
	for o, n := range v {
		all = append(all, kv{o, n})
	}
	// most votes first; ties by offset for determinism
	sort.Slice(all, func(i, j int) bool {
		if all[i].n != all[j].n {
			return all[i].n > all[j].n
		}
		return all[i].off < all[j].off
	})
	var out []int
	for i := 0; i < len(all) && i < k; i++ {
		out = append(out, all[i].off)
	}
	return out
}

func equalToks(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func anyTrue(bs []bool) bool {
	for _, b := range bs {
		if b {
			return true
		}
	}
	return false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// pieces finds ft in ct as at most three runs, each the longest run of the
// rest of ft that starts after the previous one (at least five tokens, or
// the whole rest).
func pieces(ct []string, claimed []bool, firsts map[string][]int, ft []string) [][2]int {
	var spans [][2]int
	rest, after := ft, 0
	for len(rest) > 0 {
		if len(spans) == 3 {
			return nil
		}
		bestP, bestK := -1, 0
		for _, p := range firsts[rest[0]] {
			if p < after || claimed[p] {
				continue
			}
			k := 0
			for k < len(rest) && p+k < len(ct) && ct[p+k] == rest[k] && !claimed[p+k] {
				k++
			}
			if k > bestK {
				bestP, bestK = p, k
			}
		}
		if bestP < 0 || (bestK < 5 && bestK < len(rest)) {
			return nil
		}
		spans = append(spans, [2]int{bestP, bestP + bestK})
		rest, after = rest[bestK:], bestP+bestK
	}
	return spans
}
