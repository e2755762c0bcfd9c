// Command dpa assembles GDPR Data Processing Agreements with the EU Standard
// Contractual Clauses from YAML descriptions.
package main

import (
	"os"

	"github.com/dpa-tool/dpa/internal/cli"
	// Reserves the heap of a build while the packages are initialised.
	_ "github.com/dpa-tool/dpa/internal/hugeheap/atstart"
)

func main() { os.Exit(cli.Main()) }
