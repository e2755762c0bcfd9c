package build

import (
	"bytes"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/dpa-tool/dpa/internal/validate"
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

// BenchmarkAgreement30 builds the UK and Swiss example (30 pages, the
// size issue 11's speed goal names: MD+PDF in process at most 15 ms) as
// Markdown and PDF in memory, from validation to the sealed PDF.
func BenchmarkAgreement30(b *testing.B) {
	b.ReportAllocs()
	dir := b.TempDir()
	start := cpuTime()
	for i := 0; i < b.N; i++ {
		r, err := File("../../examples/uk-swiss/aldgate-alpine.yaml", dir, []string{"md", "pdf"}, false)
		if err != nil || len(r.Outputs) != 2 {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
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

// BenchmarkOwnTemplates builds a client of examples/own-templates, as
// Markdown only: with the vendor's body from its profile's templates
// directory, and the same client with its profile's templates key removed
// (built-in templates): the cost of finding, reading and hashing the
// user's templates and executing another tree.
func BenchmarkOwnTemplates(b *testing.B) {
	dir := b.TempDir()
	for _, f := range []string{"clients/hollowell.yaml", "vendor/brookmere.yaml"} {
		src, err := os.ReadFile("../../examples/own-templates/" + f)
		if err != nil {
			b.Fatal(err)
		}
		src = bytes.Replace(src, []byte("  templates: templates\n"), nil, 1)
		os.MkdirAll(filepath.Join(dir, filepath.Dir(f)), 0o755)
		os.WriteFile(filepath.Join(dir, f), src, 0o644)
	}
	for _, c := range []struct {
		name, path string
		custom     bool
	}{{"vendor-body", "../../examples/own-templates/clients/hollowell.yaml", true}, {"built-in", filepath.Join(dir, "clients/hollowell.yaml"), false}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				r, err := File(c.path, b.TempDir(), []string{"md"}, false)
				if err != nil || len(r.Outputs) != 1 || r.Templates.Custom() != c.custom {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkTemplateSet measures finding, reading and hashing the template
// set of a description alone.
func BenchmarkTemplateSet(b *testing.B) {
	v, err := validate.File("../../examples/own-templates/clients/hollowell.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := TemplatesOf(v, ""); err != nil {
			b.Fatal(err)
		}
	}
}
