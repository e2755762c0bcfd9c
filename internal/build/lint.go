package build

import (
	"github.com/dpa-tool/dpa/internal/art28"
	"github.com/dpa-tool/dpa/internal/assemble"
	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/model"
	"github.com/dpa-tool/dpa/internal/scc"
)

// Lint checks that the Article 28 body of an assembled agreement covers
// every element of Article 28(2) to (4) GDPR, and returns a warning,
// positioned at path, for each one it misses. An agreement between
// controllers only (Module One) has no Article 28 body: nothing to check.
func Lint(a *assemble.Document, p *model.Plan, path string) diag.List {
	if a == nil || a.Doc == nil || p == nil || scc.ControllersOnly(p) {
		return nil
	}
	return art28.Lint(a.Doc, art28.Facts{General: p.Authorisation != model.Specific}, path)
}
