package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/dpa-tool/dpa/internal/atomicfile"
	"github.com/dpa-tool/dpa/internal/build"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/validate"
)

// batch builds a list of descriptions, writes (or checks) their outputs and
// returns what happened to each, in input order. It prints nothing: build.go
// prints the results.
type batch struct {
	out     string // --out: "" writes next to each input
	formats []string
	// templates is the --templates directory ("": none).
	templates string
	jobs      int
	check     bool // write nothing; report missing and differing outputs
	strict    bool
	manifest  bool        // record each description's manifest entry
	legal     *legal.Data // the reference data, loaded once for the batch
}

// buildResult is what happened to one description.
type buildResult struct {
	in input
	// validation holds the diagnostics; nil when the build failed before
	// validation.
	validation *validate.Result
	err        error
	outcome    outcome
	wrote      []string // outputs rewritten
	stale      []string // --check: "path: reason"
	// entry is the manifest entry, filled only when the batch records a
	// manifest.
	entry build.ManifestEntry
}

// built reports whether the description was built and an output rewritten;
// an OK result that is not built is unchanged.
func (r *buildResult) built() bool { return r.outcome == outcomeOK && len(r.wrote) > 0 }

// buildFile is build.FileWith; tests replace it.
var buildFile = build.FileWith

// outDir is the directory of the outputs of in: next to it without --out,
// else DIR with the input's place in a recursively searched tree.
func outDir(in input, out string) string {
	if out == "" || in.Rel == "" {
		return out
	}
	return filepath.Join(out, in.Rel)
}

// run builds the inputs, up to b.jobs at a time, and hands each result to
// emit in input order as soon as it and every earlier one are done; the
// result is dropped after that, so that a batch runs in flat memory. When
// stop is closed no further description is started and run returns at
// once; it returns how many results were emitted.
func (b *batch) run(inputs []input, stop <-chan struct{}, emit func(i int, r *buildResult)) int {
	results := make([]*buildResult, len(inputs))
	return runOrdered(len(inputs), b.jobs, stop,
		func(i int) { results[i] = b.one(inputs[i]) },
		func(i int, msg string) {
			r := &buildResult{in: inputs[i], outcome: outcomeFailed, err: fmt.Errorf("%s: %s", inputs[i].Path, msg)}
			if b.manifest {
				r.entry = manifestEntry(r, nil)
			}
			results[i] = r
		},
		func(i int) {
			emit(i, results[i])
			results[i] = nil
		})
}

// make validates and builds one description in memory. The outputs are
// nil unless the outcome is OK.
func (b *batch) make(in input) (*buildResult, *build.Result) {
	r := &buildResult{in: in}
	if in.Missing != nil {
		r.outcome = outcomeFailed
		r.err = fileError(exitError, in.Path, "cannot read: "+readReason(in.Missing))
		return r, nil
	}
	res, err := buildFile(in.Path, build.Options{Dir: outDir(in, b.out), Formats: b.formats, Strict: b.strict, Templates: b.templates, Legal: b.legal})
	if res != nil {
		r.validation = res.Validation
	}
	switch {
	case err != nil:
		r.outcome, r.err = outcomeFailed, err
	case res.Validation.Doc == nil && readFailure(res.Validation.Diags):
		r.outcome = outcomeFailed
	case len(res.Outputs) == 0:
		r.outcome = outcomeInvalid
	}
	return r, res
}

// one builds one description and writes (or checks) its outputs.
func (b *batch) one(in input) *buildResult {
	r, res := b.make(in)
	var onDisk []build.Output // outputs that hold what was built (written or current)
	if res != nil && r.outcome == outcomeOK && r.err == nil {
		onDisk = b.write(r, res.Outputs)
	}
	if b.manifest {
		r.entry = manifestEntry(r, onDisk)
		if res != nil {
			r.entry.Templates = templateHashes(res.Templates)
		}
	}
	return r
}

// write writes the outputs that differ from the files (with check, lists
// them as stale instead) and returns the outputs that hold what was built.
func (b *batch) write(r *buildResult, outs []build.Output) (onDisk []build.Output) {
	for _, o := range outs {
		switch {
		case b.check && o.Missing:
			r.stale = append(r.stale, o.Path+": missing")
		case b.check && !o.Current:
			r.stale = append(r.stale, o.Path+": differs from what the description, clauses and templates give now")
		case o.Current:
			onDisk = append(onDisk, o)
		default:
			if r.in.Rel != "" {
				if err := os.MkdirAll(filepath.Dir(o.Path), 0o755); err != nil {
					r.outcome, r.err = outcomeFailed, fmt.Errorf("cannot create %s: %v", filepath.Dir(o.Path), unwrapPathErr(err))
					return onDisk
				}
			}
			if err := atomicfile.WriteFile(o.Path, o.Data, 0o644); err != nil {
				r.outcome, r.err = outcomeFailed, err
				return onDisk
			}
			r.wrote = append(r.wrote, o.Path)
			onDisk = append(onDisk, o)
		}
	}
	if len(r.stale) > 0 {
		r.outcome = outcomeStale
	}
	return onDisk
}

// manifestEntry records the inputs and outputs of a result: the hashes of
// the bytes the agreement was built from (each file is read once), and the
// outputs that hold what was built, also when a later one failed.
func manifestEntry(r *buildResult, onDisk []build.Output) build.ManifestEntry {
	e := build.ManifestEntry{Description: r.in.Path, Inputs: []build.FileHash{}, Outputs: []build.FileHash{}}
	switch {
	case r.outcome == outcomeFailed:
		e.Status = "failed"
	case r.outcome == outcomeInvalid:
		e.Status = "invalid"
	case len(r.wrote) > 0:
		e.Status = "built"
	default:
		e.Status = "unchanged"
	}
	if r.validation != nil && r.validation.Doc != nil {
		d := r.validation.Doc
		for i, f := range d.Files {
			e.Inputs = append(e.Inputs, build.FileHash{Path: f, SHA256: d.Sums[i]})
		}
	} else {
		e.Inputs = append(e.Inputs, build.HashFile(r.in.Path))
	}
	for _, o := range onDisk {
		e.Outputs = append(e.Outputs, build.FileHash{Path: o.Path, SHA256: build.Hash(o.Data)})
	}
	return e
}
