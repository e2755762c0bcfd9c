package docx

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/doc"
	"github.com/dpa-tool/dpa/internal/golden"
)

const hostile = "Evil <b>&amp; Co]]> {PAGE} \x13 DOCPROPERTY \"x\" \x01\x1f\x7f\u0085\ufffe end"

// sample is a hand-built agreement with every kind of section and block.
func sample(paper string) *doc.Document {
	t := func(s string) []doc.Inline { return []doc.Inline{{Text: s}} }
	return &doc.Document{
		Meta: doc.Meta{Title: "Data Processing Agreement", Subject: "Data Processing Agreement between Alpha and " + hostile,
			Author: "Alpha GmbH", Reference: "REF-1 & <2>", Date: "1 June 2026", ISODate: "2026-06-01", Paper: paper},
		Notes: map[int][]doc.Inline{
			1: t("Regulation (EU) 2016/679, OJ L 119, 4.5.2016, p. 1."),
			2: {{Text: "See "}, {Text: "the register", Link: "https://example.example/register?a=1&b=<2>"}, {Text: "."}},
			3: t("Unreferenced note."),
		},
		Sections: []*doc.Section{
			{Kind: doc.Cover, Blocks: []doc.Block{
				{Kind: doc.Heading, Level: 1, Inlines: t("Data Processing Agreement")},
				{Kind: doc.Table, Rows: [][]doc.Cell{{t("Reference"), t("REF-1 & <2>")}, {t("Date"), t("1 June 2026")}}},
				{Kind: doc.Paragraph, Inlines: []doc.Inline{{Text: "This agreement (the “"}, {Text: "Agreement", Strong: true}, {Text: "”) is made between "}, {Text: hostile, Emph: true}, {Text: "."}}},
			}},
			{Kind: doc.Contents, Blocks: []doc.Block{{Kind: doc.Heading, Level: 2, Inlines: t("Contents")}}},
			{Kind: doc.Body, Blocks: []doc.Block{
				{Kind: doc.Heading, Level: 2, Number: "1.", Anchor: "definitions", Inlines: t("Definitions")},
				{Kind: doc.Paragraph, Label: "1.1", Inlines: []doc.Inline{{Text: "In this Agreement, see "}, {Text: "Clause 9", Link: "#clause-9"}, {Text: " and write to "}, {Text: "dpo@alpha.example", Link: "mailto:dpo@alpha.example"}, {Text: "."}}},
				{Kind: doc.ListItem, Inlines: t("a bullet"), Depth: 0},
				{Kind: doc.ListItem, Inlines: t("a nested bullet"), Depth: 1, Last: true},
				{Kind: doc.ListItem, Ordered: true, Label: "1.", Inlines: t("a numbered item")},
			}},
			{Kind: doc.Addendum, Module: 2, Official: true, Blocks: []doc.Block{
				{Kind: doc.Heading, Level: 2, Inlines: t("Addendum I – Standard Contractual Clauses, Module Two")},
				{Kind: doc.Heading, Level: 3, Inlines: t("SECTION I")},
				{Kind: doc.Heading, Level: 4, Number: "Clause 9", Anchor: "clause-9"},
				{Kind: doc.Paragraph, Inlines: []doc.Inline{{Text: "Use of sub-processors", Strong: true}}},
				{Kind: doc.Paragraph, Label: "(a)", Depth: 1, Inlines: []doc.Inline{{Text: "The data importer shall comply"}, {Note: 1}, {Text: " with"}, {Break: true}, {Text: "these Clauses."}}},
				{Kind: doc.Paragraph, Label: "(i)", Depth: 2, Inlines: []doc.Inline{{Text: "the entity"}, {Note: 2}, {Text: ", and again"}, {Note: 1}}},
				{Kind: doc.Heading, Level: 5, Number: "8.1", Inlines: t("Instructions")},
				{Kind: doc.Heading, Level: 3, Inlines: t("Accession form (Clause 7)")},
				{Kind: doc.Field, Inlines: t("Name:")},
			}},
			{Kind: doc.Annex, Blocks: []doc.Block{
				{Kind: doc.Heading, Level: 2, Inlines: t("ANNEX III")},
				{Kind: doc.Table, KeepRows: true, Header: []doc.Cell{t("Sub-processor"), t("Location")},
					Rows: [][]doc.Cell{{t(hostile), t("Canada")}, {t("Beta"), {{Text: "Line one"}, {Break: true}, {Text: "line two"}}}}},
				{Kind: doc.Table, Header: []doc.Cell{t("Only")}, Rows: [][]doc.Cell{{t("one"), t("extra cell")}}},
				{Kind: doc.Table, Header: []doc.Cell{nil, t("")}, Rows: [][]doc.Cell{{t("Address"), t("1 Main St")}}},
			}},
			{Kind: doc.Signatures, Blocks: []doc.Block{
				{Kind: doc.Heading, Level: 2, Inlines: t("SIGNATURES")},
				{Kind: doc.Signature, Sign: &doc.SignatureBlock{Party: "Alpha GmbH", Role: "Data exporter (controller)", Name: "Anna Alpha", Position: "Geschäftsführerin"}},
				{Kind: doc.Signature, Sign: &doc.SignatureBlock{Party: hostile, Name: "Bo", Position: "CEO"}},
				{Kind: doc.Heading, Level: 3, Inlines: t("Gamma Ltd")},
				{Kind: doc.Paragraph, Inlines: t("Data exporter (processor)")},
				{Kind: doc.Paragraph, Inlines: t("For and on behalf of Gamma Ltd:")},
				{Kind: doc.Signature, Sign: &doc.SignatureBlock{Party: "Gamma Ltd", Name: "Cy"}, Rows: [][]doc.Cell{{t("Name"), t("Cy")}, {t("Place"), nil}, {t("Signature"), nil}}},
			}},
		},
	}
}

func render(t *testing.T, d *doc.Document) []byte {
	t.Helper()
	fp, err := Fingerprint(d)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Render(d, fp)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// parts unzips a DOCX and checks that every part is well-formed XML.
func parts(t *testing.T, b []byte) (map[string]string, []string) {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a ZIP archive: %v", err)
	}
	m := map[string]string{}
	var order []string
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if f.ModTime().Year() != 1980 || f.Modified.Hour() != 0 {
			t.Errorf("%s: time %v, want 1980-01-01 00:00", f.Name, f.Modified)
		}
		dec := xml.NewDecoder(bytes.NewReader(data))
		for {
			_, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
			}
		}
		m[f.Name] = string(data)
		order = append(order, f.Name)
	}
	return m, order
}

func attrs(s, re string) []string {
	var out []string
	for _, m := range regexp.MustCompile(re).FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestStructure checks the package: content types and relationships
// complete, styles used exist, footnote references resolve, header and
// footer linked, the page size and the document properties.
func TestStructure(t *testing.T) {
	for _, paper := range []string{"a4", "letter"} {
		p, order := parts(t, render(t, sample(paper)))
		if order[0] != "[Content_Types].xml" {
			t.Errorf("first entry %s", order[0])
		}
		ct := p["[Content_Types].xml"]
		for name := range p {
			if name == "[Content_Types].xml" {
				continue
			}
			if !strings.Contains(ct, `PartName="/`+name+`"`) && !strings.Contains(ct, `Extension="`+path.Ext(name)[1:]+`"`) {
				t.Errorf("%s has no content type", name)
			}
		}
		for _, pn := range attrs(ct, `PartName="/([^"]+)"`) {
			if _, ok := p[pn]; !ok {
				t.Errorf("content type for missing part %s", pn)
			}
		}
		// Every internal relationship target exists.
		for name, data := range p {
			if !strings.HasSuffix(name, ".rels") {
				continue
			}
			dir := path.Dir(path.Dir(name))
			for _, m := range regexp.MustCompile(`<Relationship Id="([^"]+)" Type="[^"]+" Target="([^"]+)"( TargetMode="External")?/>`).FindAllStringSubmatch(data, -1) {
				if m[3] != "" {
					if !strings.HasPrefix(m[2], "https://") && !strings.HasPrefix(m[2], "mailto:") {
						t.Errorf("%s: external target %s", name, m[2])
					}
					continue
				}
				if _, ok := p[path.Join(dir, m[2])]; !ok {
					t.Errorf("%s: %s → %s is missing", name, m[1], m[2])
				}
			}
		}
		// Every r:id used in a part is one of its relationships.
		for _, part := range []string{"word/document.xml", "word/footnotes.xml"} {
			rels := p["word/_rels/"+path.Base(part)+".rels"]
			for _, id := range attrs(p[part], `r:id="([^"]+)"`) {
				if !strings.Contains(rels, `Id="`+id+`"`) {
					t.Errorf("%s: r:id %s has no relationship", part, id)
				}
			}
		}
		// Styles used exist, with the right type.
		defined := map[string]string{}
		for _, m := range regexp.MustCompile(`<w:style w:type="(\w+)"[^>]* w:styleId="(\w+)"`).FindAllStringSubmatch(p["word/styles.xml"], -1) {
			defined[m[2]] = m[1]
		}
		for _, part := range []string{"word/document.xml", "word/footnotes.xml", "word/header1.xml", "word/footer1.xml", "word/styles.xml"} {
			for kind, re := range map[string]string{"paragraph": `<w:pStyle w:val="(\w+)"`, "character": `<w:rStyle w:val="(\w+)"`, "table": `<w:tblStyle w:val="(\w+)"`} {
				for _, id := range attrs(p[part], re) {
					if defined[id] != kind {
						t.Errorf("%s uses %s style %s: defined as %q", part, kind, id, defined[id])
					}
				}
			}
			for _, id := range attrs(p[part], `<w:(?:basedOn|next) w:val="(\w+)"`) {
				if defined[id] == "" {
					t.Errorf("%s: style %s is not defined", part, id)
				}
			}
		}
		for _, h := range []string{"Title", "Heading1", "Heading2", "Heading3", "Heading4"} {
			if !strings.Contains(p["word/document.xml"], `<w:pStyle w:val="`+h+`"/>`) {
				t.Errorf("no paragraph in style %s", h)
			}
		}
		// Footnote references resolve; every note is referenced once.
		refs := attrs(p["word/document.xml"], `<w:footnoteReference (?:w:customMarkFollows="1" )?w:id="(\d+)"/>`)
		notes := attrs(p["word/footnotes.xml"], `<w:footnote w:id="(\d+)">`)
		if strings.Join(refs, ",") != "2,3" || strings.Join(notes, ",") != "2,3" {
			t.Errorf("footnote references %v, footnotes %v; want 2,3 both", refs, notes)
		}
		if strings.Contains(p["word/footnotes.xml"], "Unreferenced") {
			t.Error("an unreferenced note is in footnotes.xml")
		}
		// Header and footer are linked from the section.
		doc := p["word/document.xml"]
		rels := p["word/_rels/document.xml.rels"]
		for _, kind := range []string{"header", "footer"} {
			id := attrs(doc, `<w:`+kind+`Reference w:type="default" r:id="(\w+)"/>`)
			if len(id) != 1 || !regexp.MustCompile(`Id="`+id[0]+`" Type="[^"]+/`+kind+`" Target="`+kind+`1.xml"`).MatchString(rels) {
				t.Errorf("%s not linked: %v", kind, id)
			}
		}
		if !strings.Contains(p["word/header1.xml"], "Data Processing Agreement") || !strings.Contains(p["word/header1.xml"], "REF-1 &amp; &lt;2&gt;") {
			t.Errorf("header: %s", p["word/header1.xml"])
		}
		ftr := p["word/footer1.xml"]
		if !strings.Contains(ftr, "> PAGE <") || !strings.Contains(ftr, "> NUMPAGES <") || !strings.Contains(ftr, ">Page <") {
			t.Errorf("footer: %s", ftr)
		}
		want := map[string]string{"a4": `<w:pgSz w:w="11906" w:h="16838"/>`, "letter": `<w:pgSz w:w="12240" w:h="15840"/>`}[paper]
		if strings.Count(doc, "<w:pgSz") != 1 || !strings.Contains(doc, want) {
			t.Errorf("%s: page size not %s", paper, want)
		}
		// Fields: only the contents, page number and page count.
		for _, in := range attrs(doc+p["word/footer1.xml"]+p["word/header1.xml"]+p["word/footnotes.xml"], `<w:instrText[^>]*>([^<]*)<`) {
			if in != ` TOC \o "1-1" \h \z \n ` && in != " PAGE " && in != " NUMPAGES " {
				t.Errorf("unexpected field %q", in)
			}
		}
		if strings.Contains(doc, "fldSimple") {
			t.Error("simple field in the document")
		}
		// Settings: no macros, no external template, no forced update.
		s := p["word/settings.xml"]
		for _, bad := range []string{"updateFields", "attachedTemplate", "docVars", "vba"} {
			if strings.Contains(s, bad) || strings.Contains(ct, bad) {
				t.Errorf("settings or content types contain %s", bad)
			}
		}
		core := p["docProps/core.xml"]
		for _, w := range []string{"<dc:title>Data Processing Agreement</dc:title>", "<dc:creator>dpa</dc:creator>", `<dcterms:created xsi:type="dcterms:W3CDTF">2026-06-01T00:00:00Z</dcterms:created>`, "<cp:keywords>dpa-fingerprint:"} {
			if !strings.Contains(core, w) {
				t.Errorf("core.xml lacks %s", w)
			}
		}
		if strings.Contains(p["docProps/app.xml"], "Version") {
			t.Error("app.xml names a version")
		}
	}
}

// TestContents checks the pre-filled table of contents: the level-2
// headings after the contents, linked to their bookmarks, not the heading
// of the contents itself.
func TestContents(t *testing.T) {
	p, _ := parts(t, render(t, sample("a4")))
	doc := p["word/document.xml"]
	var entries []string
	for _, m := range regexp.MustCompile(`<w:pStyle w:val="TOC1"/>.*?<w:hyperlink w:anchor="(\w+)"[^>]*><w:r><w:t xml:space="preserve">([^<]*)</w:t>`).FindAllStringSubmatch(doc, -1) {
		if !strings.Contains(doc, `w:name="`+m[1]+`"`) {
			t.Errorf("contents entry %q links to missing bookmark %s", m[2], m[1])
		}
		entries = append(entries, m[2])
	}
	want := "1. Definitions|Addendum I – Standard Contractual Clauses, Module Two|ANNEX III|SIGNATURES"
	if strings.Join(entries, "|") != want {
		t.Errorf("contents %q, want %q", strings.Join(entries, "|"), want)
	}
	if !strings.Contains(doc, `<w:pStyle w:val="TOCHeading"/>`) {
		t.Error("contents heading not in TOC Heading style")
	}
	if strings.Count(doc, `w:fldCharType="begin"`) != 1 || strings.Count(doc, `w:fldCharType="end"`) != 1 {
		t.Error("TOC field not closed once")
	}
	// The internal link to Clause 9 points at its bookmark.
	if !regexp.MustCompile(`<w:hyperlink w:anchor="(_Toc\d+)" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space="preserve">Clause 9<`).MatchString(doc) {
		t.Error("link to Clause 9 not resolved")
	}
}

// TestLayout checks page breaks from section kinds, hanging labels,
// repeating header rows, rows kept whole and the signature tables.
func TestLayout(t *testing.T) {
	p, _ := parts(t, render(t, sample("a4")))
	doc := p["word/document.xml"]
	if n := strings.Count(doc, "<w:pageBreakBefore/>"); n != 4 {
		t.Errorf("%d page breaks, want 4 (contents, addendum, annex, signatures; the body follows the contents)", n)
	}
	for _, w := range []string{
		`<w:pStyle w:val="ClauseA"/></w:pPr><w:r><w:t xml:space="preserve">(a)</w:t></w:r><w:r><w:tab/></w:r>`,
		`<w:pStyle w:val="ClauseI"/></w:pPr><w:r><w:t xml:space="preserve">(i)</w:t></w:r><w:r><w:tab/></w:r>`,
		`<w:pStyle w:val="ClauseNumber"/></w:pPr><w:r><w:t xml:space="preserve">1.1</w:t></w:r><w:r><w:tab/></w:r>`,
		`<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`,
		`<w:pStyle w:val="ListBullet"/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>`,
		`<w:trHeight w:val="1134" w:hRule="atLeast"/>`,
		`<w:pStyle w:val="BodyText"/><w:keepNext/></w:pPr><w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t xml:space="preserve">Use of sub-processors`,
		`<w:pStyle w:val="FieldLine"/></w:pPr><w:r><w:t xml:space="preserve">Name:</w:t></w:r><w:r><w:tab/></w:r>`,
	} {
		if !strings.Contains(doc, w) {
			t.Errorf("document lacks %s", w)
		}
	}
	// Rows of the KeepRows table do not split; the other table's may.
	tables := regexp.MustCompile(`<w:tbl>.*?</w:tbl>`).FindAllString(doc, -1)
	if len(tables) != 7 {
		t.Fatalf("%d tables, want 7", len(tables))
	}
	// A header of empty cells is no header row.
	if strings.Contains(tables[3], "tblHeader") || !strings.Contains(tables[3], `w:firstRow="0"`) {
		t.Error("an empty header row is kept")
	}
	tables = append(tables[:3], tables[4:]...)
	// The template's fields: the party is not repeated, Place is ruled,
	// the signature has 2 cm; the paragraph before is kept with the table.
	if strings.Contains(tables[5], "Gamma") || !strings.Contains(tables[5], ">Place<") || strings.Count(tables[5], `<w:trHeight w:val="1134"`) != 1 || strings.Count(tables[5], `<w:trHeight w:val="567"`) != 1 {
		t.Errorf("signature table from rows: %s", tables[5])
	}
	if !strings.Contains(doc, `<w:pStyle w:val="BodyText"/><w:keepNext/></w:pPr><w:r><w:t xml:space="preserve">For and on behalf of Gamma Ltd:`) || !strings.Contains(doc, `<w:pStyle w:val="BodyText"/><w:keepNext/></w:pPr><w:r><w:t xml:space="preserve">Data exporter (processor)`) {
		t.Error("the paragraph before a signature block is not kept with it")
	}
	if strings.Count(tables[1], "<w:cantSplit/>") != 3 || strings.Count(tables[2], "<w:cantSplit/>") != 1 {
		t.Errorf("cantSplit rows: %d and %d, want 3 and 1", strings.Count(tables[1], "<w:cantSplit/>"), strings.Count(tables[2], "<w:cantSplit/>"))
	}
	// The extra cell of a row wider than its header gets a column.
	if strings.Count(tables[2], "<w:gridCol ") != 2 {
		t.Error("table grid does not cover the widest row")
	}
	// Two tables never touch: a paragraph follows each.
	if strings.Contains(doc, "</w:tbl><w:tbl>") || !strings.HasSuffix(strings.Split(doc, "<w:sectPr>")[0], "</w:p>") {
		t.Error("tables touch, or the body does not end in a paragraph")
	}
}

// TestHostileText checks that user text stays literal: escaped markup,
// no field codes, no characters XML 1.0 forbids.
func TestHostileText(t *testing.T) {
	b := render(t, sample("a4"))
	p, _ := parts(t, b)
	want := "Evil <b>&amp; Co]]> {PAGE}  DOCPROPERTY \"x\"  end"
	for _, part := range []string{"word/document.xml", "docProps/core.xml"} {
		text := textOf(t, p[part])
		if !strings.Contains(text, want) {
			t.Errorf("%s: hostile text not literal:\n%q", part, text)
		}
		if strings.ContainsAny(text, "\x13\x01\x1f\x7f\u0085\ufffe") {
			t.Errorf("%s keeps a control character", part)
		}
	}
	if n := strings.Count(p["word/document.xml"], "<w:instrText"); n != 1 {
		t.Errorf("%d field instructions in the document, want 1 (the contents)", n)
	}
}

// textOf returns the character data of an XML part.
func textOf(t *testing.T, s string) string {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(s))
	var b strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return b.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			b.Write(cd)
		}
	}
}

// TestReproducible renders twice and compares the bytes; a change of the
// document changes the fingerprint in the keywords and the comment.
func TestReproducible(t *testing.T) {
	a, b := render(t, sample("a4")), render(t, sample("a4"))
	if !bytes.Equal(a, b) {
		t.Fatal("two renders differ")
	}
	d := sample("a4")
	fp1, _ := Fingerprint(d)
	d.Sections[2].Blocks[1].Inlines[0].Text += "x"
	fp2, _ := Fingerprint(d)
	if fp1 == fp2 || len(fp1) != len(FingerprintKey)+64 {
		t.Errorf("fingerprints %s %s", fp1, fp2)
	}
	if !bytes.HasSuffix(a, []byte(fp1)) {
		t.Error("the ZIP comment is not the fingerprint")
	}
}

// TestCustomMarks: notes first referenced out of order keep their numbers
// as custom marks.
func TestCustomMarks(t *testing.T) {
	d := sample("a4")
	d.Notes[5] = d.Notes[1]
	blk := &d.Sections[3].Blocks[4]
	blk.Inlines[1].Note = 5
	p, _ := parts(t, render(t, d))
	if !strings.Contains(p["word/document.xml"], `<w:footnoteReference w:customMarkFollows="1" w:id="2"/><w:t>5</w:t>`) ||
		!strings.Contains(p["word/footnotes.xml"], `<w:rStyle w:val="FootnoteReference"/></w:rPr><w:t>5</w:t>`) {
		t.Error("note 5 is not marked 5")
	}
}

// TestErrors: the failures of Render.
func TestErrors(t *testing.T) {
	d := sample("a4")
	delete(d.Notes, 2)
	if _, err := Render(d, ""); err == nil || err.Error() != "docx: footnote 2 is referenced but has no text" {
		t.Errorf("missing note: %v", err)
	}
	if _, err := Render(sample("a5"), ""); err == nil || !strings.Contains(err.Error(), `unknown paper size "a5"`) {
		t.Errorf("paper: %v", err)
	}
	if _, err := Render(nil, ""); err == nil {
		t.Error("nil document accepted")
	}
}

// TestEscape pins the escaping of text and attributes.
func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"a<b>&c":         "a&lt;b&gt;&amp;c",
		"]]>":            "]]&gt;",
		"x\x00\x08y\x7f": "xy",
		"bad\xffutf8":    "bad\ufffdutf8",
		"\U0001F600":     "\U0001F600",
	} {
		if got := escape(in, false); got != want {
			t.Errorf("escape(%q) = %q, want %q", in, got, want)
		}
	}
	if got := escape("a\tb\"", true); got != "a&#x9;b&quot;" {
		t.Errorf("attribute: %q", got)
	}
}

// TestPandoc reads the sample back with pandoc, an independent reader.
func TestPandoc(t *testing.T) {
	pandoc, err := exec.LookPath("pandoc")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pandoc is required on CI (apt-get install pandoc)")
		}
		t.Skip("pandoc not found (apt-get install pandoc): check skipped")
	}
	f := t.TempDir() + "/s.docx"
	os.WriteFile(f, render(t, sample("a4")), 0o644)
	out, err := exec.Command(pandoc, "-f", "docx", "-t", "markdown", "--wrap=none", f).CombinedOutput()
	if err != nil {
		t.Fatalf("pandoc: %v\n%s", err, out)
	}
	md := string(out)
	for _, w := range []string{"# 1. Definitions", "#### 8.1 Instructions", `\(a\) The data importer shall comply[^1] with`, "[^1]: Regulation (EU) 2016/679", "[^2]: See [the register]", "Geschäftsführerin", "-   a bullet"} {
		if !strings.Contains(md, w) {
			t.Errorf("pandoc output lacks %q", w)
		}
	}
	// pandoc sees each note once.
	notes := regexp.MustCompile(`(?m)^\[\^(\d+)\]:`).FindAllString(md, -1)
	sort.Strings(notes)
	if strings.Join(notes, " ") != "[^1]: [^2]:" {
		t.Errorf("notes %v\n%s", notes, md)
	}
}

// BenchmarkRender renders the hand-built sample (every kind of block).
func BenchmarkRender(b *testing.B) {
	d := sample("a4")
	fp, _ := Fingerprint(d)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Render(d, fp); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFingerprintVersion: the fingerprint covers the document and Version,
// not this package's code, so any change of the bytes rendered for the
// same document must come with a new Version, or existing DOCX files would
// be taken as current. testdata/version.txt records the Version and the
// digest of the sample's rendering.
func TestFingerprintVersion(t *testing.T) {
	// A fixed fingerprint: the real one also changes when the document
	// model gains a field, which is not a change of the rendering.
	b, err := Render(sample("a4"), FingerprintKey+strings.Repeat("0", 64))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	line := fmt.Sprintf("docx %s sha256 %x\n", Version, sum)
	const path = "testdata/version.txt"
	old, _ := os.ReadFile(path)
	if string(old) == line {
		return
	}
	if strings.HasPrefix(string(old), "docx "+Version+" ") {
		t.Fatalf("the rendering of the sample changed but Version is still %s: bump docx.Version (and run make golden)", Version)
	}
	if !golden.Update() {
		t.Fatalf("%s records %q; run make golden to record version %s", path, strings.TrimSpace(string(old)), Version)
	}
	os.MkdirAll("testdata", 0o755)
	os.WriteFile(path, []byte(line), 0o644)
}
