package verify

import (
	"fmt"
	"io"
	"strings"

	"github.com/dpa-tool/dpa/internal/lazyre"
)

var (
	ojHeadRE    = lazyre.New(`(?m)^[ \t]*(?:L ?\d+/\d+[ \t]+EN[ \t]+Official Journal of the European Union.*|\d{1,2}\.\d{1,2}\.\d{4}[ \t]+EN[ \t]+Official Journal of the European Union.*|EN[ \t]*\d*[ \t]*EN[ \t]*)$`)
	superRE     = lazyre.New(`[⁰¹²³⁴⁵⁶⁷⁸⁹]+`)
	fnDefLineRE = lazyre.New(`(?m)^[ \t]{0,3}\[\^[^\]\s]+\]:[ \t]*(.*)$`)
	phRE        = lazyre.New(`\[Specify\s+time\s+period\]|\[SPECIFY\s+TIME\s+PERIOD\]|_{3,}\s*\([Ss]pecify [^)]*\)`)
	moduleRE    = lazyre.New(`(?i)\bmodule[ \t]+(one|two|three|four|[1-4])\b`)
)

var choiceNames = map[string]string{
	"clause9/specific":           "Option 1 (specific prior authorisation)",
	"clause9/general":            "Option 2 (general written authorisation)",
	"clause13/established":       "exporter established in an EU Member State",
	"clause13/representative":    "exporter outside the EU with a representative",
	"clause13/no-representative": "exporter outside the EU without a representative",
	"clause17/option1":           "Option 1",
	"clause17/option2":           "Option 2",
}

// choiceName names the values vs of option group g.
func choiceName(g string, vs []string) string {
	var out []string
	for _, v := range vs {
		if n, ok := choiceNames[g+"/"+v]; ok {
			out = append(out, n)
		} else {
			out = append(out, v)
		}
	}
	return strings.Join(out, "; ")
}

func elections(el map[string][]string, values map[string]string) Choices {
	var c Choices
	str := func(k string) *string {
		if v, ok := values[k]; ok {
			return &v
		}
		return nil
	}
	if v, ok := el["clause7"]; ok {
		b := len(v) > 0
		c.Clause7 = &b
	}
	if v, ok := el["clause11"]; ok {
		b := len(v) > 0
		c.Clause11 = &b
	}
	if v := el["clause9"]; len(v) > 0 {
		c.Clause9 = choiceName("clause9", v)
		c.Period = str("period")
	}
	for _, v := range el["clause13"] {
		c.Clause13 = append(c.Clause13, choiceName("clause13", []string{v}))
	}
	if v := el["clause17"]; len(v) > 0 {
		c.Clause17 = choiceName("clause17", v)
	}
	c.Law = str("clause17-state")
	c.Courts = str("clause18-state")
	return c
}

// mentions lists the modules a text without clause text names.
func mentions(ct []string) []string {
	seen := map[string]bool{}
	var out []string
	nums := map[string]string{"1": "one", "2": "two", "3": "three", "4": "four"}
	for _, m := range moduleRE().FindAllStringSubmatch(strings.Join(ct, " "), -1) {
		w := strings.ToLower(m[1])
		if n, ok := nums[w]; ok {
			w = n
		}
		name := "Module " + strings.ToUpper(w[:1]) + w[1:]
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}

func orNone(p *string) string {
	if p == nil {
		return ""
	}
	if *p == "" {
		return "not filled in"
	}
	return *p
}

// brief is the short form of the elections for the summary line.
func (a Addendum) brief() string {
	var parts []string
	e := a.Elections
	if e.Clause9 != "" {
		s := "Clause 9 " + strings.SplitN(e.Clause9, " (", 2)[0]
		if e.Period != nil {
			s += ", " + orNone(e.Period)
		}
		parts = append(parts, s)
	}
	if e.Clause17 != "" {
		s := "Clause 17 " + e.Clause17
		if e.Law != nil {
			s += ", " + orNone(e.Law)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

func (a Addendum) problems() int {
	n := 0
	for _, c := range a.Clauses {
		switch c.Status {
		case "missing":
			n++
		case "deviating", "unresolved":
			n += len(c.Deviations) + len(c.Leftovers)
			if len(c.Deviations)+len(c.Leftovers) == 0 {
				n++
			}
		}
	}
	for _, f := range a.Footnotes {
		if f.Required && f.Status != "identical" {
			n++
		}
	}
	return n
}

func summary(r *Report) string {
	switch r.Status {
	case "unreadable":
		return r.File + ": unreadable: " + r.Error
	case "none":
		s := r.File + ": no clause text of the Standard Contractual Clauses found"
		if len(r.Mentions) > 0 {
			s += " (mentions " + strings.Join(r.Mentions, ", ") + ")"
		}
		return s
	}
	var parts []string
	total := 0
	for _, a := range r.Addenda {
		s := fmt.Sprintf("%s: %d/%d clauses identical", a.ModuleName, a.Identical, a.Expected)
		if b := a.brief(); b != "" {
			s += "; " + b
		}
		parts = append(parts, s)
		total += a.problems()
	}
	end := "no deviations"
	switch {
	case total == 1:
		end = "1 deviation"
	case total > 1:
		end = fmt.Sprintf("%d deviations", total)
	}
	return r.File + ": " + strings.Join(parts, "; ") + "; " + end
}

var roman = []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}

// WriteText writes r for people: per addendum the module, every clause that
// is not identical with its differences, the elections, the footnotes, and
// last the summary line.
func WriteText(w io.Writer, r *Report) {
	if r.Status == "unreadable" {
		fmt.Fprintln(w, r.Summary)
		if r.Hint != "" {
			fmt.Fprintln(w, "  hint: "+r.Hint)
		}
		return
	}
	if r.Status == "none" {
		fmt.Fprintln(w, r.Summary)
		return
	}
	fmt.Fprintln(w, r.File)
	for i, a := range r.Addenda {
		name := moduleNames[a.Module]
		label := ""
		if len(r.Addenda) > 1 {
			label = "Addendum " + roman[min(i, len(roman)-1)] + ": "
		}
		fmt.Fprintf(w, "  %s%s (%s): %d of %d clauses identical\n", label, name[0], name[1], a.Identical, a.Expected)
		for _, c := range a.Clauses {
			if c.Status == "identical" {
				continue
			}
			line := fmt.Sprintf("    Clause %-2s %s", c.Number, c.Status)
			if c.Note != "" {
				line += ": " + c.Note
			}
			fmt.Fprintln(w, line)
			for _, d := range c.Deviations {
				s := fmt.Sprintf("      %s: …%s [-%s-] {+%s+} %s…", d.Where, d.Before, d.Removed, d.Added, d.After)
				if d.Wording != "" {
					s += " (wording of " + d.Wording + ")"
				}
				fmt.Fprintln(w, s)
			}
			for _, l := range c.Leftovers {
				fmt.Fprintf(w, "      %s left in: %q %s\n", l.Kind, l.Text, l.Context)
			}
		}
		for _, f := range a.Footnotes {
			if !f.Required || f.Status == "identical" {
				continue
			}
			fmt.Fprintf(w, "    footnote to %s %s\n", f.Of, f.Status)
			for _, d := range f.Deviations {
				fmt.Fprintf(w, "      …%s [-%s-] {+%s+} %s…\n", d.Before, d.Removed, d.Added, d.After)
			}
		}
		req, ok := 0, 0
		for _, f := range a.Footnotes {
			if f.Required {
				req++
				if f.Status == "identical" {
					ok++
				}
			}
		}
		fmt.Fprintf(w, "    footnotes: %d of %d identical\n", ok, req)
		e := a.Elections
		fmt.Fprintln(w, "    elections:")
		yes := func(b *bool, y, n string) string {
			if b == nil {
				return "—"
			}
			if *b {
				return y
			}
			return n
		}
		row := func(k, v string) { fmt.Fprintf(w, "      %-10s %s\n", k, v) }
		row("Clause 7", yes(e.Clause7, "docking clause included", "not included"))
		if e.Clause9 != "" {
			row("Clause 9", e.Clause9+", "+orNone(e.Period))
		}
		row("Clause 11", yes(e.Clause11, "optional redress body paragraph included", "optional paragraph not included"))
		if len(e.Clause13) > 0 {
			row("Clause 13", strings.Join(e.Clause13, "; "))
		}
		if e.Clause17 != "" {
			row("Clause 17", e.Clause17+", the law of "+orNone(e.Law))
		}
		if e.Courts != nil {
			row("Clause 18", "the courts of "+orNone(e.Courts))
		}
	}
	fmt.Fprintln(w, r.Summary)
}
