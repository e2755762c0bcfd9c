package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/dpa-tool/dpa/schemas"
)

func newCmdSchema(io *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of a description file",
		Long: withExitStatus(`Print the JSON Schema (draft 2020-12) of one description file, for editors
(# yaml-language-server: $schema=...). It checks shape, not what only the
merged result must have, so a client file that relies on its profile is not
flagged.`),
		Example: `  $ dpa schema > description.schema.json`,
		Args:    maxArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := schemas.FS.ReadFile(schemas.Description)
			if err != nil {
				return exitCode(exitError, err.Error())
			}
			_, err = io.Out.Write(b)
			if err != nil {
				return exitCode(exitError, err.Error())
			}
			return nil
		},
	}
}

// version is set at link time (-ldflags "-X .../cli.version=v1.2.3"); the
// module version from the build info is used otherwise.
var version = ""

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

func newCmdVersion(io *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of dpa",
		Long:  withExitStatus("Print the version of dpa."),
		Args:  maxArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(io.Out, "dpa %s\n", versionString())
			return nil
		},
	}
}
