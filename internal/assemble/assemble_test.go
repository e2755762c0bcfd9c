package assemble

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	examples_ "github.com/dpa-tool/dpa/examples"
	"github.com/dpa-tool/dpa/internal/clause"
	"github.com/dpa-tool/dpa/internal/golden"
	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/model"
	"github.com/dpa-tool/dpa/internal/scc"
	"github.com/dpa-tool/dpa/internal/scctest"
	"github.com/dpa-tool/dpa/internal/validate"
)

var examples = examples_.Buildable

func validated(t testing.TB, path string) *validate.Result {
	t.Helper()
	r, err := validate.File(path)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Valid(false) {
		t.Fatalf("%s: %s", path, r.Diags.Error())
	}
	return r
}

func buildExample(t testing.TB, ex string) (*Document, *validate.Result) {
	t.Helper()
	r := validated(t, filepath.Join("../../examples", ex))
	doc, err := Build(r.Desc, r.Plan, legal.MustLoad())
	if err != nil {
		t.Fatalf("%s: %v", ex, err)
	}
	return doc, r
}

// TestGolden pins the Markdown of every example and checks that a second
// build gives the same bytes.
func TestGolden(t *testing.T) {
	for _, ex := range examples {
		t.Run(ex, func(t *testing.T) {
			doc, r := buildExample(t, ex)
			again, err := Build(r.Desc, r.Plan, legal.MustLoad())
			if err != nil || !bytes.Equal(doc.Markdown, again.Markdown) {
				t.Fatalf("second build differs (%v)", err)
			}
			md := doc.Markdown
			if !bytes.HasSuffix(md, []byte("\n")) || bytes.HasSuffix(md, []byte("\n\n")) || bytes.Contains(md, []byte("\r")) {
				t.Error("output must use LF and end with exactly one newline")
			}
			name := strings.TrimSuffix(filepath.Base(ex), ".yaml") + ".md"
			golden.Check(t, filepath.Join("testdata", "golden", name), md)
		})
	}
}

// TestNoLeftovers checks that no output keeps an option label, placeholder,
// drafting note or template leftover.
func TestNoLeftovers(t *testing.T) {
	bad := append([]string{"<no value>", "{{", "}}", "…", "§", "<!--", "MISSING", "%!"}, clause.Leftovers...)
	for _, ex := range examples {
		doc, _ := buildExample(t, ex)
		for _, b := range bad {
			if i := bytes.Index(doc.Markdown, []byte(b)); i >= 0 {
				t.Errorf("%s: leftover %q near %q", ex, b, doc.Markdown[max(0, i-40):min(len(doc.Markdown), i+40)])
			}
		}
	}
}

// TestOfficialText runs compare.py --resolved on every addendum of every
// example against the official module text.
func TestOfficialText(t *testing.T) {
	py := scctest.Python(t)
	dir := t.TempDir()
	checked := 0
	for _, ex := range examples {
		doc, _ := buildExample(t, ex)
		path := filepath.Join(dir, strings.TrimSuffix(filepath.Base(ex), ".yaml")+".md")
		if err := os.WriteFile(path, doc.Markdown, 0o644); err != nil {
			t.Fatal(err)
		}
		for i, a := range doc.Addenda {
			summary, out, err := scctest.Compare(py, int(a.Module), a.Docking, path, addendumRange(a)...)
			if err != nil || !strings.HasPrefix(summary, "18/18") && !strings.HasPrefix(summary, "17/18") {
				t.Errorf("%s addendum %d: compare.py failed (%v):\n%s", ex, i+1, err, out)
				continue
			}
			if !strings.Contains(summary, "resolution issues: 0") || !strings.Contains(summary, "missing or deviating: none") {
				t.Errorf("%s addendum %d: %s", ex, i+1, summary)
			}
			checked++
			t.Logf("%s addendum %s (%s): %s", ex, a.Numeral, a.Module, summary)
		}
	}
	if checked < 7 {
		t.Errorf("only %d addenda compared", checked)
	}
}

// TestArticle28 checks that every element of Art. 28(3) and (4) that SPEC §4
// lists is in the body of every example, with the parameters filled in, and
// that the wording follows the facts.
func TestArticle28(t *testing.T) {
	for _, ex := range examples {
		doc, r := buildExample(t, ex)
		if scc.ControllersOnly(r.Plan) {
			continue // a data transfer agreement: TestDataTransferAgreement
		}
		md := string(doc.Markdown)
		body := md
		for _, end := range []string{"\n## Addendum I ", "\n## ANNEX I\n"} {
			if i := strings.Index(body, end); i > 0 {
				body = body[:i]
			}
		}
		d, p := r.Desc, r.Plan
		want := []string{
			"only on documented instructions", "including with regard to transfers of Personal Data to a third country",
			"unless that law prohibits such information", "immediately inform Customer if, in its opinion, an instruction infringes",
			"committed themselves to confidentiality", "Article 32 of the GDPR", "Annex II",
			"at least " + p.NoticeDays.String(), "same data protection obligations", "remain fully liable",
			"Chapter III of the GDPR", "Articles 32 to 36", "data protection impact assessments", "prior consultation",
			fmt.Sprintf("without undue delay and in any event within %d hours", d.BreachHours()),
			"at Customer’s choice, delete or return", fmt.Sprintf("within %s, unless Union or Member State law requires storage", d.DeletionDays()),
			"including inspections", "another auditor mandated by Customer", "indications of non-compliance",
			"No limitation of liability applies to the liability of a Party towards data subjects",
			"remains in force for as long as", "Order of precedence", "governed by the law of " + legal.MustLoad().LawOf(p.BodyLaw),
			"The courts of " + legal.MustLoad().LawOf(p.BodyCourts),
		}
		if p.Authorisation == model.Specific {
			want = append(want, "prior specific written authorisation")
		} else {
			want = append(want, "general written authorisation", "may object")
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: body lacks %q", ex, w)
			}
		}
		hasTransfers := strings.Contains(body, "International transfers")
		if hasTransfers != p.AnySCC() {
			t.Errorf("%s: transfer section present=%v, SCCs=%v", ex, hasTransfers, p.AnySCC())
		}
		m3 := false
		for _, tp := range p.Transfers {
			m3 = m3 || tp.Transfer.Roles.Exporter == model.Processor && tp.Transfer.Roles.Importer == model.Processor
		}
		if m3 != strings.Contains(body, "(each, a “**Controller**”)") {
			t.Errorf("%s: Module Three wording present=%v, Module Three=%v", ex, !m3, m3)
		}
		if p.Forced != strings.Contains(body, "as contractual safeguards only") {
			t.Errorf("%s: scc.force sentence does not follow scc.force", ex)
		}
	}
}

// headings returns the headings of a parsed document as "level text".
func parse(md []byte) ast.Node {
	gm := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Footnote))
	return gm.Parser().Parse(text.NewReader(md))
}

func headings(md []byte) []string {
	var out []string
	doc := parse(md)
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			out = append(out, fmt.Sprintf("%d %s", h.Level, plain(h, md)))
		}
		return ast.WalkContinue, nil
	})
	return out
}

// plain returns the text of a node with escapes resolved.
func plain(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch t := c.(type) {
			case *ast.Text:
				b.Write(util.UnescapePunctuations(t.Segment.Value(src)))
				if t.SoftLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(t.Value)
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// TestHeadingTree parses every output with goldmark and checks the heading
// tree: one title, levels that never skip, and the same headings as the
// lines that start with #.
func TestHeadingTree(t *testing.T) {
	for _, ex := range examples {
		doc, _ := buildExample(t, ex)
		hs := headings(doc.Markdown)
		var lines []string
		inCode := false
		for _, l := range strings.Split(string(doc.Markdown), "\n") {
			inCode = inCode != strings.HasPrefix(l, "```")
			if m := regexp.MustCompile(`^(#+) (.*)$`).FindStringSubmatch(l); m != nil && !inCode {
				lines = append(lines, fmt.Sprintf("%d %s", len(m[1]), strings.ReplaceAll(m[2], `\`, "")))
			}
		}
		if strings.Join(hs, "\n") != strings.Join(lines, "\n") {
			t.Errorf("%s: parsed headings differ from the source lines", ex)
		}
		titles, prev := 0, 0
		for _, h := range hs {
			var level int
			fmt.Sscanf(h, "%d", &level)
			if level == 1 {
				titles++
			}
			if level > prev+1 {
				t.Errorf("%s: heading %q skips a level", ex, h)
			}
			prev = level
		}
		if titles != 1 {
			t.Errorf("%s: %d level-1 headings, want 1", ex, titles)
		}
	}
}

// TestEscaping builds an agreement whose parties and transfers carry
// Markdown syntax and checks that none of it becomes structure: the parsed
// document has the same structure as with plain names, and the text comes
// back literally.
func TestEscaping(t *testing.T) {
	hostile := []string{
		"*Acme* | Ltd <script>alert(1)</script>",
		"# Not a heading",
		"1. Not a list",
		"[link](https://evil.example) ![img](x.png)",
		"`code` _em_ __strong__ ~~gone~~ \\ &amp; [^1]",
		"- dash | pipe",
	}
	structure := func(md []byte) map[string]int {
		counts := map[string]int{}
		ast.Walk(parse(md), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering {
				counts[n.Kind().String()]++
			}
			return ast.WalkContinue, nil
		})
		delete(counts, "Text") // text is split differently around escapes
		delete(counts, "String")
		return counts
	}
	build := func(names []string) []byte {
		r := validated(t, "../../examples/two-modules/heron-maplewood.yaml")
		d := r.Desc
		for i, p := range d.Parties {
			p.Name = names[i%len(names)]
			p.Activities = names[(i+1)%len(names)]
		}
		d.Transfers[0].DataSubjects = names
		d.Transfers[0].SubjectMatter = names[3]
		d.SecurityMeasures[0].Category = names[0]
		d.Subprocessors[0].Name = names[5]
		doc, err := Build(d, r.Plan, legal.MustLoad())
		if err != nil {
			t.Fatal(err)
		}
		return doc.Markdown
	}
	plainNames := []string{"Alpha Ltd", "Beta Ltd", "Gamma Ltd", "Delta Ltd", "Epsilon Ltd", "Zeta Ltd"}
	want, got := structure(build(plainNames)), structure(build(hostile))
	for k := range want {
		if want[k] != got[k] {
			t.Errorf("%s nodes: %d with hostile names, %d with plain names", k, got[k], want[k])
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("hostile names created %d %s nodes", got[k], k)
		}
	}
	md := build(hostile)
	text := plain(parse(md), md)
	for _, h := range hostile[:5] {
		if !strings.Contains(text, h) {
			t.Errorf("text %q does not come back literally", h)
		}
	}
	for _, e := range []ast.NodeKind{ast.KindRawHTML, ast.KindHTMLBlock, ast.KindLink, ast.KindImage, ast.KindCodeSpan, east.KindStrikethrough} {
		if got[e.String()] > 0 {
			t.Errorf("hostile names produced %s", e)
		}
	}
}

// addendumRange gives compare.py the lines of addendum a in an agreement's
// Markdown: from its heading to the next section or its accession form.
func addendumRange(a Addendum) []string {
	return []string{"--from", "^" + regexp.QuoteMeta(a.Heading) + "$", "--to", `^(## |### Accession form)`}
}
