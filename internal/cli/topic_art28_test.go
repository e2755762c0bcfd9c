package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/art28"
)

// TestArt28Help: dpa help art28 names every element of the linter with
// its provision and words, in lines of at most 78 characters. Issue 16.
func TestArt28Help(t *testing.T) {
	var so, se bytes.Buffer
	if code := Run(context.Background(), testIO(&so, &se), []string{"help", "art28"}); code != exitOK {
		t.Fatalf("exit %d: %s", code, se.String())
	}
	help := so.String()
	flat := strings.Join(strings.Fields(help), " ")
	for _, e := range art28.Variants() {
		for _, want := range append([]string{"art28." + e.ID + " " + e.Article + ": " + e.What}, e.Words()...) {
			if !strings.Contains(flat, want) {
				t.Errorf("dpa help art28 lacks %q", want)
			}
		}
	}
	for _, l := range strings.Split(help, "\n") {
		if len([]rune(l)) > 78 {
			t.Errorf("line longer than 78 characters: %q", l)
		}
	}
	// The guide to own templates points to it.
	so.Reset()
	if code := Run(context.Background(), testIO(&so, &se), []string{"help", "templates"}); code != exitOK || !strings.Contains(so.String(), `"dpa help art28"`) {
		t.Errorf("dpa help templates (exit %d) does not point to dpa help art28", code)
	}
}
