package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/validate"
)

type validateOptions struct {
	IO        *IOStreams
	Inputs    []string
	Format    string
	Strict    bool
	Quiet     bool
	Recursive bool
	Shard     shard
}

func newCmdValidate(io *IOStreams, runF func(*validateOptions) error) *cobra.Command {
	opts := &validateOptions{IO: io}
	var shardSpec string
	cmd := &cobra.Command{
		Use:   "validate [flags] <file.yaml|dir>...",
		Short: "Check descriptions and report every problem",
		Long: withExitStatus(`Check descriptions against the schema and the legal rules. Every problem is
printed as file:line:col: severity: message, with a hint line where a fix can
be suggested, sorted by file and position. Warnings are shown but fail only
with --strict. A directory means the *.yaml/*.yml files directly in it
(-r: in its subdirectories too), except profiles; "-" reads one description
from standard input, named <stdin>, whose extends are relative to the
working directory. Finding no description at all is an error (exit 1).

A problem or note that several descriptions share from one profile is
printed once, with the number of descriptions it concerns. -q leaves out
notes (information); warnings and errors always print.`),
		Example: `  $ dpa validate acme.yaml
  $ dpa validate --strict --format json clients/ > problems.json
  $ dpa validate -r --shard 2/4 clients/
  $ cat acme.yaml | dpa validate -`,
		Args: minArgs(1, "a description file or directory"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			if err := textOrJSON(opts.Format); err != nil {
				return err
			}
			if shardSpec != "" {
				var err error
				if opts.Shard, err = parseShard(shardSpec); err != nil {
					return err
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return validateRun(opts)
		},
	}
	addInputFlags(cmd, &opts.Recursive, &shardSpec)
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output `format`: text or json")
	cmd.RegisterFlagCompletionFunc("format", fixedValues("text", "json"))
	cmd.ValidArgsFunction = yamlFiles
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "make warnings fail (exit 3)")
	cmd.Flags().BoolVarP(&opts.Quiet, "quiet", "q", false, "leave out notes; print only problems and the summary")
	return cmd
}

// checkAll validates every input; it returns the results in input order,
// with nil for an input that could not be read, and the outcomes.
func checkAll(inputs []input, strict bool, stdin io.Reader) ([]*validate.Result, []outcome, diag.List, error) {
	var all diag.List
	results := make([]*validate.Result, len(inputs))
	outcomes := make([]outcome, len(inputs))
	for i, in := range inputs {
		if in.Missing != nil {
			outcomes[i] = outcomeFailed
			all.Errorf(diag.Pos{File: in.Path}, "load.read", "", "cannot read: %s", readReason(in.Missing))
			continue
		}
		var r *validate.Result
		var err error
		if in.Path == "-" {
			b, rerr := readStdin(stdin)
			if rerr != nil {
				outcomes[i] = outcomeFailed
				all.Errorf(diag.Pos{File: stdinName}, "load.read", "", "cannot read: %s", readReason(rerr))
				continue
			}
			r, err = validate.Data(stdinName, b)
		} else {
			r, err = validate.File(in.Path)
		}
		if err != nil {
			return nil, nil, nil, err
		}
		results[i] = r
		all = append(all, r.Diags...)
		switch {
		case r.Doc == nil && readFailure(r.Diags):
			outcomes[i] = outcomeFailed
		case !r.Valid(strict):
			outcomes[i] = outcomeInvalid
		}
	}
	return results, outcomes, all, nil
}

// readFailure reports whether the diagnostics say the file itself could not be read.
func readFailure(l diag.List) bool {
	for _, d := range l {
		if d.Code == "load.read" {
			return true
		}
	}
	return false
}

func validateRun(opts *validateOptions) error {
	inputs, err := selectInputs(opts.Inputs, opts.Recursive, opts.Shard)
	if err != nil {
		fmt.Fprintf(opts.IO.ErrOut, "error: %v\nvalid 0, invalid 0, failed 0\n", err)
		return exitCode(exitError, "")
	}
	_, outcomes, all, err := checkAll(inputs, opts.Strict, opts.IO.In)
	if err != nil {
		return exitCode(exitError, err.Error())
	}
	if opts.Format == "json" {
		if err := all.WriteJSON(opts.IO.Out); err != nil {
			return exitCode(exitError, err.Error())
		}
	} else {
		if opts.Quiet {
			all = withoutNotes(all)
		}
		mergeShared(all).WriteText(opts.IO.ErrOut)
	}
	valid, invalid, failed := 0, 0, 0
	for _, o := range outcomes {
		switch o {
		case outcomeFailed:
			failed++
		case outcomeInvalid:
			invalid++
		default:
			valid++
		}
	}
	fmt.Fprintf(opts.IO.ErrOut, "valid %d, invalid %d, failed %d\n", valid, invalid, failed)
	return exitCode(worst(outcomes), "")
}

// withoutNotes drops the notes (information) from l.
func withoutNotes(l diag.List) diag.List {
	var out diag.List
	for _, d := range l {
		if d.Severity != diag.Note {
			out = append(out, d)
		}
	}
	return out
}

// mergeShared prints a diagnostic that several descriptions of a batch
// share from a profile once, where it first occurs, and says how many
// descriptions it concerns: "(concerns 50 descriptions)". Diagnostics of
// the descriptions themselves are kept as they are.
func mergeShared(l diag.List) diag.List {
	type key struct {
		pos             diag.Pos
		sev             diag.Severity
		code, msg, hint string
	}
	keyOf := func(d diag.Diagnostic) key { return key{d.Pos, d.Severity, d.Code, d.Msg, d.Hint} }
	count := map[key]int{}
	for _, d := range l {
		if d.Order > 0 {
			count[keyOf(d)]++
		}
	}
	var out diag.List
	seen := map[key]bool{}
	for _, d := range l {
		if d.Order > 0 {
			k := keyOf(d)
			if seen[k] {
				continue
			}
			seen[k] = true
			if n := count[k]; n > 1 {
				d.Msg += fmt.Sprintf(" (concerns %d descriptions)", n)
			}
		}
		out = append(out, d)
	}
	return out
}

// sharedDiags collects the diagnostics that the descriptions of a batch
// get from their profiles, so that each is printed once with its count.
type sharedDiags struct {
	order []diag.Diagnostic
	count map[diag.Diagnostic]int
}

func (s *sharedDiags) add(d diag.Diagnostic) {
	if s.count == nil {
		s.count = map[diag.Diagnostic]int{}
	}
	if s.count[d] == 0 {
		s.order = append(s.order, d)
	}
	s.count[d]++
}

// list returns each collected diagnostic once, in the order first seen,
// with "(concerns N descriptions)" where N > 1.
func (s *sharedDiags) list() diag.List {
	var out diag.List
	for _, d := range s.order {
		if n := s.count[d]; n > 1 {
			d.Msg += fmt.Sprintf(" (concerns %d descriptions)", n)
		}
		out = append(out, d)
	}
	return out
}
