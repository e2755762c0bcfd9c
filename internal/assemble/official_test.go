package assemble

import (
	"errors"
	"reflect"
	"strconv"
	"sync"
	"testing"

	"github.com/dpa-tool/dpa/internal/doc"
	"github.com/dpa-tool/dpa/internal/legal"
)

// TestOfficialApart: the official clauses parsed on their own (and taken
// from the cache of parsed variants) give the typed document that parsing
// each section whole gives, for every example.
func TestOfficialApart(t *testing.T) {
	for _, ex := range examples {
		officialBlocks.Lock()
		officialBlocks.m = nil // parsed here, then taken from the cache
		officialBlocks.Unlock()
		cold, _ := buildExample(t, ex)
		warm, _ := buildExample(t, ex)
		splitOfficial = false
		whole, _ := buildExample(t, ex)
		splitOfficial = true
		if !reflect.DeepEqual(cold.Doc, whole.Doc) {
			t.Errorf("%s: the clauses parsed apart give another document", ex)
		}
		if !reflect.DeepEqual(warm.Doc, whole.Doc) {
			t.Errorf("%s: the clauses from the cache give another document", ex)
		}
	}
	officialBlocks.Lock()
	n := len(officialBlocks.m)
	officialBlocks.Unlock()
	if n == 0 {
		t.Error("no official clauses were parsed apart")
	}
}

// TestOfficialCacheBounded: the cache of parsed clauses holds at most
// maxOfficial variants, and a copy handed out can be changed without
// changing the cache.
func TestOfficialCacheBounded(t *testing.T) {
	notes := map[int][]doc.Inline{}
	for i := 0; i < maxOfficial+3; i++ {
		bs := parseOfficial([]byte("### H\n\nText "+strconv.Itoa(i)+".[^1]\n\n[^1]: A note.\n"), notes)
		if len(bs) != 3 || len(notes[1]) == 0 {
			t.Fatalf("variant %d: %d blocks, notes %v", i, len(bs), notes)
		}
		bs[0].Anchor = "changed"
	}
	officialBlocks.Lock()
	defer officialBlocks.Unlock()
	if n := len(officialBlocks.m); n > maxOfficial {
		t.Errorf("%d variants kept", n)
	}
	for _, p := range officialBlocks.m {
		if p.blocks[0].Anchor != "" {
			t.Error("a caller's change reached the cache")
		}
	}
}

// TestOfficialConcurrent: agreements built at the same time (a batch's
// workers) share the parsed clauses and get the same documents. (Run with
// -race to check the cache's locking.)
func TestOfficialConcurrent(t *testing.T) {
	want, r := buildExample(t, "two-modules/heron-maplewood.yaml")
	lg := legal.MustLoad()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 3 {
				officialBlocks.Lock()
				officialBlocks.m = nil
				officialBlocks.Unlock()
				got, err := Build(r.Desc, r.Plan, lg)
				if err == nil && !reflect.DeepEqual(got.Doc, want.Doc) {
					err = errors.New("another document")
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
