package diag

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestJSONOmitsEmptyHint checks that a diagnostic without a hint has no
// "hint" key at all, and one with a hint has it (issue 14: consistent JSON).
func TestJSONOmitsEmptyHint(t *testing.T) {
	var l List
	l.Errorf(Pos{File: "a.yaml", Line: 1, Col: 1}, "x.y", "", "no hint")
	l.Errorf(Pos{File: "a.yaml", Line: 2, Col: 1}, "x.y", "try this", "with hint")
	var b bytes.Buffer
	if err := l.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if _, ok := got[0]["hint"]; ok {
		t.Errorf("empty hint written: %s", b.String())
	}
	if got[1]["hint"] != "try this" {
		t.Errorf("hint lost: %s", b.String())
	}
}
