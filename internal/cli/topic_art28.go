package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/dpa-tool/dpa/internal/art28"
)

// newTopicArt28 is "dpa help art28": what the Article 28 linter checks,
// generated from its elements so that the help cannot drift from them.
func newTopicArt28() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "art28",
		Short: "What the Article 28 linter checks in the body of an agreement",
	}
	// The help lists the linter's rules, which compiles their regular
	// expressions: made only when asked for, not by every process that
	// builds the command tree.
	cmd.SetHelpFunc(func(c *cobra.Command, args []string) {
		if c == cmd {
			c.Long = art28Help()
		}
		c.Parent().HelpFunc()(c, args)
	})
	return cmd
}

// art28Help words the linter's elements for the help.
func art28Help() string {
	var b strings.Builder
	b.WriteString(`After assembling an agreement with a processor, dpa build checks that its
Article 28 body (the sections before the addenda: never the official clauses,
the annexes or the cover) still covers each element of Article 28(2) to (4)
GDPR below. This matters when a template of your own replaces the body
(see dpa help templates); the built-in body always covers them.

An element is covered when one paragraph of the body contains every concept
of one of its sets; a paragraph is a paragraph, a list item, a table row, or a
paragraph with the list that follows it. Text is compared in lower case. The
words are what the parties sign, so the check reads only the words: it finds a
body that lost a provision, not one that says the opposite.

A missing element is a warning with the description's path:

  acme.yaml: warning: the body does not cover Article 28(3)(g): deletion or
  return of personal data at the end of the services

Under --strict it makes the description invalid (exit 3), and nothing is
written for it. An agreement whose transfers are all from a controller to a
controller (Module One) has no Article 28 body and is not checked.

ELEMENTS (code, provision, what one paragraph must contain)
`)
	for _, e := range art28.Variants() {
		b.WriteString("\n" + wrap("  art28."+e.ID+"  "+e.Article+": "+e.What, "      "))
		for i, w := range e.Words() {
			lead := "needs "
			if i > 0 {
				lead = "or "
			}
			b.WriteString(wrap("      "+lead+w, "        "))
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// wrap breaks text into lines of at most 78 characters at spaces; lines
// after the first start with indent. Each line ends with a newline.
func wrap(text, indent string) string {
	var b strings.Builder
	words := strings.Fields(text)
	line := text[:len(text)-len(strings.TrimLeft(text, " "))] + words[0]
	for _, w := range words[1:] {
		if len([]rune(line))+1+len([]rune(w)) > 78 {
			b.WriteString(line + "\n")
			line = indent + w
			continue
		}
		line += " " + w
	}
	b.WriteString(line + "\n")
	return b.String()
}
