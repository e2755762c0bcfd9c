package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"
)

// Main runs dpa with the process's arguments and streams and returns the exit code.
func Main() int {
	return Run(context.Background(), System(), nil)
}

// Run runs dpa with args (nil means os.Args[1:]) and returns the exit code.
func Run(ctx context.Context, io *IOStreams, args []string) int {
	root := newRootCmd(io)
	if args != nil {
		root.SetArgs(args)
	}
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return exitOK
	}
	code := codeOf(err)
	if code == exitUsage {
		// One line and where to look, not the whole usage: the error stays
		// visible above the shell prompt.
		fmt.Fprintf(io.ErrOut, "error: %v\n", err)
		path := "dpa"
		if cmd != nil {
			path = cmd.CommandPath()
		}
		fmt.Fprintf(io.ErrOut, "Run '%s --help' for usage.\n", path)
		return exitUsage
	}
	var ee *exitErr
	switch msg := err.Error(); {
	case errors.As(err, &ee) && ee.file != "":
		fmt.Fprintf(io.ErrOut, "%s: error: %s\n", ee.file, msg)
	case msg != "":
		fmt.Fprintf(io.ErrOut, "error: %s\n", msg)
	}
	return code
}

func newRootCmd(io *IOStreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "dpa <command> [flags]",
		Short: "Assemble GDPR Data Processing Agreements with the EU Standard Contractual Clauses",
		Long: `dpa turns a YAML description of the parties and the personal-data transfers
between them into a signature-ready Data Processing Agreement (GDPR Art. 28)
with the EU Standard Contractual Clauses (Decision (EU) 2021/914) attached
where a transfer needs them, written as Markdown and PDF.

` + exitStatusHelp,
		Example: `  $ dpa init --module 2 acme.yaml
  $ dpa validate acme.yaml
  $ dpa explain examples/two-modules
  $ dpa build -o out examples/saas-us/northwind.yaml`,
		SilenceErrors:              true,
		SilenceUsage:               true,
		Version:                    versionString(),
		SuggestionsMinimumDistance: 2,
		// Runnable, so that an unknown command reaches Args and is a usage
		// error; without a command the help is printed.
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				msg := fmt.Sprintf("unknown command %q", args[0])
				if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
					msg += fmt.Sprintf("; did you mean %q?", s[0])
				}
				return usageErrorf("%s", msg)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	root.SetVersionTemplate("dpa {{.Version}}\n")
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageErr{err} })
	root.AddCommand(
		newCmdInit(io, nil),
		newCmdValidate(io, nil),
		newCmdExplain(io, nil),
		newCmdBuild(io, nil),
		newCmdVerify(io, nil),
		newCmdSchema(io),
		newCmdTemplates(io),
		newCmdVersion(io),
		newTopicExitCodes(),
		newTopicFormat(),
		newTopicArt28(),
	)
	completeHelpTopics(root)
	return root
}

// withExitStatus appends a pointer to the EXIT STATUS section, which is
// printed in full only by the root help and "dpa help exit-codes".
func withExitStatus(long string) string {
	return long + "\n\nExit status: see \"dpa help exit-codes\"."
}

// args validators that report usage errors.
func minArgs(n int, what string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) < n {
			return usageErrorf("missing %s", what)
		}
		return nil
	}
}

func maxArgs(n int) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) > n {
			return usageErrorf("too many arguments: %q", args[n:])
		}
		return nil
	}
}

// isUsage reports whether err is a usage error.
func isUsage(err error) bool { var u *usageErr; return errors.As(err, &u) }
