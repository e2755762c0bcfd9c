// Package clauses embeds the official texts of the Standard Contractual
// Clauses as data: one file per module under scc-2021-914/, word for word
// as published, with assembler directives (HTML comments) that mark the
// options and placeholders. See internal/clause for the directive syntax.
package clauses

import "embed"

// FS holds the clause texts.
//
//go:embed scc-2021-914/*.md
var FS embed.FS

// SCCPath returns the path in FS of the 2021/914 clauses for module m.
func SCCPath(module int) string {
	return "scc-2021-914/module-" + string(rune('0'+module)) + ".md"
}
