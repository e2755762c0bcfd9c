// Command bench measures dpa as a whole process: it builds the binary, runs
// `dpa build` on the given inputs several times and prints the wall time
// and peak RSS of each run, then the median. `make bench` runs it.
//
//	go run ./tools/bench [-n runs] [-- build flags and inputs]
//	go run ./tools/bench -startup -n 21 FILE   # dpa version and dpa validate FILE
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
	clients := flag.Int("clients", 0, "instead: build a batch of this many synthetic clients once, then --check it")
	startup := flag.Bool("startup", false, "instead: time dpa version and dpa validate of the inputs (the everyday commands)")
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
	gobuild := exec.Command("go", "build", "-o", bin, "./cmd/dpa")
	if out, err := gobuild.CombinedOutput(); err != nil {
		fail(fmt.Errorf("go build: %v\n%s", err, out))
	}
	// The compilation leaves megabytes to be written to disk; written out
	// during the runs, they would be counted in the first runs' flushes.
	syscall.Sync()
	if *clients > 0 {
		batch(bin, dir, *clients)
		return
	}
	if *startup {
		for _, cmd := range [][]string{{"version"}, append([]string{"validate"}, args...)} {
			timeRuns(bin, cmd, *runs)
		}
		return
	}
	var times, cpus []time.Duration
	var rss, faults []int64
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
		cpus = append(cpus, cpu(ru))
		rss = append(rss, ru.Maxrss)
		faults = append(faults, ru.Minflt)
		os.RemoveAll(out)
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	sort.Slice(rss, func(i, j int) bool { return rss[i] < rss[j] })
	sort.Slice(cpus, func(i, j int) bool { return cpus[i] < cpus[j] })
	sort.Slice(faults, func(i, j int) bool { return faults[i] < faults[j] })
	// Page faults: in a virtual machine each first touch of a page can cost
	// 10-20 µs, so they explain much of a cold process's time.
	fmt.Printf("dpa build %v: %d runs, wall median %.1f ms (min %.1f, max %.1f), CPU (user+system) median %.1f ms, peak RSS median %.1f MiB, page faults median %d\n",
		args, *runs, ms(times[len(times)/2]), ms(times[0]), ms(times[len(times)-1]), ms(cpus[len(cpus)/2]), float64(rss[len(rss)/2])/1024, faults[len(faults)/2])
}

// cpu returns the processor time of a finished process: less sensitive
// than the wall time to other work on a shared machine.
func cpu(ru *syscall.Rusage) time.Duration {
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// timeRuns runs dpa with args n times and prints the wall time and the
// CPU time (user + system) of the process: median, min and max.
func timeRuns(bin string, args []string, n int) {
	var wall, cpu []time.Duration
	for i := 0; i < n; i++ {
		cmd := exec.Command(bin, args...)
		start := time.Now()
		if b, err := cmd.CombinedOutput(); err != nil {
			fail(fmt.Errorf("dpa %v: %v\n%s", args, err, b))
		}
		wall = append(wall, time.Since(start))
		cpu = append(cpu, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
	}
	for _, l := range [][]time.Duration{wall, cpu} {
		sort.Slice(l, func(i, j int) bool { return l[i] < l[j] })
	}
	fmt.Printf("dpa %v: %d runs, wall median %.1f ms (min %.1f, max %.1f), CPU median %.1f ms (min %.1f)\n",
		args, n, ms(wall[n/2]), ms(wall[0]), ms(wall[n-1]), ms(cpu[n/2]), ms(cpu[0]))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}

// batch generates n clients of the batch example's vendor, builds them all
// (MD and PDF) and checks them, printing throughput and peak RSS.
func batch(bin, dir string, n int) {
	in := filepath.Join(dir, "clients")
	if err := os.MkdirAll(filepath.Join(in, "vendor"), 0o755); err != nil {
		fail(err)
	}
	profile, err := os.ReadFile("examples/batch/vendor/nimbus.yaml")
	if err != nil {
		fail(err)
	}
	os.WriteFile(filepath.Join(in, "vendor", "nimbus.yaml"), profile, 0o644)
	if out, err := exec.Command("go", "run", "./tools/genclients", "-n", fmt.Sprint(n), "-o", in, "-profile", "vendor/nimbus.yaml").CombinedOutput(); err != nil {
		fail(fmt.Errorf("genclients: %v\n%s", err, out))
	}
	out := filepath.Join(dir, "out")
	for _, step := range []struct {
		name string
		args []string
	}{
		{"build", []string{"build", "-q", "-o", out, in}},
		{"build --check", []string{"build", "--check", "-q", "-o", out, in}},
		{"rebuild (unchanged)", []string{"build", "-q", "-o", out, in}},
	} {
		cmd := exec.Command(bin, step.args...)
		start := time.Now()
		if b, err := cmd.CombinedOutput(); err != nil {
			fail(fmt.Errorf("dpa %s: %v\n%s", step.name, err, b))
		}
		d := time.Since(start)
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		fmt.Printf("%-20s %d clients: %.2f s, %.1f agreements/s, CPU %.2f s, peak RSS %.1f MiB\n", step.name, n, d.Seconds(), float64(n)/d.Seconds(), cpu(ru).Seconds(), float64(ru.Maxrss)/1024)
	}
}
