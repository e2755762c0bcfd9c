package overlay

import (
	"testing"

	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/model"
)

func ptr[T any](v T) *T { return &v }

// fixture is a UK exporter, a Swiss exporter, a German exporter and one US
// importer, all in one Module Two transfer each; the plan is built by hand.
type fixture struct {
	d  *model.Description
	p  *model.Plan
	eu []EU
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	uk := &model.Party{Ptr: "/parties/0", ID: "aldgate", Name: "Aldgate Analytics Ltd", TradingName: "Aldgate",
		Address: "1 Example Row, London EC1A 1AA", Country: "GB", Registration: "Companies House 01234567",
		Contact: model.Person{Name: "Priya Shah", Position: "Head of Privacy", Email: "privacy@aldgate.example", Phone: "+44 20 7946 0000"}}
	ch := &model.Party{Ptr: "/parties/1", ID: "alpine", Name: "Alpine Systems AG", Address: "Bahnhofstrasse 1, 8001 Zürich", Country: "CH",
		Contact: model.Person{Name: "Luca Meier", Position: "Data Protection Officer", Email: "dpo@alpine.example"}}
	de := &model.Party{Ptr: "/parties/2", ID: "bavaria", Name: "Bavaria Works GmbH", Address: "Marienplatz 1, 80331 München", Country: "DE", Region: "DE-BY",
		Contact: model.Person{Name: "Eva Roth", Position: "DPO", Email: "dpo@bavaria.example"}}
	us := &model.Party{Ptr: "/parties/3", ID: "cobalt", Name: "Cobalt Cloud, Inc.", Address: "1 Market Street, San Francisco, CA 94105", Country: "US",
		Contact: model.Person{Name: "Sam Ortiz", Position: "Privacy Lead", Email: "privacy@cobalt.example"}}
	d := &model.Description{
		Agreement: model.Agreement{Date: "2026-05-01", Reference: "DPA-2026-042"},
		Parties:   []*model.Party{uk, ch, de, us},
	}
	p := &model.Plan{Authorisation: model.General, NoticeDays: model.Days{N: 30}, LawOption: 1, LawState: "IE", Courts: "IE"}
	for i, exp := range []*model.Party{uk, ch, de} {
		tr := &model.Transfer{Ptr: "/transfers/" + string(rune('0'+i)), ID: exp.ID + "-hosting", Title: "Hosting for " + exp.Name, Exporters: model.List{exp.ID}, Importers: model.List{"cobalt"},
			Roles: model.Roles{Exporter: model.Controller, Importer: model.Processor}}
		d.Transfers = append(d.Transfers, tr)
		p.Transfers = append(p.Transfers, &model.TransferPlan{Transfer: tr, Module: model.ModuleTwo, Needed: true, SCC: true})
		p.Exporters = append(p.Exporters, &model.ExporterPlan{Party: exp, Modules: []model.Module{model.ModuleTwo}, Authority: model.AuthorityInfo{Key: "IE"}})
	}
	p.Modules = []model.Module{model.ModuleTwo}
	p.Importers = []*model.Party{us}
	return &fixture{d: d, p: p, eu: []EU{{Name: "Addendum I", Module: model.ModuleTwo}}}
}

func (f *fixture) context() Context {
	return Context{D: f.d, P: f.p, LG: legal.MustLoad(), Agreement: "the Agreement"}
}
