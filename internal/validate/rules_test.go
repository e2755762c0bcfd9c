package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/diag"
)

// variant writes examples/saas-us/northwind.yaml with each old text
// replaced by its new text and validates it. Every old text must occur.
func variant(t *testing.T, edits ...string) *Result {
	t.Helper()
	b, err := os.ReadFile("../../examples/saas-us/northwind.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for i := 0; i+1 < len(edits); i += 2 {
		if !strings.Contains(s, edits[i]) {
			t.Fatalf("variant: %q not in the base file", edits[i])
		}
		s = strings.Replace(s, edits[i], edits[i+1], 1)
	}
	path := filepath.Join(t.TempDir(), "variant.yaml")
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := File(path)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// find returns the diagnostics with the given code.
func find(r *Result, code string) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, d := range r.Diags {
		if d.Code == code {
			out = append(out, d)
		}
	}
	return out
}

// TestNewKeysShape checks the shape of the keys added for issue 9: transfer
// title and tia, the named redress body, calendar or working days, the
// liability option and a sub-processor's DPF certification.
func TestNewKeysShape(t *testing.T) {
	r := variant(t,
		"    title: Web analytics platform\n", "    title: Web analytics for the customer's websites\n",
		"    tia: {reference: NW-TIA-2026-03, date: 2026-04-20}\n", "    tia: {reference: TIA-2026-03, date: 2026-04-20}\n",
		"redress_body: false", "redress_body: {name: Fair Privacy Mediation, website: https://mediation.example, email: cases@mediation.example}",
		"notice_days: 30}\n  breach", "notice_days: {working: 20}, controller_decision_days: {calendar: 10}}\n  principal_liability_cap: true\n  breach",
		"deletion_days: 35", "deletion_days: {calendar: 35}",
		"safeguard: Within the EEA\n  - id: helpdesk", "safeguard: Within the EEA\n    dpf_certified: false\n  - id: helpdesk",
	)
	if r.Diags.HasErrors() || r.Desc == nil {
		t.Fatalf("valid new keys rejected:\n%s", r.Diags.Error())
	}
	d := r.Desc
	tr := d.Transfers[0]
	if tr.Title != "Web analytics for the customer's websites" || tr.TIA == nil || tr.TIA.Reference != "TIA-2026-03" || tr.TIA.Date != "2026-04-20" {
		t.Errorf("transfer title/tia decoded as %q, %+v", tr.Title, tr.TIA)
	}
	if rb := d.SCC.RedressBody; !rb.Elected || rb.Name != "Fair Privacy Mediation" {
		t.Errorf("redress_body decoded as %+v", rb)
	}
	if n := d.DPA.Subprocessors.NoticeDays; n.N != 20 || !n.Working {
		t.Errorf("notice_days decoded as %+v", n)
	}
	if c := d.ControllerDays(); c.N != 10 || c.Working {
		t.Errorf("controller_decision_days decoded as %+v", c)
	}
	if !d.LiabilityCapped() {
		t.Error("principal_liability_cap not decoded")
	}

	for name, edits := range map[string][]string{
		"both day kinds":            {"deletion_days: 35", "deletion_days: {calendar: 30, working: 20}"},
		"unknown day kind":          {"deletion_days: 35", "deletion_days: {business: 30}"},
		"redress body without name": {"redress_body: false", "redress_body: {website: https://mediation.example}"},
		"tia without date":          {"  - id: platform\n", "  - id: platform\n    tia: {reference: TIA-1}\n"},
		"tia with a bad date":       {"  - id: platform\n", "  - id: platform\n    tia: {reference: TIA-1, date: 20 April}\n"},
	} {
		t.Run(name, func(t *testing.T) {
			if r := variant(t, edits...); !r.Diags.HasErrors() {
				t.Errorf("accepted %s", name)
			}
		})
	}
}

// TestFlowItems checks the warning about a comma inside [ ] that split one
// item in two, at the position of the second half.
func TestFlowItems(t *testing.T) {
	base := "data_subjects: [Northwind employees who use the platform, Visitors of Northwind's websites and apps]"
	r := variant(t, base, "data_subjects: [Customer employees, former employees and contractors, Visitors, \"quoted, fine\"]")
	got := find(r, "structure.flow-item")
	if len(got) != 1 || got[0].Pos.Line != 44 || got[0].Pos.Col != 41 || got[0].Severity != diag.Warning {
		t.Fatalf("flow-item warnings = %+v, want one at 44:41", got)
	}
	r = variant(t, base, "data_subjects:\n      - Customer employees\n      - former employees")
	if got := find(r, "structure.flow-item"); len(got) != 0 {
		t.Errorf("block list warned: %+v", got)
	}
	r = variant(t, base, "data_subjects: [employees, visitors]")
	if got := find(r, "structure.flow-item"); len(got) != 0 {
		t.Errorf("a list written in lower case throughout warned: %+v", got)
	}
}
