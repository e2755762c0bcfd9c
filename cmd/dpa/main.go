// Command dpa assembles GDPR Data Processing Agreements with the EU Standard
// Contractual Clauses from YAML descriptions.
package main

import (
	"os"

	"github.com/dpa-tool/dpa/internal/cli"
)

func main() { os.Exit(cli.Main()) }
