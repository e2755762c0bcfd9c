package main

import (
	"os"
	"testing"

	"github.com/dpa-tool/dpa/internal/cli"
	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"dpa": func() { os.Exit(cli.Main()) },
	})
}

// TestScripts runs the CLI scenarios under testdata/script. Each script
// gets the examples/ directory copied into $WORK/examples.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("EXAMPLES", "../../examples")
			return os.CopyFS(env.WorkDir+"/examples", os.DirFS("../../examples"))
		},
		UpdateScripts: os.Getenv("UPDATE_GOLDEN") != "",
	})
}
