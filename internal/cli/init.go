package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/dpa-tool/dpa/internal/atomicfile"
	"github.com/dpa-tool/dpa/schemas"
	"github.com/dpa-tool/dpa/templates"
)

// schemaFile is the name under which init --schema writes the JSON Schema
// next to a starter; the starter's yaml-language-server comment refers to it.
const schemaFile = "description.schema.json"

type initOptions struct {
	IO     *IOStreams
	Module int
	File   string // "" or "-": standard output
	Schema bool
}

func newCmdInit(io *IOStreams, runF func(*initOptions) error) *cobra.Command {
	opts := &initOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "init [--module 2|3] [--schema] [file.yaml|-]",
		Short: "Write a commented starter description",
		Long: withExitStatus(`Write a commented starter description to FILE, or to stdout without one
(or with -). The starter validates as it is; replace its fictional parties
with yours. An existing FILE is never overwritten (exit 1).

The starter's first line points editors (yaml-language-server) at
description.schema.json next to it, a relative path that works offline;
--schema writes that file too (an existing one is left alone).`),
		Example: `  $ dpa init acme.yaml
  $ dpa init --schema --module 3 subprocessor.yaml
  $ dpa init - | less`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.File = args[0]
			}
			if opts.Module != 2 && opts.Module != 3 {
				return usageErrorf("--module must be 2 or 3, not %d", opts.Module)
			}
			if opts.Schema && (opts.File == "" || opts.File == "-") {
				return usageErrorf("--schema needs a FILE: the schema is written next to it")
			}
			if runF != nil {
				return runF(opts)
			}
			return initRun(opts)
		},
	}
	cmd.Flags().IntVar(&opts.Module, "module", 2, "SCC `module` of the starter: 2 (controller → processor) or 3 (processor → processor)")
	cmd.Flags().BoolVar(&opts.Schema, "schema", false, "also write "+schemaFile+" next to FILE, for editors")
	cmd.RegisterFlagCompletionFunc("module", fixedValues("2", "3"))
	cmd.ValidArgsFunction = yamlFiles
	return cmd
}

func initRun(opts *initOptions) error {
	b, err := templates.FS.ReadFile(fmt.Sprintf("starter-module%d.yaml", opts.Module))
	if err != nil {
		return exitCode(exitError, err.Error())
	}
	if opts.File == "" || opts.File == "-" {
		if _, err := opts.IO.Out.Write(b); err != nil {
			return exitCode(exitError, err.Error())
		}
		return nil
	}
	if err := create(opts.File, b); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "wrote %s\n", opts.File)
	if !opts.Schema {
		return nil
	}
	s, err := schemas.FS.ReadFile(schemas.Description)
	if err != nil {
		return exitCode(exitError, err.Error())
	}
	path := filepath.Join(filepath.Dir(opts.File), schemaFile)
	if old, err := os.ReadFile(path); err == nil {
		if !bytes.Equal(old, s) {
			fmt.Fprintf(opts.IO.ErrOut, "kept %s: it differs from this version's schema (dpa schema prints it)\n", path)
		}
		return nil
	}
	if err := create(path, s); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "wrote %s\n", path)
	return nil
}

// create writes a new file atomically and refuses to replace an existing
// one. Errors name the file, never the temporary file behind it.
func create(path string, b []byte) error {
	if _, err := os.Lstat(path); err == nil {
		return fileError(exitError, path, "already exists; not overwriting it")
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fileError(exitError, path, fmt.Sprintf("cannot write: %v", unwrapPathErr(err)))
	}
	if err := atomicfile.WriteFile(path, b, 0o644); err != nil {
		return fileError(exitError, path, fmt.Sprintf("cannot write: %v", unwrapPathErr(err)))
	}
	return nil
}
