package hugeheap

import (
	"runtime"
	"syscall"
	"unsafe"
)

// hugePage is the size of a transparent huge page on the platforms Go
// supports on Linux (x86-64 and arm64 with 4 KiB base pages).
const hugePage = 2 << 20

// arena is the size and alignment of the runtime's heap arenas on 64-bit
// Linux.
const arena = 64 << 20

// madvHugepage is MADV_HUGEPAGE, which package syscall does not name.
const madvHugepage = 14

func reserve(n int) {
	if n < 2*hugePage {
		return
	}
	b := make([]byte, n)
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	// From the start of the heap arena that holds the block (arenas are
	// aligned to their size, 64 MiB on 64-bit Linux), so that the pages
	// below the block, where the allocations made so far live, are marked
	// too, to the end of the block. Where the range holds unmapped
	// addresses the kernel marks the mapped ones and returns ENOMEM.
	start := p &^ (arena - 1)
	end := (p + uintptr(n)) &^ (hugePage - 1)
	if end > start {
		// An error (an old kernel, THP compiled out) leaves the pages as
		// they were; there is nothing to report.
		_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, start, end-start, madvHugepage)
	}
	runtime.KeepAlive(b)
	b = nil
	runtime.GC()
}
