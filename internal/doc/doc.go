// Package doc is the typed agreement: the structure the assembler builds and
// every renderer (Markdown, PDF, Word) reads. Renderers decide page breaks,
// keep-together and styles from the kinds in this model, never from the text
// of a heading. User text enters only as the Text of an Inline, so a renderer
// escapes it once, in its own syntax.
package doc

import "strings"

// Document is one agreement: metadata and its sections in order.
type Document struct {
	Meta     Meta
	Sections []*Section
	// Notes holds the text of every footnote by its number; numbers are
	// unique in the document and run on through the addenda.
	Notes map[int][]Inline
}

// Meta describes the agreement for covers, running headers and file
// properties.
type Meta struct {
	Title     string // "Data Processing Agreement"
	Subject   string // e.g. "Data Processing Agreement between A and B"
	Author    string // the parties' names
	Reference string // may be empty
	Date      string // the agreement date as printed ("1 June 2026")
	ISODate   string // the agreement date as YYYY-MM-DD (file properties)
	Paper     string // "a4" or "letter"
}

// SectionKind tells renderers what a section is.
type SectionKind int

// The kinds of section, in the order they usually appear.
const (
	Cover      SectionKind = iota // title, parties, reference, date
	Contents                      // the table of contents (renderers fill it)
	Body                          // the Article 28 body or the body of a data transfer agreement
	Addendum                      // one module of the Standard Contractual Clauses
	Supplement                    // an overlay to an addendum: UK Addendum, Swiss supplement
	Annex                         // Annex I, II or III
	Signatures                    // the signature page
)

// String returns the kind's name, for tests and debugging.
func (k SectionKind) String() string {
	return [...]string{"cover", "contents", "body", "addendum", "supplement", "annex", "signatures"}[k]
}

// Section is a part of the agreement that starts on a new page (except the
// body, which follows the contents).
type Section struct {
	Kind   SectionKind
	Module int // Addendum and Supplement: the SCC module (1–4)
	// Official marks text that is the official SCC text: renderers must
	// reproduce it exactly, and no template may override it.
	Official bool
	Blocks   []Block
}

// BlockKind tells what a block is.
type BlockKind int

// The kinds of block.
const (
	Heading   BlockKind = iota
	Paragraph           // a paragraph, possibly with a hanging label
	ListItem            // an item of a bulleted or numbered list
	Table
	Signature // one signatory's block on the signature page
	Field     // a blank to complete by hand, e.g. in the accession form: "Name: ____"
	// Footnotes marks where the texts of footnotes Notes stand in the
	// source (after the clauses of an addendum): the Markdown renderer
	// writes them there; the PDF and Word put each note at the foot of the
	// page that cites it and skip this block.
	Footnotes
)

// Block is one unit of text.
type Block struct {
	Kind BlockKind
	// Heading: Level 1 is the title, 2 a section (body section, addendum,
	// annex), 3–6 below it. Number is the heading's number or label as
	// printed before its text ("1", "Clause 9", "8.1", "A."); Anchor is a
	// stable identifier for links and bookmarks.
	Level  int
	Number string
	Anchor string
	// Paragraph and ListItem: Label is a hanging label such as "(a)", "(i)"
	// or "1.2"; Depth the indentation level (0 for body text, 1 for (a), 2
	// for (i)). A ListItem has Ordered true for a numbered list; Last marks
	// the last item of its list.
	Label   string
	Depth   int
	Ordered bool
	Last    bool
	Inlines []Inline
	// Table: Header (may be nil for a key–value table) and Rows of cells.
	// KeepRows asks renderers not to break a row across pages where it fits
	// on one page.
	Header   []Cell
	Rows     [][]Cell
	KeepRows bool
	// Signature: the party and the signatory. Header and Rows hold the
	// fields to complete as the template words them (label, value): Name,
	// Position, Place, Date, Signature; the paragraph before the block
	// ("For and on behalf of …:") is a Paragraph of its own.
	Sign *SignatureBlock
	// Footnotes: the numbers of the notes whose texts stand here.
	Notes []int
	// KeepWithNext asks renderers to keep this block on the page of the
	// next one (headings always are).
	KeepWithNext bool
}

// IsCaption reports whether b is a caption: a paragraph without a label
// whose text is all in bold (footnote marks aside). Renderers keep it with
// what follows.
func (b Block) IsCaption() bool {
	if b.Label != "" || len(b.Inlines) == 0 {
		return false
	}
	for _, in := range b.Inlines {
		if in.Note == 0 && !in.Strong && strings.TrimSpace(in.Text) != "" {
			return false
		}
	}
	return true
}

// Cell is the content of a table cell.
type Cell []Inline

// Inline is a run of text in one style, a link, a footnote reference or a
// line break.
type Inline struct {
	Text   string
	Strong bool
	Emph   bool
	Link   string // a URL or mailto: address; Text is what is shown
	Note   int    // > 0: a reference to footnote Note (Text is empty)
	Break  bool   // a hard line break (Text is empty)
}

// SignatureBlock is what one signatory signs: the party they sign for and
// the fields to complete by hand.
type SignatureBlock struct {
	Party    string // the party's name, "For and on behalf of <Party>"
	Role     string // e.g. "Data exporter", may be empty (the assembler leaves it to the paragraph after the party's heading)
	Name     string
	Position string
}
