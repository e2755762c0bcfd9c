package cli

import (
	"strings"

	"github.com/spf13/cobra"
)

// Shell completion: flag values and help topics are completed from fixed
// lists, and file arguments are filtered to descriptions (*.yaml, *.yml;
// directories are offered by the shells as well).

// yamlFiles completes the file arguments of a command.
func yamlFiles(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return []cobra.Completion{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
}

// fixedValues completes a flag from a list of values.
func fixedValues(values ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// formatList completes a comma-separated --format value such as md,pdf:
// each value not yet given is offered after what has been typed.
func formatList(values ...string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		prefix, given := "", map[string]bool{}
		if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
			prefix = toComplete[:i+1]
			for _, v := range strings.Split(toComplete[:i], ",") {
				given[v] = true
			}
		}
		var out []cobra.Completion
		for _, v := range values {
			if !given[v] {
				out = append(out, prefix+v)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
}

// completeHelpTopics makes "dpa help <TAB>" offer the help topics
// (exit-codes, format) beside the commands.
func completeHelpTopics(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	for _, c := range root.Commands() {
		if c.Name() != "help" {
			continue
		}
		c.ValidArgsFunction = func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, sub := range root.Commands() {
				if sub.Hidden || sub.Name() == "help" || !strings.HasPrefix(sub.Name(), toComplete) {
					continue
				}
				out = append(out, cobra.CompletionWithDesc(sub.Name(), sub.Short))
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		}
	}
}
