// Package docx renders the typed agreement (internal/doc) as a Word
// document (Office Open XML, .docx) that a lawyer can negotiate in: styles
// instead of direct formatting, headings in Word's outline, real footnotes,
// a table of contents field, a running header and "Page X of Y" footer, and
// the signature page as tables with room to sign.
//
// The parts are written with this package's own small XML writer and
// archive/zip; the output is the same bytes for the same document (fixed
// timestamps and entry order, identifiers numbered in document order).
package docx

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/dpa-tool/dpa/internal/doc"
)

// Version names the rendering rules of this package. It goes into the
// fingerprint, so it must change whenever the same document would be
// rendered to other bytes.
const Version = "3"

// FontFamily is the typeface the styles name: the family of the PDF. The
// font is not embedded; the font table describes it as a proportional serif
// so that a word processor without it substitutes a similar face.
const FontFamily = "Noto Serif"

// FingerprintKey prefixes the fingerprint in the document's keywords and
// in the ZIP comment.
const FingerprintKey = "dpa-fingerprint:"

// Fingerprint identifies what a DOCX is made of: the typed document and
// the rendering rules. It is "dpa-fingerprint:" and 64 hex digits.
func Fingerprint(d *doc.Document) (string, error) {
	b, err := json.Marshal(d)
	if err != nil {
		return "", fmt.Errorf("docx: fingerprint: %w", err)
	}
	h := sha256.New()
	fmt.Fprintf(h, "dpa-docx\x00%s\x00%s\x00", Version, FontFamily)
	h.Write(b)
	return FingerprintKey + hex.EncodeToString(h.Sum(nil)), nil
}

// page geometry in twentieths of a point.
type geometry struct {
	w, h, margin int
}

func (g geometry) textWidth() int { return g.w - 2*g.margin }

var (
	a4     = geometry{w: 11906, h: 16838, margin: 1417} // 210 × 297 mm, 25 mm margins
	letter = geometry{w: 12240, h: 15840, margin: 1440} // 8.5 × 11 in, 1 in margins
)

// Render returns the document as a .docx. Its keywords and the ZIP comment
// hold the fingerprint fp (see Fingerprint), which a caller may replace by
// a seal of the same length in the comment.
func Render(d *doc.Document, fp string) ([]byte, error) {
	if d == nil {
		return nil, fmt.Errorf("docx: no document")
	}
	r := &renderer{d: d, g: a4, bookmarks: map[string]string{}, noteIDs: map[int]int{}}
	switch strings.ToLower(d.Meta.Paper) {
	case "letter":
		r.g = letter
	case "", "a4":
	default:
		return nil, fmt.Errorf("docx: unknown paper size %q (want a4 or letter)", d.Meta.Paper)
	}
	r.doc.rels = newRels()
	r.notes.rels = newRels()
	if err := r.plan(); err != nil {
		return nil, err
	}
	body := r.body()
	notes, err := r.footnotes()
	if err != nil {
		return nil, err
	}
	return pack(r, body, notes, fp)
}

// renderer holds the state of one rendering.
type renderer struct {
	d *doc.Document
	g geometry
	// bookmarks maps the anchors of headings to Word bookmark names.
	bookmarks map[string]string
	// marks are the bookmark names of the headings in document order.
	marks []string
	// toc lists the entries of the table of contents.
	toc []tocEntry
	// noteIDs maps a footnote number to its Word footnote id, in the order
	// of first reference; noteOrder is that order.
	noteIDs   map[int]int
	noteOrder []int
	// customMarks is true when the notes are not referenced first in the
	// order 1, 2, 3, …: their numbers are then written as custom marks.
	customMarks bool
	doc, notes  part
	bookmarkID  int
	headingSeq  int
}

// part is one XML part with its relationships.
type part struct {
	w    xmlWriter
	rels *rels
}

type tocEntry struct {
	text, mark string
}

// headingIndex counts headings while planning and writing, so both give the
// same bookmark to the same heading.
func (r *renderer) nextMark() string {
	r.headingSeq++
	return fmt.Sprintf("_Toc%06d", r.headingSeq)
}

// plan walks the document once before writing: bookmark names for the
// headings (so that links and the table of contents can point forward), the
// entries of the table of contents and the footnote ids.
func (r *renderer) plan() error {
	for _, s := range r.d.Sections {
		for _, b := range s.Blocks {
			if b.Kind == doc.Heading {
				m := r.nextMark()
				r.marks = append(r.marks, m)
				if b.Anchor != "" {
					if _, dup := r.bookmarks[b.Anchor]; !dup {
						r.bookmarks[b.Anchor] = m
					}
				}
				if b.Level == 2 && s.Kind != doc.Contents {
					r.toc = append(r.toc, tocEntry{text: headingText(b), mark: m})
				}
			}
			for _, ins := range blockInlines(b) {
				for _, in := range ins {
					if in.Note > 0 {
						if _, seen := r.noteIDs[in.Note]; !seen {
							if _, ok := r.d.Notes[in.Note]; !ok {
								return fmt.Errorf("docx: footnote %d is referenced but has no text", in.Note)
							}
							r.noteOrder = append(r.noteOrder, in.Note)
							// ids 0 and 1 are the separators.
							r.noteIDs[in.Note] = len(r.noteOrder) + 1
						}
					}
				}
			}
		}
	}
	for i, n := range r.noteOrder {
		if n != i+1 {
			r.customMarks = true
		}
	}
	r.headingSeq = 0
	return nil
}

// blockInlines returns every run list of a block.
func blockInlines(b doc.Block) [][]doc.Inline {
	out := [][]doc.Inline{b.Inlines}
	for _, c := range b.Header {
		out = append(out, c)
	}
	for _, row := range b.Rows {
		for _, c := range row {
			out = append(out, c)
		}
	}
	return out
}

// plainText is the text of runs without formatting and note references.
func plainText(ins []doc.Inline) string {
	var b strings.Builder
	for _, in := range ins {
		switch {
		case in.Break:
			b.WriteByte(' ')
		case in.Note > 0:
		default:
			b.WriteString(in.Text)
		}
	}
	return b.String()
}

// headingText is a heading as printed: its number, then its text.
func headingText(b doc.Block) string {
	t := plainText(b.Inlines)
	switch {
	case b.Number == "":
		return t
	case t == "":
		return b.Number
	}
	return b.Number + " " + t
}

// body writes document.xml.
func (r *renderer) body() string {
	w := &r.doc.w
	w.raw(xmlHeader, `<w:document `, nsW, ` `, nsR, `><w:body>`)
	first := true
	for _, s := range r.d.Sections {
		brk := !first && s.Kind != doc.Body
		if len(s.Blocks) == 0 {
			continue
		}
		first = false
		if s.Kind == doc.Contents {
			r.contents(s, brk)
			continue
		}
		for i, b := range s.Blocks {
			var next *doc.Block
			if i+1 < len(s.Blocks) {
				next = &s.Blocks[i+1]
			}
			r.block(b, next, brk && i == 0, s.Kind)
		}
	}
	r.sectPr()
	w.raw(`</w:body></w:document>`)
	return w.String()
}

// sectPr writes the section properties: page size, margins, header and
// footer.
func (r *renderer) sectPr() {
	w := &r.doc.w
	hdr := r.doc.rels.add(relHeader, "header1.xml", false)
	ftr := r.doc.rels.add(relFooter, "footer1.xml", false)
	w.raw(`<w:sectPr><w:headerReference w:type="default" r:id="`, hdr, `"/><w:footerReference w:type="default" r:id="`, ftr, `"/>`)
	orient := ""
	w.raw(`<w:pgSz w:w="`, itoa(r.g.w), `" w:h="`, itoa(r.g.h), `"`, orient, `/>`)
	m := itoa(r.g.margin)
	w.raw(`<w:pgMar w:top="`, m, `" w:right="`, m, `" w:bottom="`, m, `" w:left="`, m, `" w:header="709" w:footer="709" w:gutter="0"/>`)
	w.raw(`<w:cols w:space="708"/></w:sectPr>`)
}

// contents writes the heading of the contents and a TOC field whose result
// is already the list of level-2 headings, linked to their bookmarks. The
// field has no page numbers (\n): Word lays out the pages, so the
// pre-filled result is what updating the field gives.
func (r *renderer) contents(s *doc.Section, brk bool) {
	w := &r.doc.w
	for _, b := range s.Blocks {
		if b.Kind == doc.Heading {
			r.heading(b, "TOCHeading", brk)
			brk = false
		}
	}
	begin := func() {
		w.raw(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-1" \h \z \n </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`)
	}
	end := `<w:r><w:fldChar w:fldCharType="end"/></w:r>`
	if len(r.toc) == 0 {
		w.raw(`<w:p><w:pPr><w:pStyle w:val="TOC1"/>`, pageBreak(brk), `</w:pPr>`)
		begin()
		w.raw(end, `</w:p>`)
		return
	}
	for i, e := range r.toc {
		w.raw(`<w:p><w:pPr><w:pStyle w:val="TOC1"/>`, pageBreak(brk && i == 0), `</w:pPr>`)
		if i == 0 {
			begin()
		}
		w.raw(`<w:hyperlink w:anchor="`, e.mark, `" w:history="1">`)
		r.textRun(w, e.text, "")
		w.raw(`</w:hyperlink>`)
		if i == len(r.toc)-1 {
			w.raw(end)
		}
		w.raw(`</w:p>`)
	}
}

func pageBreak(on bool) string {
	if on {
		return `<w:pageBreakBefore/>`
	}
	return ""
}

// headingStyle maps heading levels to styles: level 1 is the title, 2–5
// are Heading 1–4, deeper levels stay Heading 4.
func headingStyle(level int) string {
	switch {
	case level <= 1:
		return "Title"
	case level >= 5:
		return "Heading4"
	}
	return "Heading" + strconv.Itoa(level-1)
}

// block writes one block. brk asks for a page break before it.
func (r *renderer) block(b doc.Block, next *doc.Block, brk bool, kind doc.SectionKind) {
	w := &r.doc.w
	switch b.Kind {
	case doc.Heading:
		r.heading(b, headingStyle(b.Level), brk)
	case doc.Paragraph:
		style, tab := paragraphStyle(b.Label, b.Depth)
		// On the signature page, the text between a party's heading and its
		// block stays with the block.
		// A caption (a paragraph all in bold, such as "Purpose and scope"
		// under "Clause 1") stays with what follows, as the PDF keeps it.
		keep := b.KeepWithNext || next != nil && (next.Kind == doc.Signature || kind == doc.Signatures && next.Kind == doc.Paragraph || b.IsCaption())
		r.paragraph(&r.doc, style, b.Label, tab, b.Inlines, brk, keep, "")
	case doc.ListItem:
		if b.Ordered || b.Label != "" {
			r.paragraph(&r.doc, listNumberStyle(b.Depth), b.Label, true, b.Inlines, brk, b.KeepWithNext, "")
		} else {
			r.paragraph(&r.doc, "ListBullet", "", false, b.Inlines, brk, b.KeepWithNext, numPr(b.Depth))
		}
	case doc.Field:
		r.paragraph(&r.doc, "FieldLine", b.Label, false, append(append([]doc.Inline(nil), b.Inlines...), doc.Inline{Text: "\t"}), brk, b.KeepWithNext, "")
	case doc.Table:
		if brk {
			w.raw(`<w:p><w:pPr><w:pStyle w:val="TableGap"/><w:pageBreakBefore/></w:pPr></w:p>`)
		}
		r.table(b)
	case doc.Signature:
		if brk {
			w.raw(`<w:p><w:pPr><w:pStyle w:val="TableGap"/><w:pageBreakBefore/></w:pPr></w:p>`)
		}
		r.signature(b)
	}
}

// paragraphStyle chooses the style of a paragraph by its depth and label:
// labelled paragraphs hang their label in the indent.
func paragraphStyle(label string, depth int) (string, bool) {
	if depth > 3 {
		depth = 3
	}
	if label != "" {
		return [...]string{"ClauseNumber", "ClauseA", "ClauseI", "ClauseDeep"}[depth], true
	}
	return [...]string{"BodyText", "BodyIndent1", "BodyIndent2", "BodyIndent3"}[depth], false
}

func listNumberStyle(depth int) string {
	if depth < 1 {
		return "ListNumber"
	}
	if depth > 3 {
		depth = 3
	}
	return "ListNumber" + strconv.Itoa(depth+1)
}

func numPr(depth int) string {
	if depth < 0 {
		depth = 0
	}
	if depth > 3 {
		depth = 3
	}
	return `<w:numPr><w:ilvl w:val="` + itoa(depth) + `"/><w:numId w:val="1"/></w:numPr>`
}

// heading writes a heading with its bookmark.
func (r *renderer) heading(b doc.Block, style string, brk bool) {
	w := &r.doc.w
	mark := r.nextMark()
	w.raw(`<w:p><w:pPr><w:pStyle w:val="`, style, `"/>`, pageBreak(brk), `</w:pPr>`)
	id := itoa(r.bookmarkID)
	r.bookmarkID++
	w.raw(`<w:bookmarkStart w:id="`, id, `" w:name="`, mark, `"/>`)
	if b.Number != "" {
		r.textRun(w, b.Number, "")
		if len(b.Inlines) > 0 {
			r.textRun(w, " ", "")
		}
	}
	r.inlines(&r.doc, b.Inlines)
	w.raw(`<w:bookmarkEnd w:id="`, id, `"/></w:p>`)
}

// paragraph writes a paragraph of style; a label is followed by a tab
// (hanging) or a space.
func (r *renderer) paragraph(p *part, style, label string, tab bool, ins []doc.Inline, brk, keep bool, extra string) {
	w := &p.w
	w.raw(`<w:p><w:pPr><w:pStyle w:val="`, style, `"/>`)
	if keep {
		w.raw(`<w:keepNext/>`)
	}
	w.raw(pageBreak(brk), extra, `</w:pPr>`)
	if label != "" {
		r.textRun(w, label, "")
		if tab {
			w.raw(`<w:r><w:tab/></w:r>`)
		} else {
			r.textRun(w, " ", "")
		}
	}
	r.inlines(p, ins)
	w.raw(`</w:p>`)
}

// inlines writes runs, links and footnote references.
func (r *renderer) inlines(p *part, ins []doc.Inline) {
	w := &p.w
	for _, in := range ins {
		switch {
		case in.Break:
			w.raw(`<w:r><w:br/></w:r>`)
		case in.Note > 0:
			r.noteRef(p, in.Note)
		case in.Link != "":
			r.link(p, in)
		default:
			r.textRun(w, in.Text, runProps(in))
		}
	}
}

// runProps returns the character style of a run.
func runProps(in doc.Inline) string {
	switch {
	case in.Strong && in.Emph:
		return `<w:rPr><w:rStyle w:val="Strong"/><w:i/></w:rPr>`
	case in.Strong:
		return `<w:rPr><w:rStyle w:val="Strong"/></w:rPr>`
	case in.Emph:
		return `<w:rPr><w:rStyle w:val="Emphasis"/></w:rPr>`
	}
	return ""
}

// link writes a hyperlink: to a heading's bookmark for "#anchor", to an
// external relationship for http, https and mailto addresses, and as plain
// text otherwise.
func (r *renderer) link(p *part, in doc.Inline) {
	w := &p.w
	props := `<w:rPr><w:rStyle w:val="Hyperlink"/>` + strings.TrimPrefix(strings.TrimSuffix(runProps(in), `</w:rPr>`), `<w:rPr>`)
	props = strings.Replace(props, `<w:rStyle w:val="Strong"/>`, `<w:b/>`, 1)
	props = strings.Replace(props, `<w:rStyle w:val="Emphasis"/>`, `<w:i/>`, 1) + `</w:rPr>`
	if strings.HasPrefix(in.Link, "#") {
		if m, ok := r.bookmarks[in.Link[1:]]; ok {
			w.raw(`<w:hyperlink w:anchor="`, m, `" w:history="1">`)
			r.textRun(w, in.Text, props)
			w.raw(`</w:hyperlink>`)
			return
		}
	}
	if safeURL(in.Link) {
		id := p.rels.add(relHyperlink, clean(in.Link), true)
		w.raw(`<w:hyperlink r:id="`, id, `" w:history="1">`)
		r.textRun(w, in.Text, props)
		w.raw(`</w:hyperlink>`)
		return
	}
	r.textRun(w, in.Text, runProps(in))
}

// safeURL accepts the link schemes an agreement uses.
func safeURL(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "mailto:")
}

// noteRef writes a footnote reference. The first reference to a note is a
// Word footnote; a later one repeats its number as a superscript.
func (r *renderer) noteRef(p *part, n int) {
	w := &p.w
	id := r.noteIDs[n]
	if p != &r.doc || id < 0 {
		r.textRun(w, strconv.Itoa(n), `<w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>`)
		return
	}
	r.noteIDs[n] = -id // referenced
	if r.customMarks {
		w.raw(`<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:customMarkFollows="1" w:id="`, itoa(id), `"/><w:t>`, strconv.Itoa(n), `</w:t></w:r>`)
		return
	}
	w.raw(`<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="`, itoa(id), `"/></w:r>`)
}

// textRun writes text as runs: tabs and line feeds become Word tabs and
// breaks, carriage returns are dropped.
func (r *renderer) textRun(w *xmlWriter, s, props string) {
	s = clean(s)
	if s == "" {
		return
	}
	w.raw(`<w:r>`, props)
	for s != "" {
		i := strings.IndexAny(s, "\t\n\r")
		if i < 0 {
			i = len(s)
		}
		if i > 0 {
			w.raw(`<w:t xml:space="preserve">`)
			w.text(s[:i])
			w.raw(`</w:t>`)
		}
		if i < len(s) {
			switch s[i] {
			case '\t':
				w.raw(`<w:tab/>`)
			case '\n':
				w.raw(`<w:br/>`)
			}
			i++
		}
		s = s[i:]
	}
	w.raw(`</w:r>`)
}

// table writes a table with the Agreement Table style: the header row
// repeats on every page; with KeepRows no row breaks across pages.
func (r *renderer) table(b doc.Block) {
	w := &r.doc.w
	if blankCells(b.Header) {
		// A header of empty cells (a key–value table in Markdown) is none.
		b.Header = nil
	}
	cols := len(b.Header)
	for _, row := range b.Rows {
		cols = max(cols, len(row))
	}
	if cols == 0 {
		return
	}
	widths := columnWidths(cols, r.g.textWidth(), b.Header == nil)
	w.raw(`<w:tbl><w:tblPr><w:tblStyle w:val="AgreementTable"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/>`)
	// tblLook: the header row takes the style's first-row formatting; no
	// first column, no banding (the bits of w:val say the same for older
	// readers).
	if b.Header != nil {
		w.raw(`<w:tblLook w:val="0620" w:firstRow="1"`)
	} else {
		w.raw(`<w:tblLook w:val="0600" w:firstRow="0"`)
	}
	w.raw(` w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, cw := range widths {
		w.raw(`<w:gridCol w:w="`, itoa(cw), `"/>`)
	}
	w.raw(`</w:tblGrid>`)
	if b.Header != nil {
		r.row(b.Header, widths, `<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`, true)
	}
	trPr := ""
	if b.KeepRows {
		trPr = `<w:trPr><w:cantSplit/></w:trPr>`
	}
	for _, row := range b.Rows {
		r.row(row, widths, trPr, false)
	}
	w.raw(`</w:tbl>`)
	r.tableGap()
}

// blankCells reports whether every cell is empty.
func blankCells(cells []doc.Cell) bool {
	for _, c := range cells {
		if plainText(c) != "" {
			return false
		}
	}
	return true
}

// tableGap ends a table with an empty paragraph, so that two tables never
// merge and the document never ends in a table.
func (r *renderer) tableGap() {
	r.doc.w.raw(`<w:p><w:pPr><w:pStyle w:val="TableGap"/></w:pPr></w:p>`)
}

// columnWidths divides the text width: a key–value table (no header) of
// two columns gives the key a third.
func columnWidths(cols, total int, keyValue bool) []int {
	out := make([]int, cols)
	if keyValue && cols == 2 {
		out[0] = total / 3
		out[1] = total - out[0]
		return out
	}
	for i := range out {
		out[i] = total / cols
	}
	out[cols-1] = total - (cols-1)*(total/cols)
	return out
}

// row writes one table row; missing cells are written empty.
func (r *renderer) row(cells []doc.Cell, widths []int, trPr string, header bool) {
	w := &r.doc.w
	w.raw(`<w:tr>`, trPr)
	for i, cw := range widths {
		w.raw(`<w:tc><w:tcPr><w:tcW w:w="`, itoa(cw), `" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>`)
		if header {
			w.raw(`<w:keepNext/>`)
		}
		w.raw(`</w:pPr>`)
		if i < len(cells) {
			r.inlines(&r.doc, cells[i])
		}
		w.raw(`</w:p></w:tc>`)
	}
	w.raw(`</w:tr>`)
}

// signature writes one signatory's block as a table that is kept on one
// page: the fields as the template words them (label, value), the ones to
// complete by hand ruled with room to write, 2 cm for the signature. A
// block without fields gets the party, its role, name, position, date and
// signature.
func (r *renderer) signature(b doc.Block) {
	s := b.Sign
	if s == nil {
		return
	}
	w := &r.doc.w
	widths := columnWidths(2, r.g.textWidth(), true)
	w.raw(`<w:tbl><w:tblPr><w:tblStyle w:val="SignatureTable"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="0600" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, cw := range widths {
		w.raw(`<w:gridCol w:w="`, itoa(cw), `"/>`)
	}
	w.raw(`</w:tblGrid>`)
	total := itoa(widths[0] + widths[1])
	wide := func(text, style string) {
		w.raw(`<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="`, total, `" w:type="dxa"/><w:gridSpan w:val="2"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="`, style, `"/><w:keepNext/></w:pPr>`)
		r.textRun(w, text, "")
		w.raw(`</w:p></w:tc></w:tr>`)
	}
	pair := func(key, value []doc.Inline, height int, last bool) {
		w.raw(`<w:tr><w:trPr><w:cantSplit/>`)
		if height > 0 {
			w.raw(`<w:trHeight w:val="`, itoa(height), `" w:hRule="atLeast"/>`)
		}
		w.raw(`</w:trPr>`)
		for i, t := range [][]doc.Inline{key, value} {
			w.raw(`<w:tc><w:tcPr><w:tcW w:w="`, itoa(widths[i]), `" w:type="dxa"/>`)
			if i == 1 && plainText(value) == "" {
				w.raw(`<w:tcBorders><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tcBorders>`)
			}
			w.raw(`<w:vAlign w:val="bottom"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>`)
			if !last {
				w.raw(`<w:keepNext/>`)
			}
			w.raw(`</w:pPr>`)
			r.inlines(&r.doc, t)
			w.raw(`</w:p></w:tc>`)
		}
		w.raw(`</w:tr>`)
	}
	txt := func(s string) []doc.Inline { return []doc.Inline{{Text: s}} }
	rows := b.Rows
	if len(rows) == 0 {
		// No fields from the template: the party, its role and the usual
		// fields.
		wide(s.Party, "SignatureParty")
		if s.Role != "" {
			wide(s.Role, "SignatureRole")
		}
		rows = [][]doc.Cell{{txt("Name"), txt(s.Name)}, {txt("Position"), txt(s.Position)}, {txt("Date"), nil}, {txt("Signature"), nil}}
	}
	for i, row := range rows {
		var key, value []doc.Inline
		if len(row) > 0 {
			key = row[0]
		}
		if len(row) > 1 {
			value = row[1]
		}
		// A field to complete by hand is ruled, with room to write; the
		// signature gets 2 cm.
		height := 0
		if plainText(value) == "" {
			height = 567
			if strings.HasPrefix(plainText(key), "Signature") {
				height = 1134
			}
		}
		pair(key, value, height, i == len(rows)-1)
	}
	w.raw(`</w:tbl>`)
	r.tableGap()
}

// footnotes writes footnotes.xml: the two separators and the text of every
// referenced note, in the order of first reference.
func (r *renderer) footnotes() (string, error) {
	w := &r.notes.w
	w.raw(xmlHeader, `<w:footnotes `, nsW, ` `, nsR, `>`)
	w.raw(`<w:footnote w:type="separator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>`)
	w.raw(`<w:footnote w:type="continuationSeparator" w:id="1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>`)
	for _, n := range r.noteOrder {
		id := r.noteIDs[n]
		if id < 0 {
			id = -id
		}
		w.raw(`<w:footnote w:id="`, itoa(id), `"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>`)
		if r.customMarks {
			w.raw(`<w:t>`, strconv.Itoa(n), `</w:t>`)
		} else {
			w.raw(`<w:footnoteRef/>`)
		}
		w.raw(`</w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>`)
		r.inlines(&r.notes, r.d.Notes[n])
		w.raw(`</w:p></w:footnote>`)
	}
	w.raw(`</w:footnotes>`)
	return w.String(), nil
}

func itoa(i int) string { return strconv.Itoa(i) }
