package csvout

import (
	"strconv"

	"github.com/dossier-project/dossier/dossier/model"
)

// corruptionTables are the tables of the corruption records: companies,
// relationships, money (amounts listed on officials and companies), assets,
// flows and proceedings. Ids join them to each other and to the officials
// and victims tables. Amounts are never added up.
func corruptionTables(d *model.Dossier) []Table {
	if !d.HasCorruption() {
		return nil
	}
	return []Table{
		{"companies", companies(d)},
		{"relationships", relationships(d)},
		{"money", money(d)},
		{"assets", assets(d)},
		{"flows", flows(d)},
		{"proceedings", proceedings(d)},
	}
}

func companies(d *model.Dossier) [][]string {
	rows := [][]string{{"id", "kind", "name", "aliases", "jurisdiction", "registration_number", "addresses", "incorporated", "dissolved", "summary", "evidence"}}
	for _, c := range d.Companies {
		rows = append(rows, []string{c.ID, c.Kind.Value, c.Name, model.AliasNames(c.Aliases), c.Jurisdiction, c.RegistrationNumber,
			model.JoinList(c.Addresses), c.Incorporated.String(), c.Dissolved.String(), c.Summary, model.ExcerptRefs(c.Evidence)})
	}
	return rows
}

func relationships(d *model.Dossier) [][]string {
	rows := [][]string{{"id", "subject_kind", "subject_id", "subject", "type", "object_kind", "object_id", "object", "group", "immediate_family", "share_percent", "from", "until", "evidence", "note"}}
	for _, r := range d.Relationships {
		rows = append(rows, []string{r.ID, r.Subject.Kind, r.Subject.ID, r.Subject.Name, r.Type.Value, r.Object.Kind, r.Object.ID, r.Object.Name,
			r.Group, strconv.FormatBool(r.ImmediateFamily), r.Share, r.From.String(), r.Until.String(), model.ExcerptRefs(r.Evidence), r.Note})
	}
	return rows
}

func money(d *model.Dossier) [][]string {
	rows := [][]string{{"id", "holder_kind", "holder_id", "holder", "kind", "value", "currency", "approximate", "date", "description", "victim_id", "victim", "evidence"}}
	for _, a := range d.Amounts {
		var h, v model.Ref
		if a.Holder != nil {
			h = *a.Holder
		}
		if a.Victim != nil {
			v = *a.Victim
		}
		rows = append(rows, []string{a.ID, h.Kind, h.ID, h.Name, a.Kind.Value, a.Value, a.Currency.Value, strconv.FormatBool(a.Approximate),
			a.Date.String(), a.Description, v.ID, v.Name, model.ExcerptRefs(a.Evidence)})
	}
	return rows
}

func assets(d *model.Dossier) [][]string {
	rows := [][]string{{"id", "kind", "name", "location", "country", "identifier", "holder_ids", "holders", "company_id", "value", "currency", "approximate", "status", "status_as_of", "evidence"}}
	for _, a := range d.Assets {
		company, value, currency, approx := "", "", "", ""
		if a.Company != nil {
			company = a.Company.ID
		}
		if a.Value != nil {
			value, currency, approx = a.Value.Value, a.Value.Currency.Value, strconv.FormatBool(a.Value.Approximate)
		}
		rows = append(rows, []string{a.ID, a.Kind.Value, a.Name, a.Location, a.Country, a.Identifier, model.RefIDs(a.Holders), model.RefNames(a.Holders),
			company, value, currency, approx, a.Status.Value, a.StatusAsOf.String(), model.ExcerptRefs(a.Evidence)})
	}
	return rows
}

func flows(d *model.Dossier) [][]string {
	rows := [][]string{{"id", "from_kind", "from_id", "from", "to_kind", "to_id", "to", "kind", "value", "currency", "approximate", "date", "summary", "evidence"}}
	for _, f := range d.Flows {
		rows = append(rows, []string{f.ID, f.From.Kind, f.From.ID, f.From.Name, f.To.Kind, f.To.ID, f.To.Name, f.Amount.Kind.Value, f.Amount.Value,
			f.Amount.Currency.Value, strconv.FormatBool(f.Amount.Approximate), f.Date.String(), f.Summary, model.ExcerptRefs(f.Evidence)})
	}
	return rows
}

func proceedings(d *model.Dossier) [][]string {
	rows := [][]string{{"id", "subject_kind", "subject_id", "subject", "kind", "authority", "court", "country", "reference", "date", "status", "status_as_of", "summary", "evidence"}}
	for _, p := range d.Proceedings {
		rows = append(rows, []string{p.ID, p.Subject.Kind, p.Subject.ID, p.Subject.Name, p.Kind.Value, p.Authority, p.Court, p.Country, p.Reference,
			p.Date.String(), p.Status.Value, p.StatusAsOf.String(), p.Summary, model.ExcerptRefs(p.Evidence)})
	}
	return rows
}
