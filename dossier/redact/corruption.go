package redact

import (
	"fmt"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/model"
)

// corruptionEnv is what the corruption records need from Redact: the
// replacement of withheld terms, the notes rule, labels, the excerpt
// numbering and the people as the audience sees them.
type corruptionEnv struct {
	inv      *Inventory
	r        func(string) string
	notes    func(string) string
	label    func(list, value string) model.Label
	excerpts func(list []*dossier.Evidence, owner, ownerKind, ownerName, supports, target string) []int
	// vocab is the vocabularies the case was read with.
	vocab dossier.Vocabulary
	// people maps the id of every official and of every victim the
	// audience may see (by name or pseudonym) to its reference; a
	// withheld person who is not a victim is absent.
	people map[string]model.Ref
}

// corruption adds the companies, relationships, amounts, assets, flows and
// proceedings of c to d. A record that joins a person withheld from the
// audience and left out (a confidential relative) is itself left out,
// with its evidence: the relationship "spouse of", the apartment they
// hold and a flow to that apartment would each point at them. Ids that
// carry a withheld term become neutral ("company-2", "asset-3",
// "flow-1").
func corruption(c *dossier.Case, d *model.Dossier, e corruptionEnv) {
	refs := map[string]model.Ref{}
	for id, ref := range e.people {
		refs[id] = ref
	}
	neutral := func(id, kind string, n int) string {
		if e.inv.IdentifiesStrictly(id) {
			return fmt.Sprintf("%s-%d", kind, n)
		}
		return id
	}
	for i, co := range c.Companies {
		refs[co.ID] = model.Ref{ID: neutral(co.ID, "company", i+1), Name: e.r(co.Name), Kind: "company"}
	}
	for i, a := range c.Assets {
		refs[a.ID] = model.Ref{ID: neutral(a.ID, "asset", i+1), Name: e.r(a.Name), Kind: "asset"}
	}
	// An asset held by a person left out is left out; so is a flow from
	// or to it.
	for _, a := range c.Assets {
		for _, h := range a.Holders {
			if _, ok := refs[h]; !ok {
				delete(refs, a.ID)
			}
		}
	}
	amount := func(a *dossier.Amount, holder *model.Ref, owner model.Ref, ownerKind string, evidence bool) *model.Amount {
		m := &model.Amount{
			ID: fmt.Sprintf("amount-%d", len(d.Amounts)+1), Holder: holder, Kind: e.label("amount_kinds", a.Kind), Value: a.Value,
			Currency: e.label("currencies", a.Currency), Approximate: a.Approximate, Date: a.Date,
			Description: e.r(a.Description), Evidence: []int{},
		}
		if v, ok := refs[a.Victim]; ok && a.Victim != "" {
			m.Victim = &v
		}
		if evidence {
			m.Evidence = e.excerpts(a.Evidence, owner.ID, ownerKind, owner.Name, "amount", m.ID)
		}
		return m
	}
	records := func(self model.Ref, kind string, rels []*dossier.Relationship, amounts []*dossier.Amount, procs []*dossier.Proceeding) {
		voc := e.vocab
		for _, rel := range rels {
			other, ok := refs[rel.With]
			if !ok {
				continue // a person left out
			}
			mr := &model.Relationship{
				ID: fmt.Sprintf("relationship-%d", len(d.Relationships)+1), Subject: self, Type: e.label("relationship_types", rel.Type),
				Phrase: voc["relationship_phrases"].Label(rel.Type),
				Object: other, Group: "associate", ImmediateFamily: voc["immediate_family"].Has(rel.Type),
				Share: rel.Share, From: rel.From, Until: rel.Until, Note: e.r(rel.Note),
			}
			switch {
			case voc["control_relationships"].Has(rel.Type) || rel.Type == "nominee":
				mr.Group = "control"
			case voc["family_relationships"].Has(rel.Type):
				mr.Group = "family"
			}
			mr.Evidence = e.excerpts(rel.Evidence, self.ID, kind, self.Name, "relationship", mr.ID)
			d.Relationships = append(d.Relationships, mr)
		}
		for _, a := range amounts {
			h := self
			d.Amounts = append(d.Amounts, amount(a, &h, self, kind, true))
		}
		for _, p := range procs {
			mp := &model.Proceeding{
				ID: fmt.Sprintf("proceeding-%d", len(d.Proceedings)+1), Subject: self, Kind: e.label("proceeding_kinds", p.Kind),
				Authority: e.r(p.Authority), Court: e.r(p.Court), Country: e.r(p.Country), Reference: e.r(p.Reference),
				Date: p.Date, Status: e.label("proceeding_statuses", p.Status), StatusAsOf: p.StatusAsOf, Summary: e.r(p.Summary),
			}
			mp.Evidence = e.excerpts(p.Evidence, self.ID, kind, self.Name, "proceeding", mp.ID)
			d.Proceedings = append(d.Proceedings, mp)
		}
	}
	d.Companies, d.Relationships, d.Amounts, d.Assets, d.Flows, d.Proceedings =
		[]*model.Company{}, []*model.Relationship{}, []*model.Amount{}, []*model.Asset{}, []*model.Flow{}, []*model.Proceeding{}
	for _, o := range c.Officials {
		records(refs[o.ID], "official", o.Relationships, o.Amounts, o.Proceedings)
	}
	for _, co := range c.Companies {
		self := refs[co.ID]
		mc := &model.Company{
			ID: self.ID, Kind: e.label("legal_person_kinds", co.EffectiveKind()), Name: self.Name, Aliases: aliases(co.Aliases, e.r),
			Jurisdiction: e.r(co.Jurisdiction), RegistrationNumber: e.r(co.RegistrationNumber), Addresses: []string{},
			Incorporated: co.Incorporated, Dissolved: co.Dissolved, Summary: e.r(co.Summary), Notes: e.notes(co.Notes),
		}
		for _, a := range co.Addresses {
			mc.Addresses = append(mc.Addresses, e.r(a))
		}
		mc.Evidence = e.excerpts(co.Evidence, self.ID, "company", self.Name, "identity", "")
		d.Companies = append(d.Companies, mc)
		records(self, "company", co.Relationships, co.Amounts, co.Proceedings)
	}
	for _, a := range c.Assets {
		self, ok := refs[a.ID]
		if !ok {
			continue
		}
		ma := &model.Asset{
			ID: self.ID, Kind: e.label("asset_kinds", a.Kind), Name: self.Name, Location: e.r(a.Location), Country: e.r(a.Country),
			Identifier: e.r(a.Identifier), Holders: []model.Ref{}, Status: e.label("asset_statuses", a.Status), StatusAsOf: a.StatusAsOf,
			Notes: e.notes(a.Notes),
		}
		for _, h := range a.Holders {
			ma.Holders = append(ma.Holders, refs[h])
		}
		if co, ok := refs[a.Company]; ok && a.Company != "" {
			ma.Company = &co
		}
		if a.Value != nil {
			ma.Value = amount(a.Value, nil, self, "asset", false)
			ma.Value.ID = ""
		}
		ma.Evidence = e.excerpts(a.Evidence, self.ID, "asset", self.Name, "asset", "")
		d.Assets = append(d.Assets, ma)
	}
	for i, f := range c.Flows {
		from, ok1 := refs[f.From]
		to, ok2 := refs[f.To]
		if !ok1 || !ok2 || f.Amount == nil {
			continue
		}
		id := neutral(f.ID, "flow", i+1)
		mf := &model.Flow{ID: id, From: from, To: to, Date: f.Date, Summary: e.r(f.Summary), Notes: e.notes(f.Notes)}
		mf.Amount = *amount(f.Amount, nil, model.Ref{ID: id, Name: e.r(f.Summary)}, "flow", false)
		mf.Amount.ID = ""
		mf.Evidence = e.excerpts(f.Evidence, id, "flow", mf.Summary, "flow", "")
		d.Flows = append(d.Flows, mf)
	}
}
