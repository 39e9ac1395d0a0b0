package xlsx

import (
	"strconv"

	"github.com/dossier-project/dossier/dossier/model"
)

// corruptionSheets are the sheets of the corruption records, added after
// the others when the case has any: every id links to the row of its
// record (a relationship's subject to Officials or Companies, an asset's
// holders to theirs, and so on).
var corruptionSheets = []string{"companies", "relationships", "money", "assets", "flows", "proceedings"}

// corruptionColumns are the keys each corruption sheet can show.
var corruptionColumns = map[string][]string{
	"companies":     {"id", "name", "kind", "jurisdiction", "registration_number", "addresses", "incorporated", "dissolved", "aliases", "summary", "evidence"},
	"relationships": {"id", "subject_id", "subject", "type", "object_id", "object", "group", "immediate_family", "share", "from", "until", "evidence", "note"},
	"money":         {"id", "holder_id", "holder", "kind", "value", "currency", "approximate", "date", "date_text", "description", "victim_id", "victim", "evidence"},
	"assets":        {"id", "name", "kind", "location", "country", "identifier", "holder_ids", "holders", "company_id", "value", "currency", "status", "status_as_of", "evidence"},
	"flows":         {"id", "from_id", "from", "to_id", "to", "kind", "value", "currency", "approximate", "date", "date_text", "summary", "evidence"},
	"proceedings":   {"id", "subject_id", "subject", "kind", "authority", "court", "country", "reference", "date", "date_text", "status", "status_as_of", "summary", "evidence"},
}

// corruptionValidated maps the corruption sheets' controlled columns to
// their vocabulary.
var corruptionValidated = map[string]map[string]string{
	"relationships": {"type": "relationship_types"},
	"money":         {"kind": "amount_kinds", "currency": "currencies"},
	"assets":        {"kind": "asset_kinds", "status": "asset_statuses", "currency": "currencies"},
	"flows":         {"kind": "amount_kinds", "currency": "currencies"},
	"proceedings":   {"kind": "proceeding_kinds", "status": "proceeding_statuses"},
}

// corruptionLists are the vocabularies the corruption sheets validate.
var corruptionLists = []string{"relationship_types", "amount_kinds", "currencies", "asset_kinds", "asset_statuses", "proceeding_kinds", "proceeding_statuses"}

func init() {
	for k, v := range corruptionColumns {
		columnKeys[k] = v
		idKey[k] = "id"
	}
	for k, v := range corruptionValidated {
		validated[k] = v
	}
}

// sheets returns the data sheets of the workbook, in order.
func (w *workbook) sheets() []string {
	if w.d.HasCorruption() {
		return append(append([]string{}, dataSheets...), corruptionSheets...)
	}
	return dataSheets
}

// indexCorruption records the rows of the corruption records.
func (ix *index) indexCorruption(d *model.Dossier) {
	add := func(sheet string, ids []string) {
		for i, id := range ids {
			ix.sheets[sheet].rows[id] = i + 2
		}
	}
	var companies, rels, money, assets, flows, procs []string
	for _, c := range d.Companies {
		companies = append(companies, c.ID)
	}
	for _, r := range d.Relationships {
		rels = append(rels, r.ID)
	}
	for _, a := range d.Amounts {
		money = append(money, a.ID)
	}
	for _, a := range d.Assets {
		assets = append(assets, a.ID)
	}
	for _, f := range d.Flows {
		flows = append(flows, f.ID)
	}
	for _, p := range d.Proceedings {
		procs = append(procs, p.ID)
	}
	add("companies", companies)
	add("relationships", rels)
	add("money", money)
	add("assets", assets)
	add("flows", flows)
	add("proceedings", procs)
}

// sheetOf is the sheet where a referenced record is defined.
var sheetOf = map[string]string{"official": "officials", "company": "companies", "victim": "victims", "asset": "assets", "flow": "flows"}

// ref links a reference's id to the row of its record.
func (ix *index) ref(r model.Ref) cell { return ix.link(sheetOf[r.Kind], r.ID) }

// targetSheet is the sheet of what an excerpt supports, by its Supports.
var targetSheet = map[string]string{"allegation": "allegations", "relationship": "relationships", "amount": "money", "proceeding": "proceedings"}

// amountValue is a value cell: a whole number as a number (a desk sorts
// and filters by it), anything else as the text the case gives.
func amountValue(v string) cell {
	if n, err := strconv.Atoi(v); err == nil {
		return num(n)
	}
	return str(v)
}

// corruptionRecords adds the rows of one corruption sheet to t.
func (w *workbook) corruptionRecords(sheet string, t *table) {
	d, ix := w.d, w.index
	switch sheet {
	case "companies":
		for _, c := range d.Companies {
			t.add(record{{"id", str(c.ID)}, {"name", str(c.Name)}, {"kind", str(c.Kind.Label)}, {"jurisdiction", str(c.Jurisdiction)},
				{"registration_number", str(c.RegistrationNumber)}, {"addresses", str(model.JoinList(c.Addresses))}, {"incorporated", date(c.Incorporated)},
				{"dissolved", date(c.Dissolved)}, {"aliases", str(model.AliasNames(c.Aliases))}, {"summary", str(c.Summary)}, {"evidence", str(model.ExcerptRefs(c.Evidence))}})
		}
	case "relationships":
		for _, r := range d.Relationships {
			t.add(record{{"id", str(r.ID)}, {"subject_id", ix.ref(r.Subject)}, {"subject", str(r.Subject.Name)}, {"type", str(r.Type.Value)},
				{"object_id", ix.ref(r.Object)}, {"object", str(r.Object.Name)}, {"group", str(r.Group)}, {"immediate_family", yesNo(r.ImmediateFamily)},
				{"share", str(r.Share)}, {"from", date(r.From)}, {"until", date(r.Until)}, {"evidence", str(model.ExcerptRefs(r.Evidence))}, {"note", str(r.Note)}})
		}
	case "money":
		for _, a := range d.Amounts {
			rec := record{{"id", str(a.ID)}, {"kind", str(a.Kind.Value)}, {"value", amountValue(a.Value)}, {"currency", str(a.Currency.Value)},
				{"approximate", yesNo(a.Approximate)}, {"date", date(a.Date)}, {"date_text", str(a.Date.String())}, {"description", str(a.Description)},
				{"evidence", str(model.ExcerptRefs(a.Evidence))}}
			if a.Holder != nil {
				rec = append(rec, field{"holder_id", ix.ref(*a.Holder)}, field{"holder", str(a.Holder.Name)})
			}
			if a.Victim != nil {
				rec = append(rec, field{"victim_id", ix.ref(*a.Victim)}, field{"victim", str(a.Victim.Name)})
			}
			t.add(rec)
		}
	case "assets":
		for _, a := range d.Assets {
			rec := record{{"id", str(a.ID)}, {"name", str(a.Name)}, {"kind", str(a.Kind.Value)}, {"location", str(a.Location)}, {"country", str(a.Country)},
				{"identifier", str(a.Identifier)}, {"holders", str(model.RefNames(a.Holders))}, {"status", str(a.Status.Value)},
				{"status_as_of", date(a.StatusAsOf)}, {"evidence", str(model.ExcerptRefs(a.Evidence))}}
			if len(a.Holders) == 1 {
				rec = append(rec, field{"holder_ids", ix.ref(a.Holders[0])})
			} else {
				rec = append(rec, field{"holder_ids", str(model.RefIDs(a.Holders))})
			}
			if a.Company != nil {
				rec = append(rec, field{"company_id", ix.ref(*a.Company)})
			}
			if a.Value != nil {
				rec = append(rec, field{"value", amountValue(a.Value.Value)}, field{"currency", str(a.Value.Currency.Value)})
			}
			t.add(rec)
		}
	case "flows":
		for _, f := range d.Flows {
			t.add(record{{"id", str(f.ID)}, {"from_id", ix.ref(f.From)}, {"from", str(f.From.Name)}, {"to_id", ix.ref(f.To)}, {"to", str(f.To.Name)},
				{"kind", str(f.Amount.Kind.Value)}, {"value", amountValue(f.Amount.Value)}, {"currency", str(f.Amount.Currency.Value)},
				{"approximate", yesNo(f.Amount.Approximate)}, {"date", date(f.Date.Start)}, {"date_text", str(f.Date.String())}, {"summary", str(f.Summary)},
				{"evidence", str(model.ExcerptRefs(f.Evidence))}})
		}
	case "proceedings":
		for _, p := range d.Proceedings {
			t.add(record{{"id", str(p.ID)}, {"subject_id", ix.ref(p.Subject)}, {"subject", str(p.Subject.Name)}, {"kind", str(p.Kind.Value)},
				{"authority", str(p.Authority)}, {"court", str(p.Court)}, {"country", str(p.Country)}, {"reference", str(p.Reference)},
				{"date", date(p.Date.Start)}, {"date_text", str(p.Date.String())}, {"status", str(p.Status.Value)}, {"status_as_of", date(p.StatusAsOf)},
				{"summary", str(p.Summary)}, {"evidence", str(model.ExcerptRefs(p.Evidence))}})
		}
	}
}
