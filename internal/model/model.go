// Package model holds the plain domain types of an agreement: the
// description as the user wrote it (after merging profiles) and the plan
// that the rules derive from it (modules, clause elections, authorities,
// notes). It does no I/O and knows nothing of YAML.
package model

import (
	"encoding/json"
	"fmt"
)

// Role is a party's role in a transfer.
type Role string

// Roles a party can have in a transfer.
const (
	Controller Role = "controller"
	Processor  Role = "processor"
)

// Module is an SCC module of Decision (EU) 2021/914.
type Module int

// The four modules.
const (
	ModuleOne   Module = 1
	ModuleTwo   Module = 2
	ModuleThree Module = 3
	ModuleFour  Module = 4
)

var moduleNames = map[Module]string{
	ModuleOne: "One", ModuleTwo: "Two", ModuleThree: "Three", ModuleFour: "Four",
}

var moduleTitles = map[Module]string{
	ModuleOne:   "Transfer controller to controller",
	ModuleTwo:   "Transfer controller to processor",
	ModuleThree: "Transfer processor to processor",
	ModuleFour:  "Transfer processor to controller",
}

// String returns "Module Two" and so on.
func (m Module) String() string {
	if n, ok := moduleNames[m]; ok {
		return "Module " + n
	}
	return fmt.Sprintf("Module %d", int(m))
}

// Word returns "Two" and so on.
func (m Module) Word() string { return moduleNames[m] }

// Title returns the official module title, e.g. "Transfer controller to processor".
func (m Module) Title() string { return moduleTitles[m] }

// List is a text value that the format accepts as one string or a list of strings.
type List []string

// UnmarshalJSON accepts a string or an array of strings.
func (l *List) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*l = List{s}
		return nil
	}
	var a []string
	_ = json.Unmarshal(b, &a) // a value of another type is left empty: the schema reports it
	*l = a
	return nil
}

// Description is one agreement as described by the user, merged with its profiles.
type Description struct {
	Path               string          `json:"-"`
	Version            int             `json:"version"`
	Agreement          Agreement       `json:"agreement"`
	Parties            []*Party        `json:"parties"`
	Transfers          []*Transfer     `json:"transfers"`
	SCC                *SCC            `json:"scc"`
	DPA                DPA             `json:"dpa"`
	SecurityMeasures   []*Measure      `json:"security_measures"`
	AssistanceMeasures List            `json:"assistance_measures"`
	Subprocessors      []*Subprocessor `json:"subprocessors"`
	// UKAddendum and SwissSupplement configure the UK and Swiss overlays
	// (see internal/overlay); nil means the defaults.
	UKAddendum      *UKAddendum      `json:"uk_addendum"`
	SwissSupplement *SwissSupplement `json:"swiss_supplement"`
}

// UKAddendum holds the elections of the UK Information Commissioner's
// International Data Transfer Addendum.
type UKAddendum struct {
	Include *bool `json:"include"` // nil: included where a UK restricted transfer exists
	// Ending is Table 4: "both" (the default), "importer", "exporter" or "neither".
	Ending string `json:"ending"`
	// Module4Combined answers Table 2's Module Four question: is personal
	// data received from the importer combined with personal data collected
	// by the exporter?
	Module4Combined *bool `json:"module4_combined"`
}

// SwissSupplement holds the elections of the Swiss supplement for
// transfers subject to the Swiss Federal Act on Data Protection.
type SwissSupplement struct {
	Include *bool `json:"include"` // nil: included where a transfer is subject to the FADP
	// GoverningLaw and Courts, when given, replace the Clause 17 law and the
	// Clause 18(b) courts for those transfers.
	GoverningLaw string `json:"governing_law"`
	Courts       string `json:"courts"`
}

// Agreement holds the cover data.
type Agreement struct {
	Title              string `json:"title"`
	Reference          string `json:"reference"`
	Version            string `json:"version"`
	Supersedes         string `json:"supersedes"`
	Date               string `json:"date"`
	Execution          string `json:"execution"` // "signature" (default) or "click-through"
	PrincipalAgreement string `json:"principal_agreement"`
	Paper              string `json:"paper"`
	// Templates is a directory of templates that replace the built-in
	// ones, as written (relative to the file that names it).
	Templates string `json:"templates"`
}

// Person is a contact, a DPO or a signatory.
type Person struct {
	Name     string `json:"name"`
	Position string `json:"position"`
	Email    string `json:"email"`
	Phone    string `json:"phone"`
}

// Place is where an establishment is.
type Place struct {
	Country string `json:"country"`
	Region  string `json:"region"`
}

// Representative is a GDPR Art. 27 representative.
type Representative struct {
	Name    string `json:"name"`
	Address string `json:"address"`
	Country string `json:"country"`
	Email   string `json:"email"`
}

// Signatories is one signatory or a list of them.
type Signatories []Person

// UnmarshalJSON accepts an object or an array of objects.
func (s *Signatories) UnmarshalJSON(b []byte) error {
	var p Person
	if err := json.Unmarshal(b, &p); err == nil {
		*s = Signatories{p}
		return nil
	}
	var a []Person
	_ = json.Unmarshal(b, &a) // see List.UnmarshalJSON
	*s = a
	return nil
}

// Party is a party to the agreement.
type Party struct {
	Ptr            string          `json:"-"` // JSON pointer in the description, e.g. /parties/0
	ID             string          `json:"id"`
	Name           string          `json:"name"`
	Address        string          `json:"address"`
	Country        string          `json:"country"`
	Region         string          `json:"region"`
	Registration   string          `json:"registration"`
	Establishment  *Place          `json:"establishment"`
	Contact        Person          `json:"contact"`
	DPO            *Person         `json:"dpo"`
	Representative *Representative `json:"representative"`
	Activities     string          `json:"activities"`
	Signatories    Signatories     `json:"signatory"`
	DPFCertified   bool            `json:"dpf_certified"`
	GDPRArt32      bool            `json:"gdpr_art3_2"`
	TradingName    string          `json:"trading_name"`
	// UKGDPR and SwissFADP declare (true) or deny (false) that the party's
	// exports are UK restricted transfers or subject to the Swiss FADP; nil
	// derives it from an establishment in the United Kingdom or Switzerland.
	UKGDPR    *bool `json:"uk_gdpr"`
	SwissFADP *bool `json:"swiss_fadp"`
}

// Location returns where the party's processing happens: its establishment
// if given, else its registered seat.
func (p *Party) Location() Place {
	if p.Establishment != nil && p.Establishment.Country != "" {
		return *p.Establishment
	}
	return Place{Country: p.Country, Region: p.Region}
}

// Roles are the roles of exporter and importer in a transfer.
type Roles struct {
	Exporter Role `json:"exporter"`
	Importer Role `json:"importer"`
}

// Sensitive describes special categories of data and their safeguards.
type Sensitive struct {
	Categories List `json:"categories"`
	Safeguards List `json:"safeguards"`
}

// TIA records the transfer impact assessment of Clause 14(b).
type TIA struct {
	Reference string `json:"reference"`
	Date      string `json:"date"`
}

// Transfer is one flow of personal data from exporters to importers.
type Transfer struct {
	Ptr           string     `json:"-"`
	ID            string     `json:"id"`
	Title         string     `json:"title"`
	Exporters     List       `json:"exporter"`
	Importers     List       `json:"importer"`
	Roles         Roles      `json:"roles"`
	Module        Module     `json:"module"`
	Controllers   string     `json:"controllers"`
	SubjectMatter string     `json:"subject_matter"`
	Duration      string     `json:"duration"`
	DataSubjects  List       `json:"data_subjects"`
	PersonalData  List       `json:"personal_data"`
	Sensitive     *Sensitive `json:"sensitive_data"`
	Frequency     string     `json:"frequency"`
	Nature        List       `json:"nature"`
	Purposes      List       `json:"purposes"`
	Retention     string     `json:"retention"`
	Subprocessing string     `json:"subprocessing"`
	TIA           *TIA       `json:"tia"`
}

// GoverningLaw is Clause 17: Option 1 (State) or Option 2 (exporter's State with Fallback).
type GoverningLaw struct {
	State           string
	ExporterCountry bool
	Fallback        string
}

// UnmarshalJSON accepts a State code or {exporter_country: true, fallback: XX}.
func (g *GoverningLaw) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*g = GoverningLaw{State: s}
		return nil
	}
	var o struct {
		ExporterCountry bool   `json:"exporter_country"`
		Fallback        string `json:"fallback"`
	}
	_ = json.Unmarshal(b, &o) // see List.UnmarshalJSON
	*g = GoverningLaw{ExporterCountry: o.ExporterCountry, Fallback: o.Fallback}
	return nil
}

// SCC holds the elections of the Standard Contractual Clauses.
type SCC struct {
	Force                bool          `json:"force"`
	DockingClause        bool          `json:"docking_clause"`
	RedressBody          RedressBody   `json:"redress_body"`
	GoverningLaw         *GoverningLaw `json:"governing_law"`
	Courts               string        `json:"courts"`
	SupervisoryAuthority string        `json:"supervisory_authority"`
}

// RedressBody is the election of the optional paragraph of Clause 11(a):
// false, true, or the independent dispute resolution body by name.
type RedressBody struct {
	Elected bool
	Name    string `json:"name"`
	Address string `json:"address"`
	Email   string `json:"email"`
	Website string `json:"website"`
}

// UnmarshalJSON accepts a boolean or {name, address, email, website}; an
// object elects the paragraph.
func (r *RedressBody) UnmarshalJSON(b []byte) error {
	var on bool
	if err := json.Unmarshal(b, &on); err == nil {
		*r = RedressBody{Elected: on}
		return nil
	}
	type plain RedressBody
	var o plain
	_ = json.Unmarshal(b, &o) // see List.UnmarshalJSON
	*r = RedressBody(o)
	r.Elected = true
	return nil
}

// Days is a period in days: calendar days unless Working is set. The
// format writes it as a number of calendar days, {calendar: N} or
// {working: N}.
type Days struct {
	N       int
	Working bool
}

// UnmarshalJSON accepts a number or {calendar: N} or {working: N}.
func (d *Days) UnmarshalJSON(b []byte) error {
	var n int
	if err := json.Unmarshal(b, &n); err == nil {
		*d = Days{N: n}
		return nil
	}
	var o struct {
		Calendar *int `json:"calendar"`
		Working  *int `json:"working"`
	}
	_ = json.Unmarshal(b, &o) // see List.UnmarshalJSON
	switch {
	case o.Working != nil:
		*d = Days{N: *o.Working, Working: true}
	case o.Calendar != nil:
		*d = Days{N: *o.Calendar}
	}
	return nil
}

// String returns "30 calendar days", "1 working day" and so on.
func (d Days) String() string {
	kind := "calendar"
	if d.Working {
		kind = "working"
	}
	unit := "days"
	if d.N == 1 {
		unit = "day"
	}
	return fmt.Sprintf("%d %s %s", d.N, kind, unit)
}

// Authorisation is the sub-processor authorisation of Art. 28(2) and Clause 9.
type Authorisation string

// The two kinds of authorisation.
const (
	General  Authorisation = "general"
	Specific Authorisation = "specific"
)

// SubprocessorTerms is dpa.subprocessors.
type SubprocessorTerms struct {
	Authorisation Authorisation `json:"authorisation"`
	NoticeDays    Days          `json:"notice_days"`
	// ControllerDays is the period within which a Module Three exporter
	// passes on its controller's decision; nil means the notice period.
	ControllerDays *Days `json:"controller_decision_days"`
	// Objection is what follows an objection under general authorisation:
	// "terminate" or "alternative"; "" leaves it to the preset.
	Objection string `json:"objection"`
	// DeemedAcceptance makes silence during the notice period acceptance.
	DeemedAcceptance *bool `json:"deemed_acceptance"`
}

// Audit holds the audit terms of the body.
type Audit struct {
	Frequency  string `json:"frequency"`
	NoticeDays *Days  `json:"notice_days"`
	// ReportsFirst lets Provider first answer with audit reports and
	// certifications; Remote has audits carried out remotely where that
	// suffices; Costs is "each", "customer" or "provider".
	ReportsFirst *bool  `json:"reports_first"`
	Remote       *bool  `json:"remote"`
	Costs        string `json:"costs"`
}

// Return holds the terms on the return of Personal Data at the end of the
// processing.
type Return struct {
	// DeemedChoice is "deletion" (Customer is deemed to choose deletion
	// when it has not chosen), "return" (return followed by deletion) or
	// "none".
	DeemedChoice string `json:"deemed_choice"`
	// Costs is who bears the costs of a return: "provider", "customer" or
	// "unstated".
	Costs string `json:"costs"`
}

// DPA holds the parameters of the Article 28 body.
type DPA struct {
	Subprocessors     SubprocessorTerms `json:"subprocessors"`
	BreachNoticeHours *int              `json:"breach_notice_hours"`
	DeletionDays      *Days             `json:"deletion_days"`
	Audit             *Audit            `json:"audit"`
	GoverningLaw      string            `json:"governing_law"`
	Courts            string            `json:"courts"`
	// LiabilityCap applies the maximum amount of the Principal
	// Agreement's limitation of liability between the Parties under
	// Clause 12(a) of the Clauses, without its exclusions, and never to
	// claims back under Clause 12 or towards data subjects; nil leaves it
	// to the preset.
	LiabilityCap *bool `json:"principal_liability_cap"`
	// Preset is a ready set of negotiation positions (see Positions).
	Preset Preset  `json:"preset"`
	Return *Return `json:"return"`
}

// Measure is a group of Annex II measures under one category.
type Measure struct {
	Ptr       string `json:"-"`
	ID        string `json:"id"`
	Category  string `json:"category"`
	Measures  List   `json:"measures"`
	Transfers List   `json:"transfers"`
}

// Subprocessor is an Annex III entry.
type Subprocessor struct {
	Ptr       string `json:"-"`
	ID        string `json:"id"`
	Name      string `json:"name"`
	Address   string `json:"address"`
	Country   string `json:"country"`
	Contact   Person `json:"contact"`
	Activity  string `json:"activity"`
	Locations List   `json:"locations"`
	Safeguard string `json:"safeguard"`
	Importer  string `json:"importer"`
	// DPFCertified is true for a US sub-processor certified under the
	// EU-U.S. Data Privacy Framework.
	DPFCertified bool `json:"dpf_certified"`
}

// Party returns the party with the given id, or nil.
func (d *Description) Party(id string) *Party {
	for _, p := range d.Parties {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// Transfer returns the transfer with the given id, or nil.
func (d *Description) Transfer(id string) *Transfer {
	for _, t := range d.Transfers {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// Title returns the agreement title or its default.
func (d *Description) Title() string {
	if d.Agreement.Title != "" {
		return d.Agreement.Title
	}
	if len(d.Transfers) == 0 {
		return "Data Processing Agreement"
	}
	for _, t := range d.Transfers {
		if t.Roles.Exporter != Controller || t.Roles.Importer != Controller {
			return "Data Processing Agreement"
		}
	}
	// Between controllers only (Module One): no Article 28 terms.
	return "Data Transfer Agreement"
}

// BreachHours returns dpa.breach_notice_hours, else that of the preset,
// else the default, 48.
func (d *Description) BreachHours() int { return d.Positions().BreachHours }

// DeletionDays returns dpa.deletion_days or its default, 30 calendar days.
func (d *Description) DeletionDays() Days { return d.Positions().DeletionDays }

// LiabilityCapped reports whether the Principal Agreement's limitation of
// liability applies between the Parties under the Clauses:
// dpa.principal_liability_cap, else the preset's position, else false.
func (d *Description) LiabilityCapped() bool { return d.Positions().LiabilityCap }

// ControllerDays returns dpa.subprocessors.controller_decision_days or its
// default, the notice period.
func (d *Description) ControllerDays() Days {
	if c := d.DPA.Subprocessors.ControllerDays; c != nil {
		return *c
	}
	return d.DPA.Subprocessors.NoticeDays
}
