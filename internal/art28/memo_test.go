package art28

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// plainCovered is covered without the memo: every concept of a way looked
// for in the sentences of one paragraph.
func plainCovered(e Element, texts []string) bool {
	for _, way := range e.ways {
		for _, t := range texts {
			ok := true
			for _, c := range way {
				if !c.maybe(t) || !slices.ContainsFunc(sentences(t), c.in) {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}

// TestMemoSameAnswers: on random paragraphs made of the words the
// concepts look for, an element is covered with the memo, cold or warm
// (the same paragraphs again, or among others), exactly when it is
// without it, under both elections.
func TestMemoSameAnswers(t *testing.T) {
	words := strings.Fields(`sub-processor subprocessors another processor assist assistance security breach
		without undue delay notify inform information audits inspections demonstrate compliance
		deletion delete return end of the services termination expiry technical and organisational measures
		article 32 confidentiality authorised persons staff subject matter duration nature purpose
		types of personal data categories of data subjects process only documented instructions transfers
		third country immediately infringe instruction fully liable same data protection obligations
		on each sub-processor general written authorisation specific prior notice changes addition object
		articles 32 to 36 impact assessment prior consultation requests from data subjects the a of and`)
	rng := rand.New(rand.NewPCG(3, 5))
	para := func() string {
		var b strings.Builder
		for n := 10 + rng.IntN(150); n > 0; n-- {
			b.WriteString(words[rng.IntN(len(words))])
			switch rng.IntN(30) {
			case 0:
				b.WriteString(". ")
			case 1:
				b.WriteString("; ")
			default:
				b.WriteByte(' ')
			}
		}
		return strings.TrimSpace(b.String())
	}
	memos.Lock()
	memos.m = nil
	memos.Unlock()
	var pool []string
	for i := 0; i < 300; i++ {
		pool = append(pool, para())
	}
	covered, uncovered := 0, 0
	for round := 0; round < 200; round++ {
		texts := make([]string, 1+rng.IntN(6))
		for i := range texts {
			texts[i] = pool[rng.IntN(len(pool))] // paragraphs seen before, or not
		}
		var paras []paragraph
		for _, x := range texts {
			paras = append(paras, paragraph{text: x, memo: memoOf(x)})
		}
		for _, general := range []bool{true, false} {
			for _, e := range Elements(Facts{General: general}) {
				want := plainCovered(e, texts)
				if got := e.covered(paras); got != want {
					t.Fatalf("element %s over %q: covered %v with the memo, %v without", e.ID, texts, got, want)
				}
				if want {
					covered++
				} else {
					uncovered++
				}
			}
		}
	}
	t.Logf("%d covered, %d missed", covered, uncovered)
	if covered < 100 || uncovered < 100 {
		t.Errorf("the random paragraphs covered %d elements and missed %d: too few of one kind to compare", covered, uncovered)
	}
}

// TestMemoBounded: the memos start afresh when they reach maxMemos.
func TestMemoBounded(t *testing.T) {
	for i := 0; i < maxMemos+10; i++ {
		memoOf("paragraph " + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + strings.Repeat("y", i/182))
	}
	memos.Lock()
	n := len(memos.m)
	memos.Unlock()
	if n == 0 || n > maxMemos {
		t.Errorf("%d memos kept, want 1 to %d", n, maxMemos)
	}
}
