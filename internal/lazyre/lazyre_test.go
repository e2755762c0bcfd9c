package lazyre_test

import (
	"sync"
	"testing"

	"github.com/dpa-tool/dpa/internal/lazyre"
)

func TestNewCompilesOnceAtFirstUse(t *testing.T) {
	re := lazyre.New(`^a(b+)$`)
	var wg sync.WaitGroup
	got := make([]any, 8)
	for i := range got {
		wg.Add(1)
		go func() { defer wg.Done(); got[i] = re() }()
	}
	wg.Wait()
	for _, g := range got {
		if g != got[0] {
			t.Fatal("different expressions from one New")
		}
	}
	if m := re().FindStringSubmatch("abbb"); len(m) != 2 || m[1] != "bbb" {
		t.Fatalf("match = %q", m)
	}
}

func TestNewPanicsAtFirstUseOnBadExpression(t *testing.T) {
	re := lazyre.New(`(`) // no panic here
	defer func() {
		if recover() == nil {
			t.Fatal("no panic for an invalid expression")
		}
	}()
	re()
}
