// Package schemas holds the JSON Schemas of the description format.
//
// description.schema.json checks the shape of one file (what editors use);
// complete.schema.json adds what the merged description must contain.
package schemas

import "embed"

// FS holds the schema files.
//
//go:embed *.schema.json
var FS embed.FS

// Description is the file name of the shape schema printed by dpa schema.
const Description = "description.schema.json"

// Complete is the file name of the schema for a merged description.
const Complete = "complete.schema.json"
