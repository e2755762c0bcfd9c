package verify

import "sort"

// This is Python's difflib.SequenceMatcher without junk heuristics
// (autojunk=False), so that word diffs agree with compare.py, the
// reference comparison: the longest matching block first, then recursively
// the parts on either side.

type match struct{ a, b, size int }

type opcode struct {
	tag            byte // 'r'eplace, 'd'elete, 'i'nsert, 'e'qual
	i1, i2, j1, j2 int
}

// matcher compares a with b; tokens are interned as ints.
type matcher struct {
	a, b []int32
	b2j  map[int32][]int32
	// scratch rows for longest
	prev, cur []int32
	touched   []int32
}

func intern(dict map[string]int32, ts []string) []int32 {
	out := make([]int32, len(ts))
	for i, t := range ts {
		id, ok := dict[t]
		if !ok {
			id = int32(len(dict))
			dict[t] = id
		}
		out[i] = id
	}
	return out
}

func newMatcher(a, b []string) *matcher {
	dict := make(map[string]int32, len(a))
	m := &matcher{a: intern(dict, a), b: intern(dict, b)}
	m.b2j = make(map[int32][]int32, len(b))
	for j, t := range m.b {
		m.b2j[t] = append(m.b2j[t], int32(j))
	}
	m.prev = make([]int32, len(b)+1)
	m.cur = make([]int32, len(b)+1)
	return m
}

// longest finds the longest matching block in a[alo:ahi], b[blo:bhi]; of
// several, the one that starts earliest in a, then in b.
func (m *matcher) longest(alo, ahi, blo, bhi int) match {
	besti, bestj, best := alo, blo, 0
	prev, cur := m.prev, m.cur
	var prevT []int32
	for i := alo; i < ahi; i++ {
		js := m.b2j[m.a[i]]
		k0 := sort.Search(len(js), func(k int) bool { return int(js[k]) >= blo })
		var curT []int32
		for _, j32 := range js[k0:] {
			j := int(j32)
			if j >= bhi {
				break
			}
			k := prev[j] + 1 // prev[j] holds the run ending at j-1
			cur[j+1] = k
			curT = append(curT, int32(j+1))
			if int(k) > best {
				besti, bestj, best = i-int(k)+1, j-int(k)+1, int(k)
			}
		}
		for _, t := range prevT {
			prev[t] = 0
		}
		prev, cur = cur, prev
		prevT = curT
	}
	for _, t := range prevT {
		prev[t] = 0
	}
	m.prev, m.cur = prev, cur
	return match{besti, bestj, best}
}

func (m *matcher) blocks() []match {
	type span struct{ alo, ahi, blo, bhi int }
	queue := []span{{0, len(m.a), 0, len(m.b)}}
	var out []match
	for len(queue) > 0 {
		s := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		x := m.longest(s.alo, s.ahi, s.blo, s.bhi)
		if x.size == 0 {
			continue
		}
		out = append(out, x)
		if s.alo < x.a && s.blo < x.b {
			queue = append(queue, span{s.alo, x.a, s.blo, x.b})
		}
		if x.a+x.size < s.ahi && x.b+x.size < s.bhi {
			queue = append(queue, span{x.a + x.size, s.ahi, x.b + x.size, s.bhi})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].a != out[j].a {
			return out[i].a < out[j].a
		}
		return out[i].b < out[j].b
	})
	// collapse adjacent blocks
	var res []match
	for _, x := range out {
		if n := len(res); n > 0 && res[n-1].a+res[n-1].size == x.a && res[n-1].b+res[n-1].size == x.b {
			res[n-1].size += x.size
			continue
		}
		res = append(res, x)
	}
	return append(res, match{len(m.a), len(m.b), 0})
}

// diff returns the opcodes and the similarity ratio of a and b.
func diff(a, b []string) ([]opcode, float64, int) {
	m := newMatcher(a, b)
	bl := m.blocks()
	var ops []opcode
	i, j, matched := 0, 0, 0
	for _, x := range bl {
		var tag byte
		switch {
		case i < x.a && j < x.b:
			tag = 'r'
		case i < x.a:
			tag = 'd'
		case j < x.b:
			tag = 'i'
		}
		if tag != 0 {
			ops = append(ops, opcode{tag, i, x.a, j, x.b})
		}
		if x.size > 0 {
			ops = append(ops, opcode{'e', x.a, x.a + x.size, x.b, x.b + x.size})
		}
		i, j = x.a+x.size, x.b+x.size
		matched += x.size
	}
	ratio := 1.0
	if n := len(a) + len(b); n > 0 {
		ratio = 2 * float64(matched) / float64(n)
	}
	return ops, ratio, matched
}
