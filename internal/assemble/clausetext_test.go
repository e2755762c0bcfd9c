package assemble

import (
	"testing"

	"github.com/dpa-tool/dpa/internal/model"
)

// TestClauseText: each module's clauses are parsed once and kept; a module
// outside One to Four is an error, not a panic.
func TestClauseText(t *testing.T) {
	for _, m := range []model.Module{model.ModuleOne, model.ModuleTwo, model.ModuleThree, model.ModuleFour} {
		a, err := clauseText(m)
		if err != nil || a == nil {
			t.Fatalf("module %d: %v", m, err)
		}
		if b, _ := clauseText(m); b != a {
			t.Errorf("module %d parsed twice", m)
		}
	}
	for _, m := range []model.Module{0, 5} {
		if _, err := clauseText(m); err == nil {
			t.Errorf("module %d: no error", m)
		}
	}
}
