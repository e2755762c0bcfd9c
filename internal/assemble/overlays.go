package assemble

import (
	"slices"

	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/model"
	"github.com/dpa-tool/dpa/internal/overlay"
)

// overlayContext is what the UK Addendum and the Swiss supplement need from
// the agreement around them.
func overlayContext(d *model.Description, p *model.Plan, lg *legal.Data) overlay.Context {
	return overlay.Context{D: d, P: p, LG: lg, Agreement: "the Agreement", AcceptanceSection: acceptanceMark}
}

// overlays adds to the view what the UK Addendum and the Swiss supplement
// change outside themselves: a paragraph each in the body's transfer
// section, the transfer mechanism in Annex I.B, and Annex I.C.
func (v *view) overlays(ov *overlay.Plan, c overlay.Context) {
	for i, tp := range c.P.Transfers {
		if i < len(v.Transfers) {
			mechanismWithOverlays(&v.Transfers[i].Mechanism, tp, ov, c)
		}
	}
	for _, o := range ov.UK {
		v.UK = append(v.UK, overlayView{Heading: o.UKHeading(), Addendum: o.EU.Name, Exporters: names(o.Exporters)})
	}
	for _, o := range ov.Swiss {
		v.Swiss = append(v.Swiss, overlayView{Heading: o.SwissHeading(), Addendum: o.EU.Name, Exporters: names(o.Exporters), FADP: overlay.FADP})
	}
	// An exporter that is not subject to the GDPR has no authority under
	// it; a UK one is covered by its UK Addendum alone.
	for _, o := range ov.UK {
		if o.EU.Module == model.ModuleFour {
			continue // no Annex I.C
		}
		for _, p := range o.Exporters {
			if _, only := overlay.Only(c.D, p, c.LG.InEEA); only && !overlay.Swiss(p).Applies {
				v.Authorities = append(v.Authorities, authorityView{Exporter: esc(p.Name), NotGDPR: true, UK: o.UKHeading()})
			}
		}
	}
	for _, a := range overlay.SwissAuthorities(ov, c) {
		v.Authorities = append(v.Authorities, authorityView{Exporter: a.Exporter, Name: a.Name, Address: a.Address, Website: a.Website, Basis: a.Basis})
	}
}

// names returns the escaped names of parties.
func names(parties []*model.Party) []string {
	var out []string
	for _, p := range parties {
		out = append(out, esc(p.Name))
	}
	return out
}

// mechanismWithOverlays adds to the Annex I.B transfer mechanism of tp the
// UK Addendum and the Swiss supplement that cover it, and whether no
// exporter of tp is subject to the GDPR (the GDPR basis then gives way to
// them).
func mechanismWithOverlays(mv *mechanismView, tp *model.TransferPlan, ov *overlay.Plan, c overlay.Context) {
	for _, o := range ov.UK {
		if slices.Contains(o.Transfers, tp) {
			mv.UK = o.UKHeading()
		}
	}
	for _, o := range ov.Swiss {
		if slices.Contains(o.Transfers, tp) {
			mv.Swiss = o.SwissHeading()
		}
	}
	if mv.UK == "" && mv.Swiss == "" {
		return
	}
	mv.OverlayOnly = true
	for _, id := range tp.Transfer.Exporters {
		if p := c.D.Party(id); p != nil {
			if _, ok := overlay.Only(c.D, p, c.LG.InEEA); !ok {
				mv.OverlayOnly = false
			}
		}
	}
	mv.EUName, mv.FADP = ov.EUName(tp.Module), overlay.FADP
}
