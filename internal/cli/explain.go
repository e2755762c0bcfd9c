package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/model"
	"github.com/dpa-tool/dpa/internal/overlay"
	"github.com/dpa-tool/dpa/internal/scc"
	"github.com/dpa-tool/dpa/internal/validate"
)

type explainOptions struct {
	IO        *IOStreams
	Inputs    []string
	Format    string
	Quiet     bool
	Recursive bool
}

func newCmdExplain(io *IOStreams, runF func(*explainOptions) error) *cobra.Command {
	opts := &explainOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "explain [flags] <file.yaml|dir>...",
		Short: "Show which SCC modules, options and authorities apply, and why",
		Long: withExitStatus(`Show, with reasons, which SCC module applies to each transfer, which clause
options were chosen, which supervisory authority, governing law and courts
result, the notes (adequacy decisions, Clause 14 assessment), the UK Addendum
and the Swiss supplement where they apply (and why) and the sub-processors of
Annex III. --format json gives the same as data: a transfer register. "-"
reads one description from standard input; finding no description at all is
an error (exit 1).`),
		Example: `  $ dpa explain examples/saas-us/northwind.yaml
  $ dpa init - | dpa explain -
  $ dpa explain --format json clients/ > register.json`,
		Args: minArgs(1, "a description file or directory"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			if err := textOrJSON(opts.Format); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return explainRun(opts)
		},
	}
	cmd.Flags().BoolVarP(&opts.Recursive, "recursive", "r", false, "also search the subdirectories of a directory for descriptions")
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output `format`: text or json")
	cmd.Flags().BoolVarP(&opts.Quiet, "quiet", "q", false, "leave out notes (information); keep warnings and errors")
	cmd.RegisterFlagCompletionFunc("format", fixedValues("text", "json"))
	cmd.ValidArgsFunction = yamlFiles
	return cmd
}

// Explanation is the data behind dpa explain, one per description.
type Explanation struct {
	File          string             `json:"file"`
	Valid         bool               `json:"valid"`
	Title         string             `json:"title,omitempty"`
	Reference     string             `json:"reference,omitempty"`
	Date          string             `json:"date,omitempty"`
	Transfers     []TransferExpl     `json:"transfers"`
	Elections     *Elections         `json:"elections,omitempty"`
	Subprocessors []SubprocessorExpl `json:"subprocessors"`
	Diagnostics   []DiagnosticExpl   `json:"diagnostics"`
	// Overlays are the UK Addenda and Swiss supplements (issue 15).
	Overlays []overlay.Explanation `json:"overlays,omitempty"`
	// Positions are the negotiation positions and the execution (issue 16).
	Positions *PositionsExpl `json:"positions,omitempty"`
}

// TransferExpl explains one transfer.
type TransferExpl struct {
	ID           string   `json:"id"`
	Title        string   `json:"title,omitempty"`
	Exporters    []string `json:"exporters"`
	Importers    []string `json:"importers"`
	Roles        string   `json:"roles"`
	Module       int      `json:"module"`
	ModuleName   string   `json:"module_name"`
	ModuleReason string   `json:"module_reason"`
	SCC          bool     `json:"scc"`
	SCCReason    string   `json:"scc_reason"`
	Destinations []string `json:"destinations"`
	// Mechanism is the legal basis under Chapter V GDPR, as Annex I.B states it.
	Mechanism string     `json:"mechanism"`
	TIA       *model.TIA `json:"tia,omitempty"`
	Notes     []string   `json:"notes"`
}

// Elections explains the clause elections.
type Elections struct {
	Modules        []string       `json:"modules"`
	Clause7        string         `json:"clause_7"`
	Clause9        string         `json:"clause_9"`
	Clause9Option  int            `json:"clause_9_option"`
	NoticeDays     int            `json:"notice_days"`
	WorkingDays    bool           `json:"notice_working_days,omitempty"`
	Clause11       string         `json:"clause_11"`
	RedressBody    string         `json:"clause_11_body,omitempty"`
	Clause13       []Clause13Expl `json:"clause_13"`
	Clause17       string         `json:"clause_17"`
	Clause17Option int            `json:"clause_17_option,omitempty"`
	Clause17State  string         `json:"clause_17_state,omitempty"`
	Clause18       string         `json:"clause_18"`
	Clause18State  string         `json:"clause_18_state,omitempty"`
	Clause18Label  string         `json:"clause_18_clause"`
	Clause13Note   string         `json:"clause_13_note,omitempty"`
	Agreement      string         `json:"agreement"`
	BodyLaw        string         `json:"body_governing_law"`
	BodyCourts     string         `json:"body_courts"`
}

// Clause13Expl explains the authority of one exporter.
type Clause13Expl struct {
	Exporter  string `json:"exporter"`
	Variant   string `json:"variant"`
	Authority string `json:"authority"`
	Address   string `json:"address,omitempty"`
	Rule      string `json:"rule"`
	// Basis is the Clause 13(a) basis as Annex I.C states it.
	Basis string `json:"basis"`
}

// SubprocessorExpl is one Annex III entry.
type SubprocessorExpl struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Country   string   `json:"country"`
	Locations []string `json:"locations"`
	Activity  string   `json:"activity"`
	Safeguard string   `json:"safeguard,omitempty"`
	Importer  string   `json:"importer,omitempty"`
}

// DiagnosticExpl is a diagnostic in the register.
type DiagnosticExpl struct {
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	File     string `json:"file"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
}

var variantNames = map[model.Clause13]string{
	model.EstablishedInEU:    "exporter established in an EU Member State",
	model.WithRepresentative: "exporter outside the EU under Art. 3(2), with an Art. 27 representative",
	model.NoRepresentative:   "exporter outside the EU under Art. 3(2), without a representative",
}

func explain(path string, r *validate.Result, lg *legal.Data) Explanation {
	e := Explanation{File: path, Valid: r.Valid(false), Transfers: []TransferExpl{}, Subprocessors: []SubprocessorExpl{}, Diagnostics: []DiagnosticExpl{}}
	for _, d := range r.Diags {
		e.Diagnostics = append(e.Diagnostics, DiagnosticExpl{d.Pos.Line, d.Pos.Col, d.Pos.File, d.Severity.String(), d.Code, d.Msg, d.Hint})
	}
	if r.Desc == nil || r.Plan == nil {
		return e
	}
	d, p := r.Desc, r.Plan
	e.Title, e.Reference, e.Date = d.Title(), d.Agreement.Reference, d.Agreement.Date
	for _, tp := range p.Transfers {
		t := tp.Transfer
		te := TransferExpl{ID: t.ID, Title: t.Title, TIA: t.TIA, Mechanism: mechanismOf(tp), Exporters: t.Exporters, Importers: t.Importers,
			Roles:  fmt.Sprintf("%s → %s", t.Roles.Exporter, t.Roles.Importer),
			Module: int(tp.Module), ModuleName: tp.Module.String(), ModuleReason: tp.ModuleReason,
			SCC: tp.SCC, SCCReason: tp.SCCReason, Notes: tp.Notes, Destinations: []string{}}
		if te.Notes == nil {
			te.Notes = []string{}
		}
		for _, id := range t.Importers {
			if q := d.Party(id); q != nil {
				te.Destinations = append(te.Destinations, q.Location().Country)
			}
		}
		e.Transfers = append(e.Transfers, te)
	}
	forum := scc.ForumOf(p, lg)
	el := &Elections{Modules: []string{}, Clause13: []Clause13Expl{}, NoticeDays: p.NoticeDays.N, WorkingDays: p.NoticeDays.Working}
	for _, m := range p.Modules {
		el.Modules = append(el.Modules, m.String())
	}
	if p.Authorisation == model.Specific {
		el.Clause9Option = 1
		el.Clause9 = fmt.Sprintf("Option 1, specific prior authorisation: requests at least %s before engaging a sub-processor", p.NoticeDays)
	} else {
		el.Clause9Option = 2
		el.Clause9 = fmt.Sprintf("Option 2, general written authorisation: changes notified at least %s in advance, with a right to object", p.NoticeDays)
	}
	if p.AnySCC() {
		el.Clause7 = "not elected"
		if p.Docking {
			el.Clause7 = "elected: the docking clause is included, with a blank accession form"
		}
		el.Clause11 = "optional paragraph not elected"
		if p.Redress.Elected {
			el.Clause11 = "optional paragraph elected: complaints may also go to an independent dispute resolution body"
			if body := scc.RedressParts(p.Redress); body != nil {
				el.Clause11 += ", " + body[0]
				el.RedressBody = body[0]
			} else {
				el.Clause11 += ", not named"
			}
		}
		for _, x := range p.Exporters {
			c := Clause13Expl{Exporter: x.Party.ID, Variant: variantNames[x.Variant],
				Authority: x.Authority.DisplayName, Address: x.Authority.Address, Rule: x.Rule, Basis: x.Basis}
			if x.Authority.Key == "" {
				c.Authority, c.Variant = "none under the GDPR", "exporter not subject to the GDPR (UK Addendum or Swiss supplement only)"
			}
			el.Clause13 = append(el.Clause13, c)
		}
		el.Clause17Option, el.Clause17State = p.LawOption, p.LawState
		if p.LawOption == 2 {
			el.Clause17 = fmt.Sprintf("Option 2: the law of the Member State where the data exporter is established; fallback the law of %s", forum.ClauseLaw)
		} else {
			el.Clause17 = fmt.Sprintf("Option 1: the law of %s", forum.ClauseLaw)
		}
		el.Clause18State = p.Courts
		el.Clause18 = fmt.Sprintf("the courts of %s", forum.ClauseCourts)
	} else {
		el.Clause7, el.Clause11, el.Clause17, el.Clause18 = "no SCCs", "no SCCs", "no SCCs", "no SCCs"
	}
	moduleElections(el, p, lg)
	el.BodyLaw = fmt.Sprintf("%s (%s)", forum.BodyLaw, p.BodyLaw)
	el.BodyCourts = fmt.Sprintf("%s (%s)", forum.BodyCourts, p.BodyCourts)
	e.Elections = el
	e.Positions = explainPositions(d, p)
	e.Overlays = overlay.Explain(d, p, lg)
	for _, s := range d.Subprocessors {
		locs := []string(s.Locations)
		if locs == nil {
			locs = []string{}
		}
		e.Subprocessors = append(e.Subprocessors, SubprocessorExpl{s.ID, s.Name, s.Country, locs, s.Activity, s.Safeguard, s.Importer})
	}
	return e
}

// mechanismOf names the transfer mechanism of a transfer in the words of
// explain: the adequacy decisions, the Clauses, or none. The facts are
// those Annex I.B states (scc.MechanismOf).
func mechanismOf(tp *model.TransferPlan) string {
	m := scc.MechanismOf(tp)
	switch m.Kind {
	case scc.WithinEEA:
		return "none needed: importer in the EEA"
	case scc.NoClauses:
		return "none: the module is not supported"
	case scc.Contractual:
		return fmt.Sprintf("no transfer under Chapter V; %s clauses as contractual safeguards only", m.Module)
	case scc.Clauses:
		return fmt.Sprintf("%s clauses (Art. 46(2)(c) GDPR)", m.Module)
	}
	var adq []string
	for _, d := range tp.Destinations {
		adq = append(adq, d.Adequacy.Decision)
	}
	return fmt.Sprintf("adequacy decision (%s), with the %s clauses in addition", strings.Join(adq, "; "), m.Module)
}

func explainRun(opts *explainOptions) error {
	lg, err := legal.Load()
	if err != nil {
		return exitCode(exitError, err.Error())
	}
	inputs, err := selectInputs(opts.Inputs, opts.Recursive, shard{})
	if err != nil {
		return err
	}
	results, outcomes, all, err := checkAll(inputs, false, opts.IO.In)
	if err != nil {
		return exitCode(exitError, err.Error())
	}
	var out []Explanation
	for i, in := range inputs {
		if results[i] == nil {
			continue
		}
		name := in.Path
		if name == "-" {
			name = stdinName
		}
		out = append(out, explain(name, results[i], lg))
	}
	if opts.Format == "json" {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false) // "<stdin>" stays readable
		if out == nil {
			out = []Explanation{}
		}
		if err := enc.Encode(out); err != nil {
			return exitCode(exitError, err.Error())
		}
	} else {
		for i, e := range out {
			if i > 0 {
				fmt.Fprintln(opts.IO.Out)
			}
			writeExplanation(opts.IO.Out, e, opts.Quiet)
		}
		var problems diag.List
		for _, d := range all {
			if d.Severity == diag.Error {
				problems = append(problems, d)
			}
		}
		mergeShared(problems).WriteText(opts.IO.ErrOut)
	}
	return exitCode(worst(outcomes), "")
}

// writeExplanation prints e as text. Each note is printed once: under its
// transfer, or else among the warnings and notes; quiet leaves notes out.
func writeExplanation(w io.Writer, e Explanation, quiet bool) {
	fmt.Fprintf(w, "%s\n", e.File)
	if e.Elections == nil {
		fmt.Fprintf(w, "  invalid: run dpa validate %s\n", e.File)
		return
	}
	head := e.Title
	if e.Reference != "" {
		head += " · " + e.Reference
	}
	fmt.Fprintf(w, "  %s · %s\n", head, e.Date)
	for _, t := range e.Transfers {
		fmt.Fprintf(w, "\n  transfer %s: %s → %s (%s)\n", t.ID, strings.Join(t.Exporters, ", "), strings.Join(t.Importers, ", "), t.Roles)
		fmt.Fprintf(w, "    module:  %s\n", t.ModuleReason)
		fmt.Fprintf(w, "    clauses: %s\n", t.SCCReason)
		fmt.Fprintf(w, "    basis:   %s\n", t.Mechanism)
		for _, n := range t.Notes {
			if !quiet {
				fmt.Fprintf(w, "    note:    %s\n", n)
			}
		}
	}
	el := e.Elections
	fmt.Fprintf(w, "\n  elections")
	if len(el.Modules) > 0 {
		fmt.Fprintf(w, " (%s)", strings.Join(el.Modules, ", "))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "    Clause 7:     %s\n", el.Clause7)
	fmt.Fprintf(w, "    Clause 9:     %s\n", el.Clause9)
	fmt.Fprintf(w, "    Clause 11:    %s\n", el.Clause11)
	if len(el.Clause13) == 0 && el.Clause13Note == "" {
		fmt.Fprintf(w, "    Clause 13:    no SCCs\n")
	}
	for _, c := range el.Clause13 {
		fmt.Fprintf(w, "    Clause 13:    %s: %s\n", c.Exporter, c.Authority)
		fmt.Fprintf(w, "                  %s; %s\n", c.Variant, c.Rule)
		if c.Basis != "" {
			fmt.Fprintf(w, "                  Annex I.C: %s\n", c.Basis)
		}
	}
	if el.Clause13Note != "" {
		fmt.Fprintf(w, "    Clause 13:    %s\n", el.Clause13Note)
	}
	fmt.Fprintf(w, "    Clause 17:    %s\n", el.Clause17)
	fmt.Fprintf(w, "    %-14s%s\n", el.Clause18Label+":", el.Clause18)
	kind := ""
	if el.Agreement == kindDTA {
		kind = el.Agreement + "; "
	}
	fmt.Fprintf(w, "    body:         %sgoverned by the law of %s; courts of %s\n", kind, el.BodyLaw, el.BodyCourts)
	writePositions(w, e.Positions)
	for _, o := range e.Overlays {
		state := ""
		if !o.Included {
			state = " (left out)"
		}
		fmt.Fprintf(w, "\n  %s%s\n", o.Title, state)
		for _, r := range o.Reasons {
			fmt.Fprintf(w, "    why:       %s\n", r)
		}
		if len(o.Transfers) > 0 {
			fmt.Fprintf(w, "    transfers: %s\n", strings.Join(o.Transfers, ", "))
		}
		for _, pt := range o.Points {
			fmt.Fprintf(w, "    - %s\n", pt)
		}
	}
	if el.Agreement == kindDTA {
		fmt.Fprintf(w, "\n  Annex III: none (Module One has no Annex III; each controller engages its own processors)\n")
	} else {
		fmt.Fprintf(w, "\n  Annex III sub-processors: %d\n", len(e.Subprocessors))
	}
	for _, s := range e.Subprocessors {
		line := fmt.Sprintf("    %s: %s (%s), %s; processes in %s", s.ID, s.Name, s.Country, s.Activity, strings.Join(s.Locations, ", "))
		if s.Importer != "" {
			line += "; engaged by " + s.Importer
		}
		fmt.Fprintln(w, line)
	}
	printed := map[string]bool{}
	for _, t := range e.Transfers {
		for _, n := range t.Notes {
			printed[n] = true
		}
	}
	var notes []DiagnosticExpl
	for _, d := range e.Diagnostics {
		if d.Severity == "error" || d.Severity == "note" && (quiet || printed[d.Message]) {
			continue
		}
		printed[d.Message] = true
		notes = append(notes, d)
	}
	if len(notes) > 0 {
		fmt.Fprintf(w, "\n  warnings and notes\n")
		for _, d := range notes {
			fmt.Fprintf(w, "    %s: %s (%s:%d:%d)\n", d.Severity, d.Message, d.File, d.Line, d.Column)
		}
	}
}
