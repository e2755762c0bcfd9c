package build

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime returns the processor time (user and system, all threads) of
// the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the processor time per operation beside the wall time:
// on a machine shared with other work the wall time of a benchmark says
// more about the others than about dpa.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// BenchmarkAgreement builds the two-module example (42 pages) as Markdown
// and PDF in memory: validation, assembly and typesetting; and as Markdown
// and DOCX.
func BenchmarkAgreement(b *testing.B) {
	for _, f := range [][]string{{"md"}, {"md", "pdf"}, {"md", "docx"}} {
		b.Run(f[len(f)-1], func(b *testing.B) {
			b.ReportAllocs()
			dir := b.TempDir()
			start := cpuTime()
			for i := 0; i < b.N; i++ {
				r, err := File("../../examples/two-modules/heron-maplewood.yaml", dir, f, false)
				if err != nil || len(r.Outputs) != len(f) {
					b.Fatal(err)
				}
			}
			reportCPU(b, start)
		})
	}
}

// BenchmarkBatchClient builds one client of the batch example (a vendor
// profile with 16 sub-processors) as Markdown and PDF.
func BenchmarkBatchClient(b *testing.B) {
	b.ReportAllocs()
	dir := b.TempDir()
	start := cpuTime()
	for i := 0; i < b.N; i++ {
		r, err := File("../../examples/batch/client-0001.yaml", dir, []string{"md", "pdf"}, false)
		if err != nil || len(r.Outputs) != 2 {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}
