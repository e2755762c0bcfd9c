package model

import (
	"encoding/json"
	"testing"
)

// TestDays covers the three ways of writing a period and their wording.
func TestDays(t *testing.T) {
	tests := []struct {
		in   string
		want Days
		text string
	}{
		{`30`, Days{N: 30}, "30 calendar days"},
		{`{"calendar": 1}`, Days{N: 1}, "1 calendar day"},
		{`{"working": 10}`, Days{N: 10, Working: true}, "10 working days"},
	}
	for _, tt := range tests {
		var d Days
		if err := json.Unmarshal([]byte(tt.in), &d); err != nil {
			t.Fatal(err)
		}
		if d != tt.want || d.String() != tt.text {
			t.Errorf("Days from %s = %+v (%q), want %+v (%q)", tt.in, d, d, tt.want, tt.text)
		}
	}
}

// TestRedressBody covers false, true and a named body.
func TestRedressBody(t *testing.T) {
	tests := []struct {
		in   string
		want RedressBody
	}{
		{`false`, RedressBody{}},
		{`true`, RedressBody{Elected: true}},
		{`{"name": "Mediation Board", "website": "https://adr.example"}`, RedressBody{Elected: true, Name: "Mediation Board", Website: "https://adr.example"}},
	}
	for _, tt := range tests {
		var r RedressBody
		if err := json.Unmarshal([]byte(tt.in), &r); err != nil {
			t.Fatal(err)
		}
		if r != tt.want {
			t.Errorf("RedressBody from %s = %+v, want %+v", tt.in, r, tt.want)
		}
	}
}

// TestControllerDays checks that the controller's decision period defaults
// to the notice period.
func TestControllerDays(t *testing.T) {
	d := &Description{DPA: DPA{Subprocessors: SubprocessorTerms{NoticeDays: Days{N: 30}}}}
	if got := d.ControllerDays(); got != (Days{N: 30}) {
		t.Errorf("default ControllerDays = %v, want the notice period", got)
	}
	d.DPA.Subprocessors.ControllerDays = &Days{N: 5, Working: true}
	if got := d.ControllerDays(); got != (Days{N: 5, Working: true}) {
		t.Errorf("ControllerDays = %v, want 5 working days", got)
	}
	if got := d.DeletionDays(); got != (Days{N: 30}) {
		t.Errorf("default DeletionDays = %v, want 30 calendar days", got)
	}
}
