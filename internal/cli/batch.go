package cli

import (
	"errors"
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
	// outs are the outputs that hold what was built or, staged, will hold
	// it once committed, until the batch commits them.
	outs []pendingOutput
	// entry is the manifest entry, filled only when the batch records a
	// manifest, from templates and the committed outputs.
	entry     build.ManifestEntry
	templates []build.TemplateHash
}

// pendingOutput is an output of a description before its commit: staged
// to replace the file, or (staged nil) current already. hash is filled
// when the batch records a manifest.
type pendingOutput struct {
	staged *atomicfile.Staged
	hash   build.FileHash
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

// groupSize is the number of descriptions whose outputs are made durable
// together: the outputs of a batch are flushed to disk once per group
// instead of once per file, which on a journalling file system is a
// journal commit each.
const groupSize = 8

// run builds the inputs, up to b.jobs at a time, and hands each result to
// emit in input order once its outputs are in place. The workers stage the
// outputs (complete temporary files); every groupSize results, and at the
// end, they are flushed to disk together and renamed, in input order, each
// description's result emitted as soon as its own are renamed. A result is
// dropped after it is emitted, so that a batch runs in flat memory. When
// stop is closed (or the outputs are aborted) no further description is
// started or emitted and run returns at once; the results not emitted have
// no output renamed. It returns how many results were emitted.
func (b *batch) run(inputs []input, stop <-chan struct{}, emit func(i int, r *buildResult)) int {
	results := make([]*buildResult, len(inputs))
	group := groupSize
	if b.check {
		group = 1
	}
	var pending []int // results done, in order, whose outputs are not renamed yet
	emitted, aborted := 0, false
	runOrdered(len(inputs), b.jobs, stop,
		func(i int) { results[i] = b.one(inputs[i]) },
		func(i int, msg string) {
			results[i] = &buildResult{in: inputs[i], outcome: outcomeFailed, err: fmt.Errorf("%s: %s", inputs[i].Path, msg)}
		},
		func(i int) {
			if aborted {
				return
			}
			pending = append(pending, i)
			if len(pending) < group && i < len(inputs)-1 {
				return
			}
			n, ok := b.commitGroup(results, pending, emit)
			emitted += n
			aborted = !ok
			pending = pending[:0]
		})
	return emitted
}

// commitGroup flushes the staged outputs of the pending results to disk
// together, then commits and emits each result in order, dropping it. It
// returns how many it emitted, and false when the outputs were aborted.
func (b *batch) commitGroup(results []*buildResult, pending []int, emit func(i int, r *buildResult)) (int, bool) {
	var staged []*atomicfile.Staged
	for _, j := range pending {
		for _, o := range results[j].outs {
			if o.staged != nil {
				staged = append(staged, o.staged)
			}
		}
	}
	// A file whose flush fails keeps the error, which the commit of its
	// own description reports.
	_ = atomicfile.Flush(staged)
	for n, j := range pending {
		if !b.commit(results[j]) {
			return n, false
		}
		emit(j, results[j])
		results[j] = nil
	}
	return len(pending), true
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

// afterStage, when not nil, runs after a description's outputs are
// staged. Only tests set it (to panic there).
var afterStage func(r *buildResult)

// one builds one description and stages (or checks) its outputs.
func (b *batch) one(in input) *buildResult {
	r, res := b.make(in)
	done := false
	defer func() {
		// A panic (which the runner turns into a failure of this
		// description, and which goes on from here) leaves no temporary
		// file behind.
		if !done {
			for _, o := range r.outs {
				o.staged.Discard()
			}
		}
	}()
	if res != nil && r.outcome == outcomeOK && r.err == nil {
		b.stage(r, res.Outputs)
	}
	if afterStage != nil {
		afterStage(r)
	}
	if b.manifest && res != nil {
		r.templates = templateHashes(res.Templates)
	}
	done = true
	return r
}

// stage writes the outputs that differ from the files to temporary files
// (with check, lists them as stale instead) and records in r.outs the
// outputs that hold, or will hold once committed, what was built. After a
// failure, the outputs before it are still committed.
func (b *batch) stage(r *buildResult, outs []build.Output) {
	for _, o := range outs {
		var staged *atomicfile.Staged
		switch {
		case b.check && o.Missing:
			r.stale = append(r.stale, o.Path+": missing")
			continue
		case b.check && !o.Current:
			r.stale = append(r.stale, o.Path+": differs from what the description, clauses and templates give now")
			continue
		case !o.Current:
			if r.in.Rel != "" {
				if err := os.MkdirAll(filepath.Dir(o.Path), 0o755); err != nil {
					r.outcome, r.err = outcomeFailed, fmt.Errorf("cannot create %s: %v", filepath.Dir(o.Path), unwrapPathErr(err))
					return
				}
			}
			var err error
			if staged, err = atomicfile.Stage(o.Path, o.Data, 0o644); err != nil {
				r.outcome, r.err = outcomeFailed, err
				return
			}
		}
		out := pendingOutput{staged: staged}
		if b.manifest {
			out.hash = build.FileHash{Path: o.Path, SHA256: build.Hash(o.Data)}
		}
		r.outs = append(r.outs, out)
	}
	if len(r.stale) > 0 {
		r.outcome = outcomeStale
	}
}

// commit renames the staged outputs of r into place, flushed to disk first
// together with every output staged before them, and records the manifest
// entry. It returns false when the outputs were aborted (a signal): r is
// then not done, and none of its outputs is renamed after the abort.
func (b *batch) commit(r *buildResult) bool {
	var staged []*atomicfile.Staged
	for _, o := range r.outs {
		if o.staged != nil {
			staged = append(staged, o.staged)
		}
	}
	renamed, err := atomicfile.Commit(staged)
	if errors.Is(err, atomicfile.ErrAborted) {
		return false
	}
	var onDisk []build.FileHash
	for _, o := range r.outs {
		if o.staged != nil {
			if renamed == 0 {
				break
			}
			renamed--
			r.wrote = append(r.wrote, o.staged.Path)
		}
		onDisk = append(onDisk, o.hash)
	}
	if err != nil {
		r.outcome, r.err = outcomeFailed, err
	}
	r.outs = nil
	if b.manifest {
		r.entry = manifestEntry(r, onDisk)
		r.entry.Templates = r.templates
	}
	return true
}

// manifestEntry records the inputs and outputs of a result: the hashes of
// the bytes the agreement was built from (each file is read once), and the
// outputs that hold what was built, also when a later one failed.
func manifestEntry(r *buildResult, onDisk []build.FileHash) build.ManifestEntry {
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
	e.Outputs = append(e.Outputs, onDisk...)
	return e
}
