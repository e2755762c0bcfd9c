// Package prose holds the small pieces of English that the agreement's
// generated sentences share: lists of names and dates in words.
package prose

import (
	"strings"
	"time"

	"github.com/dpa-tool/dpa/internal/markdown"
)

// List joins items as "a", "a and b" or "a, b and c".
func List(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// LongDate formats an ISO date as "1 May 2026"; text that is not an ISO
// date is returned as it is, escaped for Markdown.
func LongDate(iso string) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return markdown.Escape(iso)
	}
	return t.Format("2 January 2006")
}
