package pdf

import "github.com/dpa-tool/dpa/internal/mdparse"

// fromMarkdown reads a hand-written or stored Markdown agreement.
var fromMarkdown = mdparse.Agreement

// renderMarkdown typesets a Markdown agreement read by mdparse.Agreement.
func renderMarkdown(src []byte, m Meta) ([]byte, *Layout, error) {
	return Render(fromMarkdown(src), m)
}
