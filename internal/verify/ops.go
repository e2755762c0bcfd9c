package verify

import (
	"strings"
)

// op is one difference between the reference and a text.
type op struct {
	tag     byte // 'r', 'd', 'i'
	kind    string
	i1, i2  int // in the reference
	j1, j2  int // in the text
	removed []string
	added   []string
	before  []string
	after   []string
	phKey   string // for kind placeholder
}

const context = 5

// describe classifies the opcodes of ref against cand. slots are the
// footnote-mark positions of ref, phs its placeholder keys.
func describe(ref, cand []string, ops []opcode, slots []int, phs []string) []op {
	var out []op
	for _, o := range ops {
		if o.tag == 'e' {
			continue
		}
		a, b := ref[o.i1:o.i2], cand[o.j1:o.j2]
		kind := classify(a, b)
		if len(slots) > 0 && isMark(o, a, b, slots) {
			kind = "footnote-mark"
		}
		x := op{tag: o.tag, kind: kind, i1: o.i1, i2: o.i2, j1: o.j1, j2: o.j2, removed: a, added: b,
			before: ref[max(0, o.i1-context):o.i1], after: ref[o.i2:min(len(ref), o.i2+context)]}
		if kind == "placeholder" {
			k := 0
			for _, t := range ref[:o.i1] {
				if t == phTok {
					k++
				}
			}
			if k < len(phs) {
				x.phKey = phs[k]
			}
		}
		out = append(out, x)
	}
	return out
}

func isMark(o opcode, a, b []string, slots []int) bool {
	if o.tag == 'i' {
		for _, t := range b {
			if !markRE().MatchString(t) {
				return false
			}
		}
		for _, s := range slots {
			if abs(o.i1-s) <= 1 {
				return true
			}
		}
		return false
	}
	if o.tag == 'r' && len(a) == 1 && len(b) == 1 {
		for _, s := range slots {
			if s == o.i2 {
				rest, ok := strings.CutPrefix(b[0], a[0])
				return ok && len(rest) >= 1 && len(rest) <= 2 && strings.Trim(rest, "0123456789") == ""
			}
		}
	}
	return false
}

func classify(a, b []string) string {
	if len(a) == 1 && a[0] == phTok {
		return "placeholder"
	}
	if len(a) == len(b) {
		same := true
		for i := range a {
			if !strings.EqualFold(a[i], b[i]) {
				same = false
				break
			}
		}
		if same {
			return "case"
		}
	}
	for _, t := range append(append([]string(nil), a...), b...) {
		if isWordTok(t) {
			return "words"
		}
	}
	return "punctuation"
}

// counted reports whether o is a deviation (not a footnote mark or a filled
// placeholder).
func (o op) counted() bool { return o.kind != "footnote-mark" && o.kind != "placeholder" }

// leftover is something an executed agreement must not contain.
type leftover struct {
	kind string // "option label", "blank", "drafting note", "alternatives"
	text string
	s, e int
}

// scanLeftovers finds option labels, unfilled blanks and drafting notes in
// ct, as compare.py --resolved does.
func scanLeftovers(ct []string, phs []string) []leftover {
	var hits []leftover
	n := len(ct)
	k := 0
	lower := func(i int) string {
		if i < 0 || i >= n {
			return ""
		}
		return strings.ToLower(ct[i])
	}
	at := func(i int) string {
		if i < 0 || i >= n {
			return ""
		}
		return ct[i]
	}
	for i, t := range ct {
		lt := strings.ToLower(t)
		prev := at(i - 1)
		switch {
		case t == phTok:
			txt := "blank"
			if k < len(phs) && phs[k] != "" {
				txt = phs[k]
			}
			hits = append(hits, leftover{"blank", txt, i, i + 1})
			k++
		case strings.Trim(t, "_") == "" && len(t) >= 3:
			hits = append(hits, leftover{"blank", t, i, i + 1})
		case t == "[" && i+4 < n && ct[i+1] == "." && ct[i+2] == "." && ct[i+3] == "." && ct[i+4] == "]":
			hits = append(hits, leftover{"blank", "[…]", i, i + 5}) // NFKC made "…" three full stops
		case (lt == "specify" || lt == "insert" || lt == "choose" || lt == "select") && (prev == "[" || prev == "("):
			cl := "]"
			if prev == "(" {
				cl = ")"
			}
			j := i
			for j < n && j < i+8 && ct[j] != cl {
				j++
			}
			e := i + 1
			if j < n && ct[j] == cl {
				e = j + 1
			}
			kind := "blank"
			if lt == "choose" || lt == "select" {
				kind = "option label"
			}
			hits = append(hits, leftover{kind, detok(ct[i-1 : e]), i - 1, e})
		case lt == "note" && (prev == "[" || prev == "(") || (lt == "drafting" && lower(i+1) == "note"):
			s := i
			if prev == "[" || prev == "(" {
				s = i - 1
			}
			e := min(n, i+8)
			hits = append(hits, leftover{"drafting note", detok(ct[s:e]) + "…", s, e})
		case t == "●" || (t == "•" && prev == "["):
			hits = append(hits, leftover{"blank", t, i, i + 1})
		case lt == "option":
			j := i + 1
			if j < n && strings.Trim(ct[j], "0123456789") == "" {
				j++
			}
			if j < n && ct[j] == "(" {
				q := j
				for q < n && q < j+10 && ct[q] != ")" {
					q++
				}
				if q < n && ct[q] == ")" {
					j = q + 1
				}
			}
			nxt := at(j)
			if prev == "[" || nxt == ":" || nxt == "]" || t == "OPTION" {
				s, e := i, j
				if prev == "[" {
					s = i - 1
				}
				if nxt == ":" || nxt == "]" {
					e = j + 1
				}
				hits = append(hits, leftover{"option label", detok(ct[s:e]), s, e})
			}
		case (lt == "specific" || lt == "prior" || lt == "general") && i+2 < n && titlePair(lt, lower(i+1)) && (lower(i+2) == "authorisation" || lower(i+2) == "authorization"):
			nxt := at(i + 3)
			capital := false
			for _, x := range ct[i : i+3] {
				if x != strings.ToLower(x) && strings.ToUpper(x) == x {
					capital = true
				}
			}
			if capital || strings.Contains("[(:)]", prev) && prev != "" || nxt == ":" || nxt == "]" || nxt == ")" {
				hits = append(hits, leftover{"option label", detok(ct[i : i+3]), i, i + 3})
			}
		case (t == "[" || t == "(") && i+4 < n && lower(i+1) == "where" && lower(i+2) == "the" && lower(i+3) == "data" && lower(i+4) == "exporter" && (t == "[" || ct[i+1] == "Where"):
			cl := "]"
			if t == "(" {
				cl = ")"
			}
			j := i + 1
			for j < n && j < i+80 && ct[j] != cl {
				j++
			}
			e := i + 5
			if j < n && ct[j] == cl {
				e = j + 1
			}
			txt := detok(ct[i:e])
			if len(txt) > 60 {
				txt = txt[:59] + "…"
			}
			hits = append(hits, leftover{"option label", txt, i, e})
		}
	}
	// merge overlapping hits of one kind
	var out []leftover
	for _, h := range hits {
		if m := len(out); m > 0 && out[m-1].kind == h.kind && h.s <= out[m-1].e {
			if h.e > out[m-1].e {
				out[m-1].e = h.e
				out[m-1].text = detok(ct[out[m-1].s:out[m-1].e])
			}
			continue
		}
		out = append(out, h)
	}
	return out
}

func titlePair(a, b string) bool {
	return (a == "specific" && b == "prior") || (a == "prior" && b == "specific") || (a == "general" && b == "written")
}
