package art28_test

import (
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dpa-tool/dpa/examples"
	"github.com/dpa-tool/dpa/internal/art28"
	"github.com/dpa-tool/dpa/internal/build"
	"github.com/dpa-tool/dpa/internal/doc"
	"github.com/dpa-tool/dpa/internal/model"
	"github.com/dpa-tool/dpa/internal/scc"
)

// built is an example's agreement and the facts the linter takes from it.
type built struct {
	name  string
	doc   *doc.Document
	facts art28.Facts
	plan  *model.Plan
}

// cache holds the examples built by the first test that needs them.
var cache struct {
	once sync.Once
	all  []built
}

// buildAll assembles every buildable example (Markdown only, nothing is
// written), once per test binary.
func buildAll(t *testing.T) []built {
	t.Helper()
	cache.once.Do(func() { cache.all = buildExamples(t) })
	if len(cache.all) == 0 {
		t.Fatal("no example built")
	}
	return cache.all
}

// buildExamples assembles every buildable example.
func buildExamples(t *testing.T) []built {
	var out []built
	for _, e := range examples.Buildable {
		r, err := build.File(filepath.Join("../../examples", e), t.TempDir(), []string{"md"}, false)
		if err != nil || r.Document == nil {
			t.Errorf("build %s: %v", e, err)
			return nil
		}
		p := r.Validation.Plan
		out = append(out, built{e, r.Document.Doc, art28.Facts{General: p.Authorisation != model.Specific}, p})
	}
	return out
}

// ids returns the IDs of elements.
func ids(es []art28.Element) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

// TestBuiltInBodyClean: the built-in body of every example with a
// processor covers every element, and its build reports no warning of the
// linter. Issue 16.
func TestBuiltInBodyClean(t *testing.T) {
	n := 0
	for _, b := range buildAll(t) {
		if scc.ControllersOnly(b.plan) {
			continue
		}
		n++
		if m := art28.Missing(b.doc, b.facts); len(m) > 0 {
			t.Errorf("%s: the built-in body misses %v", b.name, ids(m))
		}
	}
	if n < 8 {
		t.Fatalf("only %d examples with an Article 28 body", n)
	}
}

// drops names, for each element, text that occurs only in the built-in
// paragraphs that implement it (normalised: lower case, straight
// apostrophes).
var drops = []struct {
	id      string
	markers []string
}{
	{"subject", []string{"the subject matter, duration, nature and purposes of the processing"}},
	{"a", []string{"shall process personal data only on documented instructions"}},
	{"b", []string{"committed themselves to confidentiality"}},
	{"c", []string{"required by article 32 of the gdpr", "may update the measures in annex ii"}},
	{"d", []string{"its general written authorisation", "shall not engage a sub-processor without"}},
	{"flowdown", []string{"shall impose on each sub-processor"}},
	{"liability", []string{"shall remain fully liable"}},
	{"e", []string{"requests for exercising the data subject's rights"}},
	{"f", []string{"pursuant to articles 32 to 36"}},
	{"breach", []string{"shall notify customer of any personal data breach"}},
	{"g", []string{"delete or return all personal data"}},
	{"h", []string{"all information necessary to demonstrate compliance"}},
	{"infringe", []string{"shall immediately inform customer if"}},
}

// without returns a copy of d whose body lacks every paragraph containing
// one of markers, and how many paragraphs it removed.
func without(d *doc.Document, markers []string) (*doc.Document, int) {
	out := *d
	out.Sections = nil
	n := 0
	for _, s := range d.Sections {
		if s.Kind != doc.Body {
			out.Sections = append(out.Sections, s)
			continue
		}
		c := *s
		c.Blocks = nil
		for _, b := range s.Blocks {
			one := &doc.Document{Sections: []*doc.Section{{Kind: doc.Body, Blocks: []doc.Block{b}}}}
			p := art28.Paragraphs(one)
			if len(p) == 1 && slices.ContainsFunc(markers, func(m string) bool { return strings.Contains(p[0], m) }) {
				n++
				continue
			}
			c.Blocks = append(c.Blocks, b)
		}
		out.Sections = append(out.Sections, &c)
	}
	return &out, n
}

// TestDropEachElement removes, from the built-in body of every example
// with a processor, the paragraphs of one element at a time: the linter
// names exactly that element. Issue 16.
func TestDropEachElement(t *testing.T) {
	all := buildAll(t)
	if len(drops) != len(art28.Elements(art28.Facts{})) {
		t.Fatalf("%d cases for %d elements", len(drops), len(art28.Elements(art28.Facts{})))
	}
	for _, tc := range drops {
		t.Run(tc.id, func(t *testing.T) {
			for _, b := range all {
				if scc.ControllersOnly(b.plan) {
					continue
				}
				d, n := without(b.doc, tc.markers)
				if n == 0 {
					t.Fatalf("%s: no paragraph of the body contains %q", b.name, tc.markers)
				}
				if got := ids(art28.Missing(d, b.facts)); !slices.Equal(got, []string{tc.id}) {
					t.Errorf("%s without %d paragraph(s) of %s: missing %v, want [%s]", b.name, n, tc.id, got, tc.id)
				}
			}
		})
	}
}

// TestTwoMissing: a body without deletion or return and without the
// information and audits gets the two warnings, in the order of Article 28,
// each with the description's path and a hint.
func TestTwoMissing(t *testing.T) {
	b := buildAll(t)[0]
	d, _ := without(b.doc, []string{"delete or return all personal data", "all information necessary to demonstrate compliance"})
	l := art28.Lint(d, b.facts, "acme.yaml")
	var got []string
	for _, x := range l {
		got = append(got, x.Pos.String()+": "+x.Severity.String()+": "+x.Msg+" ["+x.Code+"]")
		if !strings.Contains(x.Hint, "dpa help art28") {
			t.Errorf("hint %q", x.Hint)
		}
	}
	want := []string{
		"acme.yaml: warning: the body does not cover Article 28(3)(g): deletion or return of personal data at the end of the services [art28.g]",
		"acme.yaml: warning: the body does not cover Article 28(3)(h): information to demonstrate compliance and audits, including inspections [art28.h]",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Lint =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// para is a body paragraph of plain text.
func para(s string) doc.Block {
	return doc.Block{Kind: doc.Paragraph, Inlines: []doc.Inline{{Text: s}}}
}

// item is a list item of plain text.
func item(s string) doc.Block {
	return doc.Block{Kind: doc.ListItem, Inlines: []doc.Inline{{Text: s}}}
}

// covers reports whether a body of blocks covers element id.
func covers(id string, f art28.Facts, blocks ...doc.Block) bool {
	d := &doc.Document{Sections: []*doc.Section{{Kind: doc.Body, Blocks: blocks}}}
	return !slices.Contains(ids(art28.Missing(d, f)), id)
}

// TestWordings: other wordings that cover an element, and near misses that
// do not.
func TestWordings(t *testing.T) {
	general, specific := art28.Facts{General: true}, art28.Facts{}
	tests := []struct {
		name   string
		id     string
		facts  art28.Facts
		blocks []doc.Block
		want   bool
	}{
		{"deletion in a lead-in and its list", "g", general, []doc.Block{
			para("On termination of the Principal Agreement, the Processor shall at the Controller’s option:"),
			item("return the personal data; or"),
			item("securely delete it."),
		}, true},
		{"deletion without return", "g", general, []doc.Block{para("On termination, the Processor shall delete all personal data.")}, false},
		{"list items apart from their lead-in", "g", general, []doc.Block{
			para("On termination of the Principal Agreement, the Processor shall at the Controller’s option:"),
			{Kind: doc.Heading, Inlines: []doc.Inline{{Text: "Other"}}},
			item("return the personal data; or"),
			item("securely delete it."),
		}, false},
		{"a row of a table", "g", general, []doc.Block{{Kind: doc.Table, Rows: [][]doc.Cell{
			{{{Text: "Audits"}}, {{Text: "Once a year."}}},
			{{{Text: "End of the services"}}, {{Text: "Provider deletes or returns the personal data."}}},
		}}}, true},
		{"only before process", "a", general, []doc.Block{para("The Processor shall only process the personal data on the documented instructions of the Controller, including as regards transfers to a third country.")}, true},
		{"process and only in two sentences", "a", general, []doc.Block{para("Provider shall process personal data in the Union. It acts only on documented instructions, also for transfers to a third country.")}, false},
		{"requests received from data subjects", "e", general, []doc.Block{para("Provider shall assist Customer with requests received from data subjects.")}, true},
		{"transfers only, not all processing", "a", general, []doc.Block{para("The Processor shall transfer personal data to a third country only on documented instructions.")}, false},
		{"words split over two paragraphs", "h", general, []doc.Block{
			para("The Processor shall make available all information necessary to demonstrate compliance."),
			para("The Controller may carry out audits, including inspections."),
		}, false},
		{"general authorisation under a specific election", "d", specific, []doc.Block{para("The Controller gives its general written authorisation to engage sub-processors; the Processor shall inform it of any intended addition, and the Controller may object.")}, false},
		{"specific authorisation", "d", specific, []doc.Block{para("The Processor shall not engage another processor without the prior specific written authorisation of the Controller.")}, true},
		{"general authorisation without objection", "d", general, []doc.Block{para("The Controller gives its general written authorisation to engage sub-processors; the Processor shall inform it of any intended addition.")}, false},
		{"Articles 32 to 36 listed", "f", general, []doc.Block{para("The Processor shall assist the Controller with the security of processing, personal data breaches, data protection impact assessments and prior consultation.")}, true},
		{"Article 32 does not cover Articles 32 to 36", "c", general, []doc.Block{para("The Processor shall assist with the obligations pursuant to Articles 32 to 36 using technical and organisational measures.")}, false},
		{"typographic apostrophe and no-break space", "e", general, []doc.Block{para("The Processor shall assist the Controller in responding to data subjects’\u00a0requests.")}, true},
	}
	for _, tt := range tests {
		if got := covers(tt.id, tt.facts, tt.blocks...); got != tt.want {
			t.Errorf("%s: covers %s = %v, want %v", tt.name, tt.id, got, tt.want)
		}
	}
}

// TestOnlyBody: the words must be in the body, not in the official
// clauses, the annexes or the cover.
func TestOnlyBody(t *testing.T) {
	p := para("At the end of the provision of services, the Processor shall delete or return all personal data.")
	for _, k := range []doc.SectionKind{doc.Cover, doc.Addendum, doc.Supplement, doc.Annex, doc.Signatures} {
		d := &doc.Document{Sections: []*doc.Section{{Kind: k, Blocks: []doc.Block{p}}}}
		if !slices.Contains(ids(art28.Missing(d, art28.Facts{})), "g") {
			t.Errorf("a paragraph of a section of kind %s counted", k)
		}
	}
	if len(art28.Missing(&doc.Document{}, art28.Facts{})) != len(art28.Elements(art28.Facts{})) {
		t.Error("a document without a body must miss every element")
	}
}

// TestOwnWording: a body in a vendor's own words, not ours, that says
// what Article 28 requires covers every element; without its deletion
// clause it misses exactly that one.
func TestOwnWording(t *testing.T) {
	body := []doc.Block{
		para("This DPA applies to personal data that Vendor processes on behalf of Customer. The subject-matter, duration, nature and purpose of the processing, the categories of personal data and the categories of data subjects are described in Annex 1."),
		para("Vendor shall only process Customer Personal Data on Customer’s documented instructions, including with regard to transfers of personal data to a third country or an international organisation, unless applicable law requires otherwise."),
		para("Vendor shall inform Customer immediately if, in its opinion, an instruction infringes applicable data protection law."),
		para("Vendor shall ensure that its personnel authorised to process Customer Personal Data are bound by written confidentiality obligations."),
		para("Vendor shall implement appropriate technical and organisational measures to protect Customer Personal Data against breaches of security, as set out in Annex 2."),
		para("Customer grants Vendor a general written authorisation to engage Subprocessors. Vendor shall notify Customer at least thirty days before adding or replacing a Subprocessor, and Customer may object to the change on reasonable grounds."),
		para("Vendor shall enter into a written agreement with each Subprocessor imposing the same data protection obligations as those set out in this DPA."),
		para("Vendor remains fully liable to Customer for the performance of each Subprocessor’s obligations."),
		para("Vendor shall assist Customer, by appropriate technical and organisational measures, in responding to requests from data subjects to exercise their rights."),
		para("Vendor shall assist Customer in complying with its obligations under Articles 32-36 GDPR, taking into account the nature of the processing and the information available to Vendor."),
		para("Vendor shall notify Customer without undue delay after becoming aware of a Personal Data Breach."),
		para("Upon termination or expiry of the Agreement, Vendor shall, at Customer’s election:"),
		item("return all Customer Personal Data; or"),
		item("delete it, unless applicable law requires its retention."),
		para("Vendor shall make available to Customer all information necessary to demonstrate compliance with this DPA and allow for and contribute to audits, including inspections, by Customer or an auditor mandated by Customer."),
	}
	d := &doc.Document{Sections: []*doc.Section{{Kind: doc.Body, Blocks: body}}}
	if m := art28.Missing(d, art28.Facts{General: true}); len(m) > 0 {
		t.Errorf("own wording misses %v", ids(m))
	}
	d.Sections[0].Blocks = slices.Delete(slices.Clone(body), 11, 14)
	if m := ids(art28.Missing(d, art28.Facts{General: true})); !slices.Equal(m, []string{"g"}) {
		t.Errorf("own wording without deletion misses %v, want [g]", m)
	}
}

// BenchmarkLint lints the built-in body of the two-module example (Modules
// Two and Three, the longest body).
func BenchmarkLint(b *testing.B) {
	t := &testing.T{}
	var d *doc.Document
	var f art28.Facts
	for _, x := range buildExamples(t) {
		if x.name == "two-modules/heron-maplewood.yaml" {
			d, f = x.doc, x.facts
		}
	}
	if d == nil {
		b.Fatal("example not built")
	}
	// first: the paragraphs are new to the process (one agreement, or
	// the first of a batch); again: the process has seen them (the
	// paragraphs a batch's bodies share).
	for _, c := range []struct {
		name   string
		forget bool
	}{{"first", true}, {"again", false}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				if c.forget {
					art28.ForgetMemos()
				}
				if l := art28.Lint(d, f, "x.yaml"); len(l) > 0 {
					b.Fatal(l[0].Msg)
				}
			}
			// CPU time, which other processes on a loaded machine do not inflate.
			b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}

// cpuTime returns the user and system time of this process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestParagraphsNormalised: lower case, straight apostrophes and hyphens,
// no soft hyphens, single spaces (line breaks and no-break spaces too).
func TestParagraphsNormalised(t *testing.T) {
	d := &doc.Document{Sections: []*doc.Section{{Kind: doc.Body, Blocks: []doc.Block{{Kind: doc.Paragraph, Inlines: []doc.Inline{
		{Text: "  The Sub\u2011pro\u00adcessor’s "},
		{Text: "ÉTAT", Strong: true},
		{Break: true},
		{Text: "\u00a0and\t‘Data’  "},
	}}}}}}
	got := art28.Paragraphs(d)
	if want := []string{"the sub-processor's état and 'data'"}; !slices.Equal(got, want) {
		t.Errorf("Paragraphs = %q, want %q", got, want)
	}
}
