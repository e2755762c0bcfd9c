package cli

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/dpa-tool/dpa/internal/atomicfile"
	"github.com/dpa-tool/dpa/internal/build"
	"github.com/dpa-tool/dpa/internal/diag"
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
	Manifest string
}

func newCmdBuild(io *IOStreams, runF func(*buildOptions) error) *cobra.Command {
	opts := &buildOptions{IO: io}
	var format string
	cmd := &cobra.Command{
		Use:   "build [flags] <file.yaml|dir>...",
		Short: "Build agreements as Markdown and PDF",
		Long: withExitStatus(`Validate each description, assemble its agreement and write <name>.md and
<name>.pdf next to it, or into --out. Outputs whose bytes would not change
are not rewritten. Files are written atomically. An invalid description is
reported and nothing is written for it; the others are still built.

With --check nothing is written: the command lists every output that is
missing or differs from what would be built now, and exits 4 if there is one.

The last line of stderr is the summary: built N, unchanged N, invalid N,
failed N (with --check: current N, stale N, invalid N, failed N).`),
		Example: `  $ dpa build examples/saas-us/northwind.yaml
  $ dpa build -o out --format md clients/
  $ dpa build --check clients/`,
		Args: minArgs(1, "a description file or directory"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			seen := map[string]bool{}
			for _, f := range strings.Split(format, ",") {
				f = strings.TrimSpace(f)
				if f != "md" && f != "pdf" {
					return usageErrorf("--format takes md, pdf or md,pdf, not %q", format)
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
			if runF != nil {
				return runF(opts)
			}
			return buildRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "out", "o", "", "write outputs into `dir` (default: next to each input)")
	cmd.Flags().StringVar(&format, "format", "md,pdf", "output `formats`: md, pdf or md,pdf")
	cmd.Flags().IntVarP(&opts.Jobs, "jobs", "j", runtime.NumCPU(), "build `n` descriptions in parallel")
	cmd.Flags().BoolVar(&opts.Check, "check", false, "write nothing; exit 4 if an output is missing or out of date")
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "treat warnings as errors")
	cmd.Flags().BoolVarP(&opts.Quiet, "quiet", "q", false, "print only problems and the summary")
	cmd.Flags().StringVar(&opts.Manifest, "manifest", "", "write a JSON `file` with the SHA-256 of every input and output")
	return cmd
}

// job is the work and the result for one input.
type job struct {
	index   int
	entry   build.ManifestEntry
	in      input
	res     *build.Result
	err     error
	outcome outcome
	wrote   []string       // outputs rewritten
	onDisk  []build.Output // outputs that hold what was built (written or current)
	stale   []string       // --check: "path: reason"
}

func buildRun(opts *buildOptions) error {
	inputs := expandInputs(opts.Inputs)
	// An output or manifest that would replace an input, a profile or
	// another output: a usage error before anything runs.
	if err := checkTargets(inputs, opts.Out, opts.Formats, opts.Manifest); err != nil {
		return err
	}
	if opts.Out != "" && !opts.Check {
		if err := makeOutDir(opts.Out); err != nil {
			return exitCode(exitError, err.Error())
		}
	}
	if !opts.Check {
		removeStaleTemps(inputs, opts.Out)
	}

	tuneGC(opts.IO)

	// SIGINT and SIGTERM stop the batch: temporary files are removed, no
	// file is replaced any more, the results so far and the summary are
	// printed, and the exit status is 130 or 143.
	stop := make(chan struct{})
	var caught os.Signal
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	finished := make(chan struct{})
	defer func() { signal.Stop(sigs); close(finished) }()
	go func() {
		select {
		case caught = <-sigs:
			atomicfile.Abort()
			close(stop)
		case <-finished:
		}
	}()

	jobs := make([]*job, len(inputs))
	for i, in := range inputs {
		jobs[i] = &job{index: i, in: in}
	}
	p := newProgress(opts.IO, opts.Quiet, len(jobs))
	// Results are printed in input order as soon as all earlier ones are
	// done, and then dropped, so that a batch runs in flat memory.
	n := runOrdered(len(jobs), opts.Jobs, stop,
		func(i int) { runJob(jobs[i], opts) },
		func(i int, msg string) {
			j := jobs[i]
			j.outcome, j.err = outcomeFailed, fmt.Errorf("%s: %s", j.in.Path, msg)
		},
		func(i int) {
			j := jobs[i]
			p.clear()
			report(opts, j)
			if opts.Manifest != "" {
				j.entry = manifestEntry(j)
			}
			j.res = nil
			p.step(i + 1)
		})
	p.clear()
	interrupted := n < len(jobs)
	jobs = jobs[:n]

	var outcomes []outcome
	counts := map[outcome]int{}
	built, unchanged := 0, 0
	for _, j := range jobs {
		outcomes = append(outcomes, j.outcome)
		counts[j.outcome]++
		if j.outcome == outcomeOK {
			if len(j.wrote) > 0 {
				built++
			} else {
				unchanged++
			}
		}
	}
	if opts.Manifest != "" && !opts.Check && !interrupted {
		m := build.Manifest{Data: build.DataHash()}
		for _, j := range jobs {
			m.Agreements = append(m.Agreements, j.entry)
		}
		m.Sort()
		b, err := m.JSON()
		if err == nil {
			err = atomicfile.WriteFile(opts.Manifest, b, 0o644)
		}
		if err != nil {
			fmt.Fprintf(opts.IO.ErrOut, "error: manifest: %v\n", err)
			outcomes = append(outcomes, outcomeFailed)
		}
	}
	if interrupted {
		fmt.Fprintf(opts.IO.ErrOut, "interrupted by %s: %d of %d descriptions not done, temporary files removed\n", signalName(caught), len(inputs)-n, len(inputs))
	}
	if opts.Check {
		fmt.Fprintf(opts.IO.ErrOut, "current %d, stale %d, invalid %d, failed %d\n", counts[outcomeOK], counts[outcomeStale], counts[outcomeInvalid], counts[outcomeFailed])
	} else {
		fmt.Fprintf(opts.IO.ErrOut, "built %d, unchanged %d, invalid %d, failed %d\n", built, unchanged, counts[outcomeInvalid], counts[outcomeFailed])
	}
	if interrupted {
		return exitCode(signalExit(caught), "")
	}
	return exitCode(worst(outcomes), "")
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

// buildFile is build.File; tests replace it.
var buildFile = build.File

// runJob builds one input and writes (or checks) its outputs.
func runJob(j *job, opts *buildOptions) {
	if j.in.Missing != nil {
		j.outcome = outcomeFailed
		j.err = fmt.Errorf("%s: cannot read: %s", j.in.Path, regfile.Reason(j.in.Missing))
		return
	}
	res, err := buildFile(j.in.Path, opts.Out, opts.Formats, opts.Strict)
	j.res = res
	if err != nil {
		j.outcome, j.err = outcomeFailed, err
		return
	}
	v := res.Validation
	if v.Doc == nil && readFailure(v.Diags) {
		j.outcome = outcomeFailed
		return
	}
	if len(res.Outputs) == 0 {
		j.outcome = outcomeInvalid
		return
	}
	for _, o := range res.Outputs {
		switch {
		case opts.Check && o.Missing:
			j.stale = append(j.stale, o.Path+": missing")
		case opts.Check && !o.Current:
			j.stale = append(j.stale, o.Path+": differs from what the description, clauses and templates give now")
		case o.Current:
			j.onDisk = append(j.onDisk, o)
		default:
			if err := atomicfile.WriteFile(o.Path, o.Data, 0o644); err != nil {
				j.outcome, j.err = outcomeFailed, err
				return
			}
			j.wrote = append(j.wrote, o.Path)
			j.onDisk = append(j.onDisk, o)
		}
	}
	if len(j.stale) > 0 {
		j.outcome = outcomeStale
	}
}

// report prints the diagnostics and the result of one job.
func report(opts *buildOptions, j *job) {
	w := opts.IO.ErrOut
	if j.res != nil && j.res.Validation != nil {
		ds := j.res.Validation.Diags
		if opts.Quiet {
			// Notes are information, not problems.
			var keep diag.List
			for _, d := range ds {
				if d.Severity != diag.Note {
					keep = append(keep, d)
				}
			}
			ds = keep
		}
		ds.WriteText(w)
	}
	if j.err != nil {
		fmt.Fprintf(w, "error: %v\n", j.err)
	}
	for _, s := range j.stale {
		fmt.Fprintf(w, "stale: %s\n", s)
	}
	if opts.Quiet || j.outcome != outcomeOK || opts.Check {
		return
	}
	for _, p := range j.wrote {
		fmt.Fprintf(w, "wrote %s\n", p)
	}
	if len(j.wrote) == 0 {
		fmt.Fprintf(w, "unchanged %s\n", j.in.Path)
	}
}

// manifestEntry records the inputs and outputs of a job: the hashes of the
// bytes the agreement was built from (each file is read once), and the
// outputs that hold what was built, also when a later one failed.
func manifestEntry(j *job) build.ManifestEntry {
	e := build.ManifestEntry{Description: j.in.Path, Inputs: []build.FileHash{}, Outputs: []build.FileHash{}}
	switch {
	case j.outcome == outcomeFailed:
		e.Status = "failed"
	case j.outcome == outcomeInvalid:
		e.Status = "invalid"
	case len(j.wrote) > 0:
		e.Status = "built"
	default:
		e.Status = "unchanged"
	}
	if j.res != nil && j.res.Validation != nil && j.res.Validation.Doc != nil {
		d := j.res.Validation.Doc
		for i, f := range d.Files {
			e.Inputs = append(e.Inputs, build.FileHash{Path: f, SHA256: d.Sums[i]})
		}
	} else {
		e.Inputs = append(e.Inputs, build.HashFile(j.in.Path))
	}
	for _, o := range j.onDisk {
		e.Outputs = append(e.Outputs, build.FileHash{Path: o.Path, SHA256: build.Hash(o.Data)})
	}
	return e
}

// tuneGC trades memory for speed in a batch: each agreement allocates about
// 20 MB of short-lived data, so the collector runs less often (GOGC=400)
// within a soft limit of 110 MiB. GOGC or GOMEMLIMIT in the environment win.
func tuneGC(io *IOStreams) {
	if io.Getenv == nil || io.Getenv("GOGC") == "" && io.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(400)
		debug.SetMemoryLimit(110 << 20)
	}
}
