package cli

import (
	"path/filepath"
	"strings"
	"testing"

	examples_ "github.com/dpa-tool/dpa/examples"
	"github.com/dpa-tool/dpa/internal/assemble"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/markdown"
	"github.com/dpa-tool/dpa/internal/scc"
	"github.com/dpa-tool/dpa/internal/validate"
)

// TestExplainAgreesWithAgreement: for every example, what dpa explain says
// about the law and courts, the authority of each exporter and the basis
// of each transfer is what the agreement says, since both come from the
// same facts (scc.ForumOf, the plan's authorities, scc.MechanismOf).
func TestExplainAgreesWithAgreement(t *testing.T) {
	lg := legal.MustLoad()
	for _, ex := range examples_.Buildable {
		t.Run(ex, func(t *testing.T) {
			r, err := validate.File(filepath.Join("../../examples", ex))
			if err != nil || !r.Valid(false) {
				t.Fatalf("%v %v", err, r.Diags)
			}
			doc, err := assemble.Build(r.Desc, r.Plan, lg)
			if err != nil {
				t.Fatal(err)
			}
			md := string(doc.Markdown)
			e := explain(ex, r, lg)
			f := scc.ForumOf(r.Plan, lg)
			if !strings.Contains(md, "governed by the law of "+markdown.Escape(f.BodyLaw)) || !strings.Contains(e.Elections.BodyLaw, f.BodyLaw) {
				t.Errorf("body law %q: explain %q", f.BodyLaw, e.Elections.BodyLaw)
			}
			if r.Plan.AnySCC() {
				if !strings.Contains(e.Elections.Clause17, "the law of "+f.ClauseLaw) || !strings.Contains(md, f.ClauseLaw) {
					t.Errorf("Clause 17 law %q: explain %q", f.ClauseLaw, e.Elections.Clause17)
				}
				if !strings.Contains(e.Elections.Clause18, "the courts of "+f.ClauseCourts) && !strings.Contains(e.Elections.Clause17, "law of "+f.ClauseCourts) {
					t.Errorf("Clause 18 courts %q: explain %q", f.ClauseCourts, e.Elections.Clause18)
				}
			}
			annexIC := md[strings.Index(md, "\n## ANNEX I\n"):]
			for _, c := range e.Elections.Clause13 {
				if c.Authority != "none under the GDPR" && !strings.Contains(annexIC, markdown.Escape(c.Authority)) {
					t.Errorf("authority %q of %s not in Annex I.C", c.Authority, c.Exporter)
				}
				if c.Basis != "" && !strings.Contains(annexIC, markdown.Escape(c.Basis)) {
					t.Errorf("basis %q of %s not in Annex I.C", c.Basis, c.Exporter)
				}
			}
			for i, tp := range r.Plan.Transfers {
				te := e.Transfers[i]
				m := scc.MechanismOf(tp)
				if mechanismOf(tp) != te.Mechanism {
					t.Fatalf("transfer %s: explain's basis %q", te.ID, te.Mechanism)
				}
				sec := annexSection(md, i+1)
				if sec == "" {
					t.Fatalf("no section B.%d in Annex I", i+1)
				}
				want := map[scc.MechanismKind][2]string{
					scc.WithinEEA:          {"none needed", "None needed: the data importer is established in the European Economic Area"},
					scc.Contractual:        {"contractual safeguards only", "apply as contractual safeguards only"},
					scc.Clauses:            {"(Art. 46(2)(c) GDPR)", "(Article 46(2)(c) of the GDPR)"},
					scc.AdequacyAndClauses: {"adequacy decision (", "dequacy decision for"},
				}[m.Kind]
				through := strings.Contains(sec, "as the data exporter is not subject to the GDPR")
				if !strings.Contains(te.Mechanism, want[0]) || !through && !strings.Contains(sec, want[1]) {
					t.Errorf("transfer %s: explain %q, Annex I.B %q", te.ID, te.Mechanism, sec)
				}
			}
		})
	}
}

// annexSection returns the Markdown of section B.n of Annex I.
func annexSection(md string, n int) string {
	start := strings.Index(md, "\n#### B."+string(rune('0'+n))+" ")
	if start < 0 {
		return ""
	}
	s := md[start+1:]
	if end := strings.Index(s, "\n#### "); end > 0 {
		s = s[:end]
	}
	if end := strings.Index(s, "\n### "); end > 0 {
		s = s[:end]
	}
	return s
}
