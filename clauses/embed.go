// Package clauses embeds the official texts of the Standard Contractual
// Clauses as data: one file per module under scc-2021-914/, word for word
// as published, with assembler directives (HTML comments) that mark the
// options and placeholders. See internal/clause for the directive syntax.
// uk-addendum-b1.0.yaml holds the fixed texts of the UK Information
// Commissioner's International Data Transfer Addendum (B1.0) that the
// agreement prints (see internal/overlay). appendix.md.tmpl is the
// template of the Appendix's headings and field headings as the official
// text prescribes them; the assembler parses it into every template tree,
// and no user template can replace it.
package clauses

import "embed"

// FS holds the clause texts.
//
//go:embed scc-2021-914/*.md uk-addendum-b1.0.yaml appendix.md.tmpl
var FS embed.FS

// SCCPath returns the path in FS of the 2021/914 clauses for module m.
func SCCPath(module int) string {
	return "scc-2021-914/module-" + string(rune('0'+module)) + ".md"
}

// UKAddendumPath is the path in FS of the fixed texts of the UK Addendum.
const UKAddendumPath = "uk-addendum-b1.0.yaml"

// AppendixTemplate is the path in FS of the template of the Appendix's
// prescribed headings.
const AppendixTemplate = "appendix.md.tmpl"
