package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/dpa-tool/dpa/internal/textract"
	"github.com/dpa-tool/dpa/internal/verify"
)

type verifyOptions struct {
	IO     *IOStreams
	Inputs []string
	Format string
}

const verifyExit = `EXIT STATUS
  0  every clause found is identical to the official text and nothing is
     left unresolved (also when a file holds no clause text at all)
  1  a file cannot be read (missing, not a PDF/DOCX/text file, or a scanned
     PDF without a text layer)
  3  a file deviates: a clause or footnote differs, is missing, or an
     option label, blank or drafting note is left in
  In a batch the most severe outcome wins, in the order 1 > 3 > 0.`

func newCmdVerify(io *IOStreams, runF func(*verifyOptions) error) *cobra.Command {
	opts := &verifyOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "verify [flags] <file>...",
		Short: "Check that the Standard Contractual Clauses in agreements are the official text",
		Long: `Check the Standard Contractual Clauses (Decision (EU) 2021/914) in any
agreement, whoever produced it: PDF (with a text layer), DOCX, Markdown or
plain text. For each file, and for each set of Clauses in it separately:
which module its wording is, every clause identical, deviating (with a word
diff) or missing, the footnotes, the elections (Clauses 7, 9, 11, 13, 17
and 18), and what is left unresolved (option labels, blanks, drafting
notes, alternatives kept together). The last line per file is a summary.

Layout differences are not deviations: line breaks and hyphenation, page
headers, footers and numbers, quote and dash styles, list label styles
("(a)", "a."), footnote marks and where footnotes are printed, Markdown or
Word formatting. A changed word, letter or punctuation mark is.

` + verifyExit,
		Example: `  $ dpa verify counterparty-dpa.pdf
  $ dpa verify out/*.pdf out/*.md
  $ dpa verify --format json seller-dpa.docx`,
		Args: minArgs(1, "a file to verify"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			if err := textOrJSON(opts.Format); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return verifyRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output `format`: text or json")
	return cmd
}

// verifyFile reads and verifies one file; a file that cannot be read gives
// a report with status "unreadable".
func verifyFile(name string) (*verify.Report, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		var pe *os.PathError
		msg := "cannot read the file: " + err.Error()
		if errors.As(err, &pe) {
			msg = "cannot read the file: " + pe.Err.Error()
		}
		return unreadable(name, msg, ""), nil
	}
	text, format, err := textract.Extract(name, data)
	if err != nil {
		if !errors.Is(err, textract.ErrNoText) {
			err = fmt.Errorf("not a readable %s file: %w", format, err)
		}
		hint := ""
		if errors.Is(err, textract.ErrNoText) {
			hint = "run OCR first (for example ocrmypdf), then verify the result"
		}
		return unreadable(name, err.Error(), hint), nil
	}
	return verify.Text(name, text)
}

func unreadable(name, msg, hint string) *verify.Report {
	r := &verify.Report{File: name, Status: "unreadable", Error: msg, Hint: hint, Addenda: []verify.Addendum{}}
	r.Summary = name + ": unreadable: " + msg
	return r
}

func verifyRun(opts *verifyOptions) error {
	// verify allocates much short-lived garbage and keeps little: collect
	// less often unless the user chose a GOGC
	if opts.IO.Getenv == nil || opts.IO.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	go verify.Load() // the clause data loads while the first file is read
	var reports []*verify.Report
	var outs []outcome
	counts := map[string]int{}
	for _, in := range opts.Inputs {
		r, err := verifyFile(in)
		if err != nil {
			return exitCode(exitError, err.Error())
		}
		reports = append(reports, r)
		counts[r.Status]++
		switch r.Status {
		case "unreadable":
			outs = append(outs, outcomeFailed)
		case "deviating":
			outs = append(outs, outcomeInvalid)
		default:
			outs = append(outs, outcomeOK)
		}
		if opts.Format == "text" {
			if r.Status == "unreadable" {
				fmt.Fprintf(opts.IO.ErrOut, "%s: error: %s\n", r.File, r.Error)
				if r.Hint != "" {
					fmt.Fprintf(opts.IO.ErrOut, "%s: hint: %s\n", r.File, r.Hint)
				}
			} else {
				verify.WriteText(opts.IO.Out, r)
			}
		}
	}
	if opts.Format == "json" {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(reports); err != nil {
			return exitCode(exitError, err.Error())
		}
	}
	fmt.Fprintf(opts.IO.ErrOut, "identical %d, deviating %d, no clauses %d, unreadable %d\n",
		counts["identical"], counts["deviating"], counts["none"], counts["unreadable"])
	return exitCode(worst(outs), "")
}
