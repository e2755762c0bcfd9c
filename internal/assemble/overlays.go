package assemble

import (
	"fmt"

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
// section, and the FDPIC in Annex I.C.
func (v *view) overlays(ov *overlay.Plan, c overlay.Context) {
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
