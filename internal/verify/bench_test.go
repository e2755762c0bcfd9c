package verify_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dpa-tool/dpa/internal/mdparse"
	"github.com/dpa-tool/dpa/internal/pdf"

	"github.com/dpa-tool/dpa/internal/textract"
	"github.com/dpa-tool/dpa/internal/verify"
)

// BenchmarkVerifyPDF extracts and verifies the two-module example (37
// pages, two addenda) as PDF.
func BenchmarkVerifyPDF(b *testing.B) {
	pdf := built(b, "two-modules/heron-maplewood.yaml", "pdf")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		text, _, err := textract.Extract("heron-maplewood.pdf", pdf)
		if err != nil {
			b.Fatal(err)
		}
		r, err := verify.Text("heron-maplewood.pdf", text)
		if err != nil || r.Status != "identical" {
			b.Fatal(err, r.Summary)
		}
	}
}

// BenchmarkExtractPDF is the PDF text extraction alone.
func BenchmarkExtractPDF(b *testing.B) {
	pdf := built(b, "two-modules/heron-maplewood.yaml", "pdf")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := textract.Extract("heron-maplewood.pdf", pdf); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyProcess runs `dpa verify` as a whole process (start-up,
// loading the clause data, reading the PDF, comparing both addenda) on the
// two-module example typeset on US Letter (about 40 pages). It reports the
// wall time per run (ns/op), the CPU time per run (user and system) and
// the peak RSS. It builds the binary first, so it runs only with
// DPA_BENCH_PROCESS=1 (make bench).
func BenchmarkVerifyProcess(b *testing.B) {
	if os.Getenv("DPA_BENCH_PROCESS") == "" {
		b.Skip("set DPA_BENCH_PROCESS=1 (make bench) to measure the whole process")
	}
	dir := b.TempDir()
	bin := filepath.Join(dir, "dpa")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/dpa").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	md := built(b, "two-modules/heron-maplewood.yaml", "md")
	data, layout, err := pdf.Render(mdparse.Agreement(md), pdf.Meta{Title: "Data Processing Agreement", Date: "2026-06-01", Letter: true})
	if err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(dir, "heron-maplewood-letter.pdf")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		b.Fatal(err)
	}
	var rss int64
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(bin, "verify", file)
		out, err := cmd.Output()
		if err != nil || !strings.Contains(string(out), "no deviations") {
			b.Fatalf("dpa verify: %v\n%s", err, out)
		}
		rss = max(rss, cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss)
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	b.ReportMetric(float64(layout.Pages), "pages")
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(rss)/1024, "MiB-peak-RSS")
}
