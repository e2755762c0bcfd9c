package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/dpa-tool/dpa/internal/atomicfile"
	"github.com/dpa-tool/dpa/internal/cli"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"dpa": func() { os.Exit(cli.Main()) },
		// dpa-killed-after N ARGS... runs dpa ARGS and kills itself with
		// SIGKILL right after the N-th output file is renamed into place.
		"dpa-killed-after": func() {
			n, err := strconv.Atoi(os.Args[1])
			if err != nil {
				os.Exit(2)
			}
			os.Args = append(os.Args[:1], os.Args[2:]...)
			count := 0
			atomicfile.AfterRename = func(string) {
				if count++; count == n {
					syscall.Kill(os.Getpid(), syscall.SIGKILL)
				}
			}
			os.Exit(cli.Main())
		},
		// dpa-signalled-before SIG N ARGS... runs dpa ARGS and sends itself
		// SIG (INT or TERM) when the N-th temporary output file is complete,
		// before it is renamed; the write then waits for the handler. It prints
		// the exit status as its last line.
		"dpa-signalled-before": func() {
			sig := map[string]syscall.Signal{"INT": syscall.SIGINT, "TERM": syscall.SIGTERM}[os.Args[1]]
			n, err := strconv.Atoi(os.Args[2])
			if err != nil || sig == 0 {
				os.Exit(2)
			}
			os.Args = append(os.Args[:1], os.Args[3:]...)
			var count atomic.Int32
			atomicfile.BeforeRename = func(string) {
				if count.Add(1) == int32(n) {
					syscall.Kill(os.Getpid(), sig)
					for i := 0; i < 500 && !atomicfile.Aborted(); i++ {
						time.Sleep(10 * time.Millisecond)
					}
				}
			}
			code := cli.Main()
			fmt.Fprintf(os.Stderr, "exit status %d\n", code)
			os.Exit(code)
		},
	})
}

// TestScripts runs the CLI scenarios under testdata/script. Each script
// gets the examples/ directory copied into $WORK/examples.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			return os.CopyFS(env.WorkDir+"/examples", os.DirFS("../../examples"))
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"wholefiles": wholeFiles,
			"notemps":    noTemps,
		},
		UpdateScripts: os.Getenv("UPDATE_GOLDEN") != "",
	})
}

// wholeFiles DIR OLD NEW checks that every .md and .pdf in DIR is byte for
// byte the file of the same name in OLD or in NEW: never a truncated or
// mixed file.
func wholeFiles(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 || neg {
		ts.Fatalf("usage: wholefiles DIR OLD NEW")
	}
	dir, old, nw := ts.MkAbs(args[0]), ts.MkAbs(args[1]), ts.MkAbs(args[2])
	entries, err := os.ReadDir(dir)
	ts.Check(err)
	n, updated := 0, 0
	for _, e := range entries {
		name := e.Name()
		if atomicfile.IsTemp(name) || !(strings.HasSuffix(name, ".md") || strings.HasSuffix(name, ".pdf")) {
			continue
		}
		got, err := os.ReadFile(filepath.Join(dir, name))
		ts.Check(err)
		a, _ := os.ReadFile(filepath.Join(old, name))
		b, _ := os.ReadFile(filepath.Join(nw, name))
		switch {
		case bytes.Equal(got, b) && !bytes.Equal(a, b):
			updated++
		case bytes.Equal(got, a):
		default:
			ts.Fatalf("%s is neither the old nor the new version (%d bytes)", name, len(got))
		}
		n++
	}
	ts.Logf("%d files checked, %d already updated", n, updated)
	if n == 0 {
		ts.Fatalf("no outputs in %s", dir)
	}
}

// noTemps DIR... fails if a directory holds a temporary file of dpa.
func noTemps(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("usage: notemps DIR...")
	}
	for _, d := range args {
		entries, err := os.ReadDir(ts.MkAbs(d))
		ts.Check(err)
		for _, e := range entries {
			if atomicfile.IsTemp(e.Name()) {
				ts.Fatalf("temporary file left: %s", filepath.Join(d, e.Name()))
			}
		}
	}
}
