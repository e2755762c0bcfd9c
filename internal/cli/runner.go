package cli

import (
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
)

// runOrdered runs work on each of n items with up to workers goroutines
// and calls emit(i) for each item in order, as soon as it and every earlier
// item are done, on the calling goroutine. work must keep its result in the
// item it is given.
//
// A panic in work is recovered and handed to fail(i, msg), so that one bad
// item never takes the batch down. When stop is closed, no further item is
// started and runOrdered returns at once, without waiting for the items
// still running; it returns how many items were emitted.
func runOrdered(n, workers int, stop <-chan struct{}, work func(i int), fail func(i int, msg string), emit func(i int)) int {
	workers = min(workers, max(n, 1))
	done := make([]chan struct{}, n)
	for i := range done {
		done[i] = make(chan struct{})
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				safely(i, work, fail)
				close(done[i])
			}
		}()
	}
	go func() {
		defer close(next)
		for i := 0; i < n; i++ {
			if stopped(stop) {
				return
			}
			select {
			case next <- i:
			case <-stop:
				return
			}
		}
	}()
	for i := 0; i < n; i++ {
		if stopped(stop) {
			return i
		}
		select {
		case <-done[i]:
			if stopped(stop) {
				return i
			}
			emit(i)
		case <-stop:
			return i
		}
	}
	wg.Wait()
	return n
}

// stopped reports whether stop is closed (a select between a closed stop
// and a ready channel would pick either).
func stopped(stop <-chan struct{}) bool {
	select {
	case <-stop:
		return true
	default:
		return false
	}
}

// safely runs work(i) and turns a panic into fail(i, msg). The message
// names the panic and the innermost frame of dpa's own code.
func safely(i int, work func(int), fail func(int, string)) {
	defer func() {
		if r := recover(); r != nil {
			fail(i, fmt.Sprintf("internal error: %v%s (please report this with the input)", r, panicSite(debug.Stack())))
		}
	}()
	work(i)
}

// panicSite returns " at pkg.Func" for the first frame of the dpa module
// below the panic in a goroutine stack, or "".
func panicSite(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	afterPanic := false
	for _, l := range lines {
		if strings.HasPrefix(l, "panic(") {
			afterPanic = true
			continue
		}
		if afterPanic && strings.HasPrefix(l, "github.com/dpa-tool/dpa/") {
			fn := strings.TrimPrefix(l, "github.com/dpa-tool/dpa/internal/")
			if j := strings.LastIndexByte(fn, '('); j > 0 {
				fn = fn[:j]
			}
			return " in " + fn
		}
	}
	return ""
}
