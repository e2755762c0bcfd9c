package cli

import (
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dpa-tool/dpa/internal/build"
	"github.com/dpa-tool/dpa/internal/load"
	"github.com/dpa-tool/dpa/internal/regfile"
)

// input is one description named on the command line or found in a directory.
type input struct {
	Path    string
	Missing error // set when the path cannot be read; counted as failed
	// Rel is the directory of Path relative to the directory argument it
	// was found in (recursive search), "" otherwise: outputs under -o DIR
	// go to DIR/Rel, mirroring the input tree.
	Rel string
}

// stdinName names standard input in diagnostics.
const stdinName = "<stdin>"

// expandInputs turns FILE and DIR arguments into description files. A
// directory means the *.yaml and *.yml files directly in it (with
// recursive, in its subdirectories too), not hidden, in sorted order,
// except profiles (kind: profile). "-" is standard input. A file named
// twice (also through a symbolic link) is built once, where it is first
// named. Nothing is opened that is not a regular file: a FIFO or device is
// an input that cannot be read.
func expandInputs(args []string, recursive bool) []input {
	var out []input
	seen := map[string]bool{}
	add := func(in input) {
		if in.Path == "-" {
			if seen["-"] {
				return
			}
			seen["-"] = true
		} else if in.Missing == nil {
			id := realPath(in.Path)
			if seen[id] {
				return
			}
			seen[id] = true
		}
		out = append(out, in)
	}
	for _, a := range args {
		if a == "-" {
			add(input{Path: "-"})
			continue
		}
		st, err := os.Stat(a)
		switch {
		case err != nil:
			add(input{Path: a, Missing: err})
			continue
		case !st.IsDir() && !st.Mode().IsRegular():
			add(input{Path: a, Missing: regfile.ErrNotRegular})
			continue
		case !st.IsDir():
			add(input{Path: a})
			continue
		}
		names, err := descriptionNames(a, recursive)
		if err != nil {
			add(input{Path: a, Missing: err})
			continue
		}
		for _, n := range names {
			p := filepath.Join(a, n)
			st, err := os.Stat(p)
			rel := filepath.Dir(n)
			if rel == "." {
				rel = ""
			}
			switch {
			case err != nil:
				add(input{Path: p, Missing: err, Rel: rel})
			case st.IsDir():
			case !st.Mode().IsRegular():
				add(input{Path: p, Missing: regfile.ErrNotRegular, Rel: rel})
			case !isProfile(p):
				add(input{Path: p, Rel: rel})
			}
		}
	}
	return out
}

// descriptionNames lists the *.yaml and *.yml names in dir, relative to
// it and sorted; with recursive also those in its subdirectories. Names
// that start with a dot are skipped (files and directories), and symbolic
// links to directories are not followed.
func descriptionNames(dir string, recursive bool) ([]string, error) {
	var names []string
	isYAML := func(n string) bool { return strings.HasSuffix(n, ".yaml") || strings.HasSuffix(n, ".yml") }
	if !recursive {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if n := e.Name(); !e.IsDir() && !strings.HasPrefix(n, ".") && isYAML(n) {
				names = append(names, n)
			}
		}
		sort.Strings(names)
		return names, nil
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // an unreadable subdirectory: skipped
		}
		if p == dir {
			return nil
		}
		n := d.Name()
		switch {
		case strings.HasPrefix(n, "."):
			if d.IsDir() {
				return filepath.SkipDir
			}
		case !d.IsDir() && isYAML(n):
			rel, err := filepath.Rel(dir, p)
			if err == nil {
				names = append(names, rel)
			}
		}
		return nil
	})
	sort.Strings(names)
	return names, err
}

// shard is a --shard K/N selection: the inputs whose path hashes to K-1
// modulo N. An input keeps its shard when others are added or removed.
type shard struct{ K, N int }

// parseShard reads "K/N" with 1 <= K <= N.
func parseShard(s string) (shard, error) {
	var k, n int
	if _, err := fmt.Sscanf(s, "%d/%d", &k, &n); err != nil || fmt.Sprintf("%d/%d", k, n) != s || n < 1 || k < 1 || k > n {
		return shard{}, usageErrorf("--shard takes K/N with 1 <= K <= N, such as 2/4, not %q", s)
	}
	return shard{k, n}, nil
}

// has reports whether path belongs to the shard. The hash (FNV-1a of the
// path with forward slashes) is the same on every machine and OS.
func (s shard) has(path string) bool {
	if s.N <= 1 {
		return true
	}
	h := fnv.New32a()
	h.Write([]byte(filepath.ToSlash(filepath.Clean(path))))
	return int(h.Sum32()%uint32(s.N)) == s.K-1
}

// pick returns the inputs of the shard, in order.
func (s shard) pick(inputs []input) []input {
	var out []input
	for _, in := range inputs {
		if s.has(in.Path) {
			out = append(out, in)
		}
	}
	return out
}

// noInput is the error for a run that found no description: a CI job that
// checks nothing must not pass.
func noInput(args []string, recursive bool) error {
	msg := "no description found in " + strings.Join(args, " ")
	if !recursive {
		msg += " (profiles and hidden files are skipped; -r searches subdirectories)"
	} else {
		msg += " (profiles and hidden files are skipped)"
	}
	return exitCode(exitError, msg)
}

// selectInputs expands the arguments and picks the shard. No description
// at all is an error; an empty shard of a batch that has descriptions is
// not (a matrix may have more shards than files).
func selectInputs(args []string, recursive bool, sh shard) ([]input, error) {
	all := expandInputs(args, recursive)
	if len(all) == 0 {
		return nil, noInput(args, recursive)
	}
	return sh.pick(all), nil
}

// addInputFlags adds -r/--recursive and --shard to a command.
func addInputFlags(cmd *cobra.Command, recursive *bool, shardSpec *string) {
	cmd.Flags().BoolVarP(recursive, "recursive", "r", false, "also search the subdirectories of a directory for descriptions")
	cmd.Flags().StringVar(shardSpec, "shard", "", "take only shard `K/N` of the sorted inputs (a stable partition by path, for CI matrices)")
}

// readStdin reads a description from standard input, at most
// load.MaxFileSize bytes.
func readStdin(r io.Reader) ([]byte, error) {
	if r == nil {
		return []byte{}, nil
	}
	b, err := io.ReadAll(io.LimitReader(r, load.MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > int64(load.MaxFileSize) {
		return nil, fmt.Errorf("standard input is larger than %d bytes", load.MaxFileSize)
	}
	return b, nil
}

// isProfile reports whether the file says kind: profile at its top level.
func isProfile(path string) bool {
	b, err := regfile.ReadFile(path, load.MaxFileSize)
	if err != nil {
		return false
	}
	n, _ := load.Parse(path, b)
	return n != nil && n.Get("kind") != nil && n.Get("kind").Value == "profile"
}

// realPath is path with every symbolic link resolved, absolute; as far as
// it exists (a path that does not exist yet keeps its missing tail).
func realPath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	return filepath.Join(realPath(filepath.Dir(abs)), filepath.Base(abs))
}

// entryPath is the directory entry that writing path replaces: its
// directory with symbolic links resolved, and its own name (a rename
// replaces a symbolic link, not what it points to).
func entryPath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	return filepath.Join(realPath(filepath.Dir(abs)), filepath.Base(abs))
}

// checkTargets makes sure that no output and no manifest would replace an
// input, a profile or another output, comparing paths after resolving
// symbolic links. It runs before anything is written; a clash is a usage
// error.
func checkTargets(inputs []input, out string, formats []string, manifest string) error {
	type claimant struct {
		what   string // "the description x.yaml", "the output out/x.md of x.yaml"
		writer string // the input that writes it, for outputs
	}
	taken := map[string]claimant{} // entry or real path -> what it is
	for _, in := range inputs {
		if in.Missing != nil {
			continue
		}
		c := claimant{what: "the description " + in.Path}
		taken[entryPath(in.Path)], taken[realPath(in.Path)] = c, c
	}
	claim := func(p string, c claimant) error {
		id := entryPath(p)
		prev, ok := taken[id]
		switch {
		case !ok:
			taken[id] = c
			return nil
		case prev.writer != "" && c.writer != "":
			return usageErrorf("%s and %s would both write %s", prev.writer, c.writer, p)
		}
		return usageErrorf("%s would overwrite %s", c.what, prev.what)
	}
	for _, in := range inputs {
		if in.Missing != nil {
			continue
		}
		for _, p := range build.OutputPaths(in.Path, outDir(in, out), formats) {
			if err := claim(p, claimant{fmt.Sprintf("the output %s of %s", p, in.Path), in.Path}); err != nil {
				return err
			}
		}
	}
	if manifest == "" || manifest == "-" {
		return nil
	}
	if err := claim(manifest, claimant{what: "--manifest " + manifest}); err != nil {
		return err
	}
	// Profiles are .yaml or .yml files; outputs never are, so only a
	// manifest with such a name can be one.
	if ext := strings.ToLower(filepath.Ext(manifest)); ext != ".yaml" && ext != ".yml" {
		return nil
	}
	id := entryPath(manifest)
	for _, in := range inputs {
		if in.Missing != nil {
			continue
		}
		chain := load.Chain(in.Path)
		for i := 1; i < len(chain); i++ {
			if f := chain[i]; entryPath(f) == id || realPath(f) == id {
				return usageErrorf("--manifest %s would overwrite the profile %s of %s", manifest, f, in.Path)
			}
		}
	}
	return nil
}
