// Package templates holds the editable text of dpa: the wording of the
// agreement, a template per part (*.md.tmpl: agreement.md.tmpl orders the
// parts; cover, body, dta, addendum, annexes, signatures and titles hold
// the wording), and the starter descriptions of dpa init. Each file is a
// template named by its file name; named templates ({{define}}) are the
// pieces other files call. The official clauses and the headings the
// official Appendix prescribes are not here: they live in package clauses
// (appendix.md.tmpl) and are never overridable.
package templates

import "embed"

// FS holds the templates and starter files.
//
//go:embed *.tmpl starter-*.yaml
var FS embed.FS
