package hugeheap

import (
	"os"
	"runtime"
	"strings"
	"testing"
)

// TestReserve checks that Reserve runs once, leaves the heap usable, and on
// Linux with transparent huge pages available, marks a mapping of the heap
// for huge pages (the "hg" flag in /proc/self/smaps).
func TestReserve(t *testing.T) {
	Reserve(8 << 20)
	Reserve(8 << 20) // a second call does nothing
	b := make([][]byte, 0, 64)
	for range 64 {
		b = append(b, make([]byte, 64<<10))
	}
	if len(b) != 64 || len(b[63]) != 64<<10 {
		t.Fatal("allocation after Reserve failed")
	}
	if runtime.GOOS != "linux" {
		return
	}
	thp, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || strings.Contains(string(thp), "[never]") {
		t.Skipf("transparent huge pages are not available: %q %v", thp, err)
	}
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	if !strings.Contains(string(smaps), " hg") {
		t.Errorf("no mapping of the process is marked for huge pages after Reserve")
	}
}
