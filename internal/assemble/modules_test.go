package assemble

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dpa-tool/dpa/internal/diag"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/model"
	"github.com/dpa-tool/dpa/internal/scc"
	"github.com/dpa-tool/dpa/internal/scctest"
)

// part returns the part of md from the line start to the next line that
// starts with one of ends (or the end).
func part(md, start string, ends ...string) string {
	i := strings.Index(md, start)
	if i < 0 {
		return ""
	}
	s := md[i+len(start):]
	for _, e := range ends {
		if j := strings.Index(s, e); j >= 0 {
			s = s[:j]
		}
	}
	return s
}

// TestDataTransferAgreement checks the agreement between controllers only:
// a short body without Article 28 terms, its own title, the Module One
// addendum, Annexes I and II without Annex III, and no words of processing
// on behalf of another.
func TestDataTransferAgreement(t *testing.T) {
	doc, r := buildExample(t, "group-sharing/tidewell-group.yaml")
	md := string(doc.Markdown)
	if len(doc.Addenda) != 1 || doc.Addenda[0].Module != model.ModuleOne {
		t.Fatalf("addenda %+v, want Module One only", doc.Addenda)
	}
	if !strings.HasPrefix(md, "# Data Transfer Agreement\n") {
		t.Errorf("title: %.60q", md)
	}
	body := part(md, "## Contents", "\n## Addendum I ")
	for _, w := range []string{
		"“**Clauses**” means the standard contractual clauses approved by Commission Implementing Decision (EU) 2021/914, Module One (transfer controller to controller)",
		"“**Data Exporter**” means Tidewell Outdoor B.V., and “**Data Importer**” means Tidewell Outdoor Asia Pte. Ltd.",
		"## 2. Incorporation of the Clauses", "incorporated into this Agreement without change",
		"Annex I.C names the competent supervisory authority and Annex II sets out the technical and organisational measures.",
		"## 3. Independent controllers", "as an independent controller", "not joint controllers within the meaning of Article 26",
		"Articles 13 and 14 of the GDPR", "as Clause 10 provides",
		"the Clauses prevail over this Agreement and the Principal Agreement",
		"limits the liability of a Party towards data subjects under Clause 12 of the Clauses",
		"No limitation of liability in the Principal Agreement applies", "Clause 16 of the Clauses",
		"governed by the law of the Netherlands", "without prejudice to Clauses 17 and 18 of the Clauses",
	} {
		if !strings.Contains(body, w) {
			t.Errorf("body lacks %q", w)
		}
	}
	for _, bad := range []string{"Provider", "“**Customer**”", "Sub-processor", "on behalf of Customer", "Article 28", "processor"} {
		if strings.Contains(body, bad) {
			t.Errorf("data transfer agreement body contains %q", bad)
		}
	}
	for _, bad := range []string{"## ANNEX III", "Assistance to the controller", "LIST OF SUB-PROCESSORS"} {
		if strings.Contains(md, bad) {
			t.Errorf("agreement contains %q", bad)
		}
	}
	if !strings.Contains(md, "The Appendix to these Clauses consists of Annexes I and II of the Agreement.") {
		t.Error("Module One's Appendix is not Annexes I and II")
	}
	if !strings.Contains(md, "### C. COMPETENT SUPERVISORY AUTHORITY") || !strings.Contains(md, "implemented by Tidewell Outdoor Asia Pte. Ltd.") {
		t.Error("Annex I.C or the importer's Annex II missing")
	}
	if !strings.Contains(part(md, "### B. DESCRIPTION OF TRANSFER", "### C."), "Not applicable: the data importer is a controller.") {
		t.Error("Annex I.B: sub-processing heading not answered for a controller importer")
	}
	// A title given in the description wins; without one the default follows the kind.
	r.Desc.Agreement.Title = ""
	again, err := Build(r.Desc, r.Plan, legal.MustLoad())
	if err != nil || !strings.HasPrefix(string(again.Markdown), "# Data Transfer Agreement\n") {
		t.Errorf("default title of a data transfer agreement: %v %.40q", err, again.Markdown)
	}
}

// TestModuleFourAgreement checks the agreement of a controller outside the
// EEA with its EU processor: the Article 28 body with Customer the
// controller and Provider the processor, the Module Four addendum for the
// flow back, no Annex I.C, and what applies instead of Clause 9.
func TestModuleFourAgreement(t *testing.T) {
	doc, _ := buildExample(t, "non-eu-controller/pinecrest-saltmarsh.yaml")
	md := string(doc.Markdown)
	if len(doc.Addenda) != 1 || doc.Addenda[0].Module != model.ModuleFour {
		t.Fatalf("addenda %+v, want Module Four only", doc.Addenda)
	}
	body := part(md, "## Contents", "\n## Addendum I ")
	for _, w := range []string{
		"“**Customer**” means Pinecrest Learning Inc., and “**Provider**” means Saltmarsh Support Services GmbH.",
		"Saltmarsh Support Services GmbH acts as processor and makes Personal Data available to Pinecrest Learning Inc., the controller on whose behalf it processes them.",
		"Module Four (transfer processor to controller)",
		"contains no clause on the use of sub-processors and none on the competent supervisory authority",
		"Provider engages Sub-processors for the processing on behalf of Customer only as this Agreement provides",
		"Annex I.A lists the parties, Annex I.B describes the transfers and Annex II sets out",
	} {
		if !strings.Contains(body, w) {
			t.Errorf("body lacks %q", w)
		}
	}
	if strings.Contains(body, "Where Customer acts as a processor") {
		t.Error("Module Four transfer given Module Three wording")
	}
	if strings.Contains(md, "### C. COMPETENT SUPERVISORY AUTHORITY") {
		t.Error("Module Four agreement has an Annex I.C")
	}
	for _, w := range []string{
		// The Annexes also describe the transfer into the EEA, which the
		// Clauses do not cover: the Appendix names its parts.
		"For the purposes of these Clauses, the Appendix consists of the following parts of the Annexes of the Agreement: in Annex I.A, entry 1 of the data exporters (Saltmarsh Support Services GmbH) and entry 1 of the data importers (Pinecrest Learning Inc.); and section B.2 of Annex I.B.",
		"These Clauses shall be governed by the law of a country allowing for third-party beneficiary rights. The Parties agree that this shall be the law of Ireland.",
		"Any dispute arising from these Clauses shall be resolved by the courts of Ireland.",
		"## ANNEX III", "**Sub-processors engaged by Saltmarsh Support Services GmbH**",
	} {
		if !strings.Contains(md, w) {
			t.Errorf("agreement lacks %q", w)
		}
	}
}

// TestFourModules builds an agreement with all four modules: the addenda
// come in the order One, Two, Three, Four; the footnotes are numbered 1, 2,
// … through all of them, each defined once; each addendum is the official
// text of its module (compare.py --resolved); and the body keeps the
// Article 28 terms for the processor transfers while saying that they do
// not apply to the Module One transfer.
func TestFourModules(t *testing.T) {
	r := validated(t, "testdata/four-modules.yaml")
	doc, err := Build(r.Desc, r.Plan, legal.MustLoad())
	if err != nil {
		t.Fatal(err)
	}
	md := string(doc.Markdown)
	var order []string
	for _, a := range doc.Addenda {
		order = append(order, a.Numeral+"="+a.Module.String())
	}
	if got := strings.Join(order, " "); got != "I=Module One II=Module Two III=Module Three IV=Module Four" {
		t.Errorf("addenda %s", got)
	}
	last := -1
	for _, a := range doc.Addenda {
		i := strings.Index(md, a.Heading+"\n")
		if i <= last {
			t.Errorf("%s out of order", a.Heading)
		}
		last = i
	}
	refs := regexp.MustCompile(`\[\^(\d+)\][^:]`).FindAllStringSubmatch(md, -1)
	defs := regexp.MustCompile(`(?m)^\[\^(\d+)\]: `).FindAllStringSubmatch(md, -1)
	next := 1
	for _, m := range refs {
		n, _ := strconv.Atoi(m[1])
		if n > next {
			t.Fatalf("footnote %d referenced before %d", n, next)
		}
		if n == next {
			next++
		}
	}
	if len(defs) != next-1 || next-1 < 17 {
		t.Errorf("%d footnotes referenced, %d defined", next-1, len(defs))
	}
	for i, d := range defs {
		if d[1] != strconv.Itoa(i+1) {
			t.Errorf("footnote definition %d is numbered %s", i+1, d[1])
		}
	}
	body := part(md, "## Contents", "\n## Addendum I ")
	for _, w := range []string{
		"Alder Books B.V. and Ember Books Pte. Ltd. each act as an independent controller: the Standard Contractual Clauses of Addendum I govern that transfer, and the provisions of this Agreement on processing on behalf of Customer do not apply to it.",
		"“**Customer**” means Alder Books B.V., Cedar Analytics Oy and Fuji Research K.K., and “**Provider**” means Birchline Hosting Inc., Cedar Analytics Oy and Dhruv Data Services Pvt. Ltd.",
		"Where Customer acts as a processor",
		"Cedar Analytics Oy acts as processor and makes Personal Data available to Fuji Research K.K.",
	} {
		if !strings.Contains(body, w) {
			t.Errorf("body lacks %q", w)
		}
	}
	// Each addendum covers one of the four transfers, so its Appendix is
	// named part by part, with only the Annexes its module has.
	for m, want := range map[model.Module]struct{ has, lacks []string }{
		model.ModuleOne:   {[]string{"Annex I.A", "Annex I.B", "Annex I.C", "Annex II"}, []string{"Annex III"}},
		model.ModuleTwo:   {[]string{"Annex I.A", "Annex I.B", "Annex I.C", "Annex II", "Annex III"}, nil},
		model.ModuleThree: {[]string{"Annex I.A", "Annex I.B", "Annex I.C", "Annex II", "Annex III"}, nil},
		model.ModuleFour:  {[]string{"Annex I.A", "Annex I.B"}, []string{"Annex I.C", "Annex II", "Annex III"}},
	} {
		a := doc.Addenda[int(m)-1]
		pre := part(md, a.Heading, "\n### STANDARD")
		i := strings.Index(pre, "the Appendix consists of")
		if i < 0 {
			t.Errorf("%s: no Appendix sentence", m)
			continue
		}
		sentence := pre[i:]
		for _, w := range want.has {
			if !strings.Contains(sentence, w) {
				t.Errorf("%s: Appendix lacks %s: %s", m, w, sentence)
			}
		}
		for _, w := range want.lacks {
			if strings.Contains(sentence, w+" ") || strings.Contains(sentence, w+".") || strings.Contains(sentence, w+";") {
				t.Errorf("%s: Appendix names %s, which the module does not have: %s", m, w, sentence)
			}
		}
	}
	// Annex I.C names the exporters of Modules One to Three only.
	annexIC := part(md, "### C. COMPETENT SUPERVISORY AUTHORITY", "## ANNEX II")
	if !strings.Contains(annexIC, "**Alder Books B.V.**") || strings.Count(annexIC, "\n**") != 2 {
		t.Errorf("Annex I.C:\n%s", annexIC)
	}
	compareAddenda(t, "four-modules", doc)
}

// compareAddenda runs compare.py --resolved on every addendum of doc.
func compareAddenda(t *testing.T, name string, doc *Document) {
	t.Helper()
	py := scctest.Python(t)
	path := filepath.Join(t.TempDir(), name+".md")
	if err := os.WriteFile(path, doc.Markdown, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, a := range doc.Addenda {
		summary, out, err := scctest.Compare(py, int(a.Module), a.Docking, path, addendumRange(a)...)
		if err != nil || !strings.Contains(summary, "resolution issues: 0") || !strings.Contains(summary, "missing or deviating: none") {
			t.Errorf("%s addendum %s (%s): compare.py (%v):\n%s", name, a.Numeral, a.Module, err, out)
			continue
		}
		t.Logf("%s addendum %s (%s): %s", name, a.Numeral, a.Module, summary)
	}
}

// TestDataTransferAgreementInEEA covers a data transfer agreement whose
// importer is in the EEA: without scc.force there are no Clauses and the
// body says why; with it, the Clauses are agreed as contractual safeguards
// only.
func TestDataTransferAgreementInEEA(t *testing.T) {
	r := validated(t, "../../examples/group-sharing/tidewell-group.yaml")
	d := r.Desc
	for _, p := range d.Parties {
		if p.ID == "tidewell-sg" {
			p.Country, p.Address = "FR", "1 rue de Rivoli, 75001 Paris, France"
		}
	}
	d.DPA.GoverningLaw, d.DPA.Courts = "NL", "NL"
	for _, force := range []bool{false, true} {
		d.SCC.Force = force
		plan, fs := scc.Analyze(d, legal.MustLoad())
		for _, f := range fs {
			if f.Severity == diag.Error {
				t.Fatalf("force=%v: %+v", force, f)
			}
		}
		doc, err := Build(d, plan, legal.MustLoad())
		if err != nil {
			t.Fatal(err)
		}
		md := string(doc.Markdown)
		want := "is not a transfer to a third country under Chapter V of the GDPR, and no standard contractual clauses apply to it"
		if force {
			want = "The Parties nonetheless agree the Clauses for it, as contractual safeguards only."
		}
		if !strings.Contains(md, want) || (len(doc.Addenda) == 1) != force {
			t.Errorf("force=%v: %d addenda, body lacks %q", force, len(doc.Addenda), want)
		}
	}
}
