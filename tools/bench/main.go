// Command bench measures dpa as a whole process: it builds the binary, runs
// `dpa build` on the given inputs several times and prints the wall time
// and peak RSS of each run, then the median. `make bench` runs it.
//
//	go run ./tools/bench [-n runs] [-- build flags and inputs]
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"syscall"
	"time"
)

func main() {
	runs := flag.Int("n", 7, "number of runs")
	flag.Parse()
	args := flag.Args()
	if len(args) == 0 {
		args = []string{"examples/two-modules/heron-maplewood.yaml"}
	}
	dir, err := os.MkdirTemp("", "dpa-bench-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "dpa")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/dpa").CombinedOutput(); err != nil {
		fail(fmt.Errorf("go build: %v\n%s", err, out))
	}
	var times []time.Duration
	var rss []int64
	for i := 0; i < *runs; i++ {
		out := filepath.Join(dir, fmt.Sprintf("out%d", i))
		cmd := exec.Command(bin, append([]string{"build", "-q", "-o", out}, args...)...)
		start := time.Now()
		if b, err := cmd.CombinedOutput(); err != nil {
			if code := cmd.ProcessState.ExitCode(); code != 0 && code != 3 {
				fail(fmt.Errorf("dpa build: %v\n%s", err, b))
			}
		}
		d := time.Since(start)
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		times = append(times, d)
		rss = append(rss, ru.Maxrss)
		os.RemoveAll(out)
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	sort.Slice(rss, func(i, j int) bool { return rss[i] < rss[j] })
	fmt.Printf("dpa build %v: %d runs, wall median %.1f ms (min %.1f, max %.1f), peak RSS median %.1f MiB\n",
		args, *runs, ms(times[len(times)/2]), ms(times[0]), ms(times[len(times)-1]), float64(rss[len(rss)/2])/1024)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}
