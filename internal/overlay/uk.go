package overlay

import (
	"fmt"
	"github.com/dpa-tool/dpa/internal/prose"
	"slices"
	"strconv"
	"strings"

	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/markdown"
	"github.com/dpa-tool/dpa/internal/model"
)

var esc = markdown.Escape

// Context is what the overlays need from the agreement around them. Every
// string is Markdown, escaped by the caller where it holds user text.
type Context struct {
	D  *model.Description
	P  *model.Plan
	LG *legal.Data
	// Agreement is how the overlays refer to the agreement: "the Agreement".
	Agreement string
	// AcceptanceSection is the number of the agreement's acceptance
	// section under click-through execution (or a mark the assembler
	// replaces by it).
	AcceptanceSection string
}

// UKHeading returns the heading of a UK Addendum: "UK Addendum to Addendum I".
func (o *Overlay) UKHeading() string { return "UK Addendum to " + o.EU.Name }

// SwissHeading returns the heading of a Swiss supplement: "Swiss
// Supplement to Addendum I".
func (o *Overlay) SwissHeading() string { return "Swiss Supplement to " + o.EU.Name }

// Row is one row of a table: its cells as Markdown.
type Row []string

// UKTables are the filled Part 1 tables of a UK Addendum.
type UKTables struct {
	Start    []Row // Table 1: the start date and the Parties by role
	Details  []Row // Table 1: "Parties’ details": header row, then one row per label
	Contacts []Row // Table 1: "Key Contact" and the signature: header row, then one row per label
	Selected []Row // Table 2: the Addendum EU SCCs
	Modules  []Row // Table 2: header row, then modules 1 to 4
	Appendix []Row // Table 3
	Ending   Row   // Table 4
}

// line is a label of Table 1 and how to fill it for a party.
type line struct {
	label string
	value func(*model.Party) string
}

// none stands for an empty optional value, as on the cover.
const none = "–"

// Tables fills Part 1 of the UK Addendum o.
func (o *Overlay) Tables(c Context) (*UKTables, error) {
	tx, err := FixedTexts()
	if err != nil {
		return nil, err
	}
	t1, t2, t3, t4 := tx.Table1, tx.Table2, tx.Table3, tx.Table4
	out := &UKTables{Start: []Row{{t1.StartDate, prose.LongDate(c.D.Agreement.Date)}}}

	// Table 1: the Parties by role, then their details and key contacts
	// with one column per exporter, then per importer, and one label per
	// row (so that every cell is filled and text extraction keeps rows).
	parties := append(append([]*model.Party{}, o.Exporters...), o.Importers...)
	roles := Row{}
	var named []string
	for _, p := range parties {
		role := t1.Importer
		if slices.Contains(o.Exporters, p) {
			role = t1.Exporter
		}
		roles = append(roles, role)
		named = append(named, role+": "+esc(p.Name))
	}
	out.Start = append(out.Start, Row{t1.Parties, strings.Join(named, "; ")})
	group := func(label string, lines []line) []Row {
		rows := []Row{append(Row{label}, roles...)}
		for _, l := range lines {
			row := Row{l.label}
			for _, p := range parties {
				row = append(row, l.value(p))
			}
			rows = append(rows, row)
		}
		return rows
	}
	out.Details = group(t1.Details, []line{
		{t1.FullLegalName, func(p *model.Party) string { return esc(p.Name) }},
		{t1.TradingName, func(p *model.Party) string { return orNone(esc(p.TradingName)) }},
		{t1.MainAddress, func(p *model.Party) string { return address(c.LG, p) }},
		{t1.Registration, func(p *model.Party) string { return orNone(esc(p.Registration)) }},
	})
	out.Contacts = group(t1.KeyContact, []line{
		{t1.FullName, func(p *model.Party) string { return esc(p.Contact.Name) }},
		{t1.JobTitle, func(p *model.Party) string { return esc(p.Contact.Position) }},
		{t1.ContactDetails, func(p *model.Party) string { return contactDetails(p.Contact) }},
		{t1.Signature, func(p *model.Party) string {
			if c.D.Execution() == model.ClickThrough {
				return "Accepted electronically by acceptance of the Principal Agreement, in accordance with section " + c.AcceptanceSection + " of " + c.Agreement + "; the date of acceptance and the name and position of the person who accepted are recorded in the acceptance record kept under that section"
			}
			return "See the signature page of " + c.Agreement
		}},
	})

	// Table 2.
	ref := none
	if c.D.Agreement.Reference != "" {
		ref = esc(c.D.Agreement.Reference)
	}
	out.Selected = []Row{
		{t2.AddendumEUSCCs, t2.Appended},
		{"", t2.Date + " " + prose.LongDate(c.D.Agreement.Date)},
		{"", t2.Reference + " " + ref},
		{"", t2.OtherIdentifier + " " + o.EU.Name + " of " + c.Agreement + " (" + o.EU.Module.String() + ")"},
	}
	out.Modules = append(out.Modules, Row{t2.Module, t2.InOperation, t2.Clause7, t2.Clause11, t2.Clause9Option, t2.Clause9Period, t2.Combined})
	for m := model.ModuleOne; m <= model.ModuleFour; m++ {
		out.Modules = append(out.Modules, ModuleRow(m, m == o.EU.Module, c.P, c.D.UKAddendum))
	}

	// Table 3.
	annex3 := "Annex III of " + c.Agreement
	if o.EU.Module == model.ModuleOne || o.EU.Module == model.ModuleFour {
		annex3 = "Not applicable (" + o.EU.Module.String() + ")"
	}
	out.Appendix = []Row{
		{t3.Annex1A, "Annex I.A of " + c.Agreement},
		{t3.Annex1B, "Annex I.B of " + c.Agreement + ", " + sections(c.P, o.Transfers)},
		{t3.Annex2, "Annex II of " + c.Agreement},
		{t3.Annex3, annex3},
	}

	// Table 4.
	out.Ending = Row{t4.Row, t4.Which + " " + Ending(tx, c.D.UKAddendum)}
	return out, nil
}

// ModuleRow is the row of module m in Table 2's module table. Modules not
// in operation are marked so, with the other cells not applicable.
func ModuleRow(m model.Module, inOperation bool, p *model.Plan, u *model.UKAddendum) Row {
	if !inOperation {
		return Row{strconv.Itoa(int(m)), "No", none, none, none, none, none}
	}
	row := Row{strconv.Itoa(int(m)), "Yes", yesNo(p.Docking), "Not selected"}
	if p.Redress.Elected {
		row[3] = "Selected"
	}
	switch m {
	case model.ModuleTwo, model.ModuleThree:
		opt := "General Authorisation"
		if p.Authorisation == model.Specific {
			opt = "Prior Authorisation"
		}
		row = append(row, opt, p.NoticeDays.String())
	default:
		row = append(row, "Not applicable", "Not applicable")
	}
	combined := "Not applicable"
	if m == model.ModuleFour && u != nil && u.Module4Combined != nil {
		combined = yesNo(*u.Module4Combined)
	}
	return append(row, combined)
}

// Ending is the Table 4 choice: the Parties that may end the Addendum when
// the ICO revises it. The default is both Importer and Exporter.
func Ending(tx *Texts, u *model.UKAddendum) string {
	e := "both"
	if u != nil && u.Ending != "" {
		e = u.Ending
	}
	switch e {
	case "importer":
		return tx.Table4.Importer
	case "exporter":
		return tx.Table4.Exporter
	case "neither":
		return tx.Table4.Neither
	}
	return tx.Table4.Importer + " and " + tx.Table4.Exporter
}

// UKMarkdown writes the UK Addendum o: the title block, Part 1 filled in
// and Part 2 incorporated by reference. Its headings start at level 2.
func (o *Overlay) UKMarkdown(c Context) (string, error) {
	tx, err := FixedTexts()
	if err != nil {
		return "", err
	}
	t, err := o.Tables(c)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n", o.UKHeading())
	fmt.Fprintf(&b, "%s\n\n", tx.Header)
	fmt.Fprintf(&b, "### %s\n\n", tx.Title)
	fmt.Fprintf(&b, "%s\n\n", tx.Version)
	fmt.Fprintf(&b, "%s\n\n", tx.Statement)
	fmt.Fprintf(&b, "### %s\n\n", tx.Part1)
	fmt.Fprintf(&b, "#### %s\n\n", tx.Table1.Title)
	table(&b, append([]Row{{"", ""}}, t.Start...))
	table(&b, t.Details)
	table(&b, t.Contacts)
	fmt.Fprintf(&b, "#### %s\n\n", tx.Table2.Title)
	table(&b, append([]Row{{"", ""}}, t.Selected...))
	table(&b, t.Modules)
	fmt.Fprintf(&b, "#### %s\n\n", tx.Table3.Title)
	fmt.Fprintf(&b, "%s\n\n", tx.Table3.Intro)
	table(&b, append([]Row{{"", ""}}, t.Appendix...))
	fmt.Fprintf(&b, "#### %s\n\n", tx.Table4.Title)
	table(&b, []Row{{"", ""}, t.Ending})
	fmt.Fprintf(&b, "### %s\n\n", tx.Part2)
	table(&b, []Row{{"", ""}, {tx.MandatoryClauses, tx.AlternativePart2}})
	return strings.TrimRight(b.String(), "\n"), nil
}

// table writes rows as a GFM table; the first row is the header.
func table(b *strings.Builder, rows []Row) {
	for i, r := range rows {
		b.WriteString("|")
		for _, cell := range r {
			if cell == "" {
				b.WriteString(" |")
			} else {
				b.WriteString(" " + cell + " |")
			}
		}
		b.WriteString("\n")
		if i == 0 {
			b.WriteString("|" + strings.Repeat("---|", len(r)) + "\n")
		}
	}
	b.WriteString("\n")
}

func address(lg *legal.Data, p *model.Party) string {
	a := esc(p.Address)
	if country := lg.CountryName(p.Country); !strings.Contains(p.Address, country) {
		a += ", " + esc(country)
	}
	return a
}

func contactDetails(c model.Person) string {
	var parts []string
	for _, x := range []string{c.Email, c.Phone} {
		if x != "" {
			parts = append(parts, esc(x))
		}
	}
	return orNone(strings.Join(parts, ", "))
}

func orNone(s string) string {
	if s == "" {
		return none
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

// sections names transfers as Annex I.B numbers them: "section B.1
// (“Title”)" or "sections B.1 and B.3", with the titles where every one
// has one. Ids never appear.
func sections(p *model.Plan, tps []*model.TransferPlan) string {
	var secs, titles []string
	for _, tp := range tps {
		secs = append(secs, fmt.Sprintf("B.%d", slices.Index(p.Transfers, tp)+1))
		if tp.Transfer.Title != "" {
			titles = append(titles, "“"+esc(tp.Transfer.Title)+"”")
		}
	}
	word := "section"
	if len(secs) > 1 {
		word = "sections"
	}
	s := word + " " + prose.List(secs)
	if len(titles) == len(secs) {
		s += " (" + prose.List(titles) + ")"
	}
	return s
}
