package scc

import (
	"slices"

	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/model"
)

// This file computes the legal facts that both the agreement and dpa
// explain state, once, so that the two cannot disagree: the law and courts
// (Clauses 17 and 18 and the body), the transfer mechanism of a transfer
// under Chapter V, and the dispute resolution body of Clause 11(a). The
// authority of Clause 13 and its basis are in the plan (ExporterPlan).
// The wording stays with each: the templates word the agreement, explain
// its own lines.

// Forum names the law and the courts of an agreement as the reference data
// names them ("Ireland", "the Netherlands").
type Forum struct {
	// ClauseLaw and ClauseCourts govern the Standard Contractual Clauses
	// (Clause 17; Clause 18(b), Module Four: Clause 18): a Member State or,
	// under Module Four, a country.
	ClauseLaw, ClauseCourts string
	// BodyLaw and BodyCourts govern the rest of the agreement.
	BodyLaw, BodyCourts string
}

// ForumOf returns the law and courts of the plan.
func ForumOf(p *model.Plan, lg *legal.Data) Forum {
	return Forum{
		ClauseLaw: lg.LawOf(p.LawState), ClauseCourts: lg.LawOf(p.Courts),
		BodyLaw: lg.LawOf(p.BodyLaw), BodyCourts: lg.LawOf(p.BodyCourts),
	}
}

// MechanismKind is the kind of legal basis of a transfer under Chapter V.
type MechanismKind int

// The kinds of transfer mechanism.
const (
	// WithinEEA: the importer is established in the EEA and no Clauses
	// apply; there is no transfer to a third country.
	WithinEEA MechanismKind = iota
	// NoClauses: a transfer to a third country for which the agreement
	// has no Clauses (its module is not supported).
	NoClauses
	// Contractual: the importer is established in the EEA, and the
	// Clauses apply as contractual safeguards only.
	Contractual
	// Clauses: the Standard Contractual Clauses, Article 46(2)(c) GDPR.
	Clauses
	// AdequacyAndClauses: adequacy decisions cover every importer; the
	// Clauses apply in addition.
	AdequacyAndClauses
)

// Mechanism is the legal basis of a transfer under Chapter V GDPR.
type Mechanism struct {
	Kind   MechanismKind
	Module model.Module
	// Decisions are the adequacy decisions that cover the importers, each
	// once, in the order of the importers (AdequacyAndClauses only); DPF
	// is true when one is the EU-U.S. Data Privacy Framework.
	Decisions []model.AdequacyInfo
	DPF       bool
}

// MechanismOf returns the legal basis of transfer tp.
func MechanismOf(tp *model.TransferPlan) Mechanism {
	m := Mechanism{Module: tp.Module}
	switch {
	case !tp.SCC && !tp.Needed:
		m.Kind = WithinEEA
		return m
	case !tp.SCC:
		m.Kind = NoClauses
		return m
	case !tp.Needed:
		m.Kind = Contractual
		return m
	}
	m.Kind = AdequacyAndClauses
	for _, d := range tp.Destinations {
		if d.Adequacy == nil {
			return Mechanism{Kind: Clauses, Module: tp.Module}
		}
		if !slices.Contains(m.Decisions, *d.Adequacy) {
			m.Decisions = append(m.Decisions, *d.Adequacy)
		}
		m.DPF = m.DPF || d.Adequacy.DPF
	}
	return m
}

// RedressParts identifies the dispute resolution body of Clause 11(a):
// its name, then the address, e-mail and website that are given; nil
// where the option is not elected or no body is named.
func RedressParts(rb model.RedressBody) []string {
	if !rb.Elected || rb.Name == "" {
		return nil
	}
	out := []string{rb.Name}
	for _, x := range []string{rb.Address, rb.Email, rb.Website} {
		if x != "" {
			out = append(out, x)
		}
	}
	return out
}
