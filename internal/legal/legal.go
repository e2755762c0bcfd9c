// Package legal answers the legal-fact questions of the rules from the
// embedded reference data: which codes are EU or EEA States or territories,
// which supervisory authority is competent for an establishment, and which
// adequacy decision covers a destination. Nothing here is typed from memory:
// every fact comes from the files in package legaldata.
package legal

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/dpa-tool/dpa/legaldata"
)

// Authority is a supervisory authority.
type Authority struct {
	Key     string `yaml:"key"`
	Country string `yaml:"country"`
	Region  string `yaml:"region"`
	Name    string `yaml:"name"`
	NameEN  string `yaml:"name_en"`
	Address string `yaml:"address"`
	Website string `yaml:"website"`
	// Competent is the raw competent_for_private_sector value: true, false or a sector.
	Competent any    `yaml:"competent_for_private_sector"`
	Scope     string `yaml:"scope"`
}

// PrivateSector reports whether the authority is the one to name under
// Clause 13 for a private controller or processor.
func (a Authority) PrivateSector() bool { b, ok := a.Competent.(bool); return ok && b }

// DisplayName is the name in the authority's own language, followed by the
// English name in brackets where the reference data has a different one.
func (a Authority) DisplayName() string {
	if a.NameEN == "" || a.NameEN == a.Name {
		return a.Name
	}
	en := a.NameEN
	// "French Data Protection Authority (CNIL)" inside brackets would nest
	// them: the acronym follows a comma instead.
	if i := strings.LastIndex(en, " ("); i > 0 && strings.HasSuffix(en, ")") {
		en = en[:i] + ", " + en[i+2:len(en)-1]
	}
	return a.Name + " (" + en + ")"
}

// Adequacy is an adequacy decision in force.
type Adequacy struct {
	Name     string `yaml:"name"`
	ISO      string `yaml:"iso"`
	Kind     string `yaml:"kind"`
	Decision string `yaml:"decision"`
	Scope    string `yaml:"scope"`
}

// Territory is a separately coded place related to an EU/EEA State.
type Territory struct {
	Code        string `yaml:"code"`
	Name        string `yaml:"name"`
	MemberState string `yaml:"member_state"`
	InsideEU    bool   `yaml:"-"`
}

// Data is the parsed reference data.
type Data struct {
	Authorities     map[string]Authority // by key: AT, DE-BY, ES-CT ...
	Regional        map[string]Authority // regional public-sector authorities (Spain)
	Adequacy        map[string]Adequacy  // by ISO code
	Territories     map[string]Territory // by code
	EUStates        map[string]bool
	EEAEFTA         map[string]bool
	AuthoritiesAsOf string
	AdequacyAsOf    string
	// FDPIC is the Swiss Federal Data Protection and Information
	// Commissioner (fdpic.yaml). Fields the data does not mark as verified
	// are left empty, so that they are never printed.
	FDPIC Authority
}

var (
	once   sync.Once
	loaded *Data
	errLd  error
)

// Load returns the reference data. It is decoded from the YAML files at
// build time (data_gen.go, which TestGeneratedData keeps equal to them), so
// that start-up parses nothing.
func Load() (*Data, error) {
	once.Do(func() { loaded = generatedData() })
	return loaded, errLd
}

//go:generate env UPDATE_GOLDEN=1 go test -run ^TestGeneratedData$ .

// MustLoad is Load for callers that treat broken embedded data as a bug.
func MustLoad() *Data {
	d, err := Load()
	if err != nil {
		panic(err)
	}
	return d
}

func readYAML(name string, v any) error {
	b, err := legaldata.FS.ReadFile(name)
	if err != nil {
		return err
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		return fmt.Errorf("legal data %s: %w", name, err)
	}
	return nil
}

func parse() (*Data, error) {
	var auth struct {
		AsOf        string      `yaml:"data_as_of"`
		Authorities []Authority `yaml:"authorities"`
		Regional    []Authority `yaml:"regional_public_sector_authorities"`
	}
	var adq struct {
		AsOf    string     `yaml:"as_of"`
		InForce []Adequacy `yaml:"in_force"`
	}
	var terr struct {
		Inside  []Territory `yaml:"inside_eu"`
		Outside []Territory `yaml:"outside_eu"`
	}
	var eea struct {
		EFTA []string `yaml:"eea_efta"`
	}
	var fdpic struct {
		Authority `yaml:",inline"`
		Verified  map[string]bool `yaml:"verified"`
	}
	for name, v := range map[string]any{"authorities.yaml": &auth, "adequacy.yaml": &adq, "territories.yaml": &terr, "eea.yaml": &eea, "fdpic.yaml": &fdpic} {
		if err := readYAML(name, v); err != nil {
			return nil, err
		}
	}
	d := &Data{
		Authorities: map[string]Authority{}, Regional: map[string]Authority{}, Adequacy: map[string]Adequacy{},
		Territories: map[string]Territory{}, EUStates: map[string]bool{}, EEAEFTA: map[string]bool{},
		AuthoritiesAsOf: auth.AsOf, AdequacyAsOf: adq.AsOf,
	}
	for _, c := range eea.EFTA {
		d.EEAEFTA[c] = true
	}
	d.FDPIC = verifiedOnly(fdpic.Authority, fdpic.Verified)
	for _, a := range auth.Authorities {
		a.Address = strings.TrimSpace(a.Address)
		d.Authorities[a.Key] = a
		if a.Key == a.Country && a.Region == "" && !d.EEAEFTA[a.Key] {
			d.EUStates[a.Key] = true
		}
	}
	for _, a := range auth.Regional {
		d.Regional[a.Key] = a
	}
	for _, a := range adq.InForce {
		d.Adequacy[a.ISO] = a
	}
	for _, t := range terr.Inside {
		if t.Code != "" {
			t.InsideEU = true
			d.Territories[t.Code] = t
		}
	}
	for _, t := range terr.Outside {
		if t.Code != "" {
			d.Territories[t.Code] = t
		}
	}
	return d, nil
}

// verifiedOnly clears the printable fields of a that verified does not
// mark as true.
func verifiedOnly(a Authority, verified map[string]bool) Authority {
	for field, p := range map[string]*string{"name": &a.Name, "name_en": &a.NameEN, "address": &a.Address, "website": &a.Website} {
		if !verified[field] {
			*p = ""
		}
	}
	a.Address = strings.TrimSpace(a.Address)
	return a
}

// MemberState returns the EU/EEA State whose territory code is, or "" when
// code is outside the EU and the EEA. An EU territory (AX, RE, ...) maps to its
// Member State.
func (d *Data) MemberState(code string) string {
	if d.EUStates[code] || d.EEAEFTA[code] {
		return code
	}
	if t, ok := d.Territories[code]; ok && t.InsideEU {
		return t.MemberState
	}
	return ""
}

// InEU reports whether code is an EU Member State or a territory where the Treaties apply.
func (d *Data) InEU(code string) bool { s := d.MemberState(code); return s != "" && d.EUStates[s] }

// InEEA reports whether code is in the EU or is one of the EEA EFTA States.
func (d *Data) InEEA(code string) bool { return d.MemberState(code) != "" }

// IsState reports whether code is an EU Member State or EEA EFTA State itself
// (not a territory).
func (d *Data) IsState(code string) bool { return d.EUStates[code] || d.EEAEFTA[code] }

// States returns the EU and EEA EFTA State codes, sorted.
func (d *Data) States() []string {
	var out []string
	for c := range d.EUStates {
		out = append(out, c)
	}
	for c := range d.EEAEFTA {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// GermanLaender returns the ISO 3166-2 codes of the German Länder with an
// authority for private bodies, sorted.
func (d *Data) GermanLaender() []string {
	var out []string
	for k, a := range d.Authorities {
		if a.Country == "DE" && a.Region != "" && a.Region == k && a.PrivateSector() {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// Competent is the result of the authority derivation for one establishment.
type Competent struct {
	Authority Authority
	// Rule says in words why this authority was chosen.
	Rule string
}

// ErrRegionNeeded is returned for a German establishment without a Land.
var ErrRegionNeeded = fmt.Errorf("Germany splits supervision of private bodies by Land: the establishment needs a region such as DE-BY")

// AuthorityFor returns the authority competent for a private body established
// in country (an EU/EEA State or territory), with region an ISO 3166-2 code or "".
func (d *Data) AuthorityFor(country, region string) (Competent, error) {
	state := d.MemberState(country)
	if state == "" {
		return Competent{}, fmt.Errorf("%s is not in the EU or the EEA", country)
	}
	via := ""
	if state != country {
		via = fmt.Sprintf("%s is part of %s for the GDPR; ", country, state)
	}
	switch state {
	case "DE":
		if region == "" {
			return Competent{}, ErrRegionNeeded
		}
		a, ok := d.Authorities[region]
		if !ok || !a.PrivateSector() {
			return Competent{}, fmt.Errorf("no authority for private bodies is known for region %s", region)
		}
		return Competent{a, via + "Germany: the authority for private bodies of the Land " + region}, nil
	case "ES":
		a := d.Authorities["ES"]
		rule := via + "Spain: private bodies are supervised by the national authority"
		if r, ok := d.Regional[region]; ok {
			rule += fmt.Sprintf(" (the regional %s covers only the public sector)", r.Name)
		}
		return Competent{a, rule}, nil
	}
	a, ok := d.Authorities[state]
	if !ok {
		return Competent{}, fmt.Errorf("no authority is known for %s", state)
	}
	return Competent{a, via + "the national authority of " + d.LawOf(state)}, nil
}

// countryNames and localNames are the country names of data_gen.go, made
// into maps at their first use rather than when the package is initialised
// (every process, dpa version included, built both).
var (
	countryNames = sync.OnceValue(countryNameMap)
	localNames   = sync.OnceValue(localNameMap)
)

// CountryName returns the English short name of a country code (from
// CLDR, generated into data_gen.go), or the code when it has none.
func (d *Data) CountryName(code string) string {
	if n, ok := countryNames()[code]; ok {
		return n
	}
	return code
}

// LocalCountryName returns the name of the country with ISO 3166-1 code
// code (or another form that x/text parses, such as the alpha-3 code) in
// the country's main language, as CLDR gives it; ok is false where CLDR
// knows no main language.
func (d *Data) LocalCountryName(code string) (name string, ok bool) {
	r, err := language.ParseRegion(code)
	if err != nil {
		return "", false
	}
	name, ok = localNames()[r.String()]
	return name, ok
}

// LawOf returns the country name as it follows "the law of" or "the courts
// of" ("the Netherlands", "Ireland").
func (d *Data) LawOf(code string) string {
	n := d.CountryName(code)
	switch code {
	case "NL", "US", "GB", "AE", "PH", "BS":
		if !strings.HasPrefix(n, "the ") {
			n = "the " + n
		}
	}
	return n
}

// unassigned lists codes that CLDR accepts but ISO 3166-1 does not assign
// (user-assigned, withdrawn or exceptionally reserved).
var unassigned = map[string]bool{"XK": true, "AN": true, "CS": true, "SU": true, "YU": true, "NT": true, "TP": true, "ZR": true, "BU": true, "DD": true, "FX": true}

// Assigned reports whether code is an assigned ISO 3166-1 alpha-2 code.
func Assigned(code string) bool {
	if len(code) != 2 || unassigned[code] {
		return false
	}
	r, err := language.ParseRegion(code)
	if err != nil || !r.IsCountry() || r.IsPrivateUse() {
		return false
	}
	return r.Canonicalize().String() == code && r.ISO3() != "" && r.ISO3() != "ZZZ" && r.M49() != 0
}
