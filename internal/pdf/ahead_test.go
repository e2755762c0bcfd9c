package pdf

import (
	"bytes"
	"path/filepath"
	"sync"
	"testing"

	"github.com/dpa-tool/dpa/internal/assemble"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/validate"
)

// aheadCase is an example assembled, with its Meta.
type aheadCase struct {
	doc *assemble.Document
	m   Meta
}

func aheadCases(t *testing.T, exs ...string) []aheadCase {
	t.Helper()
	var cs []aheadCase
	for _, ex := range exs {
		r, err := validate.File(filepath.Join("../../examples", ex))
		if err != nil || !r.Valid(false) {
			t.Fatalf("%s: %v", ex, err)
		}
		d, err := assemble.Build(r.Desc, r.Plan, legal.MustLoad())
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, aheadCase{d, Meta{Title: r.Desc.Title(), Reference: r.Desc.Agreement.Reference, Date: r.Desc.Agreement.Date}})
	}
	return cs
}

// TestCompressAhead checks that the PDF is the same bytes with its pages
// compressed at the end, and ahead with the page count guessed right,
// guessed wrong, guessed with another number of digits, and not guessed.
func TestCompressAhead(t *testing.T) {
	defer func(old bool) { compressAhead = old }(compressAhead)
	for _, c := range aheadCases(t, "uk-swiss/aldgate-alpine.yaml", "eea-only/fjord-lumen.yaml") {
		compressAhead = false
		want, l, err := Render(c.doc.Doc, c.m)
		if err != nil {
			t.Fatal(err)
		}
		compressAhead = true
		for _, guess := range []int{l.Pages, l.Pages + 1, 9, 100, 0} {
			pageCounts = pageCountMemo{}
			pageCounts.add(len(c.doc.Markdown), guess)
			got, _, err := Render(c.doc.Doc, c.m)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s, %d pages guessed as %d: the PDF differs from the one compressed at the end", c.m.Title, l.Pages, guess)
			}
		}
	}
}

// TestCompressAheadConcurrent renders agreements of different lengths at
// the same time, as a batch does, each guessing from the others (run with
// -race). Most render without the pipeline, which is off while another
// agreement is typeset; fpdf's TestPageCountGuessConcurrent runs
// pipelines at the same time.
func TestCompressAheadConcurrent(t *testing.T) {
	cs := aheadCases(t, "uk-swiss/aldgate-alpine.yaml", "eea-only/fjord-lumen.yaml", "batch/client-0001.yaml")
	want := make([][]byte, len(cs))
	for i, c := range cs {
		var err error
		if want[i], _, err = Render(c.doc.Doc, c.m); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Go(func() {
			for k := range 3 {
				i := (g + k) % len(cs)
				got, _, err := Render(cs[i].doc.Doc, cs[i].m)
				if err != nil || !bytes.Equal(got, want[i]) {
					t.Errorf("%s: rendered at the same time as others, the PDF differs (%v)", cs[i].m.Title, err)
				}
			}
		})
	}
	wg.Wait()
}

// TestPageCountMemo checks the guess: none at first, the count of the
// agreement closest in length, the latest of two as close, and only the
// last 32 remembered.
func TestPageCountMemo(t *testing.T) {
	var m pageCountMemo
	if g := m.guess(1000); g != 0 {
		t.Errorf("nothing seen: guess %d, want 0", g)
	}
	m.add(63000, 28)
	m.add(68000, 30)
	for _, c := range []struct{ mdLen, want int }{{62000, 28}, {65400, 28}, {65600, 30}, {90000, 30}} {
		if g := m.guess(c.mdLen); g != c.want {
			t.Errorf("Markdown of %d bytes: guess %d, want %d", c.mdLen, g, c.want)
		}
	}
	m.add(63000, 27)
	if g := m.guess(63000); g != 27 {
		t.Errorf("two as close: guess %d, want the latest, 27", g)
	}
	for i := range 32 {
		m.add(100000+i, 50)
	}
	if g := m.guess(63000); g != 50 {
		t.Errorf("after 32 others: guess %d, want 50", g)
	}
}
