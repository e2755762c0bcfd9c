// Package pdf typesets an assembled agreement as PDF with go-pdf/fpdf. It
// walks the goldmark AST of the agreement's Markdown and lays out lines
// itself (fpdf's MultiCell is quadratic on UTF-8 text): words are measured
// once with the font's widths, cached, and drawn with Text.
package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"

	"github.com/dpa-tool/dpa/internal/fonts"
)

// LayoutVersion names the typesetting rules of this package. It goes into
// every PDF's fingerprint, so it must change whenever the same Markdown
// would be laid out differently; TestFingerprintVersion enforces that for
// the examples.
const LayoutVersion = "3"

// Fingerprint identifies what a PDF is made of: the Markdown, the metadata,
// the fonts and the layout rules. It is recorded in the PDF's keywords, so
// that a build can tell that an existing PDF is current without typesetting
// it again.
func Fingerprint(markdown []byte, m Meta) string {
	h := sha256.New()
	fmt.Fprintf(h, "dpa-pdf\x00%s\x00%q\x00%q\x00%q\x00%q\x00%q\x00%v\x00", LayoutVersion, m.Title, m.Reference, m.Subject, m.Author, m.Date, m.Letter)
	for _, f := range fonts.Faces() {
		h.Write(f.TTF)
	}
	h.Write(markdown)
	return "dpa-fingerprint:" + hex.EncodeToString(h.Sum(nil))
}

// FingerprintOf returns the fingerprint recorded in a PDF, or "".
func FingerprintOf(pdf []byte) string {
	i := bytes.Index(pdf, []byte("/Keywords (dpa-fingerprint:"))
	if i < 0 || len(pdf) < i+11+16+64 {
		return ""
	}
	s := string(pdf[i+11 : i+11+16+64])
	if _, err := hex.DecodeString(s[16:]); err != nil {
		return ""
	}
	return s
}

// Meta is the document information of the PDF.
type Meta struct {
	Title     string
	Reference string
	Subject   string
	Author    string
	Date      string // ISO date; the PDF's creation and modification date
	Letter    bool   // US Letter instead of A4
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
	family   = "go"
	bodySize = 10.0
	noteSize = 8.0
	cellSize = 9.0
	ptToMM   = 0.3528
	leading  = 1.38
	cellPad  = 1.6
)

// page geometry in mm.
type geometry struct {
	w, h, left, right, top, bottom float64
}

func (g geometry) width() float64 { return g.w - g.left - g.right }

type tocEntry struct {
	text  string
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
	pending  []int
	toc      []*tocEntry // the TOC lines, filled in at the end
	heads    []*tocEntry // level-2 headings in order
	draw     bool        // false while measuring
	section  string      // current level-2 heading
	// lastHeading and headingPage are the last heading drawn and its page,
	// until the text that follows it is drawn (see follow).
	lastHeading string
	headingPage int
}

// Render typesets the agreement's Markdown. The result is the same bytes
// for the same input.
func Render(markdown []byte, m Meta) ([]byte, *Layout, error) {
	if err := drawable(markdown); err != nil {
		return nil, nil, err
	}
	doc := parse(markdown)
	g := geometry{w: 210, h: 297, left: 25, right: 25, top: 24, bottom: 22}
	size := "A4"
	if m.Letter {
		g.w, g.h, size = 215.9, 279.4, "Letter"
	}
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: size})
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(g.left, g.top, g.right)
	f.SetCatalogSort(true)
	f.SetCompression(false) // compressPages does it, faster
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
	f.SetKeywords(Fingerprint(markdown, m), false)
	f.SetProducer("dpa", true)
	// Only the faces the document uses are embedded: fpdf parses each face
	// for every document, which is a large part of the rendering time.
	used := usedStyles(doc)
	for _, face := range fonts.Faces() {
		if used[face.Style] {
			f.AddUTF8FontFromBytes(family, face.Style, face.TTF)
		}
	}
	t := &typesetter{f: f, g: g, layout: &Layout{}, notes: doc.Notes, draw: true}
	t.run(doc.Blocks)
	t.finish(m)
	if err := f.Error(); err != nil {
		return nil, nil, err
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, nil, err
	}
	t.layout.Pages = f.PageCount()
	out, err := compressPages(buf.Bytes())
	if err != nil {
		return nil, nil, err
	}
	return out, t.layout, nil
}

func (t *typesetter) newPage() {
	t.f.AddPage()
	t.y = t.g.top
}

func (t *typesetter) bottom() float64 { return t.g.h - t.g.bottom }

// ensure starts a new page unless h mm fit below the cursor.
func (t *typesetter) ensure(h float64) {
	if t.y+h > t.bottom() && t.y > t.g.top+0.1 {
		t.newPage()
	}
}

func lineHeight(size float64) float64 { return size * ptToMM * leading }

// run lays out all blocks.
func (t *typesetter) run(blocks []block) {
	t.newPage() // the cover
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		if b.Kind == bHeading {
			if b.Level == 1 {
				t.title(b)
				continue
			}
			if b.Level == 2 && plainText(b.Runs) == "Contents" {
				i = t.contents(blocks, i)
				continue
			}
			if b.Level == 3 && t.section == "SIGNATURES" {
				j := i + 1
				for j < len(blocks) && blocks[j].Kind != bHeading {
					j++
				}
				t.keepTogether(blocks[i:j], "signature block")
				i = j - 1
				continue
			}
		}
		// A numbered entry ("1. Name") and its table of details (Annex
		// I.A, Annex III) stay on one page.
		if b.Kind == bPara && entryRE.MatchString(b.Label) && i+1 < len(blocks) && blocks[i+1].Kind == bTable {
			t.keepTogether(blocks[i:i+2], "entry")
			i++
			continue
		}
		var next *block
		if i+1 < len(blocks) {
			next = &blocks[i+1]
		}
		t.block(b, next)
	}
	t.flushNotes()
}

// keepTogether lays out a group that must not be split across pages (a
// signature block), moving it to a new page when it does not fit.
func (t *typesetter) keepTogether(bs []block, what string) {
	h := t.measure(func() {
		for _, b := range bs {
			t.block(b, nil)
		}
	})
	t.ensure(h)
	start := t.f.PageNo()
	for _, b := range bs {
		t.block(b, nil)
	}
	if pages := t.f.PageNo() - start + 1; what != "entry" || pages > 1 {
		t.layout.add("p%d %s %q (%d pages)", start, what, plainText(bs[0].Runs), pages)
	}
}

func (t *typesetter) block(b block, next *block) {
	switch b.Kind {
	case bHeading:
		t.heading(b, next)
	case bPara:
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

func (t *typesetter) title(b block) {
	t.y = t.g.top + 30
	t.setFont("B", 24)
	lines := t.lines(b.Runs, t.g.width(), 24, "B")
	for _, l := range lines {
		t.y += lineHeight(24)
		t.drawLine(l, t.g.left, t.y-lineHeight(24)*0.28, 24)
	}
	t.f.Bookmark(plainText(b.Runs), 0, t.g.top)
	t.y += 8
	t.layout.add("p%d title %q", t.f.PageNo(), plainText(b.Runs))
}

var entryRE = regexp.MustCompile(`^\d+\.$`)

var headingSizes = map[int]float64{2: 14, 3: 12, 4: 11, 5: 10.5, 6: 10}

// heading draws a heading, never alone at the foot of a page, and adds its
// bookmark.
func (t *typesetter) heading(b block, next *block) {
	text := plainText(b.Runs)
	size := headingSizes[b.Level]
	style := "B"
	// The footnotes of an addendum follow its Clauses (before its
	// accession form, if any).
	if b.Level == 3 && strings.HasPrefix(t.section, "Addendum") && !strings.HasPrefix(text, "SECTION") && text != "STANDARD CONTRACTUAL CLAUSES" {
		t.flushNotes()
	}
	if b.Level == 2 {
		t.flushNotes()
		t.section = text
		if t.draw && (strings.HasPrefix(text, "Addendum") || strings.HasPrefix(text, "UK Addendum") || strings.HasPrefix(text, "Swiss Supplement") || strings.HasPrefix(text, "ANNEX") || text == "SIGNATURES") {
			t.newPage()
		}
	}
	before := map[int]float64{2: 7, 3: 5, 4: 4, 5: 3, 6: 2}[b.Level]
	if t.y <= t.g.top+0.1 {
		before = 0
	}
	lines := t.lines(b.Runs, t.g.width(), size, style)
	h := before + float64(len(lines))*lineHeight(size) + 1.5
	// Keep with the next block: the heading and at least three lines (and
	// a heading that follows directly).
	if t.draw {
		need := h + 3*lineHeight(bodySize)
		if next != nil && next.Kind == bHeading {
			need += 5 + lineHeight(headingSizes[next.Level])
		}
		if next != nil && next.Kind == bTable {
			need += 12
		}
		t.ensure(need)
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

// contents reserves the table of contents: one line per level-2 heading
// (the list after the Contents heading). The page numbers are written by
// finish. It returns the index of the last block it consumed.
func (t *typesetter) contents(blocks []block, i int) int {
	t.newPage()
	t.y += lineHeight(14)
	t.setFont("B", 14)
	t.f.Text(t.g.left, t.y-lineHeight(14)*0.28, "Contents")
	t.f.Bookmark("Contents", 0, t.g.top)
	t.layout.add("p%d contents", t.f.PageNo())
	t.y += 4
	j := i + 1
	for ; j < len(blocks) && blocks[j].Kind == bItem; j++ {
		lh := lineHeight(bodySize) + 1.2
		if t.y+lh > t.bottom() {
			t.newPage()
		}
		t.y += lh
		t.toc = append(t.toc, &tocEntry{text: plainText(blocks[j].Runs), page: t.f.PageNo(), y: t.y})
	}
	t.newPage()
	return j - 1
}

// paragraph draws a paragraph; a labelled one ("(a)", "1.2") hangs its
// label in the margin of its indentation.
func (t *typesetter) paragraph(b block) {
	x, w := t.g.left, t.g.width()
	indent := 0.0
	if b.Label != "" {
		indent = 9
		if b.Depth == 2 {
			x += 9
			w -= 9
			indent = 11
		}
	}
	t.textBlock(b.Runs, x, w, indent, b.Label, bodySize)
	t.y += 2.2
}

func (t *typesetter) item(b block) {
	t.textBlock(b.Runs, t.g.left+2, t.g.width()-2, 5, "•", bodySize)
	t.y += 0.8
}

// textBlock lays out runs at x with width w; the text starts indent mm in
// and label, if any, is drawn at x. Lines break across pages.
func (t *typesetter) textBlock(runs []run, x, w, indent float64, label string, size float64) {
	// The label is right-aligned in the indent and drawn with the first
	// line as one text, so that text extraction keeps them together and
	// the text of all paragraphs aligns.
	prefix, pw := "", 0.0
	if label != "" {
		prefix = label + " "
		pw = t.wordWidth("", prefix) * size
		indent = max(indent, pw)
	}
	lines := t.lines(runs, w-indent, size, "")
	lh := lineHeight(size)
	for i, l := range lines {
		if t.draw {
			// Avoid a single line at the foot of a page (an orphan).
			need := lh
			if i == 0 && len(lines) > 1 {
				need = 2 * lh
			}
			if t.y+need > t.bottom() {
				t.newPage()
			}
		}
		t.y += lh
		if !t.draw {
			continue
		}
		t.follow()
		base := t.y - lh*0.28
		if i == 0 && prefix != "" && len(l) > 0 && l[0].style == "" && !l[0].super && l[0].x == 0 {
			l = append(line{{text: prefix + l[0].text, x: -pw, w: l[0].w + pw}}, l[1:]...)
		} else if i == 0 && prefix != "" {
			t.setFont("", size)
			t.f.Text(x+indent-pw, base, label)
		}
		t.drawLine(l, x+indent, base, size)
	}
}

// flushNotes prints the footnotes referenced since the last flush, at the
// end of their addendum.
func (t *typesetter) flushNotes() {
	if len(t.pending) == 0 || !t.draw {
		return
	}
	notes := t.pending
	t.pending = nil
	t.ensure(6 + 2*lineHeight(noteSize))
	t.y += 3
	t.f.SetLineWidth(0.2)
	t.f.Line(t.g.left, t.y, t.g.left+40, t.y)
	t.y += 1.5
	for _, n := range notes {
		t.textBlock(t.notes[n], t.g.left, t.g.width(), 6, "("+strconv.Itoa(n)+")", noteSize)
		t.y += 1.2
	}
	t.layout.add("p%d footnotes %v", t.f.PageNo(), notes)
}

// drawable returns an error naming the first character that the embedded
// fonts cannot draw, with the text around it, instead of dropping it.
func drawable(src []byte) error {
	for i, r := range string(src) {
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
