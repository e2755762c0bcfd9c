package cli

import (
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/model"
)

// TestModuleElections explains the elections for each mix of modules: what
// a module lacks is said, never elected.
func TestModuleElections(t *testing.T) {
	lg := legal.MustLoad()
	tests := []struct {
		name string
		mods []model.Module
		want []string // substrings of clause 9, 13 note, 17, 18 label, 18, agreement
	}{
		{"one", []model.Module{1}, []string{"Module One has no Clause 9; a data transfer agreement has no Article 28 terms", "", "Option 1: the law of Ireland", "Clause 18(b)", "the courts of Ireland", kindDTA}},
		{"two", []model.Module{2}, []string{"Option 2, general written authorisation", "", "Option 1: the law of Ireland", "Clause 18(b)", "the courts of Ireland", kindDPA}},
		{"four", []model.Module{4}, []string{"Module Four has no Clause 9; the Article 28 terms govern sub-processors: general written authorisation", "Module Four has no Clause 13 and no Annex I.C", "the law of Ireland, a country allowing for third-party beneficiary rights", "Clause 18", "the courts of Ireland", kindDPA}},
		{"two and four", []model.Module{2, 4}, []string{"(Module Two); Module Four has no Clause 9", "Module Four has no Clause 13", "Option 1: the law of Ireland; Module Four: the same law", "Clause 18(b)", "; Module Four (Clause 18): the same courts", kindDPA}},
		{"one, three and four", []model.Module{1, 3, 4}, []string{"(Module Three); Module One and Module Four have no Clause 9", "Module Four has no Clause 13", "Module Four: the same law", "Clause 18(b)", "the same courts", kindDPA}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &model.Plan{Modules: tt.mods, Authorisation: model.General, NoticeDays: model.Days{N: 30}, LawOption: 1, LawState: "IE", Courts: "IE"}
			for _, m := range tt.mods {
				p.Transfers = append(p.Transfers, &model.TransferPlan{Transfer: &model.Transfer{}, Module: m, SCC: true})
			}
			el := &Elections{Clause9: "Option 2, general written authorisation: changes notified at least 30 calendar days in advance", Clause17: "Option 1: the law of Ireland", Clause18: "the courts of Ireland"}
			moduleElections(el, p, lg)
			got := []string{el.Clause9, el.Clause13Note, el.Clause17, el.Clause18Label, el.Clause18, el.Agreement}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) || (w == "" && got[i] != "") || (i == 3 && got[i] != w) {
					t.Errorf("field %d = %q, want %q", i, got[i], w)
				}
			}
		})
	}
}
