// Copyright ©2026 The dpa authors. Use of this source code is governed by
// the MIT licence in LICENSE, as the rest of this package.

package fpdf

// dpa patch. fpdf compresses every page's content stream at the end, in
// putpages, on the caller's goroutine, after the page count is known: the
// pages carry the page-count alias (AliasNbPages), which is replaced in
// their bytes first. dpa's agreements run on a machine with two cores and
// use one; the compression of 30 pages is a fifth of the time to write the
// PDF. With a guess of the page count (SetPageCountGuess), a page is
// compressed on another goroutine as soon as it is left, with the alias
// replaced by the guess, while the next pages are typeset. At the end,
// putpages takes a page's compressed bytes only if they are exactly what it
// would compute: the page has not been written to since (its length is
// the same; fpdf only appends to a page), and the page has no alias, or
// the guess was the page count and putpages replaces the alias in it.
// Every other page is compressed as before. The output is the same bytes
// with or without a guess, right or wrong.

import (
	"bytes"
	"fmt"
	"strconv"
	"sync"
)

// pagePipe is the state of the pages compressed ahead (SetPageCountGuess).
// Everything but the results' bytes is guarded by mu; the results are read
// by putpages only after the worker has stopped (finish).
type pagePipe struct {
	mu      sync.Mutex
	guess   int            // the page count the alias is replaced with; 0: none yet
	queue   []pipeJob      // pages left and not compressed yet, in order
	results []pipeResult   // by page number
	jobs    []pipeJob      // by page number: the last job of each page
	running bool           // a worker goroutine is running
	stopped bool           // putpages has begun: no more work
	idle    sync.WaitGroup // the running worker
	arena   *bytes.Buffer  // the compressed pages, one after the other
	mine    *bytes.Buffer  // the pages finish compressed
	worker  pageCompressor // the worker's (one runs at a time)
	taken   int            // pages putpages took from here (for the tests)
	seq     uint64         // the seq of the last job
}

// pipeJob is a page as it was when it was left: src is its bytes, capped
// at their length (the page may be appended to later; these bytes are
// never written again until the worker has stopped).
type pipeJob struct {
	n     int
	src   []byte
	alias string // the page-count alias when the page was left
	seq   uint64 // tells the jobs of a page apart: the last is jobs[n]
}

// pipeResult is a compressed page: arena[off:end] is src compressed with
// the alias (if hit) replaced by guess.
type pipeResult struct {
	ok       bool
	srcLen   int
	alias    string
	hit      bool // src contained the alias (in UTF-8 or UTF-16)
	guess    int
	off, end int
	mine     bool // in the buffer of finish, not the arena
}

// pipeArenas keeps the arenas of finished documents for the next ones (a
// batch builds thousands). A sync.Pool would lose them at every garbage
// collection, and a document causes several.
var pipeArenas struct {
	sync.Mutex
	idle []*bytes.Buffer
}

func getArena() *bytes.Buffer {
	pipeArenas.Lock()
	defer pipeArenas.Unlock()
	if n := len(pipeArenas.idle); n > 0 {
		a := pipeArenas.idle[n-1]
		pipeArenas.idle = pipeArenas.idle[:n-1]
		a.Reset()
		return a
	}
	return new(bytes.Buffer)
}

// SetPageCountGuess makes the document compress each page on another
// goroutine as soon as it is left, with the page-count alias replaced by
// n, which should be the number of pages the document will have (dpa
// patch, dpa_pipe.go). Called again with another n, the pages compressed
// with the old guess are compressed again. It changes no byte of the
// output; a wrong guess costs the work done on the other goroutine. With
// n 0, the pages left are kept until a later call gives a guess. It has
// no effect without compression (SetCompression).
func (f *Fpdf) SetPageCountGuess(n int) {
	if n < 0 || !f.compress {
		return
	}
	p := f.pipe
	if p == nil {
		p = &pagePipe{}
		f.pipe = p
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.setGuess(n) {
		p.start(1)
	}
}

// setGuess makes n the guess and queues again the pages compressed with
// the alias replaced by another; the caller holds mu. It reports whether
// the guess changed.
func (p *pagePipe) setGuess(n int) bool {
	if p.stopped || n == p.guess || n == 0 {
		return false
	}
	old := p.guess
	p.guess = n
	if old != 0 {
		for i := range p.results {
			r := &p.results[i]
			if r.ok && r.hit && r.guess != n {
				r.ok = false
				p.requeue(i)
			}
		}
	}
	return true
}

// requeue puts page n back in the queue from what the result recorded;
// the caller holds mu. The page's bytes are those of its last job.
func (p *pagePipe) requeue(n int) {
	if n < len(p.jobs) && p.jobs[n].n == n {
		p.queue = append(p.queue, p.jobs[n])
	}
}

// remember records j as the last job of its page; the caller holds mu.
func (p *pagePipe) remember(j pipeJob) {
	for len(p.jobs) <= j.n {
		p.jobs = append(p.jobs, pipeJob{})
	}
	p.jobs[j.n] = j
}

// leavePage queues page n, which the document has just left, unless its
// bytes are queued or compressed already (a page revisited with SetPage
// and left unchanged).
func (f *Fpdf) leavePage(n int) {
	p := f.pipe
	if p == nil || n < 1 || n >= len(f.pages) {
		return
	}
	src := f.pages[n].Bytes()
	src = src[:len(src):len(src)]
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return
	}
	if n < len(p.results) && p.results[n].ok && p.results[n].srcLen == len(src) && p.results[n].alias == f.aliasNbPagesStr {
		return
	}
	p.seq++
	j := pipeJob{n: n, src: src, alias: f.aliasNbPagesStr, seq: p.seq}
	p.remember(j)
	for i := range p.queue {
		if p.queue[i].n == n {
			p.queue[i] = j
			return
		}
	}
	p.queue = append(p.queue, j)
	p.start(pipeBatch)
}

// pipeBatch is the number of pages queued before a worker starts: each
// start wakes the other core, which costs CPU time of its own (a batch
// keeps both cores busy with agreements), so a worker compresses a few
// pages at a time.
const pipeBatch = 3

// start starts a worker if at least min pages are queued, there is a guess
// and no worker is running; the caller holds mu. A worker returns when the
// queue is empty, so that a document dropped before Output leaves no
// goroutine behind.
func (p *pagePipe) start(min int) {
	if p.running || p.stopped || p.guess == 0 || len(p.queue) < max(min, 1) {
		return
	}
	p.running = true
	if p.arena == nil {
		p.arena = getArena()
	}
	p.idle.Add(1)
	go p.work()
}

// work compresses queued pages, from the head of the queue, until there
// are none, or finish stops it.
func (p *pagePipe) work() {
	defer p.idle.Done()
	for {
		p.mu.Lock()
		if p.stopped || len(p.queue) == 0 {
			p.running = false
			p.mu.Unlock()
			return
		}
		j := p.queue[0]
		p.queue = p.queue[1:]
		guess := p.guess
		arena := p.arena
		p.mu.Unlock()
		// Only this goroutine uses p.worker and writes the arena, and
		// putpages reads the arena only after it has returned.
		off, end, hit, err := p.worker.compress(j, guess, arena)
		p.mu.Lock()
		p.record(j, guess, hit, err, off, end, false)
		p.mu.Unlock()
	}
}

// record keeps the result of compressing j for guess, at [off:end] of the
// arena or (mine) of the finishing goroutine's buffer; the caller holds mu.
// A result is recorded even when stopped: finish waits for it.
func (p *pagePipe) record(j pipeJob, guess int, hit bool, err error, off, end int, mine bool) {
	if err != nil {
		return
	}
	if j.n < len(p.jobs) && p.jobs[j.n].seq != j.seq {
		// The page was written to and left again while this older
		// version was compressed: its last job is queued or done.
		return
	}
	if p.guess != guess && hit {
		p.queue = append(p.queue, j) // the guess changed meanwhile
		return
	}
	for len(p.results) <= j.n {
		p.results = append(p.results, pipeResult{})
	}
	p.results[j.n] = pipeResult{ok: true, srcLen: len(j.src), alias: j.alias, hit: hit, guess: guess, off: off, end: end, mine: mine}
}

// pageCompressor compresses pages with the alias replaced; each goroutine
// has its own.
type pageCompressor struct {
	scratch      []byte // a page with the alias replaced
	alias        string // the alias and guess of the strings below
	guess        int
	a16, r8, r16 string // the alias in UTF-16, the guess in UTF-8 and UTF-16
}

// compress appends j's page, with its alias replaced by guess, compressed
// to out, and returns where it is in out and whether the page had the
// alias.
func (c *pageCompressor) compress(j pipeJob, guess int, out *bytes.Buffer) (off, end int, hit bool, err error) {
	// A panic on the worker would end the process: as an error, the page
	// is left to putpages, on the caller's goroutine.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("compress page %d: %v", j.n, r)
		}
	}()
	data := j.src
	if j.alias != "" {
		if j.alias != c.alias || guess != c.guess {
			c.alias, c.guess = j.alias, guess
			c.r8 = strconv.Itoa(guess)
			c.a16, c.r16 = utf8toutf16(j.alias, false), utf8toutf16(c.r8, false)
		}
		c.scratch, hit = withAlias(c.scratch[:0], j.src, j.alias, c.a16, c.r8, c.r16)
		if hit {
			data = c.scratch
		}
	}
	off = out.Len()
	zw := getZlib(out)
	_, err = zw.Write(data)
	if err == nil {
		err = zw.Close()
	}
	putZlib(zw)
	return off, out.Len(), hit, err
}

// withAlias appends src to dst with the page-count alias a8 (a16 in
// UTF-16) replaced by the guess r8 (r16), as replaceAliases does it
// (UTF-8, then UTF-16), and reports whether src had the alias at all.
func withAlias(dst, src []byte, a8, a16, r8, r16 string) ([]byte, bool) {
	if !bytes.Contains(src, []byte(a8)) && !bytes.Contains(src, []byte(a16)) {
		return dst, false
	}
	page := bytes.NewBuffer(append(dst, src...))
	replaceAlias(page, a8, r8)
	replaceAlias(page, a16, r16)
	return page.Bytes(), true
}

// finish ends the pipeline before putpages touches a page; nb is the page
// count. The pages still queued, and those compressed for a wrong guess,
// are compressed now, with the alias replaced by nb: by this goroutine from
// the tail of the queue, and by a worker from its head (started for them
// if need be), so that both cores share them. (Without a guess, all pages
// are done so: the document's second core compresses half of them.) Then
// it stops the worker and waits for it.
func (p *pagePipe) finish(nb int) {
	p.mu.Lock()
	if !p.stopped && nb > 0 {
		p.setGuess(nb)
		p.start(2)
		var c pageCompressor
		for {
			for len(p.queue) > 0 {
				j := p.queue[len(p.queue)-1]
				p.queue = p.queue[:len(p.queue)-1]
				if p.mine == nil {
					p.mine = getArena()
				}
				p.mu.Unlock()
				off, end, hit, err := c.compress(j, nb, p.mine)
				p.mu.Lock()
				p.record(j, nb, hit, err, off, end, true)
			}
			if !p.running {
				break
			}
			// The worker may be compressing a page for the old guess, which
			// it queues again when it is done, and then compresses itself:
			// wait for it before stopping it.
			p.mu.Unlock()
			p.idle.Wait()
			p.mu.Lock()
		}
	}
	p.stopped = true
	p.mu.Unlock()
	p.idle.Wait()
}

// compressed returns page n compressed as putpages would compress it, if
// the worker did it: nb is the page count, last the last page putpages
// replaces the alias in, and aliases the document's aliases. nil if not.
func (p *pagePipe) compressed(n, nb, last int, page *bytes.Buffer, aliasNb string, aliases map[string]string) []byte {
	if p == nil || n >= len(p.results) {
		return nil
	}
	r := p.results[n]
	if !r.ok || r.srcLen != page.Len() || r.alias != aliasNb {
		return nil
	}
	// Only the page-count alias is replaced, and only in pages up to
	// last; other aliases are not handled here.
	if len(aliases) > 1 || (len(aliases) == 1 && aliasNb == "") {
		return nil
	}
	if r.hit && (r.guess != nb || n > last) {
		return nil
	}
	p.taken++
	if r.mine {
		return p.mine.Bytes()[r.off:r.end]
	}
	return p.arena.Bytes()[r.off:r.end]
}

// release gives the arena back for the next document, once putpages has
// copied its pages.
func (p *pagePipe) release() {
	if p == nil {
		return
	}
	for _, a := range []*bytes.Buffer{p.arena, p.mine} {
		if a == nil {
			continue
		}
		pipeArenas.Lock()
		if len(pipeArenas.idle) < 4 {
			pipeArenas.idle = append(pipeArenas.idle, a)
		}
		pipeArenas.Unlock()
	}
	p.arena, p.mine = nil, nil
}
