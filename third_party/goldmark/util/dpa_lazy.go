package util

// dpa patch: this file is not in goldmark. See DPA-PATCHES.md.

import (
	"regexp"
	"sync"
)

// LazyRegexp is a regular expression compiled at its first use rather than
// when its package is initialised: goldmark's package-level expressions
// (linkify's alone take about 4 ms to compile) were compiled in every
// process that links goldmark, whether or not it parses Markdown.
type LazyRegexp struct {
	once sync.Once
	expr string
	re   *regexp.Regexp
}

// NewLazyRegexp returns expr to be compiled at its first use; an invalid
// expression panics then, as regexp.MustCompile would.
func NewLazyRegexp(expr string) *LazyRegexp { return &LazyRegexp{expr: expr} }

// Regexp returns the compiled expression, compiling it on the first call.
// It is safe for concurrent use.
func (l *LazyRegexp) Regexp() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.expr) })
	return l.re
}

// Match is regexp.Regexp.Match.
func (l *LazyRegexp) Match(b []byte) bool { return l.Regexp().Match(b) }

// FindSubmatchIndex is regexp.Regexp.FindSubmatchIndex.
func (l *LazyRegexp) FindSubmatchIndex(b []byte) []int { return l.Regexp().FindSubmatchIndex(b) }
