package model

// Plan is what the rules derive from a description: the module of each
// transfer, whether its clauses are included, the clause elections and the
// competent authorities, each with the reason that chose it.
type Plan struct {
	Transfers []*TransferPlan
	// Modules lists the SCC modules whose clauses the agreement includes, in
	// ascending order (Module Two before Module Three).
	Modules []Module
	// Forced is true when scc.force includes clauses no transfer needs.
	Forced bool

	Docking       bool        // Clause 7
	Redress       RedressBody // Clause 11(a) optional paragraph
	Authorisation Authorisation
	NoticeDays    Days // Clause 9(a) time period

	// Exporters are the exporters of transfers with SCCs, in party order.
	Exporters []*ExporterPlan

	LawOption int    // Clause 17: 1 or 2
	LawState  string // Clause 17: the State (Option 1) or the fallback (Option 2)
	Courts    string // Clause 18(b)

	BodyLaw    string // governing law of the Article 28 body
	BodyCourts string // courts of the Article 28 body

	// Importers are the processors that may engage sub-processors under the
	// agreement (Annex III), in party order: the importers that act as
	// processor, and the exporters of Module Four transfers.
	Importers []*Party
}

// TransferPlan is the plan for one transfer.
type TransferPlan struct {
	Transfer     *Transfer
	Module       Module
	ModuleReason string
	// Needed is true when Chapter V requires safeguards (an importer outside the EEA).
	Needed bool
	// SCC is true when the clauses apply to this transfer (needed, or forced).
	SCC       bool
	SCCReason string
	Notes     []string
	// Destinations are the importers with the adequacy decision that
	// covers each, in the order of the transfer.
	Destinations []Destination
}

// Destination is an importer of a transfer and the adequacy decision that
// covers its country, if any.
type Destination struct {
	Party *Party
	// Adequacy is nil inside the EEA and where no decision covers the
	// importer (for the United States: without DPF certification).
	Adequacy *AdequacyInfo
}

// AdequacyInfo is an adequacy decision as the agreement cites it.
type AdequacyInfo struct {
	Country  string // English name of the country or territory
	Decision string
	Scope    string
	DPF      bool // the EU-U.S. Data Privacy Framework
}

// Clause13 is the Clause 13(a) variant that fits an exporter.
type Clause13 int

// The three variants of Clause 13(a), in the order of the official text.
const (
	EstablishedInEU    Clause13 = 1 // established in an EU Member State
	WithRepresentative Clause13 = 2 // Art. 3(2), with an Art. 27 representative
	NoRepresentative   Clause13 = 3 // Art. 3(2), without a representative
)

// AuthorityInfo is a supervisory authority as printed in the agreement.
type AuthorityInfo struct {
	Key         string
	Name        string // in the authority's own language
	NameEN      string // English name, "" where the data has none
	DisplayName string // Name, then the English name in brackets where different
	Address     string
	Website     string
}

// ExporterPlan is the Clause 13 result for one exporter.
type ExporterPlan struct {
	Party     *Party
	Modules   []Module
	Variant   Clause13
	Authority AuthorityInfo
	// Rule says for explain why this authority was chosen (may use ids).
	Rule string
	// Basis states the Clause 13(a) basis in legal words for Annex I.C.
	Basis string
}

// TransfersOf returns the plans of transfers with SCCs under module m.
func (p *Plan) TransfersOf(m Module) []*TransferPlan {
	var out []*TransferPlan
	for _, t := range p.Transfers {
		if t.SCC && t.Module == m {
			out = append(out, t)
		}
	}
	return out
}

// ExportersOf returns the exporter plans of parties exporting under module m.
func (p *Plan) ExportersOf(m Module) []*ExporterPlan {
	var out []*ExporterPlan
	for _, e := range p.Exporters {
		for _, em := range e.Modules {
			if em == m {
				out = append(out, e)
				break
			}
		}
	}
	return out
}

// AnySCC reports whether any transfer has SCCs.
func (p *Plan) AnySCC() bool { return len(p.Modules) > 0 }
