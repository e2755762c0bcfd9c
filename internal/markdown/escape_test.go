package markdown

import (
	"math/rand"
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"Acme Ltd":              "Acme Ltd",
		"*Acme* | Ltd <script>": `\*Acme\* \| Ltd \<script\>`,
		"# Title":               `\# Title`,
		"1. First":              `1\. First`,
		"2026) year":            `2026\) year`,
		"- item":                `\- item`,
		"+ item":                `\+ item`,
		"= setext":              `\= setext`,
		"a\nb\r\n  c":           "a b c",
		"[x](y) ![i](j)":        `\[x\](y) \!\[i\](j)`,
		"`c` _e_ ~s~ & \\":      "\\`c\\` \\_e\\_ \\~s\\~ \\& \\\\",
		"Łódź – “q” 😀":          "Łódź – “q” 😀",
		"1.5 million":           "1.5 million",
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLiteral: the texts Escape returns without work are those that the
// escaping would leave unchanged, on random texts of the characters that
// matter.
func TestLiteral(t *testing.T) {
	pieces := []string{"a", "Z", " ", "  ", ".", "1", "-", "+", "=", "*", "\t", "\n", "é", "\u00a0", ")", "#", "~", "\x7f", "Ltd"}
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 50000; n++ {
		var b strings.Builder
		for k := rng.Intn(6); k >= 0; k-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s := b.String()
		if literal(s) && escape(s) != s {
			t.Fatalf("%q is taken as literal, but escaping gives %q", s, escape(s))
		}
		if got, want := Escape(s), escape(s); got != want {
			t.Fatalf("Escape(%q) = %q, want %q", s, got, want)
		}
	}
	if !literal("Aldgate Insights Limited") || literal("1. First") || literal("a  b") {
		t.Error("literal misjudges a plain name, a list start or a double space")
	}
}
