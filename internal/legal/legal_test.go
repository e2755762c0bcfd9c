package legal

import (
	"strings"
	"testing"
)

// TestEveryStateResolves checks that each EU/EEA State, and each German Land,
// resolves to a named authority with an address or a website.
func TestEveryStateResolves(t *testing.T) {
	d := MustLoad()
	states := d.States()
	if len(states) != 30 {
		t.Fatalf("States() has %d entries, want 27 EU + 3 EEA EFTA = 30: %v", len(states), states)
	}
	if len(d.EUStates) != 27 {
		t.Errorf("EU has %d Member States, want 27", len(d.EUStates))
	}
	for _, s := range states {
		if s == "DE" {
			if _, err := d.AuthorityFor("DE", ""); err == nil {
				t.Errorf("AuthorityFor(DE, \"\") gave no error; Germany needs a Land")
			}
			continue
		}
		c, err := d.AuthorityFor(s, "")
		if err != nil || c.Authority.Name == "" {
			t.Errorf("AuthorityFor(%s) = %+v, %v", s, c, err)
		}
	}
	laender := d.GermanLaender()
	if len(laender) != 16 {
		t.Errorf("GermanLaender() = %d entries, want 16: %v", len(laender), laender)
	}
	for _, l := range laender {
		c, err := d.AuthorityFor("DE", l)
		if err != nil || !c.Authority.PrivateSector() || c.Authority.Region != l {
			t.Errorf("AuthorityFor(DE, %s) = %+v, %v", l, c, err)
		}
	}
}

func TestAuthorityRules(t *testing.T) {
	d := MustLoad()
	tests := []struct {
		country, region, wantKey string
	}{
		{"NL", "NL-NH", "NL"},
		{"DE", "DE-BY", "DE-BY"},
		{"ES", "ES-CT", "ES"}, // regional authorities cover only the public sector
		{"AX", "", "FI"},      // Åland is part of Finland for the GDPR
		{"RE", "", "FR"},
		{"NO", "", "NO"},
	}
	for _, tt := range tests {
		c, err := d.AuthorityFor(tt.country, tt.region)
		if err != nil || c.Authority.Key != tt.wantKey {
			t.Errorf("AuthorityFor(%s, %s) = %s, %v; want %s", tt.country, tt.region, c.Authority.Key, err, tt.wantKey)
		}
	}
	for _, bad := range []string{"GL", "US", "GB", "CH"} {
		if _, err := d.AuthorityFor(bad, ""); err == nil {
			t.Errorf("AuthorityFor(%s) gave no error", bad)
		}
	}
	if got := d.Authorities["NL"].DisplayName(); got != "Autoriteit Persoonsgegevens (Dutch Data Protection Authority)" {
		t.Errorf("NL DisplayName = %q", got)
	}
	if got := d.Authorities["IE"].DisplayName(); got != "Data Protection Commission" {
		t.Errorf("IE DisplayName = %q, want no repeated English name", got)
	}
}

func TestMembership(t *testing.T) {
	d := MustLoad()
	tests := []struct {
		code       string
		eu, eea    bool
		memberStat string
	}{
		{"DE", true, true, "DE"}, {"NO", false, true, "NO"}, {"AX", true, true, "FI"},
		{"GL", false, false, ""}, {"FO", false, false, ""}, {"US", false, false, ""}, {"CH", false, false, ""},
	}
	for _, tt := range tests {
		if d.InEU(tt.code) != tt.eu || d.InEEA(tt.code) != tt.eea || d.MemberState(tt.code) != tt.memberStat {
			t.Errorf("%s: InEU=%v InEEA=%v MemberState=%q; want %v %v %q", tt.code, d.InEU(tt.code), d.InEEA(tt.code), d.MemberState(tt.code), tt.eu, tt.eea, tt.memberStat)
		}
	}
	if a, ok := d.Adequacy["JP"]; !ok || a.Decision == "" {
		t.Errorf("no adequacy decision for JP")
	}
	if _, ok := d.Adequacy["IN"]; ok {
		t.Errorf("adequacy for IN: India has no decision in the reference data")
	}
}

func TestAssigned(t *testing.T) {
	n := 0
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			if Assigned(string([]rune{a, b})) {
				n++
			}
		}
	}
	if n < 245 || n > 250 {
		t.Errorf("Assigned accepts %d codes; ISO 3166-1 assigns 249", n)
	}
	for _, c := range []string{"UK", "EL", "XX", "EU", "ZZ", "XK", "QO"} {
		if Assigned(c) {
			t.Errorf("Assigned(%q) = true", c)
		}
	}
	for _, c := range []string{"GB", "GR", "DE", "US", "AX", "GL", "IN", "NO"} {
		if !Assigned(c) {
			t.Errorf("Assigned(%q) = false", c)
		}
	}
}

// TestFDPIC reads the Swiss authority and prints only what its data marks
// as verified: the address is not (fdpic.yaml), so it stays empty.
func TestFDPIC(t *testing.T) {
	a := MustLoad().FDPIC
	if a.Key != "CH-FDPIC" || a.Country != "CH" {
		t.Errorf("FDPIC key, country = %q, %q", a.Key, a.Country)
	}
	if a.NameEN != "Federal Data Protection and Information Commissioner (FDPIC)" || !strings.HasPrefix(a.Name, "Eidgenössischer Datenschutz") {
		t.Errorf("FDPIC names = %q, %q", a.Name, a.NameEN)
	}
	if a.Address != "" {
		t.Errorf("FDPIC address %q printed although not verified", a.Address)
	}
	if a.Website != "https://www.edoeb.admin.ch/" {
		t.Errorf("FDPIC website = %q", a.Website)
	}
}
