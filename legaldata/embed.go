// Package legaldata holds the legal reference data as published in the
// project's shared reference folder: supervisory authorities, adequacy
// decisions, territories and the Swiss FDPIC, each file with its sources and
// date, plus the list of EEA EFTA States. The files are copies; a test keeps them equal to
// the reference.
package legaldata

import "embed"

// FS holds the YAML files.
//
//go:embed *.yaml
var FS embed.FS
