package docx

import (
	"sync"

	"github.com/dpa-tool/dpa/internal/doc"
)

// Meta is the document's metadata.
type Meta = doc.Meta

// style is one paragraph, character or table style of styles.xml.
type style struct {
	typ, id, name, basedOn, next string
	outline                      int // 1–9 for Heading 1–9, 0 for none
	pPr, rPr, tblPr, extra       string
}

// indent is the indentation step, 1 cm.
const indent = 567

func ind(left, hanging int) string {
	s := `<w:ind w:left="` + itoa(left) + `"`
	if hanging > 0 {
		s += ` w:hanging="` + itoa(hanging) + `"`
	}
	return s + `/>`
}

// styleList is every style the renderer uses; TestStylesUsedExist checks
// that every style id in the output is defined here.
var styleList = []style{
	{typ: "paragraph", id: "Normal", name: "Normal"},
	{typ: "paragraph", id: "BodyText", name: "Body Text", basedOn: "Normal", pPr: `<w:spacing w:after="140"/>`},
	{typ: "paragraph", id: "BodyIndent1", name: "Body Text Indent 1", basedOn: "BodyText", next: "BodyIndent1", pPr: ind(indent, 0)},
	{typ: "paragraph", id: "BodyIndent2", name: "Body Text Indent 2", basedOn: "BodyText", next: "BodyIndent2", pPr: ind(2*indent, 0)},
	{typ: "paragraph", id: "BodyIndent3", name: "Body Text Indent 3", basedOn: "BodyText", next: "BodyIndent3", pPr: ind(3*indent, 0)},
	{typ: "paragraph", id: "ClauseNumber", name: "Clause Number", basedOn: "BodyText", next: "ClauseNumber", pPr: ind(indent, indent)},
	{typ: "paragraph", id: "ClauseA", name: "Clause (a)", basedOn: "BodyText", next: "ClauseA", pPr: ind(2*indent, indent)},
	{typ: "paragraph", id: "ClauseI", name: "Clause (i)", basedOn: "BodyText", next: "ClauseI", pPr: ind(3*indent, indent)},
	{typ: "paragraph", id: "ClauseDeep", name: "Clause (A)", basedOn: "BodyText", next: "ClauseDeep", pPr: ind(4*indent, indent)},
	{typ: "paragraph", id: "Title", name: "Title", basedOn: "Normal", next: "BodyText", pPr: `<w:keepNext/><w:spacing w:before="0" w:after="360"/><w:jc w:val="center"/>`, rPr: `<w:b/><w:sz w:val="36"/><w:szCs w:val="36"/>`},
	{typ: "paragraph", id: "Heading1", name: "heading 1", basedOn: "Normal", next: "BodyText", outline: 1, pPr: `<w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="160"/>`, rPr: `<w:b/><w:sz w:val="28"/><w:szCs w:val="28"/>`},
	{typ: "paragraph", id: "Heading2", name: "heading 2", basedOn: "Normal", next: "BodyText", outline: 2, pPr: `<w:keepNext/><w:keepLines/><w:spacing w:before="280" w:after="120"/>`, rPr: `<w:b/><w:sz w:val="24"/><w:szCs w:val="24"/>`},
	{typ: "paragraph", id: "Heading3", name: "heading 3", basedOn: "Normal", next: "BodyText", outline: 3, pPr: `<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="100"/>`, rPr: `<w:b/><w:sz w:val="22"/><w:szCs w:val="22"/>`},
	{typ: "paragraph", id: "Heading4", name: "heading 4", basedOn: "Normal", next: "BodyText", outline: 4, pPr: `<w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="80"/>`, rPr: `<w:b/><w:i/>`},
	{typ: "paragraph", id: "TOCHeading", name: "TOC Heading", basedOn: "Heading1", next: "TOC1", pPr: `<w:outlineLvl w:val="9"/>`},
	{typ: "paragraph", id: "TOC1", name: "toc 1", basedOn: "Normal", next: "BodyText", pPr: `<w:spacing w:after="60"/>`},
	{typ: "paragraph", id: "ListBullet", name: "List Bullet", basedOn: "BodyText", pPr: `<w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="140"/><w:contextualSpacing/>`},
	{typ: "paragraph", id: "ListNumber", name: "List Number", basedOn: "BodyText", pPr: `<w:spacing w:after="140"/>` + ind(indent, indent) + `<w:contextualSpacing/>`},
	{typ: "paragraph", id: "ListNumber2", name: "List Number 2", basedOn: "ListNumber", pPr: ind(2*indent, indent)},
	{typ: "paragraph", id: "ListNumber3", name: "List Number 3", basedOn: "ListNumber", pPr: ind(3*indent, indent)},
	{typ: "paragraph", id: "ListNumber4", name: "List Number 4", basedOn: "ListNumber", pPr: ind(4*indent, indent)},
	{typ: "paragraph", id: "FieldLine", name: "Form Field Line", basedOn: "BodyText", extra: "tabs", pPr: `<w:spacing w:before="240" w:after="120"/>`},
	{typ: "paragraph", id: "TableText", name: "Table Text", basedOn: "Normal", pPr: `<w:spacing w:before="40" w:after="40"/>`, rPr: `<w:sz w:val="18"/><w:szCs w:val="18"/>`},
	{typ: "paragraph", id: "TableGap", name: "Table Gap", basedOn: "Normal", pPr: `<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>`, rPr: `<w:sz w:val="12"/><w:szCs w:val="12"/>`},
	{typ: "paragraph", id: "SignatureParty", name: "Signature Party", basedOn: "TableText", pPr: `<w:spacing w:before="120"/>`, rPr: `<w:b/><w:sz w:val="20"/><w:szCs w:val="20"/>`},
	{typ: "paragraph", id: "SignatureRole", name: "Signature Role", basedOn: "TableText", rPr: `<w:i/>`},
	{typ: "paragraph", id: "FootnoteText", name: "footnote text", basedOn: "Normal", pPr: `<w:spacing w:after="40" w:line="240" w:lineRule="auto"/>`, rPr: `<w:sz w:val="16"/><w:szCs w:val="16"/>`},
	{typ: "paragraph", id: "Header", name: "header", basedOn: "Normal", pPr: `<w:spacing w:after="0"/>`, rPr: `<w:sz w:val="16"/><w:szCs w:val="16"/>`},
	{typ: "paragraph", id: "Footer", name: "footer", basedOn: "Normal", pPr: `<w:spacing w:after="0"/><w:jc w:val="center"/>`, rPr: `<w:sz w:val="16"/><w:szCs w:val="16"/>`},
	{typ: "character", id: "DefaultParagraphFont", name: "Default Paragraph Font"},
	{typ: "character", id: "Strong", name: "Strong", basedOn: "DefaultParagraphFont", rPr: `<w:b/><w:bCs/>`},
	{typ: "character", id: "Emphasis", name: "Emphasis", basedOn: "DefaultParagraphFont", rPr: `<w:i/><w:iCs/>`},
	{typ: "character", id: "Hyperlink", name: "Hyperlink", basedOn: "DefaultParagraphFont", rPr: `<w:color w:val="1F3F7F"/><w:u w:val="single"/>`},
	{typ: "character", id: "FootnoteReference", name: "footnote reference", basedOn: "DefaultParagraphFont", rPr: `<w:vertAlign w:val="superscript"/>`},
	{typ: "table", id: "TableNormal", name: "Normal Table", tblPr: `<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>`},
	{typ: "table", id: "AgreementTable", name: "Agreement Table", basedOn: "TableNormal",
		tblPr: `<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tblBorders><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>`,
		extra: `<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="E8E8E8"/></w:tcPr></w:tblStylePr>`},
	{typ: "table", id: "SignatureTable", name: "Signature Table", basedOn: "TableNormal",
		tblPr: `<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>`},
}

// stylesXML is styles.xml, built once.
var stylesXML = sync.OnceValue(styles)

// styles writes styles.xml. The defaults name FontFamily for every script.
func styles() string {
	var w xmlWriter
	w.raw(xmlHeader, `<w:styles `, nsW, `>`)
	w.raw(`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="`, FontFamily, `" w:hAnsi="`, FontFamily, `" w:eastAsia="`, FontFamily, `" w:cs="`, FontFamily, `"/><w:sz w:val="20"/><w:szCs w:val="20"/><w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>`)
	w.raw(`<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	for _, s := range styleList {
		w.raw(`<w:style w:type="`, s.typ, `"`)
		if s.id == "Normal" || s.id == "DefaultParagraphFont" || s.id == "TableNormal" {
			w.raw(` w:default="1"`)
		}
		w.raw(` w:styleId="`, s.id, `"><w:name w:val="`, s.name, `"/>`)
		if s.basedOn != "" {
			w.raw(`<w:basedOn w:val="`, s.basedOn, `"/>`)
		}
		if s.next != "" {
			w.raw(`<w:next w:val="`, s.next, `"/>`)
		}
		w.raw(`<w:qFormat/>`)
		pPr := s.pPr
		if s.outline > 0 {
			pPr += `<w:outlineLvl w:val="` + itoa(s.outline-1) + `"/>`
		}
		if s.extra == "tabs" {
			pPr = `<w:tabs><w:tab w:val="right" w:leader="underscore" w:pos="` + itoa(fieldTab) + `"/></w:tabs>` + pPr
		}
		if pPr != "" {
			w.raw(`<w:pPr>`, pPr, `</w:pPr>`)
		}
		if s.rPr != "" {
			w.raw(`<w:rPr>`, s.rPr, `</w:rPr>`)
		}
		if s.tblPr != "" {
			w.raw(`<w:tblPr>`, s.tblPr, `</w:tblPr>`)
		}
		if s.typ == "table" && s.extra != "" {
			w.raw(s.extra)
		}
		w.raw(`</w:style>`)
	}
	w.raw(`</w:styles>`)
	return w.String()
}

// fieldTab is the text width of the narrower page (A4): the line of a
// form field ends there.
var fieldTab = min(a4.textWidth(), letter.textWidth())

// settings: no macros, no attached template, fields not forced to update,
// the footnote separators, Word 2013+ compatibility (no compatibility
// mode banner).
const settings = xmlHeader + `<w:settings ` + nsW + `>` +
	`<w:zoom w:percent="100"/><w:defaultTabStop w:val="567"/><w:characterSpacingControl w:val="doNotCompress"/>` +
	`<w:footnotePr><w:footnote w:id="0"/><w:footnote w:id="1"/></w:footnotePr>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`<w:themeFontLang w:val="en-GB"/>` +
	`</w:settings>`

// fontTable describes FontFamily as a proportional serif (PANOSE of Noto
// Serif), so that a word processor without it picks a similar face.
func fontTable() string {
	return xmlHeader + `<w:fonts ` + nsW + `><w:font w:name="` + FontFamily + `"><w:panose1 w:val="02020600060500020200"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`
}

// numbering defines the bullets of unordered lists (four levels); ordered
// lists and clause labels are literal text.
const numbering = xmlHeader + `<w:numbering ` + nsW + `>` +
	`<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>` +
	`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="283"/></w:pPr></w:lvl>` +
	`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="–"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1134" w:hanging="283"/></w:pPr></w:lvl>` +
	`<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1701" w:hanging="283"/></w:pPr></w:lvl>` +
	`<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="–"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="2268" w:hanging="283"/></w:pPr></w:lvl>` +
	`</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`

// header writes the running header: the title, and the reference at the
// right margin.
func header(m doc.Meta, g geometry) string {
	var w xmlWriter
	w.raw(xmlHeader, `<w:hdr `, nsW, `><w:p><w:pPr><w:pStyle w:val="Header"/><w:tabs><w:tab w:val="right" w:pos="`, itoa(g.textWidth()), `"/></w:tabs></w:pPr>`)
	var r renderer
	r.textRun(&w, m.Title, "")
	if m.Reference != "" {
		w.raw(`<w:r><w:tab/></w:r>`)
		r.textRun(&w, m.Reference, "")
	}
	w.raw(`</w:p></w:hdr>`)
	return w.String()
}

// footer writes "Page X of Y" with PAGE and NUMPAGES fields.
func footer(g geometry) string {
	field := func(name string) string {
		return `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ` + name + ` </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`
	}
	return xmlHeader + `<w:ftr ` + nsW + `><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>` +
		`<w:r><w:t xml:space="preserve">Page </w:t></w:r>` + field("PAGE") +
		`<w:r><w:t xml:space="preserve"> of </w:t></w:r>` + field("NUMPAGES") +
		`</w:p></w:ftr>`
}
