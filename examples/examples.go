// Package examples lists the example descriptions that the tests build:
// one of each scenario (Modules One to Four), and two clients of the batch
// (Modules Two and Three). Paths are relative to this directory.
package examples

import _ "embed" // for NimbusProfile

// NimbusProfile is the vendor profile of the batch example
// (batch/vendor/nimbus.yaml), which tools/genclients writes beside the
// clients it generates.
//
//go:embed batch/vendor/nimbus.yaml
var NimbusProfile []byte

// Buildable are the descriptions that build to an agreement.
var Buildable = []string{
	"saas-us/northwind.yaml",
	"support-india/kestrel-lotus.yaml",
	"two-modules/heron-maplewood.yaml",
	"vendor-profile/aurora.yaml",
	"vendor-profile/boreal.yaml",
	"vendor-profile/cobalt.yaml",
	"eea-only/fjord-lumen.yaml",
	"non-eu-controller/pinecrest-saltmarsh.yaml",
	"group-sharing/tidewell-group.yaml",
	"uk-swiss/aldgate-alpine.yaml",
	"batch/client-0001.yaml",
	"batch/client-0004.yaml",
	"click-through/lisboa-kittiwake.yaml",
}
