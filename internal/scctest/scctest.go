// Package scctest runs the reference comparison of the official SCC text,
// testdata/scc/compare.py, for the tests of the packages that write
// agreements (Markdown, PDF, Word), and finds the external checkers those
// tests use. It is imported by tests only.
package scctest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Tool returns the path of an external checker the tests use (python3,
// pdftotext, qpdf, pandoc). Without it the test is skipped visibly, except
// on CI (CI set), where it fails: there every check must run.
func Tool(t testing.TB, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is required on CI (apt-get install %s)", name, pkg)
		}
		t.Skipf("%s not found (apt-get install %s): check skipped", name, pkg)
	}
	return p
}

// Python returns the path of python3 for the comparison with the official
// text (Tool for python3).
func Python(t testing.TB) string {
	t.Helper()
	return Tool(t, "python3", "python3")
}

// dir is testdata/scc seen from a package directory internal/<name>,
// where go test runs a package's tests.
const dir = "../../testdata/scc/"

// Compare runs compare.py --resolved with python on the text in file
// against the official text of module, with "--absent 7" unless Clause 7
// was elected, and extra arguments (such as --from and --to) after those.
// It returns the last line of the report (the summary), the whole report
// and the error of the run (compare.py exits non-zero on a deviation).
func Compare(python string, module int, docking bool, file string, extra ...string) (summary string, out []byte, err error) {
	args := []string{dir + "compare.py", fmt.Sprintf("%smodule-%d.md", dir, module), file, "--resolved"}
	args = append(args, extra...)
	if !docking {
		args = append(args, "--absent", "7")
	}
	out, err = exec.Command(python, args...).CombinedOutput()
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return lines[len(lines)-1], out, err
}

// CheckAddendum writes text, the extracted text of one addendum, to a
// temporary file and compares it with compare.py; a deviation is an error
// of t naming the example and the addendum, a match is logged with the
// summary.
func CheckAddendum(t testing.TB, python string, module int, docking bool, text, example, numeral string) {
	t.Helper()
	f := filepath.Join(t.TempDir(), "part.txt")
	if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	summary, out, err := Compare(python, module, docking, f)
	if err != nil {
		t.Errorf("%s addendum %s: compare.py: %v\n%s", example, numeral, err, out)
		return
	}
	t.Logf("%s addendum %s: %s", example, numeral, summary)
}
