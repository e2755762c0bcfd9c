package textract

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/dpa-tool/dpa/internal/lazyre"
)

// glyph is one character drawn on a page, in page space.
type glyph struct {
	s          string
	x, y, w, h float64 // origin, advance and font size
}

type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

type textState struct {
	font                 *font
	size, tc, tw, th, tl float64
	rise                 float64
}

type gstate struct {
	ctm matrix
	ts  textState
}

// pdfText returns the text of every page, pages separated by form feeds,
// lines in reading order, running headers and footers removed.
func pdfText(data []byte) (string, error) {
	f, err := openPDF(data)
	if err != nil {
		return "", fmt.Errorf("read PDF: %w", err)
	}
	root := f.dict(f.trailer["Root"])
	var pages [][]string
	fonts := map[any]*font{}
	var gs []glyph // reused from page to page
	var walk func(node any, res pdfDict, depth int)
	walk = func(node any, res pdfDict, depth int) {
		d := f.dict(node)
		if d == nil || depth > 64 {
			return
		}
		if r := f.dict(d["Resources"]); r != nil {
			res = r
		}
		if kids := f.array(d["Kids"]); kids != nil || d["Type"] == pdfName("Pages") {
			for _, k := range kids {
				walk(k, res, depth+1)
			}
			return
		}
		var content []byte
		switch c := f.get(d["Contents"]).(type) {
		case *pdfStream:
			content, _ = f.decode(c)
		case []any:
			for _, x := range c {
				if s, ok := f.get(x).(*pdfStream); ok {
					b, _ := f.decode(s)
					content = append(append(content, b...), '\n')
				}
			}
		}
		gs = gs[:0]
		f.run(content, res, identity, fonts, &gs, 0)
		pages = append(pages, layout(gs))
	}
	if root != nil {
		walk(root["Pages"], nil, 0)
	}
	if len(pages) == 0 {
		return "", fmt.Errorf("read PDF: %w: no pages", errPDF)
	}
	chars := 0
	for _, p := range pages {
		for _, l := range p {
			chars += len(strings.TrimSpace(l))
		}
	}
	if chars == 0 {
		return "", ErrNoText
	}
	dropRunning(pages)
	var b strings.Builder
	for i, p := range pages {
		if i > 0 {
			b.WriteString("\f")
		}
		for _, l := range p {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String(), nil
}

// run interprets a content stream and appends the glyphs it draws.
func (f *pdfFile) run(content []byte, res pdfDict, ctm matrix, fonts map[any]*font, out *[]glyph, depth int) {
	if depth > 8 {
		return
	}
	l := &lexer{b: content}
	st := gstate{ctm: ctm, ts: textState{th: 1}}
	var stack []gstate
	var tm, tlm matrix
	var args []any
	var nums []float64 // the numbers among args: args holds their index as numRef
	fontRes := f.dict(res["Font"])
	num := func(i int) float64 {
		if i < len(args) {
			switch x := args[i].(type) {
			case numRef:
				return nums[x]
			case float64:
				return x
			}
		}
		return 0
	}
	show := func(s string) {
		ft := st.ts.font
		if ft == nil {
			ft = f.loadFont(nil, fonts)
			st.ts.font = ft
		}
		ts := &st.ts
		// the text rendering matrix is [size*th 0 0 size 0 rise] x tm x ctm;
		// within one string only its translation changes
		m := tm.mul(st.ctm)
		h := math.Abs(ts.size) * math.Hypot(m[2], m[3])
		wscale := math.Abs(ts.size*ts.th) * math.Hypot(m[0], m[1])
		ft.each(s, func(code uint32, text string, w float64, single bool) {
			if text != "" {
				px, py := ts.rise*tm[2]+tm[4], ts.rise*tm[3]+tm[5]
				x := px*st.ctm[0] + py*st.ctm[2] + st.ctm[4]
				y := px*st.ctm[1] + py*st.ctm[3] + st.ctm[5]
				*out = append(*out, glyph{s: text, x: x, y: y, w: w * wscale, h: h})
			}
			adv := w*ts.size + ts.tc
			if single && code == 32 {
				adv += ts.tw
			}
			adv *= ts.th
			tm[4] += adv * tm[0]
			tm[5] += adv * tm[1]
		})
	}
	for {
		t, x, isNum, ok := l.tok()
		if !ok {
			break
		}
		if isNum {
			if len(nums) < 255 {
				nums = append(nums, x)
				args = append(args, numRef(len(nums)-1))
			} else {
				args = append(args, x)
			}
			continue
		}
		op, isOp := t.(pdfOp)
		if !isOp || op == "[" || op == "<<" {
			v, _ := l.value(t, 0)
			args = append(args, v)
			continue
		}
		switch op {
		case "q":
			stack = append(stack, st)
		case "Q":
			if n := len(stack); n > 0 {
				st, stack = stack[n-1], stack[:n-1]
			}
		case "cm":
			if len(args) == 6 {
				st.ctm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(st.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if len(args) == 2 {
				if name, ok := args[0].(pdfName); ok {
					st.ts.font = f.loadFont(fontRes[name], fonts)
				}
				st.ts.size = num(1)
			}
		case "Tc":
			st.ts.tc = num(0)
		case "Tw":
			st.ts.tw = num(0)
		case "Tz":
			st.ts.th = num(0) / 100
		case "TL":
			st.ts.tl = num(0)
		case "Ts":
			st.ts.rise = num(0)
		case "Td":
			tlm = matrix{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
			tm = tlm
		case "TD":
			st.ts.tl = -num(1)
			tlm = matrix{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
			tm = tlm
		case "Tm":
			if len(args) == 6 {
				tlm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}
				tm = tlm
			}
		case "T*":
			tlm = matrix{1, 0, 0, 1, 0, -st.ts.tl}.mul(tlm)
			tm = tlm
		case "Tj":
			if len(args) > 0 {
				s, _ := args[len(args)-1].(string)
				show(s)
			}
		case "'", "\"":
			if op == "\"" && len(args) == 3 {
				st.ts.tw, st.ts.tc = num(0), num(1)
			}
			tlm = matrix{1, 0, 0, 1, 0, -st.ts.tl}.mul(tlm)
			tm = tlm
			if len(args) > 0 {
				s, _ := args[len(args)-1].(string)
				show(s)
			}
		case "TJ":
			if len(args) > 0 {
				arr, _ := args[len(args)-1].([]any)
				for _, x := range arr {
					switch y := x.(type) {
					case string:
						show(y)
					case float64:
						tm = matrix{1, 0, 0, 1, -y / 1000 * st.ts.size * st.ts.th, 0}.mul(tm)
					}
				}
			}
		case "Do":
			if len(args) > 0 {
				name, _ := args[0].(pdfName)
				xo := f.dict(res["XObject"])
				if s, ok := f.get(xo[name]).(*pdfStream); ok && s.dict["Subtype"] == pdfName("Form") {
					m := identity
					if a := f.array(s.dict["Matrix"]); len(a) == 6 {
						for i := range m {
							m[i], _ = f.num(a[i])
						}
					}
					r := f.dict(s.dict["Resources"])
					if r == nil {
						r = res
					}
					if b, err := f.decode(s); err == nil {
						f.run(b, r, m.mul(st.ctm), fonts, out, depth+1)
					}
				}
			}
		case "BI":
			// skip an inline image up to "EI"
			for l.pos < len(l.b) {
				i := bytes.Index(l.b[l.pos:], []byte("EI"))
				if i < 0 {
					l.pos = len(l.b)
					break
				}
				p := l.pos + i
				l.pos = p + 2
				if p > 0 && isSpace(l.b[p-1]) && (l.pos >= len(l.b) || isSpace(l.b[l.pos])) {
					break
				}
			}
		}
		args, nums = args[:0], nums[:0]
	}
}

// numRef is a number operand, by its index in the operand numbers; one
// byte, so that putting it in an interface allocates nothing.
type numRef uint8

type run struct {
	gs       []glyph // a window of the page's glyphs
	x0, x1   float64
	y, h     float64
	baseline float64
}

// layout orders the glyphs of a page into lines: glyphs on one baseline
// form a line, read left to right; a raised smaller glyph (a footnote mark)
// belongs to the line below it and is kept apart from its neighbours by
// spaces; lines are read top to bottom.
func layout(gs []glyph) []string {
	if len(gs) == 0 {
		return nil
	}
	// runs: consecutive glyphs in drawing order on one baseline
	var runs []*run
	var cur *run
	start := 0
	for i, g := range gs {
		if cur != nil && math.Abs(g.y-cur.y) < 0.1*math.Max(g.h, 1) && math.Abs(g.h-cur.h) < 0.05*cur.h &&
			g.x > cur.x1-0.5*g.h && g.x-cur.x1 < 3*g.h {
			cur.gs = gs[start : i+1]
			cur.x1 = math.Max(cur.x1, g.x+g.w)
			continue
		}
		start = i
		cur = &run{gs: gs[i : i+1], x0: g.x, x1: g.x + g.w, y: g.y, h: g.h}
		runs = append(runs, cur)
	}
	// the body size: the size of most glyphs
	sizes := map[float64]int{}
	for _, g := range gs {
		sizes[math.Round(g.h*2)/2] += len(g.s)
	}
	body, most := 0.0, -1
	for s, n := range sizes {
		if n > most || (n == most && s > body) {
			body, most = s, n
		}
	}
	sort.SliceStable(runs, func(i, j int) bool { return runs[i].y > runs[j].y })
	type line struct {
		runs   []*run
		y, h   float64
		x0, x1 float64
	}
	var lines []*line
	var small []*run
	for _, r := range runs {
		if r.h < 0.85*body {
			small = append(small, r)
			continue
		}
		placed := false
		// runs come top to bottom: only the last lines can take this one
		for k := len(lines) - 1; k >= 0 && k >= len(lines)-4; k-- {
			ln := lines[k]
			if math.Abs(ln.y-r.y) <= 0.3*math.Min(ln.h, r.h) {
				ln.runs = append(ln.runs, r)
				ln.x0, ln.x1 = math.Min(ln.x0, r.x0), math.Max(ln.x1, r.x1)
				placed = true
				break
			}
		}
		if !placed {
			lines = append(lines, &line{runs: []*run{r}, y: r.y, h: r.h, x0: r.x0, x1: r.x1})
		}
	}
	for _, r := range small {
		placed := false
		for _, ln := range lines {
			d := r.y - ln.y
			if ln.h >= body*0.85 && d > 0.05*ln.h && d < 0.7*ln.h && r.x0 >= ln.x0-ln.h && r.x0 <= ln.x1+ln.h {
				r.baseline = 1 // a superscript
				ln.runs = append(ln.runs, r)
				placed = true
				break
			}
		}
		if placed {
			continue
		}
		for _, ln := range lines {
			if math.Abs(ln.y-r.y) <= 0.3*math.Min(ln.h, r.h) {
				ln.runs = append(ln.runs, r)
				ln.x0, ln.x1 = math.Min(ln.x0, r.x0), math.Max(ln.x1, r.x1)
				placed = true
				break
			}
		}
		if !placed {
			lines = append(lines, &line{runs: []*run{r}, y: r.y, h: r.h, x0: r.x0, x1: r.x1})
		}
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].y > lines[j].y })
	out := make([]string, 0, len(lines))
	for _, ln := range lines {
		sort.SliceStable(ln.runs, func(i, j int) bool { return ln.runs[i].x0 < ln.runs[j].x0 })
		var b strings.Builder
		lastEnd := math.Inf(-1)
		lastSup := false
		for k, r := range ln.runs {
			sup := r.baseline != 0
			if k > 0 && (sup || lastSup || r.x0-lastEnd > 0.12*ln.h) {
				b.WriteByte(' ')
			}
			prevEnd := math.Inf(-1)
			for i, g := range r.gs {
				if i > 0 && g.x-prevEnd > 0.12*r.h && g.s != " " && !strings.HasSuffix(b.String(), " ") {
					b.WriteByte(' ')
				}
				b.WriteString(g.s)
				prevEnd = g.x + g.w
			}
			lastEnd = math.Max(lastEnd, r.x1)
			lastSup = sup
		}
		if s := strings.TrimSpace(b.String()); s != "" {
			out = append(out, s)
		}
	}
	return out
}

var (
	// headings that differ only in their number, as when every clause
	// starts a page, are never running heads
	headingRE = lazyre.New(`(?i)^(?:clause|section|article|annex|appendix|addendum|schedule)\b`)
	pageNoRE  = lazyre.New(`(?i)^(?:page\s*)?#(?:\s*(?:of|/)\s*#)?$|^-\s*#\s*-$`)
)

// dropRunning removes running headers and footers: among the first two and
// last two lines of each page, those that (digits aside) recur on most
// pages, and bare page numbers.
func dropRunning(pages [][]string) {
	key := func(s string) string {
		s = strings.TrimSpace(s)
		var b strings.Builder
		digit := false
		for _, r := range strings.Join(strings.Fields(s), " ") {
			if r >= '0' && r <= '9' {
				if !digit {
					b.WriteByte('#')
				}
				digit = true
				continue
			}
			digit = false
			b.WriteRune(r)
		}
		return b.String()
	}
	edge := func(p []string, i int) bool { return i < 2 || i >= len(p)-2 }
	count := map[string]int{}
	for _, p := range pages {
		seen := map[string]bool{}
		for i, l := range p {
			if edge(p, i) && !seen[key(l)] {
				seen[key(l)] = true
				count[key(l)]++
			}
		}
	}
	need := max(3, (len(pages)*6+9)/10)
	for pi, p := range pages {
		var keep []string
		for i, l := range p {
			k := key(l)
			if edge(p, i) && (pageNoRE().MatchString(k) || (len(pages) >= 3 && count[k] >= need && !headingRE().MatchString(k))) {
				continue
			}
			keep = append(keep, l)
		}
		pages[pi] = keep
	}
}
