package hugeheap

import (
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
	// The block is far above the heap's first goal (4 MB under the default
	// GOGC), so allocating it starts a collection, which runs beside the
	// program and frees the block: nothing refers to it after this line
	// (the madvise below works on addresses, and the pages stay mapped).
	// Calling runtime.GC instead would wait for that collection: 10–25 ms
	// in a fresh process on the machine above, more than it saves.
	p := uintptr(unsafe.Pointer(unsafe.SliceData(make([]byte, n))))
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
}
