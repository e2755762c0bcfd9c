package markdown

import "testing"

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
