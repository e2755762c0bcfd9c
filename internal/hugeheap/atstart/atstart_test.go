package atstart

import (
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// TestMain, in a child started by TestReservesForBuild, reports whether
// the heap was marked for huge pages by the time the tests would run.
func TestMain(m *testing.M) {
	if os.Getenv("ATSTART_CHILD") != "" {
		smaps, _ := os.ReadFile("/proc/self/smaps")
		if strings.Contains(string(smaps), " hg") {
			os.Stdout.WriteString("reserved\n")
		} else {
			os.Stdout.WriteString("not reserved\n")
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestReservesForBuild runs this test binary as `build` and as `version`:
// the heap is reserved for the first only, and not when GOGC is set.
func TestReservesForBuild(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("huge pages are prepared on Linux only")
	}
	thp, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || strings.Contains(string(thp), "[never]") {
		t.Skipf("transparent huge pages are not available: %q %v", thp, err)
	}
	for _, c := range []struct {
		arg, env, want string
	}{
		{"build", "", "reserved"},
		{"version", "", "not reserved"},
		{"build", "GOGC=200", "not reserved"},
	} {
		cmd := exec.Command(os.Args[0], c.arg)
		cmd.Env = append(os.Environ(), "ATSTART_CHILD=1", "GOGC=", "GOMEMLIMIT=")
		if c.env != "" {
			cmd.Env = append(cmd.Env, c.env)
		}
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: %v", c.arg, err)
		}
		if got := strings.TrimSpace(string(out)); got != c.want {
			t.Errorf("dpa %s %s: %s, want %s", c.arg, c.env, got, c.want)
		}
	}
}
