package docx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
)

const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsW       = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	nsR       = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

	relBase      = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	relStyles    = relBase + "styles"
	relSettings  = relBase + "settings"
	relFontTable = relBase + "fontTable"
	relFootnotes = relBase + "footnotes"
	relNumbering = relBase + "numbering"
	relHeader    = relBase + "header"
	relFooter    = relBase + "footer"
	relHyperlink = relBase + "hyperlink"
)

// rels is the relationship part of one part, with ids numbered in the
// order they are added.
type rels struct {
	list []rel
}

type rel struct {
	id, typ, target string
	external        bool
}

func newRels() *rels { return &rels{} }

// add records a relationship and returns its id; the same external target
// gets one id.
func (rs *rels) add(typ, target string, external bool) string {
	for _, r := range rs.list {
		if r.typ == typ && r.target == target && r.external == external {
			return r.id
		}
	}
	id := fmt.Sprintf("rId%d", len(rs.list)+1)
	rs.list = append(rs.list, rel{id, typ, target, external})
	return id
}

func (rs *rels) xml() string {
	var w xmlWriter
	w.raw(xmlHeader, `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for _, r := range rs.list {
		w.raw(`<Relationship Id="`, r.id, `" Type="`, r.typ, `" Target="`)
		w.attr(r.target)
		w.raw(`"`)
		if r.external {
			w.raw(` TargetMode="External"`)
		}
		w.raw(`/>`)
	}
	w.raw(`</Relationships>`)
	return w.String()
}

// dosDate is 1 January 1980, the earliest MS-DOS date, and dosTime
// midnight: every entry of the archive carries them.
const (
	dosDate = 1<<5 | 1
	dosTime = 0
)

// pack writes the parts into the ZIP archive, in a fixed order with fixed
// timestamps; the archive comment is the fingerprint.
func pack(r *renderer, body, notes, fp string) ([]byte, error) {
	r.doc.rels.add(relStyles, "styles.xml", false)
	r.doc.rels.add(relSettings, "settings.xml", false)
	r.doc.rels.add(relFontTable, "fontTable.xml", false)
	r.doc.rels.add(relNumbering, "numbering.xml", false)
	r.doc.rels.add(relFootnotes, "footnotes.xml", false)
	parts := []struct{ name, data string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", packageRels},
		{"docProps/core.xml", coreProps(r.d.Meta, fp)},
		{"docProps/app.xml", appProps},
		{"word/document.xml", body},
		{"word/_rels/document.xml.rels", r.doc.rels.xml()},
		{"word/styles.xml", stylesXML()},
		{"word/settings.xml", settings},
		{"word/fontTable.xml", fontTable()},
		{"word/numbering.xml", numbering},
		{"word/footnotes.xml", notes},
		{"word/header1.xml", header(r.d.Meta, r.g)},
		{"word/footer1.xml", footer(r.g)},
	}
	if len(r.notes.rels.list) > 0 {
		parts = append(parts, struct{ name, data string }{"word/_rels/footnotes.xml.rels", r.notes.rels.xml()})
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, p := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, ModifiedDate: dosDate, ModifiedTime: dosTime})
		if err != nil {
			return nil, fmt.Errorf("docx: %w", err)
		}
		if _, err := io.WriteString(f, p.data); err != nil {
			return nil, fmt.Errorf("docx: %w", err)
		}
	}
	if err := z.SetComment(fp); err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	if err := z.Close(); err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	return buf.Bytes(), nil
}

const contentTypes = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
	`<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>` +
	`<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>` +
	`<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const packageRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

// coreProps writes the document properties: title, subject, creator dpa,
// the fingerprint as keywords and the agreement date (no time of day) as
// the dates of creation and modification.
func coreProps(m Meta, fp string) string {
	var w xmlWriter
	w.raw(xmlHeader, `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	w.raw(`<dc:title>`)
	w.text(m.Title)
	w.raw(`</dc:title><dc:subject>`)
	w.text(m.Subject)
	w.raw(`</dc:subject><dc:creator>dpa</dc:creator><cp:keywords>`)
	w.text(fp)
	w.raw(`</cp:keywords><cp:lastModifiedBy>dpa</cp:lastModifiedBy>`)
	if isoDate(m.ISODate) {
		w.raw(`<dcterms:created xsi:type="dcterms:W3CDTF">`, m.ISODate, `T00:00:00Z</dcterms:created>`)
		w.raw(`<dcterms:modified xsi:type="dcterms:W3CDTF">`, m.ISODate, `T00:00:00Z</dcterms:modified>`)
	}
	w.raw(`</cp:coreProperties>`)
	return w.String()
}

// isoDate reports whether s is a date of the form YYYY-MM-DD.
func isoDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	return strings.Trim(s[:4]+s[5:7]+s[8:], "0123456789") == ""
}

const appProps = xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
	`<Application>dpa</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>` +
	`</Properties>`
