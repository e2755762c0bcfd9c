package validate

import (
	"math"
	"unicode/utf8"

	"github.com/dpa-tool/dpa/internal/model"
)

// decodeDirect fills d from the loader's tree (map[string]any, []any,
// string, float64, bool) without the JSON round trip: writing the tree as
// JSON and decoding it by reflection cost every agreement ~0.5 ms and a
// cold process another ~1.5 ms of encoding/json's first-use type tables.
//
// It is the fast path for a description the schema accepted, and it does
// exactly what json.Unmarshal (with the model's UnmarshalJSON methods)
// does with such a tree. Where json's behaviour is subtle (null values,
// values of the wrong type, keys that match a field only when case is
// ignored, numbers that are not integers, invalid UTF-8) it gives up and
// reports false, and the caller takes the JSON path: the fast path never
// has to copy json's leniency, only to recognise where it begins.
func decodeDirect(tree any, d *model.Description) bool {
	x := &direct{ok: true}
	x.description(tree, d)
	return x.ok
}

// ignoredKeys are keys of a description that no model field takes: json
// skips them. None of them matches a field when case is ignored (a test
// keeps that true), so skipping them here does what json does.
var ignoredKeys = map[string]bool{"kind": true, "extends": true}

// direct decodes one tree; ok turns false at the first value it leaves to
// the JSON path.
type direct struct{ ok bool }

// fail gives the tree up to the JSON path.
func (x *direct) fail() { x.ok = false }

// object returns v as a mapping, or fails.
func (x *direct) object(v any) map[string]any {
	m, ok := v.(map[string]any)
	if !ok || m == nil {
		x.fail()
	}
	return m
}

// array returns v as a sequence, or fails.
func (x *direct) array(v any) []any {
	a, ok := v.([]any)
	if !ok || a == nil {
		x.fail()
	}
	return a
}

// str returns v as a string, or fails. json replaces invalid UTF-8 by
// U+FFFD on the way: such a string is left to it.
func (x *direct) str(v any) string {
	s, ok := v.(string)
	if !ok || !utf8.ValidString(s) {
		x.fail()
	}
	return s
}

// boolean returns v as a boolean, or fails.
func (x *direct) boolean(v any) bool {
	b, ok := v.(bool)
	if !ok {
		x.fail()
	}
	return b
}

// integer returns v as an int, or fails: json refuses a number with a
// fraction or an exponent for an int, and 2^53 bounds the integers a
// float64 holds exactly.
func (x *direct) integer(v any) int {
	f, ok := v.(float64)
	if !ok || f != math.Trunc(f) || math.Abs(f) >= 1<<53 {
		x.fail()
		return 0
	}
	return int(f)
}

// boolPtr returns v as a new boolean.
func (x *direct) boolPtr(v any) *bool {
	b := x.boolean(v)
	return &b
}

// unknown handles key k that no field of the struct being decoded takes.
func (x *direct) unknown(k string) {
	if !ignoredKeys[k] {
		x.fail()
	}
}

// list decodes a model.List: a string, or a sequence of strings (an empty
// sequence is an empty, non-nil list, as json makes it).
func (x *direct) list(v any) model.List {
	if s, ok := v.(string); ok {
		return model.List{x.str(s)}
	}
	a := x.array(v)
	out := make(model.List, len(a))
	for i, e := range a {
		out[i] = x.str(e)
	}
	return out
}

// days decodes a model.Days: a number, or {calendar: N} or {working: N}
// (working wins when both are given, as in Days.UnmarshalJSON).
func (x *direct) days(v any) model.Days {
	if _, ok := v.(float64); ok {
		return model.Days{N: x.integer(v)}
	}
	var cal, work *int
	for k, e := range x.object(v) {
		n := x.integer(e)
		switch k {
		case "calendar":
			cal = &n
		case "working":
			work = &n
		default:
			x.fail()
		}
	}
	switch {
	case work != nil:
		return model.Days{N: *work, Working: true}
	case cal != nil:
		return model.Days{N: *cal}
	}
	return model.Days{}
}

// description decodes the whole description into d.
func (x *direct) description(v any, d *model.Description) {
	for k, e := range x.object(v) {
		if !x.ok {
			return
		}
		switch k {
		case "version":
			d.Version = x.integer(e)
		case "agreement":
			x.agreement(e, &d.Agreement)
		case "parties":
			a := x.array(e)
			d.Parties = make([]*model.Party, len(a))
			for i, p := range a {
				d.Parties[i] = new(model.Party)
				x.party(p, d.Parties[i])
			}
		case "transfers":
			a := x.array(e)
			d.Transfers = make([]*model.Transfer, len(a))
			for i, t := range a {
				d.Transfers[i] = new(model.Transfer)
				x.transfer(t, d.Transfers[i])
			}
		case "scc":
			d.SCC = new(model.SCC)
			x.scc(e, d.SCC)
		case "dpa":
			x.dpa(e, &d.DPA)
		case "security_measures":
			a := x.array(e)
			d.SecurityMeasures = make([]*model.Measure, len(a))
			for i, m := range a {
				d.SecurityMeasures[i] = new(model.Measure)
				x.measure(m, d.SecurityMeasures[i])
			}
		case "assistance_measures":
			d.AssistanceMeasures = x.list(e)
		case "subprocessors":
			a := x.array(e)
			d.Subprocessors = make([]*model.Subprocessor, len(a))
			for i, s := range a {
				d.Subprocessors[i] = new(model.Subprocessor)
				x.subprocessor(s, d.Subprocessors[i])
			}
		case "uk_addendum":
			u := new(model.UKAddendum)
			for k, e := range x.object(e) {
				switch k {
				case "include":
					u.Include = x.boolPtr(e)
				case "ending":
					u.Ending = x.str(e)
				case "module4_combined":
					u.Module4Combined = x.boolPtr(e)
				default:
					x.fail()
				}
			}
			d.UKAddendum = u
		case "swiss_supplement":
			s := new(model.SwissSupplement)
			for k, e := range x.object(e) {
				switch k {
				case "include":
					s.Include = x.boolPtr(e)
				case "governing_law":
					s.GoverningLaw = x.str(e)
				case "courts":
					s.Courts = x.str(e)
				default:
					x.fail()
				}
			}
			d.SwissSupplement = s
		default:
			x.unknown(k)
		}
	}
}

// agreement decodes the agreement mapping into a.
func (x *direct) agreement(v any, a *model.Agreement) {
	for k, e := range x.object(v) {
		switch k {
		case "title":
			a.Title = x.str(e)
		case "reference":
			a.Reference = x.str(e)
		case "version":
			a.Version = x.str(e)
		case "supersedes":
			a.Supersedes = x.str(e)
		case "date":
			a.Date = x.str(e)
		case "execution":
			a.Execution = x.str(e)
		case "principal_agreement":
			a.PrincipalAgreement = x.str(e)
		case "paper":
			a.Paper = x.str(e)
		case "templates":
			a.Templates = x.str(e)
		default:
			x.fail()
		}
	}
}

// person decodes a contact or signatory into p.
func (x *direct) person(v any, p *model.Person) {
	for k, e := range x.object(v) {
		switch k {
		case "name":
			p.Name = x.str(e)
		case "position":
			p.Position = x.str(e)
		case "email":
			p.Email = x.str(e)
		case "phone":
			p.Phone = x.str(e)
		default:
			x.fail()
		}
	}
}

// party decodes one party into p.
func (x *direct) party(v any, p *model.Party) {
	for k, e := range x.object(v) {
		switch k {
		case "id":
			p.ID = x.str(e)
		case "name":
			p.Name = x.str(e)
		case "address":
			p.Address = x.str(e)
		case "country":
			p.Country = x.str(e)
		case "region":
			p.Region = x.str(e)
		case "registration":
			p.Registration = x.str(e)
		case "establishment":
			pl := new(model.Place)
			for k, e := range x.object(e) {
				switch k {
				case "country":
					pl.Country = x.str(e)
				case "region":
					pl.Region = x.str(e)
				default:
					x.fail()
				}
			}
			p.Establishment = pl
		case "contact":
			x.person(e, &p.Contact)
		case "dpo":
			p.DPO = new(model.Person)
			x.person(e, p.DPO)
		case "representative":
			r := new(model.Representative)
			for k, e := range x.object(e) {
				switch k {
				case "name":
					r.Name = x.str(e)
				case "address":
					r.Address = x.str(e)
				case "country":
					r.Country = x.str(e)
				case "email":
					r.Email = x.str(e)
				default:
					x.fail()
				}
			}
			p.Representative = r
		case "activities":
			p.Activities = x.str(e)
		case "signatory":
			// An object or a sequence of objects, as Signatories.UnmarshalJSON.
			if _, ok := e.(map[string]any); ok {
				var s model.Person
				x.person(e, &s)
				p.Signatories = model.Signatories{s}
				break
			}
			a := x.array(e)
			p.Signatories = make(model.Signatories, len(a))
			for i, s := range a {
				x.person(s, &p.Signatories[i])
			}
		case "dpf_certified":
			p.DPFCertified = x.boolean(e)
		case "gdpr_art3_2":
			p.GDPRArt32 = x.boolean(e)
		case "trading_name":
			p.TradingName = x.str(e)
		case "uk_gdpr":
			p.UKGDPR = x.boolPtr(e)
		case "swiss_fadp":
			p.SwissFADP = x.boolPtr(e)
		default:
			x.fail()
		}
	}
}

// transfer decodes one transfer into t.
func (x *direct) transfer(v any, t *model.Transfer) {
	for k, e := range x.object(v) {
		switch k {
		case "id":
			t.ID = x.str(e)
		case "title":
			t.Title = x.str(e)
		case "exporter":
			t.Exporters = x.list(e)
		case "importer":
			t.Importers = x.list(e)
		case "roles":
			for k, e := range x.object(e) {
				switch k {
				case "exporter":
					t.Roles.Exporter = model.Role(x.str(e))
				case "importer":
					t.Roles.Importer = model.Role(x.str(e))
				default:
					x.fail()
				}
			}
		case "module":
			t.Module = model.Module(x.integer(e))
		case "controllers":
			t.Controllers = x.str(e)
		case "subject_matter":
			t.SubjectMatter = x.str(e)
		case "duration":
			t.Duration = x.str(e)
		case "data_subjects":
			t.DataSubjects = x.list(e)
		case "personal_data":
			t.PersonalData = x.list(e)
		case "sensitive_data":
			s := new(model.Sensitive)
			for k, e := range x.object(e) {
				switch k {
				case "categories":
					s.Categories = x.list(e)
				case "safeguards":
					s.Safeguards = x.list(e)
				default:
					x.fail()
				}
			}
			t.Sensitive = s
		case "frequency":
			t.Frequency = x.str(e)
		case "nature":
			t.Nature = x.list(e)
		case "purposes":
			t.Purposes = x.list(e)
		case "retention":
			t.Retention = x.str(e)
		case "subprocessing":
			t.Subprocessing = x.str(e)
		case "tia":
			ti := new(model.TIA)
			for k, e := range x.object(e) {
				switch k {
				case "reference":
					ti.Reference = x.str(e)
				case "date":
					ti.Date = x.str(e)
				default:
					x.fail()
				}
			}
			t.TIA = ti
		default:
			x.fail()
		}
	}
}

// scc decodes the scc mapping (the clauses' options) into s.
func (x *direct) scc(v any, s *model.SCC) {
	for k, e := range x.object(v) {
		switch k {
		case "force":
			s.Force = x.boolean(e)
		case "docking_clause":
			s.DockingClause = x.boolean(e)
		case "redress_body":
			// A boolean, or the body's details (elected), as
			// RedressBody.UnmarshalJSON.
			if b, ok := e.(bool); ok {
				s.RedressBody = model.RedressBody{Elected: b}
				break
			}
			r := model.RedressBody{Elected: true}
			for k, e := range x.object(e) {
				switch k {
				case "name":
					r.Name = x.str(e)
				case "address":
					r.Address = x.str(e)
				case "email":
					r.Email = x.str(e)
				case "website":
					r.Website = x.str(e)
				default:
					x.fail()
				}
			}
			s.RedressBody = r
		case "governing_law":
			// A State code, or {exporter_country, fallback}, as
			// GoverningLaw.UnmarshalJSON.
			g := new(model.GoverningLaw)
			if st, ok := e.(string); ok {
				g.State = x.str(st)
			} else {
				for k, e := range x.object(e) {
					switch k {
					case "exporter_country":
						g.ExporterCountry = x.boolean(e)
					case "fallback":
						g.Fallback = x.str(e)
					default:
						x.fail()
					}
				}
			}
			s.GoverningLaw = g
		case "courts":
			s.Courts = x.str(e)
		case "supervisory_authority":
			s.SupervisoryAuthority = x.str(e)
		default:
			x.fail()
		}
	}
}

// dpa decodes the dpa mapping (the negotiated positions) into d.
func (x *direct) dpa(v any, d *model.DPA) {
	for k, e := range x.object(v) {
		switch k {
		case "subprocessors":
			t := &d.Subprocessors
			for k, e := range x.object(e) {
				switch k {
				case "authorisation":
					t.Authorisation = model.Authorisation(x.str(e))
				case "notice_days":
					t.NoticeDays = x.days(e)
				case "controller_decision_days":
					n := x.days(e)
					t.ControllerDays = &n
				case "objection":
					t.Objection = x.str(e)
				case "deemed_acceptance":
					t.DeemedAcceptance = x.boolPtr(e)
				default:
					x.fail()
				}
			}
		case "breach_notice_hours":
			n := x.integer(e)
			d.BreachNoticeHours = &n
		case "deletion_days":
			n := x.days(e)
			d.DeletionDays = &n
		case "audit":
			a := new(model.Audit)
			for k, e := range x.object(e) {
				switch k {
				case "frequency":
					a.Frequency = x.str(e)
				case "notice_days":
					n := x.days(e)
					a.NoticeDays = &n
				case "reports_first":
					a.ReportsFirst = x.boolPtr(e)
				case "remote":
					a.Remote = x.boolPtr(e)
				case "costs":
					a.Costs = x.str(e)
				default:
					x.fail()
				}
			}
			d.Audit = a
		case "governing_law":
			d.GoverningLaw = x.str(e)
		case "courts":
			d.Courts = x.str(e)
		case "principal_liability_cap":
			d.LiabilityCap = x.boolPtr(e)
		case "preset":
			d.Preset = model.Preset(x.str(e))
		case "return":
			r := new(model.Return)
			for k, e := range x.object(e) {
				switch k {
				case "deemed_choice":
					r.DeemedChoice = x.str(e)
				case "costs":
					r.Costs = x.str(e)
				default:
					x.fail()
				}
			}
			d.Return = r
		default:
			x.fail()
		}
	}
}

// measure decodes one security measure into m.
func (x *direct) measure(v any, m *model.Measure) {
	for k, e := range x.object(v) {
		switch k {
		case "id":
			m.ID = x.str(e)
		case "category":
			m.Category = x.str(e)
		case "measures":
			m.Measures = x.list(e)
		case "transfers":
			m.Transfers = x.list(e)
		default:
			x.fail()
		}
	}
}

// subprocessor decodes one sub-processor into s.
func (x *direct) subprocessor(v any, s *model.Subprocessor) {
	for k, e := range x.object(v) {
		switch k {
		case "id":
			s.ID = x.str(e)
		case "name":
			s.Name = x.str(e)
		case "address":
			s.Address = x.str(e)
		case "country":
			s.Country = x.str(e)
		case "contact":
			x.person(e, &s.Contact)
		case "activity":
			s.Activity = x.str(e)
		case "locations":
			s.Locations = x.list(e)
		case "safeguard":
			s.Safeguard = x.str(e)
		case "importer":
			s.Importer = x.str(e)
		case "dpf_certified":
			s.DPFCertified = x.boolean(e)
		default:
			x.fail()
		}
	}
}
