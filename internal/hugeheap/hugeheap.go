// Package hugeheap prepares the Go heap of a short-lived process for the
// memory it is about to use: on Linux it asks the kernel to back the first
// megabytes of the heap with transparent huge pages.
//
// Why: a dpa build allocates some 20 MB in a fresh process, and the kernel
// maps each new 4 KiB page on first touch. In a virtual machine such a page
// fault can cost 10–20 µs (measured on a Firecracker VM: 70–120 ms to touch
// 20 MB for the first time), which is more than the work itself. With huge
// pages the same memory takes a few hundred faults instead of thousands.
//
// How: Reserve allocates one large block, which the runtime maps from the
// operating system without touching it, marks its range with
// madvise(MADV_HUGEPAGE) and drops it; the collection its allocation
// starts frees it, and the runtime's address-ordered page allocator hands
// out the marked, still untouched pages to the allocations that follow. Nothing depends on it working: on
// other systems, when transparent huge pages are off ("never"), or when the
// runtime places memory differently, the process runs as before.
package hugeheap

import "sync"

var once sync.Once

// Build is the heap a dpa build reserves: a 40-page agreement allocates
// about 20 MB.
const Build = 32 << 20

// Reserve prepares about n bytes of heap, once per process; later calls do
// nothing. It starts one small garbage collection (the heap is nearly empty
// when it is called at start-up), without waiting for it.
func Reserve(n int) {
	once.Do(func() { reserve(n) })
}
