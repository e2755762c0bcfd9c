package cli

// Output rules of dpa templates: list prints its table on stdout; export
// prints "wrote PATH" per file on stderr; errors go to stderr as
// "path: error: message" with a hint line.

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/dpa-tool/dpa/internal/assemble"
	"github.com/dpa-tool/dpa/internal/atomicfile"
	"github.com/dpa-tool/dpa/internal/build"
	"github.com/dpa-tool/dpa/internal/tmplset"
	"github.com/dpa-tool/dpa/internal/validate"
	"github.com/dpa-tool/dpa/templates"
)

// addTemplatesFlag adds --templates DIR to a command.
func addTemplatesFlag(cmd *cobra.Command, dir *string) {
	cmd.Flags().StringVar(dir, "templates", "", "use the templates in `dir` instead of the built-in ones, file by file (dpa help templates)")
	cmd.MarkFlagDirname("templates")
}

// reportTemplateError prints an error about a template as
// "file:line:col: error: message" and its hint, and reports whether err was
// one.
func reportTemplateError(w io.Writer, desc string, err error) bool {
	var te *tmplset.Error
	if !errors.As(err, &te) {
		return false
	}
	fmt.Fprintf(w, "%s: error: %s\n", te.Where(), te.Msg)
	if te.Hint != "" {
		fmt.Fprintf(w, "%s: hint: %s\n", te.Where(), te.Hint)
	}
	if desc != "" && te.Pos.File != desc {
		fmt.Fprintf(w, "%s: error: not built: its templates have an error\n", desc)
	}
	return true
}

// templateHashes lists the templates of a set for the manifest.
func templateHashes(s *tmplset.Set) []build.TemplateHash {
	if s == nil {
		return nil
	}
	var out []build.TemplateHash
	for _, f := range s.Files() {
		out = append(out, build.TemplateHash{Name: f.Name, Origin: filepath.ToSlash(f.Origin()), SHA256: f.SHA256})
	}
	return out
}

func newCmdTemplates(io *IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "templates <command>",
		Short: "Export the built-in templates or list where an agreement's templates come from",
		Long:  "Own templates (see dpa help templates).",
		Example: `  $ dpa templates export my-templates
  $ dpa templates list clients/acme.yaml
  $ dpa build --templates my-templates clients/acme.yaml`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("unknown command %q for \"dpa templates\": use export or list", args[0])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newCmdTemplatesExport(io), newCmdTemplatesList(io))
	// "dpa help templates" and "dpa templates -h" print the whole guide,
	// made only when asked for.
	cmd.SetHelpFunc(func(c *cobra.Command, args []string) {
		if c == cmd {
			c.Long = withExitStatus(templatesHelp())
		}
		c.Parent().HelpFunc()(c, args)
	})
	return cmd
}

func newCmdTemplatesExport(io *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "export <dir>",
		Short: "Write the built-in templates into a directory, as a starting point",
		Long: withExitStatus(`Write every built-in template into DIR (created if needed), each with a comment
at the top that says what it renders and where to read about its data. Built
with DIR as --templates (or agreement.templates, or a templates/ directory
next to the description), the unchanged files give the same agreement as the
built-in ones. Existing files are never overwritten: if one of the files
exists, nothing is written (exit 1). Delete the files you do not change, so
that they follow dpa's own templates.`),
		Example: `  $ dpa templates export vendor/templates`,
		Args:    exactArgs(1, "a directory"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return templatesExport(io, args[0])
		},
	}
}

// exactArgs requires exactly n arguments, as a usage error.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := minArgs(n, what)(cmd, args); err != nil {
			return err
		}
		return maxArgs(n)(cmd, args)
	}
}

func templatesExport(io *IOStreams, dir string) error {
	set, err := tmplset.New(templates.FS, assemble.LockedTemplates())
	if err != nil {
		return exitCode(exitError, err.Error())
	}
	for _, f := range set.Files() {
		p := filepath.Join(dir, f.Name)
		if _, err := os.Lstat(p); err == nil {
			return fileError(exitError, p, "exists; dpa templates export never overwrites (nothing was written)")
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fileError(exitError, dir, "cannot create: "+unwrapPathErr(err).Error())
	}
	for _, f := range set.Files() {
		p := filepath.Join(dir, f.Name)
		if err := atomicfile.WriteFile(p, tmplset.Export(f), 0o644); err != nil {
			return fileError(exitError, p, "cannot write: "+unwrapPathErr(err).Error())
		}
		fmt.Fprintf(io.ErrOut, "wrote %s\n", p)
	}
	return nil
}

func newCmdTemplatesList(io *IOStreams) *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "list [flags] [<file.yaml>]",
		Short: "Show each part of an agreement and the template it comes from",
		Long: withExitStatus(`List each part of the agreement with the template file that renders it and
where that file comes from: built-in, or the user's file, found (highest
first) in --templates DIR, in the directory agreement.templates names in the
description or its profile, or in a templates/ directory next to the
description. The official parts, which no template can replace, are listed
last. Without a description only --templates counts.`),
		Example: `  $ dpa templates list examples/own-templates/clients/acme.yaml
  $ dpa templates list --templates my-templates`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			desc := ""
			if len(args) == 1 {
				desc = args[0]
			}
			return templatesList(io, desc, dir)
		},
	}
	addTemplatesFlag(cmd, &dir)
	cmd.ValidArgsFunction = yamlFiles
	return cmd
}

func templatesList(io *IOStreams, desc, dir string) error {
	var set *tmplset.Set
	var err error
	if desc == "" {
		set, err = tmplset.New(templates.FS, assemble.LockedTemplates(), tmplset.Lookup("", dir, "", tmplset.Pos{})...)
	} else {
		v, verr := validate.File(desc)
		if verr != nil {
			return exitCode(exitError, verr.Error())
		}
		if v.Desc == nil {
			v.Diags.WriteText(io.ErrOut)
			if readFailure(v.Diags) {
				return exitCode(exitError, "")
			}
			return exitCode(exitInvalid, "")
		}
		set, err = build.TemplatesOf(v, dir)
	}
	if err != nil {
		if reportTemplateError(io.ErrOut, "", err) {
			return exitCode(exitError, "")
		}
		return exitCode(exitError, err.Error())
	}
	tw := tabwriter.NewWriter(io.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PART\tTEMPLATE\tFROM")
	for _, f := range set.Files() {
		from := f.Origin()
		if f.Path != "" {
			from += " (" + f.Via + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", f.Part, f.Name, from)
	}
	for _, o := range tmplset.OfficialParts {
		fmt.Fprintf(tw, "%s\t-\tofficial text, not overridable\n", o)
	}
	return tw.Flush()
}

// templatesHelp is the text of "dpa help templates": the lookup order and
// rules, then the template data and functions, generated from the
// assembler's view so that it cannot drift.
func templatesHelp() string {
	var b strings.Builder
	b.WriteString(templatesHelpIntro)
	b.WriteString("\nTEMPLATES\n\n")
	set, err := tmplset.New(templates.FS, assemble.LockedTemplates())
	if err == nil {
		for _, f := range set.Files() {
			fmt.Fprintf(&b, "  %-20s %s\n", f.Name, f.Part)
		}
	}
	b.WriteString("\nOFFICIAL TEXT (never a template)\n\n")
	for _, o := range tmplset.OfficialParts {
		fmt.Fprintf(&b, "  %s\n", o)
	}
	b.WriteString("\n" + assemble.DataHelp())
	return strings.TrimRight(b.String(), "\n")
}

const templatesHelpIntro = `The parts of an agreement that are dpa's own wording are Go text/template
files that produce Markdown: the cover, the Article 28 body (or the body of a
data transfer agreement), the annex texts and labels that are not prescribed,
the signature page and the titles. A directory of your own *.tmpl files
replaces them file by file; every file you leave out stays built-in.
"dpa templates export DIR" writes the built-in files as a starting point;
"dpa templates list FILE" shows where each part of an agreement comes from.

LOOKUP ORDER (the first directory that has a file wins, file by file)

  1. --templates DIR (dpa build, dpa templates list)
  2. agreement.templates: DIR in the description or in its profile, relative
     to the file that names it (so a vendor profile carries its own body;
     a client file that names its own directory wins over its profile's)
  3. a templates/ directory next to the description
  4. the built-in templates

In a directory, hidden files and files that are not *.tmpl are ignored (a
README may stand beside the templates). A *.tmpl file that is not one of the
templates below is an error, and so is any file or folder that names official
text (clauses/, module-2.md, uk-addendum...): the Standard Contractual
Clauses, the Annex headings they prescribe and the UK Addendum are inserted by
dpa word for word and cannot be replaced.

SAFE BY CONSTRUCTION

Every value a template receives is already Markdown: text from the
description is escaped (a name with {{, <script>, |, * or a line break prints
as that text), so a template cannot print it unescaped. Templates run with
missing keys as errors and with only the functions below: none reads files,
the environment or the clock. A template that does not parse or execute is
reported as file:line:col: error: ... in your file, exit 1, and nothing of
that agreement is written.

ARTICLE 28

After assembly, dpa build checks that the body still covers every element of
Article 28(2) to (4) GDPR, in the words of one paragraph each; a missing
element is a warning that names it (under --strict the description is invalid,
exit 3). "dpa help art28" lists the elements and the words it looks for.

CI

Each output's fingerprint includes the SHA-256 of every template the agreement
was assembled from, and --manifest lists them (name, origin, sha256): after
a template edit, dpa build --check reports exactly the agreements assembled
from that file as stale, and a build rewrites exactly those.

CONVENTIONS

"## § Title" headings and "§ " paragraphs of the body are numbered by dpa (1.,
1.1, ...); {{section "annex"}} and {{section "signatures"}} start those
sections, which drives page breaks in PDF and Word; the official addenda are
inserted where agreement.md.tmpl prints {{.Addenda}}.
`
