package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/dpa-tool/dpa/internal/atomicfile"
	"github.com/dpa-tool/dpa/templates"
)

type initOptions struct {
	IO     *IOStreams
	Module int
	File   string
}

func newCmdInit(io *IOStreams, runF func(*initOptions) error) *cobra.Command {
	opts := &initOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "init [--module 2|3] [file.yaml]",
		Short: "Write a commented starter description",
		Long: withExitStatus(`Write a commented starter description to FILE, or to stdout without one.
The starter validates as it is; replace its fictional parties with yours.
An existing FILE is never overwritten (exit 1).`),
		Example: `  $ dpa init acme.yaml
  $ dpa init --module 3 subprocessor.yaml`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.File = args[0]
			}
			if opts.Module != 2 && opts.Module != 3 {
				return usageErrorf("--module must be 2 or 3, not %d", opts.Module)
			}
			if runF != nil {
				return runF(opts)
			}
			return initRun(opts)
		},
	}
	cmd.Flags().IntVar(&opts.Module, "module", 2, "SCC `module` of the starter: 2 (controller → processor) or 3 (processor → processor)")
	return cmd
}

func initRun(opts *initOptions) error {
	b, err := templates.FS.ReadFile(fmt.Sprintf("starter-module%d.yaml", opts.Module))
	if err != nil {
		return exitCode(exitError, err.Error())
	}
	if opts.File == "" {
		if _, err := opts.IO.Out.Write(b); err != nil {
			return exitCode(exitError, err.Error())
		}
		return nil
	}
	if _, err := os.Lstat(opts.File); err == nil {
		return exitCode(exitError, fmt.Sprintf("%s already exists; not overwriting it", opts.File))
	} else if !errors.Is(err, fs.ErrNotExist) {
		return exitCode(exitError, err.Error())
	}
	if err := atomicfile.WriteFile(opts.File, b, 0o644); err != nil {
		return exitCode(exitError, err.Error())
	}
	fmt.Fprintf(opts.IO.ErrOut, "wrote %s\n", opts.File)
	return nil
}
