package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/dpa-tool/dpa/internal/assemble"
	"github.com/dpa-tool/dpa/internal/atomicfile"
	"github.com/dpa-tool/dpa/internal/build"
	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/hugeheap"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/regfile"
)

type buildOptions struct {
	IO       *IOStreams
	Inputs   []string
	Out      string
	Formats  []string
	Jobs     int
	Check    bool
	Strict   bool
	Quiet    bool
	Manifest string // "-": standard output
	// Templates is the --templates directory (templates.go).
	Templates string

	Recursive bool
	Shard     shard
	Prune     bool

	shared sharedDiags // diagnostics from profiles, printed once per batch
}

func newCmdBuild(io *IOStreams, runF func(*buildOptions) error) *cobra.Command {
	opts := &buildOptions{IO: io}
	var format, shardSpec string
	cmd := &cobra.Command{
		Use:   "build [flags] <file.yaml|dir>...",
		Short: "Build agreements as Markdown, PDF and Word",
		Long: withExitStatus(`Validate each description, assemble its agreement and write <name>.md and
<name>.pdf next to it, or into --out; --format docx (alone or in a list such
as md,pdf,docx) writes the Word document <name>.docx. Outputs whose bytes would not change
are not rewritten. Files are written atomically. An invalid description is
reported and nothing is written for it; the others are still built.

With --check nothing is written: the command lists every output that is
missing or differs from what would be built now, and exits 4 if there is one.
With --out, a .md, .pdf or .docx file under DIR that no description produces (its
description was deleted or renamed) is stale too; build --prune removes such
files. --check and --manifest do not go together (exit 2): --check writes
nothing.

-r searches directories recursively; with --out the outputs mirror the input
tree (clients/acme/dpa.yaml gives DIR/acme/dpa.md). --shard K/N takes a
stable part of the inputs, for CI matrices: every description is in exactly
one of the N shards, by a hash of its path. "-o -" writes the Markdown of one
description to stdout; "--manifest -" writes the manifest to stdout. Finding
no description at all is an error (exit 1).

The last line of stderr is the summary: built N, unchanged N, invalid N,
failed N (with --check: current N, stale N, invalid N, failed N), followed
by ", orphaned N" when outputs without a description were found.`),
		Example: `  $ dpa build examples/saas-us/northwind.yaml
  $ dpa build -o out --format md clients/
  $ dpa build -r -o out --prune clients/
  $ dpa build --check -r -o out --shard 2/4 clients/
  $ dpa build --format md -o - acme.yaml | less`,
		Args: minArgs(1, "a description file or directory"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			seen := map[string]bool{}
			for _, f := range strings.Split(format, ",") {
				f = strings.TrimSpace(f)
				if f != "md" && f != "pdf" && f != "docx" {
					return usageErrorf("--format takes md, pdf, docx or a list such as md,pdf,docx, not %q", format)
				}
				seen[f] = true
			}
			opts.Formats = nil
			for _, f := range build.Formats {
				if seen[f] {
					opts.Formats = append(opts.Formats, f)
				}
			}
			if opts.Jobs < 1 {
				return usageErrorf("--jobs must be at least 1")
			}
			for _, name := range []string{"out", "manifest"} {
				if cmd.Flags().Changed(name) && cmd.Flags().Lookup(name).Value.String() == "" {
					return usageErrorf("--%s needs a path, not an empty string", name)
				}
			}
			if err := checkBuildFlags(opts, shardSpec); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return buildRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "write outputs into `dir` (default: next to each input)")
	cmd.Flags().StringVar(&format, "format", "md,pdf", "output `formats`: md, pdf, docx or a list such as md,pdf,docx")
	cmd.Flags().IntVarP(&opts.Jobs, "jobs", "j", runtime.NumCPU(), "build `n` descriptions in parallel")
	cmd.Flags().BoolVar(&opts.Check, "check", false, "write nothing; exit 4 if an output is missing or out of date")
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "treat warnings as errors")
	cmd.Flags().BoolVarP(&opts.Quiet, "quiet", "q", false, "print only problems and the summary")
	cmd.Flags().StringVar(&opts.Manifest, "manifest", "", "write a JSON `file` with the SHA-256 of every input and output (- for stdout)")
	cmd.Flags().BoolVar(&opts.Prune, "prune", false, "remove the outputs under --out that no description produces")
	addInputFlags(cmd, &opts.Recursive, &shardSpec)
	addTemplatesFlag(cmd, &opts.Templates)
	cmd.RegisterFlagCompletionFunc("format", formatList(build.Formats...))
	cmd.ValidArgsFunction = yamlFiles
	return cmd
}

// checkBuildFlags rejects combinations of flags that cannot work.
func checkBuildFlags(opts *buildOptions, shardSpec string) error {
	if shardSpec != "" {
		var err error
		if opts.Shard, err = parseShard(shardSpec); err != nil {
			return err
		}
	}
	switch {
	case opts.Check && opts.Manifest != "":
		return usageErrorf("--check writes nothing, so it takes no --manifest: record the manifest when you build")
	case opts.Prune && opts.Check:
		return usageErrorf("--prune removes files and --check writes nothing: use one or the other")
	case opts.Prune && (opts.Out == "" || opts.Out == "-"):
		return usageErrorf("--prune needs --out DIR: it removes the outputs in DIR that no description produces")
	case opts.Out == "-" && (len(opts.Formats) != 1 || opts.Formats[0] != "md"):
		return usageErrorf("-o - writes Markdown to stdout: add --format md")
	case opts.Out == "-" && opts.Manifest == "-":
		return usageErrorf("-o - and --manifest - would both write to stdout")
	case opts.Out == "-" && opts.Check:
		return usageErrorf("--check compares files: it takes --out DIR, not -o -")
	}
	for _, in := range opts.Inputs {
		if in == "-" {
			return usageErrorf("build reads descriptions from files: use dpa validate - or dpa explain - for standard input")
		}
	}
	return nil
}

func buildRun(opts *buildOptions) error {
	summary := func(failed int) {
		if opts.Check {
			fmt.Fprintf(opts.IO.ErrOut, "current 0, stale 0, invalid 0, failed %d\n", failed)
		} else {
			fmt.Fprintf(opts.IO.ErrOut, "built 0, unchanged 0, invalid 0, failed %d\n", failed)
		}
	}
	all := expandInputs(opts.Inputs, opts.Recursive)
	if len(all) == 0 {
		fmt.Fprintf(opts.IO.ErrOut, "error: %v\n", noInput(opts.Inputs, opts.Recursive))
		summary(0)
		return exitCode(exitError, "")
	}
	inputs := opts.Shard.pick(all)
	if opts.Out == "-" {
		return buildToStdout(opts, inputs)
	}
	// An output or manifest that would replace an input, a profile or
	// another output: a usage error before anything runs.
	if err := checkTargets(inputs, opts.Out, opts.Formats, opts.Manifest); err != nil {
		return err
	}
	if opts.Out != "" && !opts.Check {
		if err := makeOutDir(opts.Out); err != nil {
			// Nothing can be written: every description fails, and the
			// summary is still the last line.
			fmt.Fprintf(opts.IO.ErrOut, "error: %v\n", err)
			summary(len(inputs))
			return exitCode(exitError, "")
		}
	}
	if !opts.Check {
		removeStaleTemps(inputs, opts.Out)
	}

	tuneGC(opts.IO)

	stop, caught, release := catchSignals()
	defer release()

	// The built-in templates are parsed on another core while the first
	// description is read and validated; its assembly then finds them
	// parsed (or waits for the parse to end).
	go assemble.Templates(nil)
	lg, err := legal.Load()
	if err != nil {
		fmt.Fprintf(opts.IO.ErrOut, "error: %v\n", err)
		summary(len(inputs))
		return exitCode(exitError, "")
	}
	b := &batch{out: opts.Out, formats: opts.Formats, templates: opts.Templates, jobs: opts.Jobs, check: opts.Check, strict: opts.Strict, manifest: opts.Manifest != "" && !opts.Check, legal: lg}
	p := newProgress(opts.IO, opts.Quiet, len(inputs))
	var t tally
	var entries []build.ManifestEntry
	// Results are printed in input order as soon as all earlier ones are
	// done.
	n := b.run(inputs, stop, func(i int, r *buildResult) {
		p.clear()
		report(opts, r)
		t.add(r)
		if b.manifest {
			entries = append(entries, r.entry)
		}
		p.step(i + 1)
	})
	p.clear()
	interrupted := n < len(inputs)
	opts.shared.list().WriteText(opts.IO.ErrOut)

	if b.manifest && !interrupted {
		if err := writeManifest(opts, entries); err != nil {
			fmt.Fprintf(opts.IO.ErrOut, "error: manifest: %v\n", err)
			t.outcomes = append(t.outcomes, outcomeFailed)
		}
	}
	tail := ""
	if opts.Out != "" && !interrupted {
		var failed bool
		tail, failed = orphans(opts, all)
		if failed {
			t.outcomes = append(t.outcomes, outcomeFailed)
		}
		if tail != "" && opts.Check {
			t.outcomes = append(t.outcomes, outcomeStale)
		}
	}
	if interrupted {
		fmt.Fprintf(opts.IO.ErrOut, "interrupted by %s: %d of %d descriptions not done, temporary files removed\n", signalName(caught()), len(inputs)-n, len(inputs))
	}
	if opts.Check {
		fmt.Fprintf(opts.IO.ErrOut, "current %d, stale %d, invalid %d, failed %d%s\n", t.counts[outcomeOK], t.counts[outcomeStale], t.counts[outcomeInvalid], t.counts[outcomeFailed], tail)
	} else {
		fmt.Fprintf(opts.IO.ErrOut, "built %d, unchanged %d, invalid %d, failed %d%s\n", t.built, t.unchanged, t.counts[outcomeInvalid], t.counts[outcomeFailed], tail)
	}
	if interrupted {
		return exitCode(signalExit(caught()), "")
	}
	return exitCode(worst(t.outcomes), "")
}

// tally counts the results of a batch for the summary and the exit status.
type tally struct {
	outcomes         []outcome
	counts           [outcomeFailed + 1]int
	built, unchanged int
}

func (t *tally) add(r *buildResult) {
	t.outcomes = append(t.outcomes, r.outcome)
	t.counts[r.outcome]++
	switch {
	case r.built():
		t.built++
	case r.outcome == outcomeOK:
		t.unchanged++
	}
}

// writeManifest writes the manifest of the entries to --manifest.
func writeManifest(opts *buildOptions, entries []build.ManifestEntry) error {
	m := build.Manifest{Version: versionString(), Data: build.DataHash(), Agreements: entries}
	m.Sort()
	b, err := m.JSON()
	if err != nil {
		return err
	}
	if opts.Manifest == "-" {
		_, err = opts.IO.Out.Write(b)
		return err
	}
	return atomicfile.WriteFile(opts.Manifest, b, 0o644)
}

// catchSignals makes SIGINT and SIGTERM stop the batch: temporary files are
// removed and no file is replaced any more; the caller prints the results
// so far and the summary and exits 130 or 143. stop is closed on a signal,
// caught returns the signal, and release stops catching.
func catchSignals() (stop <-chan struct{}, caught func() os.Signal, release func()) {
	stopped := make(chan struct{})
	var sig os.Signal
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	finished := make(chan struct{})
	go func() {
		select {
		case sig = <-sigs:
			atomicfile.Abort()
			close(stopped)
		case <-finished:
		}
	}()
	return stopped, func() os.Signal { return sig }, func() { signal.Stop(sigs); close(finished) }
}

// signalName returns "SIGINT" or "SIGTERM".
func signalName(s os.Signal) string {
	if s == syscall.SIGTERM {
		return "SIGTERM"
	}
	return "SIGINT"
}

// signalExit is the shell's exit status for death by signal s: 128 + its number.
func signalExit(s os.Signal) int {
	if s == syscall.SIGTERM {
		return 128 + 15
	}
	return 128 + 2
}

// makeOutDir creates the --out directory; a symbolic link to nothing is
// named as such.
func makeOutDir(dir string) error {
	if st, err := os.Lstat(dir); err == nil && st.Mode()&os.ModeSymlink != 0 {
		if _, err := os.Stat(dir); err != nil {
			target, _ := os.Readlink(dir)
			return fmt.Errorf("cannot create %s: it is a symbolic link to %s, which %s", dir, target, regfileReason(err))
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %v", dir, unwrapPathErr(err))
	}
	return nil
}

// regfileReason words the error of a symbolic link's target.
func regfileReason(err error) string {
	switch r := regfile.Reason(err); r {
	case "no such file":
		return "does not exist"
	case "symbolic link cycle":
		return "is part of a symbolic link cycle"
	default:
		return "cannot be used: " + r
	}
}

// removeStaleTemps removes the temporary files that killed runs of dpa
// left in the directories this run writes to.
func removeStaleTemps(inputs []input, out string) {
	dirs := map[string]bool{}
	if out != "" {
		dirs[out] = true
	} else {
		for _, in := range inputs {
			dirs[filepath.Dir(in.Path)] = true
		}
	}
	for d := range dirs {
		atomicfile.RemoveStale(d)
	}
}

// report prints the diagnostics and the result of one description.
func report(opts *buildOptions, r *buildResult) {
	w := opts.IO.ErrOut
	if r.validation != nil {
		ds := r.validation.Diags
		if opts.Quiet {
			// Notes are information, not problems.
			ds = withoutNotes(ds)
		}
		// What a shared profile says is printed once, at the end of the
		// batch, with the number of descriptions it concerns.
		var own diag.List
		for _, d := range ds {
			if d.Order > 0 {
				opts.shared.add(d)
			} else {
				own = append(own, d)
			}
		}
		own.WriteText(w)
	}
	reportError(w, r.in.Path, r.err)
	for _, s := range r.stale {
		fmt.Fprintf(w, "stale: %s\n", s)
	}
	if opts.Quiet || r.outcome != outcomeOK || opts.Check {
		return
	}
	for _, p := range r.wrote {
		fmt.Fprintf(w, "wrote %s\n", p)
	}
	if len(r.wrote) == 0 {
		fmt.Fprintf(w, "unchanged %s\n", r.in.Path)
	}
}

// reportError prints the error of one description: an error in a
// template at its place in the template, a file that cannot be read in the
// same form as in validate.
func reportError(w io.Writer, desc string, err error) {
	var fe *exitErr
	switch {
	case reportTemplateError(w, desc, err):
	case errors.As(err, &fe) && fe.file != "":
		fmt.Fprintf(w, "%s: error: %s\n", fe.file, fe.msg)
	case err != nil:
		fmt.Fprintf(w, "error: %v\n", err)
	}
}

// tuneGC trades memory for speed in a batch: each agreement allocates about
// 20 MB of short-lived data, so the collector runs less often (GOGC=400)
// within a soft limit of 110 MiB. GOGC or GOMEMLIMIT in the environment win.
// The first 32 MB of the heap are prepared for huge pages (see hugeheap):
// that is what one build or a few parallel ones use. Neither is done when
// the environment sets the collector.
func tuneGC(io *IOStreams) {
	if io.Getenv == nil || io.Getenv("GOGC") == "" && io.Getenv("GOMEMLIMIT") == "" {
		hugeheap.Reserve(hugeheap.Build) // done already when package atstart saw the command
		debug.SetGCPercent(400)
		debug.SetMemoryLimit(110 << 20)
	}
}
