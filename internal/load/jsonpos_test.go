package load

import "testing"

// TestJSONErrorColumn checks that a syntax error in a description written
// as JSON is reported at its real line and column (issue 14), not at 1:1.
func TestJSONErrorColumn(t *testing.T) {
	tests := []struct {
		name, src string
		line, col int
	}{
		{"missing comma", `{"version": 1, "agreement": {"date": "2026-01-01" "title": "x"}}` + "\n", 1, 51},
		{"trailing comma, second line", "{\"version\": 1,\n  \"agreement\": {\"title\": \"x\",}, \"x\": [1, 2}\n", 2, 30},
		{"unclosed", `{"version": 1, "agreement": {"title": "ü"}` + "\n", 1, 43},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, l := Parse("x.json.yaml", []byte(tt.src))
			if len(l) != 1 {
				t.Fatalf("want one diagnostic, got %v", l)
			}
			d := l[0]
			if d.Pos.Line != tt.line || d.Pos.Col != tt.col || d.Code != "load.syntax" {
				t.Errorf("got %s: %s, want line %d col %d", d.Pos, d.Msg, tt.line, tt.col)
			}
			if d.Msg[:len("invalid JSON")] != "invalid JSON" {
				t.Errorf("message %q does not say JSON", d.Msg)
			}
		})
	}
	// YAML that is not JSON keeps the YAML message.
	_, l := Parse("x.yaml", []byte("version: 1\nparties: [a, b\n"))
	if len(l) != 1 || l[0].Msg[:len("invalid YAML")] != "invalid YAML" {
		t.Errorf("YAML error: %v", l)
	}
}
