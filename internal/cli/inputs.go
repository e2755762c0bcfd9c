package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dpa-tool/dpa/internal/build"
	"github.com/dpa-tool/dpa/internal/load"
	"github.com/dpa-tool/dpa/internal/regfile"
)

// input is one description named on the command line or found in a directory.
type input struct {
	Path    string
	Missing error // set when the path cannot be read; counted as failed
}

// expandInputs turns FILE and DIR arguments into description files. A
// directory means the *.yaml and *.yml files directly in it, not hidden, in
// sorted order, except profiles (kind: profile). A file named twice (also
// through a symbolic link) is built once, where it is first named. Nothing
// is opened that is not a regular file: a FIFO or device is an input that
// cannot be read.
func expandInputs(args []string) []input {
	var out []input
	seen := map[string]bool{}
	add := func(in input) {
		if in.Missing == nil {
			id := realPath(in.Path)
			if seen[id] {
				return
			}
			seen[id] = true
		}
		out = append(out, in)
	}
	for _, a := range args {
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
		entries, err := os.ReadDir(a)
		if err != nil {
			add(input{Path: a, Missing: err})
			continue
		}
		var names []string
		for _, e := range entries {
			n := e.Name()
			if e.IsDir() || strings.HasPrefix(n, ".") || !(strings.HasSuffix(n, ".yaml") || strings.HasSuffix(n, ".yml")) {
				continue
			}
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			p := filepath.Join(a, n)
			st, err := os.Stat(p)
			switch {
			case err != nil:
				add(input{Path: p, Missing: err})
			case st.IsDir():
			case !st.Mode().IsRegular():
				add(input{Path: p, Missing: regfile.ErrNotRegular})
			case !isProfile(p):
				add(input{Path: p})
			}
		}
	}
	return out
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
		for _, p := range build.OutputPaths(in.Path, out, formats) {
			if err := claim(p, claimant{fmt.Sprintf("the output %s of %s", p, in.Path), in.Path}); err != nil {
				return err
			}
		}
	}
	if manifest == "" {
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
