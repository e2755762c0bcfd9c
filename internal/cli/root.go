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
		fmt.Fprintf(io.ErrOut, "error: %v\n", err)
		if cmd != nil {
			fmt.Fprintf(io.ErrOut, "\n%s", cmd.UsageString())
		}
		return exitUsage
	}
	if msg := err.Error(); msg != "" {
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
		SilenceErrors: true,
		SilenceUsage:  true,
	}
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
		newCmdVersion(io),
		newTopicExitCodes(),
		newTopicFormat(),
	)
	return root
}

// withExitStatus appends the EXIT STATUS section to a command's long help.
func withExitStatus(long string) string { return long + "\n\n" + exitStatusHelp }

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
