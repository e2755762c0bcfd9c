package cli

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dpa-tool/dpa/internal/atomicfile"
	"github.com/dpa-tool/dpa/internal/build"
	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/regfile"
)

// orphans finds the outputs under --out that no description of the batch
// produces (all is every input, before --shard), and reports them: stale
// under --check, removed with --prune, a note otherwise. Each orphan
// belongs to the shard its own path hashes to, so that a sharded run
// reports it once. It returns the summary's tail (", orphaned N" or
// ", removed N") and whether removing failed.
func orphans(opts *buildOptions, all []input) (tail string, failed bool) {
	produced := map[string]bool{}
	for _, in := range all {
		for _, p := range build.OutputPaths(in.Path, outDir(in, opts.Out), opts.Formats) {
			produced[entryPath(p)] = true
		}
	}
	var found []string
	for _, p := range outputFiles(opts.Out, opts.Recursive, opts.Formats) {
		if !produced[entryPath(p)] && opts.Shard.has(p) && ours(p) {
			found = append(found, p)
		}
	}
	if len(found) == 0 {
		return "", false
	}
	w := opts.IO.ErrOut
	removed := 0
	for _, p := range found {
		switch {
		case opts.Check:
			fmt.Fprintf(w, "stale: %s: no description produces it\n", p)
		case opts.Prune:
			if err := os.Remove(p); err != nil {
				fmt.Fprintf(w, "%s: error: cannot remove: %v\n", p, unwrapPathErr(err))
				failed = true
				continue
			}
			removed++
			if !opts.Quiet {
				fmt.Fprintf(w, "removed %s\n", p)
			}
		case !opts.Quiet:
			fmt.Fprintf(w, "%s: %s: no description produces it; build --prune removes it\n", p, diag.Note)
		}
	}
	if opts.Prune {
		return fmt.Sprintf(", removed %d", removed), failed
	}
	return fmt.Sprintf(", orphaned %d", len(found)), false
}

// outputFiles lists the files under dir (with recursive, in its
// subdirectories too) whose extension is one of formats: regular files
// only, no symbolic links, nothing hidden and no temporary files.
func outputFiles(dir string, recursive bool, formats []string) []string {
	want := map[string]bool{}
	for _, f := range formats {
		want["."+f] = true
	}
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if p == dir {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if !recursive || strings.HasPrefix(name, ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(name, ".") || atomicfile.IsTemp(name) || !d.Type().IsRegular() || !want[strings.ToLower(filepath.Ext(name))] {
			return nil
		}
		out = append(out, p)
		return nil
	})
	sort.Strings(out)
	return out
}

// ours reports whether an orphan candidate is a file dpa writes: every
// Markdown file, and a PDF or DOCX only when it carries dpa's fingerprint,
// so that a file of another origin that happens to lie in --out is never
// removed.
func ours(p string) bool {
	ext := strings.ToLower(filepath.Ext(p))
	if ext != ".pdf" && ext != ".docx" {
		return true
	}
	b, err := regfile.ReadFile(p, 256<<20)
	if ext == ".docx" {
		return err == nil && build.IsDOCXOfDPA(b)
	}
	return err == nil && bytes.Contains(b, []byte("/Keywords (dpa-fingerprint:"))
}

// buildToStdout builds one description and writes its Markdown to stdout
// (-o -). Diagnostics and the summary go to stderr as usual.
func buildToStdout(opts *buildOptions, inputs []input) error {
	if len(inputs) != 1 {
		return usageErrorf("-o - writes the Markdown of one description, not of %d", len(inputs))
	}
	lg, err := legal.Load()
	if err != nil {
		return err
	}
	b := &batch{formats: opts.Formats, templates: opts.Templates, strict: opts.Strict, legal: lg}
	r, res := b.make(inputs[0])
	if r.outcome == outcomeOK && r.err == nil {
		if _, err := opts.IO.Out.Write(res.Outputs[0].Data); err != nil {
			r.outcome, r.err = outcomeFailed, fmt.Errorf("write to stdout: %v", err)
		}
	}
	w := opts.IO.ErrOut
	if r.validation != nil {
		ds := r.validation.Diags
		if opts.Quiet {
			ds = withoutNotes(ds)
		}
		ds.WriteText(w)
	}
	reportError(w, r.in.Path, r.err)
	built, invalid, failed := 0, 0, 0
	switch r.outcome {
	case outcomeOK:
		built = 1
	case outcomeInvalid:
		invalid = 1
	default:
		failed = 1
	}
	fmt.Fprintf(w, "built %d, unchanged 0, invalid %d, failed %d\n", built, invalid, failed)
	return exitCode(r.outcome.code(), "")
}
