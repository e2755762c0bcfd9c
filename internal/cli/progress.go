package cli

import "fmt"

// progress shows one updating line on stderr while a batch runs: only on a
// terminal, and never with --quiet, in CI or with NO_COLOR/TERM=dumb set.
type progress struct {
	io    *IOStreams
	on    bool
	total int
	shown bool
}

func newProgress(io *IOStreams, quiet bool, total int) *progress {
	on := io.ErrTTY && !quiet && total > 1
	if io.Getenv != nil && (io.Getenv("CI") != "" || io.Getenv("NO_COLOR") != "" || io.Getenv("TERM") == "dumb") {
		on = false
	}
	return &progress{io: io, on: on, total: total}
}

func (p *progress) step(done int) {
	if !p.on {
		return
	}
	fmt.Fprintf(p.io.ErrOut, "\r\x1b[K%d/%d", done, p.total)
	p.shown = true
}

// clear removes the progress line so that a message can be printed.
func (p *progress) clear() {
	if p.shown {
		fmt.Fprint(p.io.ErrOut, "\r\x1b[K")
		p.shown = false
	}
}
