package pdf

import (
	"strings"

	"github.com/dossier-project/dossier/dossier/model"
)

// network returns the ids around an official that its "Money and
// assets" section covers: the official, the companies it has a control
// relationship with on either side (a trust it owns, a nominee acting for
// it), its family, and the assets any of them hold.
func (dc *doc) network(o *model.Official) map[string]bool {
	in := map[string]bool{o.ID: true}
	for _, r := range dc.d.RelationshipsOf(o.ID) {
		for _, x := range []model.Ref{r.Subject, r.Object} {
			if (r.Group == "control" && x.Kind == "company") || r.Group == "family" {
				in[x.ID] = true
			}
		}
	}
	for _, a := range dc.d.Assets {
		for _, h := range a.Holders {
			if in[h.ID] {
				in[a.ID] = true
			}
		}
	}
	return in
}

// corruption lays out an official's corruption sections, each only when
// the case holds something for it: "Companies and relationships", "Money
// and assets" and "Proceedings". Every line carries its citations.
func (dc *doc) corruption(o *model.Official, level int) {
	d := dc.d
	if !d.HasCorruption() {
		return
	}
	in := dc.network(o)
	dc.relationshipsSection(o, in, level)
	dc.moneySection(o, in, level)
	dc.proceedingsSection(o, level)
}

func (dc *doc) relationshipsSection(o *model.Official, in map[string]bool, level int) {
	t, d := dc.t, dc.d
	rels := d.RelationshipsOf(o.ID)
	var companies []*model.Company
	for _, c := range d.Companies {
		if in[c.ID] && c.ID != o.ID {
			companies = append(companies, c)
		}
	}
	if len(rels) == 0 && len(companies) == 0 {
		return
	}
	dc.heading(level, t.h("relationships"), numbered)
	for _, r := range rels {
		text := t.l("relationship", "subject", r.Subject.Name, "phrase", r.Phrase, "object", r.Object.Name)
		var extra []string
		if r.Share != "" {
			extra = append(extra, t.l("share", "share", r.Share))
		}
		if !r.From.IsZero() || !r.Until.IsZero() {
			extra = append(extra, t.l("date_range", "from", dc.dateText(r.From), "to", dc.dateText(r.Until)))
		}
		if r.ImmediateFamily {
			extra = append(extra, t.l("immediate_family"))
		}
		if len(extra) > 0 {
			text += " (" + strings.Join(extra, "; ") + ")"
		}
		dc.ensure(2 * bodyLine)
		dc.bullet(func() { dc.writeCited(serif, "", bodySize, bodyLine, text, r.Evidence) })
	}
	for _, c := range companies {
		parts := []string{c.Kind.Label}
		if c.Jurisdiction != "" {
			parts = append(parts, t.l("jurisdiction", "v", c.Jurisdiction))
		}
		if c.RegistrationNumber != "" {
			parts = append(parts, t.l("registration", "v", c.RegistrationNumber))
		}
		if !c.Incorporated.IsZero() {
			parts = append(parts, t.l("incorporated", "v", dc.dateText(c.Incorporated)))
		}
		parts = append(parts, c.Addresses...)
		text := c.Name + ": " + strings.Join(parts, "; ")
		dc.ensure(2 * bodyLine)
		dc.bullet(func() { dc.writeCited(serif, "", bodySize, bodyLine, text, c.Evidence) })
	}
	dc.f.Ln(2)
	dc.networkFigure(o, in)
}

func (dc *doc) moneySection(o *model.Official, in map[string]bool, level int) {
	t, d := dc.t, dc.d
	var amounts []*model.Amount
	for _, a := range d.Amounts {
		if a.Holder != nil && in[a.Holder.ID] {
			amounts = append(amounts, a)
		}
	}
	var flows []*model.Flow
	for _, f := range d.Flows {
		if in[f.From.ID] || in[f.To.ID] {
			flows = append(flows, f)
		}
	}
	var assets []*model.Asset
	for _, a := range d.Assets {
		if in[a.ID] {
			assets = append(assets, a)
		}
	}
	if len(amounts)+len(flows)+len(assets) == 0 {
		return
	}
	dc.heading(level, t.h("money"), numbered)
	dc.note(t.x("money_note"))
	for _, a := range amounts {
		text := t.l("amount", "kind", a.Kind.Label, "amount", a.Text())
		var extra []string
		if !a.Date.IsZero() {
			extra = append(extra, dc.dateText(a.Date))
		}
		if a.Holder != nil && a.Holder.ID != o.ID {
			extra = append(extra, t.l("listed_on", "name", a.Holder.Name))
		}
		if a.Victim != nil {
			extra = append(extra, t.l("lost_by", "name", a.Victim.Name))
		}
		if len(extra) > 0 {
			text += " (" + strings.Join(extra, "; ") + ")"
		}
		if a.Description != "" {
			text += ": " + a.Description
		}
		dc.ensure(2 * bodyLine)
		dc.bullet(func() { dc.writeCited(serif, "", bodySize, bodyLine, text, a.Evidence) })
	}
	for _, f := range flows {
		text := t.l("flow", "amount", f.Amount.Text(), "kind", strings.ToLower(f.Amount.Kind.Label), "from", f.From.Name, "to", f.To.Name)
		if !f.Date.IsZero() {
			text += " (" + dc.rangeText(f.Date) + ")"
		}
		if f.Summary != "" {
			text += ": " + f.Summary
		}
		dc.ensure(2 * bodyLine)
		dc.bullet(func() { dc.writeCited(serif, "", bodySize, bodyLine, text, f.Evidence) })
	}
	for _, a := range assets {
		parts := []string{a.Kind.Label}
		for _, p := range []string{a.Location, a.Country, a.Identifier} {
			if p != "" {
				parts = append(parts, p)
			}
		}
		var holders []string
		for _, h := range a.Holders {
			holders = append(holders, h.Name)
		}
		parts = append(parts, t.l("held_by", "names", strings.Join(holders, ", ")))
		if a.Value != nil {
			parts = append(parts, t.l("value", "amount", a.Value.Text()))
		}
		if a.Status.Value != "" {
			s := a.Status.Label
			if !a.StatusAsOf.IsZero() {
				s = t.l("status_as_of", "status", s, "date", dc.dateText(a.StatusAsOf))
			}
			parts = append(parts, s)
		}
		text := a.Name + ": " + strings.Join(parts, "; ")
		dc.ensure(2 * bodyLine)
		dc.bullet(func() { dc.writeCited(serif, "", bodySize, bodyLine, text, a.Evidence) })
	}
	dc.f.Ln(2)
}

func (dc *doc) proceedingsSection(o *model.Official, level int) {
	t := dc.t
	list := dc.d.ProceedingsOf(o.ID)
	if len(list) == 0 {
		return
	}
	dc.heading(level, t.h("proceedings"), numbered)
	dc.note(t.x("proceedings_note"))
	for _, p := range list {
		var by []string
		for _, s := range []string{p.Authority, p.Court, p.Country, p.Reference} {
			if s != "" {
				by = append(by, s)
			}
		}
		if !p.Date.IsZero() {
			by = append(by, dc.rangeText(p.Date))
		}
		text := p.Kind.Label
		if len(by) > 0 {
			text += " (" + strings.Join(by, ", ") + ")"
		}
		if p.Status.Value != "" {
			s := p.Status.Label
			if !p.StatusAsOf.IsZero() {
				s = t.l("status_as_of", "status", s, "date", dc.dateText(p.StatusAsOf))
			}
			text += ". " + t.l("proceeding_status", "status", s)
		}
		text += ". " + p.Summary
		dc.ensure(2 * bodyLine)
		dc.bullet(func() { dc.writeCited(serif, "", bodySize, bodyLine, text, p.Evidence) })
	}
	dc.f.Ln(2)
}

// supportsCorruption says what an excerpt of a corruption record is
// evidence of, or "" for any other excerpt.
func (dc *doc) supportsCorruption(x *model.Excerpt) string {
	switch x.Supports {
	case "relationship", "amount", "proceeding", "asset", "flow":
		return dc.t.l("supports_"+x.Supports, "name", oneLine(x.OwnerName))
	}
	if x.Supports == "identity" && x.OwnerKind == "company" {
		return dc.t.l("supports_company", "name", oneLine(x.OwnerName))
	}
	return ""
}

// The pdf.yaml keys of the corruption sections, added to the keys the
// text loader requires.
func init() {
	textKeys["headings"] = append(textKeys["headings"], "relationships", "money", "proceedings")
	textKeys["labels"] = append(textKeys["labels"], "relationship", "share", "immediate_family", "jurisdiction", "registration", "incorporated",
		"amount", "listed_on", "lost_by", "flow", "held_by", "value", "proceeding_status", "supports_relationship", "supports_amount",
		"supports_proceeding", "supports_asset", "supports_flow", "supports_company", "figure_holds")
	textKeys["text"] = append(textKeys["text"], "money_note", "proceedings_note", "figure_caption")
}
