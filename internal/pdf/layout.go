package pdf

import (
	"math"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"codeberg.org/go-pdf/fpdf"

	"github.com/dpa-tool/dpa/internal/doc"
	"github.com/dpa-tool/dpa/internal/fonts"
	"unicode/utf8"
)

// seg is a piece of a line in one style, at offset x from the line start.
type seg struct {
	text  string
	style string
	super bool
	note  int
	x, w  float64
}

type line []seg

type token struct {
	text  string
	style string
	super bool
	note  int
	space bool // preceded by a space
	// run is the index of the run whose text holds text at offset off;
	// -1 for a piece of a broken word.
	run, off int
}

const superScale = 0.62

// glue reports whether no line may break before tk: it follows the previous
// token without a space (a quote mark, a footnote mark), or it is a dash,
// which never starts a line.
func glue(tk token) bool {
	return !tk.space || tk.text == "–" || tk.text == "—"
}

// setFont selects a face and size, only when they change.
func (t *typesetter) setFont(style string, size float64) {
	if style == t.curStyle && size == t.curSize {
		return
	}
	t.f.SetFont(family, style, size)
	t.curStyle, t.curSize = style, size
}

// forceFont selects a font in the current page's content even if fpdf
// believes it is selected: after SetPage, fpdf's state is that of another
// page.
func (t *typesetter) forceFont(style string, size float64) {
	t.f.SetFont(family, style, size+1)
	t.f.SetFont(family, style, size)
	t.curStyle, t.curSize = style, size
}

// advances holds the advance width (mm at 1pt) of every character in
// every style, measured once per process and shared by all documents;
// 0 means not measured yet.
var advances [4][0x10000]atomic.Uint32

// measurer is an fpdf document used only to measure characters, so that
// measuring never changes the state of a document being written (its
// bytes must not depend on what earlier documents measured).
var measurer struct {
	sync.Mutex
	f     *fpdf.Fpdf
	faces map[string]bool // the faces registered so far
}

func measureRune(style string, r rune) uint32 {
	measurer.Lock()
	defer measurer.Unlock()
	if measurer.f == nil {
		presetFaces()
		measurer.f = fpdf.New("P", "mm", "A4", "")
		measurer.faces = map[string]bool{}
	}
	if !measurer.faces[style] {
		// Faces are parsed on first use: most documents need two.
		for _, face := range fonts.Faces() {
			if face.Style == style {
				measurer.f.AddUTF8FontFromBytes(family, face.Style, face.TTF)
			}
		}
		measurer.faces[style] = true
	}
	measurer.f.SetFont(family, style, 1000)
	v := float32(measurer.f.GetStringWidth(string(r)) / 1000)
	if v == 0 {
		v = math.SmallestNonzeroFloat32
	}
	return math.Float32bits(v)
}

func styleIndex(style string) int {
	switch style {
	case "B":
		return 1
	case "I":
		return 2
	case "BI":
		return 3
	}
	return 0
}

// wordWidth returns the width of s in mm at 1pt in style: the sum of its
// characters' advances, as fpdf computes it (no kerning).
func (t *typesetter) wordWidth(style, s string) float64 {
	table := &advances[styleIndex(style)]
	w := 0.0
	for _, r := range s {
		if r > 0xffff {
			r = 0xfffd
		}
		bits := table[r].Load()
		if bits == 0 {
			bits = measureRune(style, r)
			table[r].Store(bits)
		}
		w += float64(math.Float32frombits(bits))
	}
	return w
}

func mergeStyle(base, st string) string {
	if base == "" {
		return st
	}
	return addStyle(base, st)
}

// lines breaks runs into lines of at most width mm at size pt. Words wider
// than a line (URLs, e-mail addresses) are broken between characters.
func (t *typesetter) lines(runs []run, width, size float64, base string) []line {
	if len(runs) == 0 {
		return nil
	}
	key := lineKey{&runs[0], len(runs), width, size, base}
	for i := range t.laidOut {
		if t.laidOut[i].key.runs == key.runs && t.laidOut[i].key == key {
			return t.laidOut[i].lines
		}
	}
	l := t.breakLines(runs, width, size, base)
	e := &t.laidOut[t.nextLaidOut]
	e.key, e.lines = key, l
	t.nextLaidOut = (t.nextLaidOut + 1) % len(t.laidOut)
	return l
}

// breakLines is lines without the memory of texts laid out already.
func (t *typesetter) breakLines(runs []run, width, size float64, base string) []line {
	toks := t.toks[:0]
	space := false
	for ri, r := range runs {
		st := mergeStyle(base, r.Style)
		if r.Super {
			toks = append(toks, token{text: r.Text, style: st, super: true, note: r.Note, run: ri})
			continue
		}
		rest := r.Text
		for first := true; ; first = false {
			p, after, more := strings.Cut(rest, " ")
			if !first {
				space = true
			}
			if p != "" {
				toks = append(toks, token{text: p, style: st, space: space, run: ri, off: len(r.Text) - len(rest)})
				space = false
			}
			if !more {
				break
			}
			rest = after
		}
	}
	t.toks = toks
	// The segments of all lines share one array; ends holds where each
	// line's segments end.
	segs := make([]seg, 0, len(toks)/4+1)
	var ends []int
	start := 0 // the first segment of the current line
	curW := 0.0
	// The text of the last segment is, as long as it can be, a part of
	// its run's text, runs[sr].Text[sFrom:sTo] (sr >= 0), and otherwise
	// collected in text; it becomes the segment's text when another
	// segment starts or the line ends. (A string per segment would be
	// most of what line breaking allocates.)
	sr, sFrom, sTo := -1, 0, 0
	var text []byte
	seal := func() {
		if k := len(segs) - 1; k >= start {
			if sr >= 0 {
				segs[k].text = runs[sr].Text[sFrom:sTo]
			} else {
				segs[k].text = string(text)
			}
		}
	}
	push := func() {
		seal()
		ends = append(ends, len(segs))
		start, curW = len(segs), 0
	}
	place := func(tk token, w, sp float64) {
		x := curW + sp
		if k := len(segs) - 1; k >= start && !tk.super && !segs[k].super && segs[k].style == tk.style {
			gap := 0
			if sp > 0 {
				gap = 1
			}
			if sr >= 0 && tk.run == sr && tk.off == sTo+gap && (gap == 0 || runs[sr].Text[sTo] == ' ') {
				sTo = tk.off + len(tk.text)
			} else {
				if sr >= 0 {
					text = append(text[:0], runs[sr].Text[sFrom:sTo]...)
					sr = -1
				}
				if sp > 0 {
					text = append(text, ' ')
				}
				text = append(text, tk.text...)
			}
			segs[k].w = x + w - segs[k].x
		} else {
			seal()
			if tk.run >= 0 {
				sr, sFrom, sTo = tk.run, tk.off, tk.off+len(tk.text)
			} else {
				sr = -1
				text = append(text[:0], tk.text...)
			}
			segs = append(segs, seg{style: tk.style, super: tk.super, note: tk.note, x: x, w: w})
		}
		curW = x + w
	}
	// A token not preceded by a space is glued to the one before ("“" and
	// a bold word, a word and its footnote mark): no break between them.
	for i := 0; i < len(toks); i++ {
		tk := toks[i]
		w, sp := t.tokenWidth(tk, size)
		empty := len(segs) == start
		if glue(tk) && !empty && i > 0 {
			place(tk, w, sp)
			continue
		}
		// Width of the tokens glued to this one.
		glued := 0.0
		for j := i + 1; j < len(toks) && glue(toks[j]); j++ {
			gw, gsp := t.tokenWidth(toks[j], size)
			glued += gw + gsp
		}
		if empty {
			sp = 0
		}
		sz := size
		if tk.super {
			sz = size * superScale
		}
		if curW+sp+w+glued <= width || empty && w <= width {
			place(tk, w, sp)
			continue
		}
		if w+glued <= width || w <= width && !empty {
			push()
			place(tk, w, 0)
			continue
		}
		// A word longer than the line: fill the rest of this line, then
		// whole lines, breaking between characters.
		rest := tk.text
		if !empty && width-curW-sp < width/4 {
			push()
			sp = 0
		}
		for rest != "" {
			avail := width - curW - sp
			n, used := 0, 0.0
			for i, r := range rest {
				cw := t.wordWidth(tk.style, string(r)) * sz
				if used+cw > avail && n > 0 {
					break
				}
				used += cw
				n = i + utf8.RuneLen(r)
			}
			if n < len(rest) {
				n = breakPoint(rest, n)
				used = t.wordWidth(tk.style, rest[:n]) * sz
			}
			piece := token{text: rest[:n], style: tk.style, run: -1}
			place(piece, used, sp)
			rest = rest[n:]
			sp = 0
			if rest != "" {
				push()
			}
		}
	}
	if len(segs) > start {
		push()
	}
	out := make([]line, len(ends))
	from := 0
	for i, e := range ends {
		out[i] = line(segs[from:e:e])
		from = e
	}
	return out
}

// tokenWidth returns the width of a token at size pt (a footnote mark is
// smaller) and of the space before it, if any.
func (t *typesetter) tokenWidth(tk token, size float64) (w, space float64) {
	sz := size
	if tk.super {
		sz = size * superScale
	}
	if tk.space {
		space = t.wordWidth(tk.style, " ") * size
	}
	return t.wordWidth(tk.style, tk.text) * sz, space
}

// drawLine draws a line with its baseline at y.
func (t *typesetter) drawLine(l line, x, y, size float64) {
	for _, s := range l {
		if s.super {
			t.setFont(s.style, size*superScale)
			t.f.Text(x+s.x, y-size*ptToMM*0.38, s.text)
			if s.note > 0 && t.draw {
				t.addNote(s.note)
			}
			continue
		}
		t.setFont(s.style, size)
		t.f.Text(x+s.x, y, s.text)
	}
}

// table draws a table with wrapped cells and borders. A row that does not
// fit goes to the next page, where the header row is repeated; a row taller
// than what is left of the page (or than a page) is split between lines of
// its cells and continues on the next page, under the repeated header, so
// that no text is ever lost. A table whose header is empty (a list of
// labelled values) has no header row.
func (t *typesetter) table(b block) {
	cols := len(b.Header)
	if cols == 0 && len(b.Rows) > 0 {
		cols = len(b.Rows[0])
	}
	if cols == 0 {
		return
	}
	headerEmpty := plainText(rowText(b.Header)) == ""
	widths := t.columnWidths(b, cols, headerEmpty)
	signing := t.kind == doc.Signatures && cols == 2 && headerEmpty
	lh := lineHeight(cellSize)
	rowLines := func(cells [][]run, style string) ([][]line, int) {
		out := make([][]line, cols)
		n := 1
		for i := 0; i < cols && i < len(cells); i++ {
			st := style
			if headerEmpty && i == 0 {
				st = "B"
			}
			out[i] = t.lines(cells[i], widths[i]-2*cellPad, cellSize, st)
			n = max(n, len(out[i]))
		}
		return out, n
	}
	drawRow := func(ls [][]line, from, to int, h float64, header bool) {
		if !t.draw {
			t.y += h
			return
		}
		t.f.SetLineWidth(0.2)
		t.f.SetDrawColor(120, 120, 120)
		x := t.g.left
		for i := 0; i < cols; i++ {
			if header {
				t.f.SetFillColor(232, 232, 232)
				t.f.Rect(x, t.y, widths[i], h, "FD")
			} else {
				t.f.Rect(x, t.y, widths[i], h, "D")
			}
			for k := from; k < to && k < len(ls[i]); k++ {
				t.drawLine(ls[i][k], x+cellPad, t.y+cellPad+float64(k-from+1)*lh-lh*0.28, cellSize)
			}
			x += widths[i]
		}
		t.y += h
	}
	var hl [][]line
	hh := 0.0
	if !headerEmpty {
		var n int
		hl, n = rowLines(b.Header, "B")
		hh = float64(n)*lh + 2*cellPad
	}
	// The last blank row of a signature table is the space to sign.
	lastBlank := -1
	for ri, r := range b.Rows {
		if len(r) > 1 && plainText(r[1]) == "" {
			lastBlank = ri
		}
	}
	t.y += 1
	first := true // the header row is due
	newPage := func(ri int) {
		t.newPage(false)
		if !headerEmpty {
			t.layout.add("p%d table header repeated before row %d", t.f.PageNo(), ri+1)
		}
		first = true
	}
	for ri, r := range b.Rows {
		rl, n := rowLines(r, "")
		rh := float64(n)*lh + 2*cellPad
		if headerEmpty && cols == 2 && len(r) > 1 && plainText(r[1]) == "" {
			// A blank to complete by hand (signature page, accession form).
			rh = max(rh, 9)
			if signing && ri == lastBlank {
				rh = max(rh, signSpace)
			}
		}
		if !t.draw {
			if first {
				t.y += hh
				first = false
			}
			t.y += rh
			continue
		}
		head := 0.0
		if first {
			head = hh
		}
		// Lines of this row that fit on this page.
		room := int((t.bottom() - t.y - head - 2*cellPad) / lh)
		if t.y+head+rh > t.bottom() {
			fresh := t.pageBottom() - t.g.top - hh
			// Move the row to the next page if it fits there and is short,
			// or if hardly anything of it fits here.
			if rh <= fresh && rh <= fresh/3 || room < 2 {
				newPage(ri)
			}
		}
		from := 0
		for {
			if first && !headerEmpty {
				drawRow(hl, 0, math.MaxInt, hh, true)
			}
			first = false
			t.follow()
			if t.y+rh-float64(from)*lh <= t.bottom()+0.01 {
				drawRow(rl, from, n, rh-float64(from)*lh, false)
				break
			}
			k := int((t.bottom() - t.y - 2*cellPad) / lh)
			if k < 1 {
				newPage(ri)
				continue
			}
			drawRow(rl, from, from+k, float64(k)*lh+2*cellPad, false)
			from += k
			t.layout.add("p%d row %d split across pages", t.f.PageNo(), ri+1)
			newPage(ri)
		}
	}
	t.y += 3
}

// columnWidths gives each column at least its longest word and shares the
// rest in proportion to the text the column holds.
func (t *typesetter) columnWidths(b block, cols int, headerEmpty bool) []float64 {
	total := t.g.width()
	if headerEmpty && cols == 2 {
		return []float64{total * 0.36, total * 0.64}
	}
	minW := make([]float64, cols)
	want := make([]float64, cols)
	rows := append([][][]run{b.Header}, b.Rows...)
	for ri, r := range rows {
		for i := 0; i < cols && i < len(r); i++ {
			st := ""
			if ri == 0 {
				st = "B"
			}
			full := 0.0
			for _, w := range strings.Fields(plainText(r[i])) {
				ww := t.wordWidth(st, w) * cellSize
				minW[i] = max(minW[i], min(ww, total/4))
				full += ww + t.wordWidth(st, " ")*cellSize
			}
			want[i] = max(want[i], full)
		}
	}
	out := make([]float64, cols)
	sumMin, sumWant := 0.0, 0.0
	for i := range out {
		minW[i] += 2*cellPad + 0.5
		want[i] = max(want[i]+2*cellPad+0.5, minW[i])
		sumMin += minW[i]
		sumWant += want[i]
	}
	switch {
	case sumWant <= total:
		for i := range out {
			out[i] = want[i] * total / sumWant
		}
	case sumMin >= total:
		for i := range out {
			out[i] = minW[i] * total / sumMin
		}
	default:
		extra := total - sumMin
		for i := range out {
			out[i] = minW[i] + extra*(want[i]-minW[i])/(sumWant-sumMin)
		}
	}
	return out
}

// finish writes the page numbers of the table of contents, which are known
// only now, on its pages. (fpdf's state after SetPage is that of the last
// page, so the font is selected again on each.)
func (t *typesetter) finish() {
	total := t.f.PageCount()
	// The contents list the level-2 headings in order.
	for i, e := range t.toc {
		if i >= len(t.heads) {
			break
		}
		target := t.heads[i]
		t.f.SetPage(e.page)
		t.forceFont("", bodySize)
		lh := lineHeight(bodySize)
		for k, l := range e.lines {
			t.drawLine(l, t.g.left, e.y+float64(k)*lh-lh*0.28, bodySize)
		}
		base := e.y + float64(len(e.lines)-1)*lh - lh*0.28
		num := strconv.Itoa(target.page)
		nw := t.f.GetStringWidth(num)
		t.f.Text(t.g.w-t.g.right-nw, base, num)
		// dot leader after the last line
		tw := lineWidth(e.lines[len(e.lines)-1])
		dw := t.f.GetStringWidth(" .")
		dots := strings.Repeat(" .", max(0, int((t.g.width()-tw-nw-4)/dw)))
		if dots != "" {
			t.f.SetTextColor(150, 150, 150)
			t.f.Text(t.g.w-t.g.right-nw-2-t.f.GetStringWidth(dots), base, dots)
			t.f.SetTextColor(0, 0, 0)
		}
		t.f.Link(t.g.left, e.y-lh, t.g.width(), float64(len(e.lines))*lh, target.link)
	}
	t.f.SetPage(total)
}

// breakPoint chooses where to break a word too long for a line, given that
// its first n bytes fit: after the last "@", ".", "/" or "_", or before the
// last "-", so that the parts stay whole words (text extraction takes a
// hyphen at the end of a line for a hyphenation and joins the parts); only
// a word without such a place is broken between letters.
func breakPoint(s string, n int) int {
	for k := n; k > 1; k-- {
		if strings.ContainsRune("@./_", rune(s[k-1])) || s[k] == '-' && s[k-1] != '-' {
			return k
		}
	}
	for n > 1 && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}
