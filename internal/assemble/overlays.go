package assemble

import (
	"fmt"
	"github.com/dpa-tool/dpa/internal/prose"
	"slices"

	"github.com/dpa-tool/dpa/internal/legal"
	"github.com/dpa-tool/dpa/internal/model"
	"github.com/dpa-tool/dpa/internal/overlay"
)

// overlayContext is what the UK Addendum and the Swiss supplement need from
// the agreement around them.
func overlayContext(d *model.Description, p *model.Plan, lg *legal.Data) overlay.Context {
	return overlay.Context{D: d, P: p, LG: lg, Agreement: "the Agreement"}
}

// overlays adds to the view what the UK Addendum and the Swiss supplement
// change outside themselves: a paragraph each in the body's transfer
// section, the transfer mechanism in Annex I.B, and Annex I.C.
func (v *view) overlays(ov *overlay.Plan, c overlay.Context) {
	for i, tp := range c.P.Transfers {
		if i < len(v.Transfers) {
			v.Transfers[i].Facts = mechanismWithOverlays(v.Transfers[i].Facts, tp, ov, c)
		}
	}
	for _, o := range ov.UK {
		v.TransferParagraphs = append(v.TransferParagraphs, fmt.Sprintf("The %s is the International Data Transfer Addendum issued by the UK Information Commissioner. It applies the Standard Contractual Clauses of %s to the transfers for which %s %s data exporter, to the extent that they are restricted transfers under Chapter V of the UK GDPR.",
			o.UKHeading(), o.EU.Name, namesOf(o.Exporters), plural(len(o.Exporters), "is", "are")))
	}
	for _, o := range ov.Swiss {
		v.TransferParagraphs = append(v.TransferParagraphs, fmt.Sprintf("The %s adapts the Standard Contractual Clauses of %s for the transfers for which %s %s data exporter, insofar as they are subject to the %s.",
			o.SwissHeading(), o.EU.Name, namesOf(o.Exporters), plural(len(o.Exporters), "is", "are"), overlay.FADP))
	}
	// An exporter that is not subject to the GDPR has no authority under
	// it; a UK one is covered by its UK Addendum alone.
	for _, o := range ov.UK {
		if o.EU.Module == model.ModuleFour {
			continue // no Annex I.C
		}
		for _, p := range o.Exporters {
			if _, only := overlay.Only(c.D, p, c.LG.InEEA); only && !overlay.Swiss(p).Applies {
				v.Authorities = append(v.Authorities, authorityView{Exporter: esc(p.Name),
					Name:  "none under Regulation (EU) 2016/679, to which the data exporter is not subject",
					Basis: fmt.Sprintf("its transfers are restricted transfers under the UK GDPR, covered by the %s", o.UKHeading())})
			}
		}
	}
	for _, a := range overlay.SwissAuthorities(ov, c) {
		v.Authorities = append(v.Authorities, authorityView{Exporter: a.Exporter, Name: a.Name, Address: a.Address, Website: a.Website, Basis: a.Basis})
	}
}

// mechanismWithOverlays completes the Annex I.B transfer mechanism of tp
// with the UK Addendum and the Swiss supplement that cover it. Where no
// exporter of tp is subject to the GDPR, the GDPR basis gives way to them.
func mechanismWithOverlays(facts []field, tp *model.TransferPlan, ov *overlay.Plan, c overlay.Context) []field {
	var uk, ch string
	for _, o := range ov.UK {
		if slices.Contains(o.Transfers, tp) {
			uk = o.UKHeading()
		}
	}
	for _, o := range ov.Swiss {
		if slices.Contains(o.Transfers, tp) {
			ch = o.SwissHeading()
		}
	}
	if uk == "" && ch == "" {
		return facts
	}
	only := true
	for _, id := range tp.Transfer.Exporters {
		if p := c.D.Party(id); p != nil {
			if _, ok := overlay.Only(c.D, p, c.LG.InEEA); !ok {
				only = false
			}
		}
	}
	for i, f := range facts {
		if f.Label != "Transfer mechanism" {
			continue
		}
		if only {
			var by []string
			for _, h := range []string{uk, ch} {
				if h != "" {
					by = append(by, "the "+h)
				}
			}
			facts[i].Value = fmt.Sprintf("The Standard Contractual Clauses, %s (%s), which apply to this transfer through %s, as the data exporter is not subject to the GDPR.", tp.Module, ov.EUName(tp.Module), prose.List(by))
			continue
		}
		if uk != "" {
			facts[i].Value += fmt.Sprintf(" Insofar as the transfer is a restricted transfer under the UK GDPR, the %s applies in addition.", uk)
		}
		if ch != "" {
			facts[i].Value += fmt.Sprintf(" Insofar as the transfer is subject to the %s, the Standard Contractual Clauses apply as adapted by the %s.", overlay.FADP, ch)
		}
	}
	return facts
}
