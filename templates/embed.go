// Package templates holds the editable text of dpa: the Article 28 body and
// annex templates (*.md.tmpl) and the starter descriptions of dpa init.
// The official clauses are not here: they live in package clauses and are
// never overridable.
package templates

import "embed"

// FS holds the templates and starter files.
//
//go:embed *.tmpl starter-*.yaml
var FS embed.FS
