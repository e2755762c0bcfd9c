package cli

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dpa-tool/dpa/internal/load"
)

// input is one description named on the command line or found in a directory.
type input struct {
	Path    string
	Missing error // set when the path cannot be read; counted as failed
}

// expandInputs turns FILE and DIR arguments into description files. A
// directory means the *.yaml and *.yml files directly in it, not hidden, in
// sorted order, except profiles (kind: profile).
func expandInputs(args []string) []input {
	var out []input
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			out = append(out, input{Path: a, Missing: err})
			continue
		}
		if !st.IsDir() {
			out = append(out, input{Path: a})
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			out = append(out, input{Path: a, Missing: err})
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
			if isProfile(p) {
				continue
			}
			out = append(out, input{Path: p})
		}
	}
	return out
}

// isProfile reports whether the file says kind: profile at its top level.
func isProfile(path string) bool {
	b, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	n, _ := load.Parse(path, b)
	return n != nil && n.Get("kind") != nil && n.Get("kind").Value == "profile"
}
