package overlay

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/model"
)

// Applicability says whether an overlay applies to an exporter, and why.
type Applicability struct {
	Applies bool
	// Declared is true when the description says so (uk_gdpr, swiss_fadp)
	// rather than the place of establishment.
	Declared bool
	Reason   string
}

// established reports whether p has its seat or its establishment in country.
func established(p *model.Party, country string) bool {
	return p.Country == country || (p.Establishment != nil && p.Establishment.Country == country)
}

func applicability(p *model.Party, declared *bool, country, key, law string) Applicability {
	switch {
	case declared != nil && *declared:
		return Applicability{true, true, fmt.Sprintf("%s declares %s: true: its transfers are subject to %s", p.ID, key, law)}
	case declared != nil:
		return Applicability{false, true, fmt.Sprintf("%s declares %s: false", p.ID, key)}
	case established(p, country):
		return Applicability{true, false, fmt.Sprintf("%s is established in %s: its transfers are subject to %s", p.ID, country, law)}
	}
	return Applicability{}
}

// UK says whether the transfers exported by p are UK restricted transfers:
// p is established in the United Kingdom, or declares uk_gdpr.
func UK(p *model.Party) Applicability {
	return applicability(p, p.UKGDPR, "GB", "uk_gdpr", "the UK GDPR (restricted transfers under its Chapter V)")
}

// Swiss says whether the transfers exported by p are subject to the Swiss
// FADP: p is established in Switzerland, or declares swiss_fadp.
func Swiss(p *model.Party) Applicability {
	return applicability(p, p.SwissFADP, "CH", "swiss_fadp", "the Swiss Federal Act on Data Protection")
}

// UKIncluded reports whether the description lets the UK Addendum into the
// agreement (uk_addendum.include is not false).
func UKIncluded(d *model.Description) bool {
	return d.UKAddendum == nil || d.UKAddendum.Include == nil || *d.UKAddendum.Include
}

// SwissIncluded reports whether the description lets the Swiss supplement
// into the agreement (swiss_supplement.include is not false).
func SwissIncluded(d *model.Description) bool {
	return d.SwissSupplement == nil || d.SwissSupplement.Include == nil || *d.SwissSupplement.Include
}

// EU is an EU addendum of the agreement: one module's Clauses.
type EU struct {
	Name   string // "Addendum I"
	Module model.Module
}

// Overlay is one UK Addendum or Swiss supplement, appended to one EU addendum.
type Overlay struct {
	EU EU
	// Exporters are the exporters of the EU addendum's transfers to which
	// the overlay applies, in party order; Importers the importers of their
	// transfers, in party order.
	Exporters, Importers []*model.Party
	// Transfers are the EU addendum's transfers with one of Exporters.
	Transfers []*model.TransferPlan
	// Reasons say why the overlay applies, one per exporter.
	Reasons []string
}

// Plan lists the overlays of an agreement in the order of the EU addenda.
type Plan struct {
	UK    []*Overlay
	Swiss []*Overlay
	// UKOmitted and SwissOmitted are exporters to which an overlay applies
	// that the description leaves out (include: false).
	UKOmitted, SwissOmitted []*model.Party

	eu []EU
}

// EUName returns the name of the EU addendum of module m ("Addendum I"),
// or "" where the plan has none.
func (pl *Plan) EUName(m model.Module) string {
	for _, e := range pl.eu {
		if e.Module == m {
			return e.Name
		}
	}
	return ""
}

// Derive finds the overlays of the agreement. eu lists its EU addenda in
// document order.
func Derive(d *model.Description, p *model.Plan, eu []EU) *Plan {
	out := &Plan{eu: eu}
	for _, a := range eu {
		if o := derive(d, p, a, UK); o != nil {
			if UKIncluded(d) {
				out.UK = append(out.UK, o)
			} else {
				out.UKOmitted = appendNew(out.UKOmitted, o.Exporters...)
			}
		}
		if o := derive(d, p, a, Swiss); o != nil {
			if SwissIncluded(d) {
				out.Swiss = append(out.Swiss, o)
			} else {
				out.SwissOmitted = appendNew(out.SwissOmitted, o.Exporters...)
			}
		}
	}
	return out
}

func derive(d *model.Description, p *model.Plan, a EU, applies func(*model.Party) Applicability) *Overlay {
	o := &Overlay{EU: a}
	var exp, imp []string
	for _, tp := range p.TransfersOf(a.Module) {
		hit := false
		for _, id := range tp.Transfer.Exporters {
			if party := d.Party(id); party != nil && applies(party).Applies {
				hit = true
				exp = appendNew(exp, id)
			}
		}
		if hit {
			o.Transfers = append(o.Transfers, tp)
			imp = appendNew(imp, tp.Transfer.Importers...)
		}
	}
	if len(o.Transfers) == 0 {
		return nil
	}
	for _, party := range d.Parties {
		if slices.Contains(exp, party.ID) {
			o.Exporters = append(o.Exporters, party)
			o.Reasons = append(o.Reasons, applies(party).Reason)
		}
		if slices.Contains(imp, party.ID) {
			o.Importers = append(o.Importers, party)
		}
	}
	return o
}

func appendNew[T comparable](list []T, items ...T) []T {
	for _, it := range items {
		if !slices.Contains(list, it) {
			list = append(list, it)
		}
	}
	return list
}

// Finding is a diagnostic whose place is a JSON pointer into the description.
type Finding struct {
	Ptr      string
	Severity diag.Severity
	Code     string
	Msg      string
	Hint     string
}

// Endings are the values of uk_addendum.ending (Table 4).
var Endings = []string{"both", "importer", "exporter", "neither"}

// Check applies the rules of the overlays to a description and its plan:
// the notes for UK and Swiss exporters whose overlay is left out, the
// Module Four question of Table 2, and the law and courts the Swiss
// supplement may elect.
func Check(d *model.Description, p *model.Plan, lg *legal.Data, eu []EU) []Finding {
	var out []Finding
	add := func(ptr string, sev diag.Severity, code, hint, format string, args ...any) {
		out = append(out, Finding{ptr, sev, code, fmt.Sprintf(format, args...), hint})
	}
	pl := Derive(d, p, eu)
	for _, party := range pl.UKOmitted {
		add(party.Ptr+"/country", diag.Note, "law.uk-exporter", "remove uk_addendum.include: false to add the UK International Data Transfer Addendum, or cover them by another UK transfer tool",
			"exporter %s makes UK restricted transfers: the EU clauses alone do not cover UK transfers", party.ID)
	}
	for _, party := range pl.SwissOmitted {
		add(party.Ptr+"/country", diag.Note, "law.swiss-exporter", "remove swiss_supplement.include: false to add the Swiss supplement (FDPIC as authority, FADP references)",
			"exporter %s makes transfers subject to the Swiss FADP: the EU clauses alone do not cover Swiss transfers", party.ID)
	}
	exporter := map[string]bool{}
	for _, e := range p.Exporters {
		exporter[e.Party.ID] = true
	}
	for _, party := range d.Parties {
		for _, c := range []struct {
			set *bool
			key string
		}{{party.UKGDPR, "uk_gdpr"}, {party.SwissFADP, "swiss_fadp"}} {
			if c.set != nil && *c.set && !exporter[party.ID] {
				add(party.Ptr+"/"+c.key, diag.Warning, "law.overlay-party", "declare it on an exporter of a transfer with SCCs, or remove it",
					"%s: true has no effect: %s is not the exporter of a transfer with standard contractual clauses", c.key, party.ID)
			}
		}
	}
	if u := d.UKAddendum; u != nil {
		if len(pl.UK) == 0 && UKIncluded(d) {
			add("/uk_addendum", diag.Warning, "law.uk-unused", "remove uk_addendum, or declare uk_gdpr: true on the exporter with UK operations",
				"uk_addendum has no effect: no exporter of a transfer with SCCs makes UK restricted transfers")
		}
		if u.Ending != "" && !slices.Contains(Endings, u.Ending) {
			add("/uk_addendum/ending", diag.Error, "law.uk-ending", "use both, importer, exporter or neither", "ending %q is not a Table 4 choice", u.Ending)
		}
	}
	for _, o := range pl.UK {
		if o.EU.Module == model.ModuleFour && (d.UKAddendum == nil || d.UKAddendum.Module4Combined == nil) {
			ptr := ""
			if d.UKAddendum != nil {
				ptr = "/uk_addendum"
			}
			add(ptr, diag.Error, "law.uk-module4", "add uk_addendum: {module4_combined: true} (or false): is personal data received from the importer combined with personal data collected by the exporter?",
				"the UK Addendum to %s (Module Four) must answer Table 2's question whether personal data received from the importer is combined with personal data collected by the exporter", o.EU.Name)
		}
	}
	if s := d.SwissSupplement; s != nil {
		if len(pl.Swiss) == 0 && SwissIncluded(d) {
			add("/swiss_supplement", diag.Warning, "law.swiss-unused", "remove swiss_supplement, or declare swiss_fadp: true on the exporter whose transfers are subject to the FADP",
				"swiss_supplement has no effect: no exporter of a transfer with SCCs makes transfers subject to the Swiss FADP")
		}
		for _, c := range []struct{ ptr, code, what string }{
			{"/swiss_supplement/governing_law", s.GoverningLaw, "governing law"},
			{"/swiss_supplement/courts", s.Courts, "courts"},
		} {
			if c.code != "" && c.code != "CH" && !lg.EUStates[c.code] {
				add(c.ptr, diag.Error, "law.swiss-law", "use CH (Switzerland) or an EU Member State such as IE",
					"the Swiss supplement's %s must be Switzerland or an EU Member State, not %s", c.what, c.code)
			}
		}
	}
	return out
}

// Addenda names the EU addenda of a plan as the agreement numbers them:
// "Addendum I", "Addendum II", … in the order of p.Modules.
func Addenda(p *model.Plan) []EU {
	var out []EU
	for i, m := range p.Modules {
		out = append(out, EU{Name: "Addendum " + Numeral(i+1), Module: m})
	}
	return out
}

// Numeral returns the Roman numeral of an addendum, 1 to 10.
func Numeral(n int) string {
	return []string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}[n]
}

// Explanation says for dpa explain what an overlay does and why.
type Explanation struct {
	Kind      string   `json:"kind"` // "uk_addendum" or "swiss_supplement"
	Title     string   `json:"title"`
	Included  bool     `json:"included"`
	Exporters []string `json:"exporters"`
	Importers []string `json:"importers,omitempty"`
	Transfers []string `json:"transfers"`
	Reasons   []string `json:"reasons"`
	// Points are the elections and contents, one line each.
	Points []string `json:"points"`
}

func ids(ps []*model.Party) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.ID)
	}
	return out
}

// Explain describes the overlays of an agreement (and those left out).
func Explain(d *model.Description, p *model.Plan, lg *legal.Data) []Explanation {
	pl := Derive(d, p, Addenda(p))
	tx, _ := FixedTexts()
	var out []Explanation
	transfers := func(o *Overlay) []string {
		s := []string{}
		for _, tp := range o.Transfers {
			s = append(s, tp.Transfer.ID)
		}
		return s
	}
	for _, o := range pl.UK {
		row := ModuleRow(o.EU.Module, true, p, d.UKAddendum)
		ending := "(default)"
		if d.UKAddendum != nil && d.UKAddendum.Ending != "" {
			ending = "(uk_addendum.ending: " + d.UKAddendum.Ending + ")"
		}
		points := []string{
			"the ICO's International Data Transfer Addendum, " + tx.Version + ", placed after " + o.EU.Name,
			"Table 1: exporter " + strings.Join(ids(o.Exporters), ", ") + ", importer " + strings.Join(ids(o.Importers), ", ") + ", from the description; start date " + d.Agreement.Date,
			fmt.Sprintf("Table 2: appended to %s (%s); Clause 7 %s; Clause 11 option %s; Clause 9a %s, %s; data combined (Module Four) %s",
				o.EU.Name, o.EU.Module, row[2], strings.ToLower(row[3]), row[4], row[5], strings.ToLower(row[6])),
			"Table 3: Annexes I.A, I.B, II and III of the agreement",
			"Table 4: " + Ending(tx, d.UKAddendum) + " may end it when the ICO revises it " + ending,
			"Part 2: incorporated by reference (the Addendum's Alternative Part 2 wording); signed through the signature page",
		}
		if d.Execution() == model.ClickThrough {
			points[len(points)-1] = "Part 2: incorporated by reference (the Addendum's Alternative Part 2 wording); deemed signed with the Principal Agreement (click-through)"
		}
		out = append(out, Explanation{"uk_addendum", o.UKHeading(), true, ids(o.Exporters), ids(o.Importers), transfers(o), o.Reasons, points})
	}
	if len(pl.UKOmitted) > 0 {
		out = append(out, Explanation{Kind: "uk_addendum", Title: "UK Addendum", Exporters: ids(pl.UKOmitted), Transfers: []string{},
			Reasons: []string{"uk_addendum.include: false"}, Points: []string{"left out: the EU clauses alone do not cover UK restricted transfers"}})
	}
	for _, o := range pl.Swiss {
		law, courts, lawElected, courtsElected := SwissLaw(d, p)
		src := func(elected bool, key, clause string) string {
			if elected {
				return "swiss_supplement." + key
			}
			return "as " + clause + " of " + o.EU.Name
		}
		points := []string{"the project's own drafting on the points the FDPIC asked parties to adapt (no official Swiss text exists)"}
		if o.EU.Module != model.ModuleFour {
			points = append(points, "the FDPIC is the competent authority for the FADP part (Clause 13, Annex I.C), beside the GDPR authority where the GDPR applies")
		}
		points = append(points, "references to Regulation (EU) 2016/679 read as references to the FADP for the FADP part")
		if o.EU.Module != model.ModuleFour {
			points = append(points, "“Member State” does not exclude data subjects in Switzerland from suing where they habitually reside (Clause 18(c))")
		}
		points = append(points,
			fmt.Sprintf("law: %s; courts: %s (%s)", lawExpl(p, lg, law, lawElected, src(lawElected, "governing_law", "Clause 17")), lg.LawOf(courts), src(courtsElected, "courts", "Clause 18(b)")),
			"left out: the protection of legal entities, which the sources limit to the time before the revised FADP took effect")
		out = append(out, Explanation{"swiss_supplement", o.SwissHeading(), true, ids(o.Exporters), nil, transfers(o), o.Reasons, points})
	}
	if len(pl.SwissOmitted) > 0 {
		out = append(out, Explanation{Kind: "swiss_supplement", Title: "Swiss Supplement", Exporters: ids(pl.SwissOmitted), Transfers: []string{},
			Reasons: []string{"swiss_supplement.include: false"}, Points: []string{"left out: the EU clauses alone do not cover transfers subject to the Swiss FADP"}})
	}
	return out
}

// Only reports whether p is an exporter that is not subject to the GDPR
// (outside the EEA, not under Art. 3(2), no Art. 27 representative) whose
// transfers only the UK Addendum or the Swiss supplement brings under the
// clauses, and says which in words. Such an exporter has no supervisory
// authority under the GDPR for Clause 13.
func Only(d *model.Description, p *model.Party, inEEA func(string) bool) (string, bool) {
	if p.GDPRArt32 || p.Representative != nil || inEEA(p.Location().Country) {
		return "", false
	}
	var by []string
	if UK(p).Applies && UKIncluded(d) {
		by = append(by, "the UK Addendum (UK GDPR)")
	}
	if Swiss(p).Applies && SwissIncluded(d) {
		by = append(by, "the Swiss supplement (FADP, the FDPIC as authority)")
	}
	if len(by) == 0 {
		return "", false
	}
	return fmt.Sprintf("%s is not subject to the GDPR: its transfers are covered through %s, with no authority under the GDPR", p.ID, strings.Join(by, " and ")), true
}

// lawExpl says which law governs the FADP part, for explain.
func lawExpl(p *model.Plan, lg *legal.Data, law string, elected bool, source string) string {
	if p.LawOption == 2 && !elected {
		return "the law determined under Clause 17 Option 2 (" + source + ")"
	}
	return lg.LawOf(law) + " (" + source + ")"
}
