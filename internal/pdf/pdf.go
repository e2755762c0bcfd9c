// Package pdf typesets an assembled agreement as PDF with go-pdf/fpdf. It
// walks the goldmark AST of the agreement's Markdown and lays out lines
// itself (fpdf's MultiCell is quadratic on UTF-8 text): words are measured
// once with the font's widths, cached, and drawn with Text.
package pdf

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"github.com/dpa-tool/dpa/internal/doc"
	"github.com/dpa-tool/dpa/internal/fonts"
	"github.com/dpa-tool/dpa/internal/mdrender"
)

// LayoutVersion names the typesetting rules of this package. It goes into
// every PDF's fingerprint, so it must change whenever the same Markdown
// would be laid out differently; TestFingerprintVersion enforces that for
// the examples.
//
// Version 5: the fingerprint names the faces by their SHA-256 instead of
// hashing their bytes (the layout itself is that of version 4).
const LayoutVersion = "5"

// Fingerprint identifies what a PDF is made of: the Markdown, the metadata,
// the fonts and the layout rules. It is recorded in the PDF's keywords, so
// that a build can tell that an existing PDF is current without typesetting
// it again.
func Fingerprint(markdown []byte, m Meta) string {
	h := sha256.New()
	fmt.Fprintf(h, "dpa-pdf\x00%s\x00%q\x00%q\x00%q\x00%q\x00%q\x00%v\x00", LayoutVersion, m.Title, m.Reference, m.Subject, m.Author, m.Date, m.Letter)
	// The faces by their digests (until layout version 4, their bytes).
	for _, f := range fonts.Faces() {
		fmt.Fprintf(h, "face\x00%s\x00%s\x00", f.Style, f.SHA256)
	}
	if m.Templates != "" {
		fmt.Fprintf(h, "templates\x00%s\x00", m.Templates)
	}
	h.Write(markdown)
	return "dpa-fingerprint:" + hex.EncodeToString(h.Sum(nil))
}

// Meta is the document information of the PDF.
type Meta struct {
	Title     string
	Reference string
	Subject   string
	Author    string
	Date      string // ISO date; the PDF's creation and modification date
	Letter    bool   // US Letter instead of A4
	// Templates is the digest of the templates the agreement was
	// assembled from; it goes into the fingerprint only (when not empty).
	Templates string
	// Fingerprint, when not empty, is Fingerprint(markdown, m) as the
	// caller computed it already to look for a current PDF, so that the
	// Markdown is not hashed twice.
	Fingerprint string
}

// Layout records where things landed, for tests and reviews.
type Layout struct {
	Pages  int
	Events []string
}

func (l *Layout) add(format string, args ...any) {
	l.Events = append(l.Events, fmt.Sprintf(format, args...))
}

// String returns the layout as text, one event per line.
func (l *Layout) String() string {
	return fmt.Sprintf("pages %d\n%s\n", l.Pages, strings.Join(l.Events, "\n"))
}

const (
	family   = "serif"
	bodySize = 10.0
	noteSize = 8.0
	cellSize = 9.0
	ptToMM   = 0.3528
	leading  = 1.38
	cellPad  = 1.6
	// noteSep is the room above the first footnote of a page: space and a
	// short rule.
	noteSep = 5.0
	// noteIndent is the indentation of a footnote's text; its number hangs
	// in it.
	noteIndent = 5.0
	// signSpace is the height of the cell left blank for a signature.
	signSpace = 24.0
)

// page geometry in mm.
type geometry struct {
	w, h, left, right, top, bottom float64
}

func (g geometry) width() float64 { return g.w - g.left - g.right }

// area is the height of the text area of a page.
func (g geometry) area() float64 { return g.h - g.bottom - g.top }

type tocEntry struct {
	text  string
	lines []line // of a contents entry
	page  int
	y     float64
	link  int
	level int
}

// typesetter lays the blocks out on pages.
type typesetter struct {
	f        *fpdf.Fpdf
	g        geometry
	y        float64
	curStyle string // the font selected in fpdf
	curSize  float64
	layout   *Layout
	notes    map[int][]run
	// pageNotes are the footnotes referenced on the current page, printed
	// at its foot when the page ends; noteH is the height they take.
	pageNotes []int
	noteH     float64
	noteLines map[int][]line // the footnotes' lines, laid out once
	toks      []token        // scratch space of lines
	// laidOut holds the lines of the texts laid out last: a text is laid
	// out again to draw a group after measuring it, and after looking
	// ahead from a heading. (A map of all texts allocated more than it
	// saved.)
	laidOut [64]struct {
		key   lineKey
		lines []line
	}
	nextLaidOut int
	toc         []*tocEntry     // the TOC lines, filled in at the end
	heads       []*tocEntry     // level-2 headings in order
	draw        bool            // false while measuring
	kind        doc.SectionKind // the kind of the current section
	// lastHeading and headingPage are the last heading drawn and its page,
	// until the text that follows it is drawn (see follow).
	lastHeading string
	headingPage int
}

// Render typesets the typed agreement d. The fingerprint identifies it by
// its Markdown. The result is the same bytes for the same input.
func Render(d *doc.Document, m Meta) ([]byte, *Layout, error) {
	return RenderMarkdown(d, mdrender.Render(d), m)
}

// RenderMarkdown is Render for a caller that has the Markdown of d
// (mdrender.Render(d)) already.
func RenderMarkdown(d *doc.Document, markdown []byte, m Meta) ([]byte, *Layout, error) {
	if err := drawable(markdown); err != nil {
		return nil, nil, err
	}
	parsed := convert(d)
	g := geometry{w: 210, h: 297, left: 25, right: 25, top: 24, bottom: 22}
	size := "A4"
	if m.Letter {
		g.w, g.h, size = 215.9, 279.4, "Letter"
	}
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: size})
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(g.left, g.top, g.right)
	f.SetCatalogSort(true)
	// fpdf compresses the pages with reused writers and, with this dpa
	// patch, the fonts' ToUnicode maps too (third_party/fpdf/DPA-PATCHES.md).
	f.SetCompression(true)
	f.SetCompressToUnicode(true)
	// Each page is compressed on another core as soon as it is finished,
	// with the page count guessed as that of the last agreement typeset
	// (third_party/fpdf/dpa_pipe.go); a wrong guess changes no byte. The
	// first agreement of a process has no guess: its pages are compressed
	// at the end, on both cores. Not while another agreement is typeset
	// (a batch): then the other core is busy, and handing pages over
	// would only cost time.
	alone := rendering.Add(1) == 1
	defer rendering.Add(-1)
	if compressAhead && alone {
		f.SetPageCountGuess(pageCounts.guess(len(markdown)))
	}
	date, err := time.Parse("2006-01-02", m.Date)
	if err != nil {
		date = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	f.SetCreationDate(date)
	f.SetModificationDate(date)
	f.SetTitle(m.Title, true)
	f.SetSubject(m.Subject, true)
	f.SetAuthor(m.Author, true)
	f.SetCreator("dpa", true)
	// The fingerprint, unless the caller has it already.
	fp := m.Fingerprint
	if fp == "" {
		fp = Fingerprint(markdown, m)
	}
	f.SetProducer("dpa", true)
	// Only the faces the document uses are embedded.
	used := usedStyles(parsed)
	presetFaces()
	for _, face := range fonts.Faces() {
		if used[face.Style] {
			f.AddUTF8FontFromBytes(family, face.Style, face.TTF)
		}
	}
	t := &typesetter{f: f, g: g, layout: &Layout{}, notes: parsed.Notes, noteLines: map[int][]line{}, draw: true}
	t.furniture(m)
	t.run(parsed.Blocks)
	t.finish()
	f.SetKeywords(fp, false)
	if err := f.Error(); err != nil {
		return nil, nil, err
	}
	out, err := f.OutputBytes() // the document's buffer, not a copy
	if err != nil {
		return nil, nil, err
	}
	t.layout.Pages = f.PageCount()
	pageCounts.add(len(markdown), t.layout.Pages)
	return out, t.layout, nil
}

// pageCounts remembers the page counts of the last agreements typeset in
// this process, by the length of their Markdown: the guess for the next
// one is the count of the one closest in length (the same agreement again,
// or in a batch a client much like it), 0 for none.
var pageCounts pageCountMemo

type pageCountMemo struct {
	sync.Mutex
	seen [32]struct{ mdLen, pages int } // a ring, the latest at next-1
	next int
}

func (m *pageCountMemo) add(mdLen, pages int) {
	m.Lock()
	defer m.Unlock()
	m.seen[m.next%len(m.seen)] = struct{ mdLen, pages int }{mdLen, pages}
	m.next++
}

func (m *pageCountMemo) guess(mdLen int) int {
	m.Lock()
	defer m.Unlock()
	best, dist := 0, -1
	// From the latest back, so that a tie goes to the latest.
	for k := 1; k <= min(m.next, len(m.seen)); k++ {
		e := m.seen[(m.next-k)%len(m.seen)]
		if d := max(e.mdLen-mdLen, mdLen-e.mdLen); dist < 0 || d < dist {
			best, dist = e.pages, d
		}
	}
	return best
}

// rendering is the number of agreements being typeset in this process.
var rendering atomic.Int32

// compressAhead turns the compression of pages on another core on; the
// benchmarks turn it off to compare.
var compressAhead = true

// furniture sets the running head (title and reference) and the footer
// "Page X of Y" of every page but the cover, drawn by fpdf as each page
// begins and ends; Y is fpdf's alias for the page count.
func (t *typesetter) furniture(m Meta) {
	f := t.f
	head := m.Title
	if m.Reference != "" {
		head += " · " + m.Reference
	}
	// fpdf replaces the alias in the pages' bytes, where text is UTF-16BE,
	// without regard to character boundaries. This alias cannot occur in
	// drawable text, neither on a boundary (U+F8F0 is a private-use
	// character, which the fonts do not draw) nor across one (that would
	// need U+F0F8, private use too).
	const alias = "\uF8F0\uF8F0"
	f.AliasNbPages(alias)
	f.SetHeaderFuncMode(func() {
		if f.PageNo() == 1 {
			return
		}
		f.SetTextColor(90, 90, 90)
		f.SetFont(family, "", 8)
		f.Text(t.g.left, 14, head)
		f.SetDrawColor(160, 160, 160)
		f.SetLineWidth(0.2)
		f.Line(t.g.left, 16, t.g.w-t.g.right, 16)
	}, false)
	f.SetFooterFunc(func() {
		if f.PageNo() == 1 {
			return
		}
		f.SetTextColor(90, 90, 90)
		f.SetFont(family, "", 8)
		foot := "Page " + strconv.Itoa(f.PageNo()) + " of "
		// Centred for a two-digit page count (the digits are tabular).
		w := f.GetStringWidth(foot) + 2*f.GetStringWidth("0")
		f.Text((t.g.w-w)/2, t.g.h-11, foot+alias)
	})
}

// newPage ends the current page, with its footnotes, and starts the next.
// section says that the break is required (a section that starts a page);
// any other break that leaves a page less than a third full is recorded as a
// layout defect.
func (t *typesetter) newPage(section bool) {
	if p := t.f.PageNo(); p > 0 {
		t.drawNotes()
		if fill := (t.y - t.g.top) / t.g.area(); !section && p > 1 && fill < 1.0/3 {
			t.layout.add("p%d near-empty page (%.0f%% filled)", p, fill*100)
		}
	}
	t.f.AddPage()
	t.curStyle, t.curSize = "", 0 // fpdf restores its font; ours is unknown
	t.y = t.g.top
}

// pageBottom is the lowest baseline area of a page; bottom is that of the
// text above the current page's footnotes.
func (t *typesetter) pageBottom() float64 { return t.g.h - t.g.bottom }

func (t *typesetter) bottom() float64 { return t.pageBottom() - t.noteH }

// atTop reports whether nothing has been drawn on the page yet.
func (t *typesetter) atTop() bool { return t.y <= t.g.top+0.1 }

// ensure starts a new page unless h mm fit below the cursor.
func (t *typesetter) ensure(h float64) {
	if t.y+h > t.bottom() && !t.atTop() {
		t.newPage(false)
	}
}

func lineHeight(size float64) float64 { return size * ptToMM * leading }

// run lays out all blocks.
func (t *typesetter) run(blocks []block) {
	t.newPage(true) // the cover
	i := 0
	if len(blocks) > 0 && blocks[0].Kind == bHeading && blocks[0].Level == 1 {
		j := 1
		for j < len(blocks) && !(blocks[j].Kind == bHeading && blocks[j].Level <= 2) {
			j++
		}
		t.cover(blocks[:j], j < len(blocks) && blocks[j].Section == doc.Contents)
		i = j
	}
	for ; i < len(blocks); i++ {
		b := blocks[i]
		if b.Kind == bHeading {
			if b.Level == 2 && b.Section == doc.Contents {
				i = t.contents(blocks, i)
				continue
			}
			if b.Level == 3 && b.Section == doc.Signatures {
				i = t.signatures(blocks, i)
				continue
			}
		}
		// A numbered entry ("1. Name") and its table of details (Annex
		// I.A, Annex III) stay on one page: the document marks the entry
		// to be kept with its table.
		if b.Kind == bPara && b.Keep && b.Label != "" && i+1 < len(blocks) && blocks[i+1].Kind == bTable {
			t.keepTogether(blocks[i:i+2], "entry", false)
			i++
			continue
		}
		t.block(blocks, i)
	}
	t.drawNotes()
}

// signatures lays out one party's part of the signature page, from its
// heading at i: each signatory's block (the heading and the party's role
// with the first) is kept on one page. It returns the index of the last
// block it consumed.
func (t *typesetter) signatures(blocks []block, i int) int {
	start := i
	for j := i + 1; j <= len(blocks); j++ {
		if j == len(blocks) || blocks[j].Kind == bHeading {
			if start < j {
				t.keepTogether(blocks[start:j], "signature block", true)
			}
			return j - 1
		}
		if blocks[j].Kind == bTable {
			t.keepTogether(blocks[start:j+1], "signature block", true)
			start = j + 1
		}
	}
	return len(blocks) - 1
}

// keepTogether lays out a group that must not be split across pages,
// moving it to a new page when it does not fit. A group that is not
// required to stay whole (an entry with its table) moves only when it
// takes less than half a page; a longer one flows.
func (t *typesetter) keepTogether(bs []block, what string, required bool) {
	h := t.measure(func() {
		for i := range bs {
			t.block(bs, i)
		}
	})
	if t.y+h > t.bottom() && !t.atTop() && (required || h < t.g.area()/2) {
		t.newPage(false)
	}
	start := t.f.PageNo()
	for i := range bs {
		t.block(bs, i)
	}
	if pages := t.f.PageNo() - start + 1; what != "entry" || pages > 1 {
		t.layout.add("p%d %s %q (%d pages)", start, what, plainText(bs[0].Runs), pages)
	}
}

// block lays out blocks[i]; the blocks after it decide where a heading
// may stand.
func (t *typesetter) block(blocks []block, i int) {
	b := blocks[i]
	switch b.Kind {
	case bHeading:
		t.heading(blocks, i)
	case bPara:
		if caption(b) && t.draw {
			// A caption ("Purpose and scope", "Subject matter of the
			// processing") keeps the start of what it introduces.
			t.ensure(t.startHeight(blocks, i))
		}
		t.paragraph(b)
	case bItem:
		t.item(b)
	case bTable:
		t.table(b)
	}
}

// measure returns the height that fn lays out, without drawing; fn must not
// need a page break.
func (t *typesetter) measure(fn func()) float64 {
	saveY, saveDraw, saveLayout := t.y, t.draw, t.layout
	t.draw, t.y, t.layout = false, 0, &Layout{}
	fn()
	h := t.y
	t.y, t.draw, t.layout = saveY, saveDraw, saveLayout
	return h
}

// newPageKinds are the kinds of section that start on a new page.
var newPageKinds = map[doc.SectionKind]bool{doc.Addendum: true, doc.Supplement: true, doc.Annex: true, doc.Signatures: true}

// headingSize is the size of a heading of a level (pt); spaceBefore the
// space above it (mm). (Switches: a map lookup per heading showed in the
// profile.)
func headingSize(level int) float64 {
	switch level {
	case 2:
		return 14
	case 3:
		return 12
	case 4:
		return 11
	case 5:
		return 10.5
	case 6:
		return 10
	}
	return 0
}

func spaceBefore(level int) float64 {
	switch level {
	case 2:
		return 7
	case 3:
		return 5
	case 4:
		return 4
	case 5:
		return 3
	case 6:
		return 2
	}
	return 0
}

// heading draws a heading, never alone at the foot of a page (it needs
// room for the start of what follows), and adds its bookmark.
func (t *typesetter) heading(blocks []block, i int) {
	b := blocks[i]
	text := plainText(b.Runs)
	size := headingSize(b.Level)
	if b.Level == 2 {
		t.kind = b.Section
		if t.draw && b.First && newPageKinds[b.Section] {
			t.newPage(true)
		}
	}
	before := spaceBefore(b.Level)
	if t.atTop() {
		before = 0
	}
	lines := t.lines(b.Runs, t.g.width(), size, "B")
	h := before + float64(len(lines))*lineHeight(size) + 1.5
	if t.draw {
		t.ensure(h + t.startHeight(blocks, i+1))
		if t.atTop() {
			h -= before
			before = 0
		}
	}
	t.y += before
	top := t.y
	for _, l := range lines {
		t.y += lineHeight(size)
		if t.draw {
			t.drawLine(l, t.g.left, t.y-lineHeight(size)*0.28, size)
		}
	}
	t.y += 1.5
	if !t.draw {
		return
	}
	var next *block
	if i+1 < len(blocks) {
		next = &blocks[i+1]
	}
	mark := text
	if next != nil && next.Kind == bPara && len(next.Runs) == 1 && next.Runs[0].Style == "B" && next.Label == "" {
		mark += " – " + next.Runs[0].Text // "Clause 1 – Purpose and scope"
	}
	level := b.Level - 2
	t.lastHeading, t.headingPage = text, t.f.PageNo()
	t.f.Bookmark(mark, level, top)
	t.layout.add("p%d h%d %q", t.f.PageNo(), b.Level, text)
	if b.Level == 2 {
		link := t.f.AddLink()
		t.f.SetLink(link, top, t.f.PageNo())
		t.heads = append(t.heads, &tocEntry{text: text, page: t.f.PageNo(), link: link})
	}
}

// startHeight is the height that must follow a heading on its page: the
// first two lines of a paragraph (all of it if it cannot be split), the
// header and first row of a table, or the next heading and its start.
func (t *typesetter) startHeight(blocks []block, i int) float64 {
	if i >= len(blocks) {
		return 0
	}
	b := blocks[i]
	switch b.Kind {
	case bHeading:
		size := headingSize(b.Level)
		return 5 + float64(len(t.lines(b.Runs, t.g.width(), size, "B")))*lineHeight(size) + 1.5 + t.startHeight(blocks, i+1)
	case bPara, bItem:
		_, w, indent, label, size := t.paraGeometry(b)
		lines := t.lines(b.Runs, w-t.labelIndent(indent, label, size), size, "")
		n := len(lines)
		if n > 3 {
			n = 2
		}
		h := float64(n)*lineHeight(size) + t.notesHeight(lines[:n], nil)
		if caption(b) {
			h += 2.2 + t.startHeight(blocks, i+1)
		}
		return h
	case bTable:
		return 1 + 2*(lineHeight(cellSize)+2*cellPad)
	}
	return 0
}

// caption reports whether a paragraph is a caption: one bold run, no
// label.
func caption(b block) bool {
	return b.Kind == bPara && b.Label == "" && len(b.Runs) == 1 && b.Runs[0].Style == "B" && !b.Runs[0].Super
}

// contents reserves the table of contents: one line per level-2 heading
// (the list after the Contents heading). The page numbers are written by
// finish. It returns the index of the last block it consumed.
func (t *typesetter) contents(blocks []block, i int) int {
	t.newPage(true)
	t.y += lineHeight(14)
	t.setFont("B", 14)
	title := plainText(blocks[i].Runs)
	t.f.Text(t.g.left, t.y-lineHeight(14)*0.28, title)
	t.f.Bookmark(title, 0, t.g.top)
	t.layout.add("p%d contents", t.f.PageNo())
	t.y += 4
	j := i + 1
	for ; j < len(blocks) && blocks[j].Kind == bItem; j++ {
		// An entry wraps before the column of page numbers.
		lines := t.lines(blocks[j].Runs, t.g.width()-14, bodySize, "")
		if len(lines) == 0 {
			continue
		}
		h := float64(len(lines))*lineHeight(bodySize) + 1.2
		if t.y+h > t.bottom() {
			t.newPage(true)
		}
		t.y += lineHeight(bodySize) + 1.2
		t.toc = append(t.toc, &tocEntry{text: plainText(blocks[j].Runs), page: t.f.PageNo(), y: t.y, lines: lines})
		t.y += float64(len(lines)-1) * lineHeight(bodySize)
	}
	t.newPage(true)
	return j - 1
}

// paraGeometry returns where a paragraph or list item stands: its left
// edge, width, the indentation of its text, its hanging label and size.
func (t *typesetter) paraGeometry(b block) (x, w, indent float64, label string, size float64) {
	if b.Kind == bItem {
		return t.g.left + 2, t.g.width() - 2, 5, "•", bodySize
	}
	x, w = t.g.left, t.g.width()
	if b.Label != "" {
		indent = 9
		if b.Depth == 2 {
			x += 9
			w -= 9
			indent = 11
		}
	}
	return x, w, indent, b.Label, bodySize
}

// labelIndent is the indentation of a text whose label hangs in indent:
// wider if the label does not fit.
func (t *typesetter) labelIndent(indent float64, label string, size float64) float64 {
	if label == "" {
		return indent
	}
	return max(indent, t.wordWidth("", label+" ")*size)
}

// paragraph draws a paragraph; a labelled one ("(a)", "1.2") hangs its
// label in the margin of its indentation.
func (t *typesetter) paragraph(b block) {
	x, w, indent, label, size := t.paraGeometry(b)
	h, p := t.lastHeading, t.headingPage
	t.textBlock(b.Runs, x, w, indent, label, size)
	if caption(b) && h != "" && t.lastHeading == "" && t.draw && t.f.PageNo() == p {
		// A caption is part of its heading: the text after it must
		// follow on the same page.
		t.lastHeading, t.headingPage = h, p
	}
	t.y += 2.2
}

// item draws a list item; the last of its list is followed by the space of
// a paragraph, so that a heading after a list stands apart.
func (t *typesetter) item(b block) {
	x, w, indent, label, size := t.paraGeometry(b)
	t.textBlock(b.Runs, x, w, indent, label, size)
	if b.Last {
		t.y += 2.2
	} else {
		t.y += 0.8
	}
}

// textBlock lays out runs at x with width w; the text starts indent mm in
// and label, if any, hangs before it. A page break inside the text leaves
// at least two lines on each page (no orphan, no widow), and a line moves
// to the next page with its footnotes when they do not fit at the foot of
// this one.
func (t *typesetter) textBlock(runs []run, x, w, indent float64, label string, size float64) {
	indent = t.labelIndent(indent, label, size)
	lines := t.lines(runs, w-indent, size, "")
	lh := lineHeight(size)
	if !t.draw {
		t.y += float64(len(lines)) * lh
		return
	}
	for i := 0; i < len(lines); {
		rest := len(lines) - i
		k := t.fitLines(lines[i:], lh)
		if k >= rest {
			t.drawLines(lines[i:], x, indent, label, i == 0, size)
			return
		}
		s := min(k, rest-2)
		if s < 2 {
			s = 0
		}
		if s == 0 && t.atTop() {
			s = max(k, 1) // nothing better on any page
		}
		if s > 0 {
			if s < 2 || rest-s < 2 {
				t.layout.add("p%d orphan or widow line", t.f.PageNo())
			}
			t.drawLines(lines[i:i+s], x, indent, label, i == 0, size)
			i += s
		}
		t.newPage(false)
	}
}

// fitLines returns how many of lines fit on the page below the cursor,
// with the footnotes they refer to.
func (t *typesetter) fitLines(lines []line, lh float64) int {
	y, noteH := t.y, t.noteH
	var seen []int
	for n, l := range lines {
		add := t.notesHeight([]line{l}, seen)
		if noteH == 0 && add > 0 {
			add += noteSep
		}
		if y+lh+noteH+add > t.pageBottom() {
			return n
		}
		y += lh
		noteH += add
		seen = append(seen, lineNotes(l)...)
	}
	return len(lines)
}

// drawLines draws lines below the cursor; the label, if first, is drawn
// with the first line, right-aligned in the indent and as one text with it,
// so that text extraction keeps them together and the text of all
// paragraphs aligns.
func (t *typesetter) drawLines(lines []line, x, indent float64, label string, first bool, size float64) {
	lh := lineHeight(size)
	t.follow()
	for i, l := range lines {
		t.y += lh
		base := t.y - lh*0.28
		if i == 0 && first && label != "" {
			prefix := label + " "
			pw := t.wordWidth("", prefix) * size
			if len(l) > 0 && l[0].style == "" && !l[0].super && l[0].x == 0 {
				l = append(line{{text: prefix + l[0].text, x: -pw, w: l[0].w + pw}}, l[1:]...)
			} else {
				t.setFont("", size)
				t.f.Text(x+indent-pw, base, label)
			}
		}
		t.drawLine(l, x+indent, base, size)
	}
}

// lineNotes returns the footnotes a line refers to.
func lineNotes(l line) []int {
	var out []int
	for _, s := range l {
		if s.super && s.note > 0 {
			out = append(out, s.note)
		}
	}
	return out
}

// notesHeight returns the height that the footnotes of lines add to the
// current page, leaving out those already on it and those in seen (but not
// the rule above the first).
func (t *typesetter) notesHeight(lines []line, seen []int) float64 {
	h := 0.0
	for _, l := range lines {
		for _, n := range lineNotes(l) {
			if slices.Contains(t.pageNotes, n) || slices.Contains(seen, n) {
				continue
			}
			h += float64(len(t.noteText(n)))*lineHeight(noteSize) + 1.2
		}
	}
	return h
}

// noteText returns the lines of footnote n.
func (t *typesetter) noteText(n int) []line {
	if l, ok := t.noteLines[n]; ok {
		return l
	}
	label := strconv.Itoa(n)
	l := t.lines(t.notes[n], t.g.width()-t.labelIndent(noteIndent, label, noteSize), noteSize, "")
	t.noteLines[n] = l
	return l
}

// addNote puts footnote n at the foot of the current page.
func (t *typesetter) addNote(n int) {
	if slices.Contains(t.pageNotes, n) {
		return
	}
	if len(t.pageNotes) == 0 {
		t.noteH += noteSep
	}
	t.pageNotes = append(t.pageNotes, n)
	t.noteH += float64(len(t.noteText(n)))*lineHeight(noteSize) + 1.2
}

// drawNotes prints the current page's footnotes at its foot, below a
// short rule, each with its number hanging in the indent.
func (t *typesetter) drawNotes() {
	if len(t.pageNotes) == 0 || !t.draw {
		return
	}
	y := t.pageBottom() - t.noteH
	t.f.SetDrawColor(0, 0, 0)
	t.f.SetLineWidth(0.2)
	t.f.Line(t.g.left, y+noteSep-2, t.g.left+40, y+noteSep-2)
	saveY, saveHeading := t.y, t.lastHeading
	t.lastHeading = "" // the footnotes are not the text after a heading
	t.y = y + noteSep - 0.5
	for _, n := range t.pageNotes {
		label := strconv.Itoa(n)
		t.drawLines(t.noteText(n), t.g.left, t.labelIndent(noteIndent, label, noteSize), label, true, noteSize)
		t.y += 1.2
	}
	t.layout.add("p%d footnotes %v", t.f.PageNo(), t.pageNotes)
	t.y, t.lastHeading = saveY, saveHeading
	t.pageNotes, t.noteH = nil, 0
}

// cover lays out the title and what precedes the contents (reference,
// date, parties, principal agreement) as a cover page: centred, the tables
// turned into aligned label and value lines, a party's name in bold. Each
// value keeps all its text; a cover too long for one page continues on the
// next. toc says that the contents follow: the cover then stands a third
// down its page.
func (t *typesetter) cover(bs []block, toc bool) {
	if toc {
		if h := t.measure(func() { t.coverBlocks(bs) }); h < t.g.area() {
			t.y = t.g.top + (t.g.area()-h)/3
		}
	}
	t.coverBlocks(bs)
	t.layout.add("p%d title %q", t.f.PageNo(), plainText(bs[0].Runs))
}

// lineKey identifies runs laid out at a width, size and base style. The
// runs are those of the document being typeset, which do not change while
// it is.
type lineKey struct {
	runs        *run
	n           int
	width, size float64
	base        string
}

// kv is a label and value line of the cover.
type kv struct {
	label []run
	value []run
	bold  bool
	gap   float64 // space before it
}

func (t *typesetter) coverBlocks(bs []block) {
	const titleSize = 24.0
	// The title, centred.
	for _, l := range t.lines(bs[0].Runs, t.g.width(), titleSize, "B") {
		t.coverLine(l, titleSize, true)
	}
	if t.draw {
		t.f.Bookmark(plainText(bs[0].Runs), 0, t.g.top)
	}
	if len(bs) == 1 {
		t.y += 8
		return
	}
	t.y += 5
	if t.draw {
		t.f.SetDrawColor(0, 0, 0)
		t.f.SetLineWidth(0.3)
		t.f.Line(t.g.w/2-20, t.y, t.g.w/2+20, t.y)
	}
	t.y += 10
	// The label column is as wide as the widest label, for the whole cover.
	var groups [][]kv
	labelW := 0.0
	for _, b := range bs[1:] {
		switch b.Kind {
		case bTable:
			var g []kv
			if plainText(rowText(b.Header)) == "" {
				for _, r := range b.Rows {
					if len(r) >= 2 {
						g = append(g, kv{label: r[0], value: r[1]})
					}
				}
			} else {
				for ri, r := range b.Rows {
					for c := range r {
						if c < len(b.Header) {
							e := kv{label: b.Header[c], value: r[c], bold: c == 0}
							if c == 0 && ri > 0 {
								e.gap = 4
							}
							g = append(g, e)
						}
					}
				}
			}
			for _, e := range g {
				labelW = max(labelW, t.wordWidth("", plainText(e.label))*bodySize)
			}
			groups = append(groups, g)
		default:
			groups = append(groups, nil)
		}
	}
	labelW = min(labelW, t.g.width()*0.35)
	const gutter = 3.0
	valueW := t.g.width()*0.85 - labelW - gutter
	x0 := t.g.left + (t.g.width()-(labelW+gutter+valueW))/2
	lh := lineHeight(bodySize)
	for k, b := range bs[1:] {
		if b.Kind != bTable {
			for _, l := range t.lines(b.Runs, t.g.width()*0.85, bodySize, "") {
				t.coverLine(l, bodySize, false)
			}
			t.y += 7
			continue
		}
		for _, e := range groups[k] {
			t.y += e.gap
			st := ""
			if e.bold {
				st = "B"
			}
			labels := t.lines(e.label, labelW, bodySize, "")
			values := t.lines(e.value, valueW, bodySize, st)
			for i := 0; i < max(len(labels), len(values)); i++ {
				if t.draw && t.y+lh > t.bottom() {
					t.newPage(false)
				}
				t.y += lh
				if !t.draw {
					continue
				}
				base := t.y - lh*0.28
				if i < len(labels) {
					t.f.SetTextColor(90, 90, 90)
					t.drawLine(labels[i], x0+labelW-lineWidth(labels[i]), base, bodySize)
					t.f.SetTextColor(0, 0, 0)
				}
				if i < len(values) {
					t.drawLine(values[i], x0+labelW+gutter, base, bodySize)
				}
			}
			t.y += 1
		}
		t.y += 7
	}
}

// coverLine draws a line centred on the page.
func (t *typesetter) coverLine(l line, size float64, big bool) {
	lh := lineHeight(size)
	if t.draw && t.y+lh > t.bottom() {
		t.newPage(false)
	}
	t.y += lh
	if t.draw {
		t.drawLine(l, t.g.left+(t.g.width()-lineWidth(l))/2, t.y-lh*0.28, size)
	}
}

// lineWidth is the width of a laid-out line.
func lineWidth(l line) float64 {
	if len(l) == 0 {
		return 0
	}
	return l[len(l)-1].x + l[len(l)-1].w
}

// rowText joins the cells of a table row.
func rowText(cells [][]run) []run {
	var out []run
	for _, c := range cells {
		out = append(out, c...)
	}
	return out
}

// drawable returns an error naming the first character that the embedded
// fonts cannot draw, with the text around it, instead of dropping it.
func drawable(src []byte) error {
	// Decoded in place: a range over string(src) would copy the Markdown.
	for i, n := 0, 0; i < len(src); i += n {
		r := rune(src[i])
		if n = 1; r >= 0x80 {
			r, n = utf8.DecodeRune(src[i:])
		}
		if r < 0x80 && r >= 0x20 || r == '\n' || r == '\t' {
			continue
		}
		if !fonts.Covers(r) {
			s := string(src)
			from, to := max(0, i-30), min(len(s), i+30)
			for from > 0 && !utf8.RuneStart(s[from]) {
				from--
			}
			for to < len(s) && !utf8.RuneStart(s[to]) {
				to++
			}
			return fmt.Errorf("character %U %q cannot be drawn by the embedded fonts (in %q); replace it in the description", r, r, strings.TrimSpace(s[from:to]))
		}
	}
	return nil
}

// usedStyles returns the faces a document needs: regular and bold for the
// furniture and headings, and any style of its text.
func usedStyles(doc *document) map[string]bool {
	used := map[string]bool{"": true, "B": true}
	add := func(rs []run) {
		for _, r := range rs {
			used[r.Style] = true
		}
	}
	for _, b := range doc.Blocks {
		add(b.Runs)
		for _, c := range b.Header {
			add(c)
		}
		for _, row := range b.Rows {
			for _, c := range row {
				add(c)
			}
		}
	}
	for _, n := range doc.Notes {
		add(n)
	}
	// A bold heading or label can contain italic text: bold italic.
	if used["I"] {
		used["BI"] = true
	}
	return used
}

// follow records, when text is drawn after a heading, whether the heading
// was left alone at the foot of the previous page (a layout defect that the
// tests look for).
func (t *typesetter) follow() {
	if t.lastHeading == "" {
		return
	}
	if t.f.PageNo() != t.headingPage {
		t.layout.add("p%d heading %q left alone at the foot of the page", t.headingPage, t.lastHeading)
	}
	t.lastHeading = ""
}
