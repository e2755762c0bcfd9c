package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/model"
)

// TestPositionsShape: the keys of issue 16 validate, and their values
// reach the model (the preset, each position, the execution mode).
func TestPositionsShape(t *testing.T) {
	r := variant(t,
		"  date: 2026-05-01\n", "  date: 2026-05-01\n  execution: click-through\n",
		"dpa:\n", "dpa:\n  preset: provider-friendly\n  return: {deemed_choice: none, costs: provider}\n",
		"notice_days: 30}\n", "notice_days: 30, objection: terminate, deemed_acceptance: false}\n",
		"audit: {frequency: annual, notice_days: 30}", "audit: {frequency: annual, notice_days: 30, reports_first: false, remote: true, costs: each}",
	)
	if !r.Valid(false) {
		t.Fatalf("variant invalid: %v", r.Diags)
	}
	d := r.Desc
	if d.Execution() != model.ClickThrough || d.DPA.Preset != model.ProviderFriendly {
		t.Errorf("execution %q, preset %q; want click-through, provider-friendly", d.Execution(), d.DPA.Preset)
	}
	pos := d.Positions()
	got := []any{pos.Objection, pos.DeemedAcceptance, pos.AuditReportsFirst, pos.AuditRemote, pos.AuditCosts, pos.DeemedChoice, pos.ReturnCosts, pos.LiabilityCap}
	want := []any{model.ObjectTerm, false, false, true, model.EachParty, model.DeemNothing, model.ProviderPays, false}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("position %d = %v, want %v (all: %v)", i, got[i], want[i], got)
		}
	}
}

// TestPositionsErrors: each wrong use of the keys of issue 16 is an error
// at the value at fault, with a hint.
func TestPositionsErrors(t *testing.T) {
	tests := []struct {
		name  string
		edits []string
		code  string
		at    string // line:col of the value at fault
	}{
		{"click-through without principal agreement", []string{
			"  principal_agreement: Master Subscription Agreement dated 1 March 2025\n", "  execution: click-through\n"}, "law.click-through", "12:14"},
		{"objection under specific authorisation", []string{
			"{authorisation: general, notice_days: 30}", "{authorisation: specific, notice_days: 30, objection: alternative}"}, "law.objection", "60:72"},
		{"deemed acceptance under specific authorisation", []string{
			"{authorisation: general, notice_days: 30}", "{authorisation: specific, notice_days: 30, deemed_acceptance: true}"}, "law.objection", "60:80"},
		{"unknown preset", []string{"dpa:\n", "dpa:\n  preset: fair\n"}, "schema.enum", "60:11"},
		{"unknown execution", []string{"  date: 2026-05-01\n", "  date: 2026-05-01\n  execution: wet-ink\n"}, "schema.enum", "12:14"},
		{"unknown audit cost bearer", []string{"audit: {frequency: annual, notice_days: 30}", "audit: {costs: shared}"}, "schema.enum", "63:18"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := variant(t, tt.edits...)
			if r.Valid(false) {
				t.Fatalf("valid, want error %s", tt.code)
			}
			var found []string
			for _, d := range r.Diags {
				if d.Severity.String() != "error" {
					continue
				}
				at := strings.TrimPrefix(d.Pos.String(), d.Pos.File+":")
				found = append(found, d.Code+"@"+at)
				if d.Code == tt.code {
					if at != tt.at {
						t.Errorf("%s at %s, want %s", d.Code, at, tt.at)
					}
					if d.Hint == "" && !strings.HasPrefix(d.Code, "schema") {
						t.Errorf("%s has no hint", d.Code)
					}
					return
				}
			}
			t.Errorf("no error %s; errors: %v", tt.code, found)
		})
	}
}

// TestPositionsNotForControllers: an agreement between controllers only
// has no Article 28 body, so a preset or return terms are errors there;
// click-through execution is not.
func TestPositionsNotForControllers(t *testing.T) {
	b, err := os.ReadFile("../../examples/group-sharing/tidewell-group.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(b), "\nsecurity_measures:", "\ndpa:\n  preset: balanced\n  return: {costs: provider}\n\nsecurity_measures:", 1)
	path := filepath.Join(t.TempDir(), "dta.yaml")
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := File(path)
	if err != nil {
		t.Fatal(err)
	}
	var ptrs []string
	for _, d := range find(r, "law.controller-terms") {
		ptrs = append(ptrs, d.Msg[:strings.Index(d.Msg, " ")])
	}
	if got, want := strings.Join(ptrs, " "), "dpa.preset dpa.return"; got != want {
		t.Errorf("controller-terms errors on %q, want %q", got, want)
	}
}
