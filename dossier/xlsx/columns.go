package xlsx

import (
	"strconv"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/xuri/excelize/v2"
)

// record is one row of a data sheet: its values by column key, those
// the sheet does not show included. A slice rather than a map, so that a
// row costs one allocation.
type record []field

// field is one value of a record.
type field struct {
	key string
	c   cell
}

// table holds the rows of a sheet as they are made, each in the sheet's
// column order, up to the sheet's row limit; it counts the rest.
type table struct {
	column  map[string]int // column key → column number (from 1)
	width   int            // columns
	rows    [][]cell
	omitted int    // records past the limit
	chunk   []cell // room for the next rows
	// keys and cols are the fields of the last record and their columns.
	keys []string
	cols []int
}

// newTable makes a table of the columns.
func newTable(cols []column) *table {
	t := &table{column: make(map[string]int, len(cols)), width: len(cols)}
	for i, c := range cols {
		t.column[c.Key] = i + 1
	}
	return t
}

// add copies a record into the next row. The record is not kept, so a
// record literal passed here needs no allocation of its own.
func (t *table) add(r record) {
	if len(t.rows) >= maxRows {
		t.omitted++
		return
	}
	if len(t.chunk) < t.width {
		// Chunks of 16 rows, then twice the rows so far, up to 1,024.
		t.chunk = make([]cell, min(max(len(t.rows), 16), 1024)*t.width)
	}
	row := t.chunk[:t.width:t.width]
	t.chunk = t.chunk[t.width:]
	for j, f := range r {
		// A sheet's records list their fields in the same order, so the
		// column of the field at j is most often the last one's.
		var i int
		if j < len(t.keys) && t.keys[j] == f.key {
			i = t.cols[j]
		} else {
			i = t.column[f.key]
			if j < len(t.keys) {
				t.keys[j], t.cols[j] = f.key, i
			} else {
				t.keys, t.cols = append(t.keys, f.key), append(t.cols, i)
			}
		}
		if i > 0 {
			row[i-1] = f.c
		}
	}
	t.rows = append(t.rows, row)
}

// columnKeys lists the keys each data sheet can show; xlsx.yaml chooses
// among them and orders them.
var columnKeys = map[string][]string{
	"officials":   {"id", "name", "kind", "aliases", "positions", "birth_date", "birth_date_text", "birth_place", "nationality", "allegations", "evidence"},
	"allegations": {"id", "official_id", "official", "date", "date_text", "place", "role", "conduct", "reported", "violations", "victims", "summary", "sources", "evidence"},
	"concerns":    {"allegation_id", "victim_id", "victim", "withheld"},
	"violations":  {"allegation_id", "official", "violation", "label"},
	"victims":     {"id", "name", "withheld", "kind", "status", "status_as_of", "status_evidence", "sensitivity", "occupation", "aliases", "events", "allegations", "evidence"},
	"evidence":    {"number", "source_id", "source", "paragraph", "quote", "hedged", "reports_only", "supports", "target", "owner_id", "owner", "redacted", "note", "bundle_page", "bundle_paragraph"},
	"sources":     {"number", "id", "title", "type", "publisher", "origin", "account_of", "author", "published", "published_text", "url", "archive_url", "language", "sha256", "excerpts", "captured_by", "capture_method", "capture_extent", "original_sha256"},
}

func knownColumn(sheet, key string) bool {
	for _, k := range columnKeys[sheet] {
		if k == key {
			return true
		}
	}
	return false
}

// validated maps a sheet's controlled columns to their vocabulary.
var validated = map[string]map[string]string{
	"allegations": {"role": "roles"},
	"violations":  {"violation": "violations"},
	"victims":     {"status": "victim_statuses", "sensitivity": "sensitivities"},
	"sources":     {"type": "source_types"},
}

// index knows the row where each record is defined, so ids can link to it.
type index struct {
	text   *text
	sheets map[string]*linkSheet // by sheet key
}

// linkSheet is a sheet that ids link to.
type linkSheet struct {
	rows   map[string]int // id → row number
	col    string         // the column of the ids ("A"); "" when not shown
	target linkTarget
}

// idKey is the column holding each sheet's id.
var idKey = map[string]string{"officials": "id", "allegations": "id", "victims": "id", "sources": "id", "evidence": "number"}

func newIndex(d *model.Dossier, t *text) *index {
	ix := &index{text: t, sheets: map[string]*linkSheet{}}
	for sheet, key := range idKey {
		ls := &linkSheet{rows: map[string]int{}}
		for i, c := range t.Columns[sheet] {
			if c.Key == key {
				ls.col, _ = excelize.ColumnNumberToName(i + 1)
				ls.target = newLinkTarget(t.Sheets[sheet])
			}
		}
		ix.sheets[sheet] = ls
	}
	add := func(sheet string, ids []string) {
		for i, id := range ids {
			ix.sheets[sheet].rows[id] = i + 2 // row 1 is the header
		}
	}
	var officials, allegations, victims, sources []string
	for _, o := range d.Officials {
		officials = append(officials, o.ID)
	}
	for _, a := range d.Allegations() {
		allegations = append(allegations, a.ID)
	}
	for _, v := range d.Victims {
		victims = append(victims, v.ID)
	}
	for _, s := range d.Sources {
		sources = append(sources, s.ID)
	}
	add("officials", officials)
	add("allegations", allegations)
	add("victims", victims)
	add("sources", sources)
	ix.indexCorruption(d)
	return ix
}

// link returns a cell holding id that links to the row defining it: its
// HYPERLINK formula, or the id as text marked unlinked when it cannot be
// a formula's text. An id defined nowhere in the workbook is text.
func (ix *index) link(sheet, id string) cell {
	ls := ix.sheets[sheet]
	if ls == nil || ls.col == "" {
		return str(id)
	}
	row, ok := ls.rows[id]
	if !ok {
		return str(id)
	}
	formula, ok := ls.target.hyperlink(ls.col+strconv.Itoa(row), id)
	if !ok {
		return cell{value: id, unlinked: true}
	}
	return cell{value: id, formula: formula}
}

// records adds the rows of one data sheet to t.
func (w *workbook) records(sheet string, t *table) {
	d, ix := w.d, w.index
	names := map[string]string{}
	for _, o := range d.Officials {
		names[o.ID] = o.Name
	}
	switch sheet {
	case "officials":
		for _, o := range d.Officials {
			var positions, allegations []string
			for _, p := range o.Positions {
				positions = append(positions, p.String())
			}
			for _, a := range o.Allegations {
				allegations = append(allegations, a.ID)
			}
			t.add(record{{"id", str(o.ID)}, {"name", str(o.Name)}, {"kind", str(o.Kind.Label)}, {"aliases", str(model.AliasNames(o.Aliases))},
				{"positions", str(model.JoinList(positions))}, {"birth_date", date(o.BirthDate)}, {"birth_date_text", str(o.BirthDate.String())},
				{"birth_place", str(o.BirthPlace)}, {"nationality", str(model.JoinList(o.Nationality))}, {"allegations", str(model.JoinList(allegations))}, {"evidence", str(model.ExcerptRefs(o.Evidence))}})
		}
	case "allegations":
		for _, a := range d.Allegations() {
			var violations, victims []string
			for _, v := range a.Violations {
				violations = append(violations, v.Label)
			}
			for _, v := range a.Victims {
				victims = append(victims, v.Name)
			}
			t.add(record{{"id", str(a.ID)}, {"official_id", ix.link("officials", a.Official)}, {"official", str(names[a.Official])},
				{"date", date(a.Date.Start)}, {"date_text", str(a.Date.String())}, {"place", str(a.Place)}, {"role", str(a.Role.Value)},
				{"conduct", yesNo(a.Conduct)}, {"reported", yesNo(a.Conduct && a.Hedged(d))},
				{"violations", str(model.JoinList(violations))}, {"victims", str(model.JoinList(victims))}, {"summary", str(a.Summary)}, {"sources", num(a.Sources)}, {"evidence", str(model.ExcerptRefs(a.Evidence))}})
		}
	case "concerns":
		for _, a := range d.Allegations() {
			for _, v := range a.Victims {
				t.add(record{{"allegation_id", ix.link("allegations", a.ID)}, {"victim_id", ix.link("victims", v.ID)}, {"victim", str(v.Name)}, {"withheld", yesNo(v.Withheld)}})
			}
		}
	case "violations":
		for _, a := range d.Allegations() {
			for _, v := range a.Violations {
				t.add(record{{"allegation_id", ix.link("allegations", a.ID)}, {"official", str(names[a.Official])}, {"violation", str(v.Value)}, {"label", str(v.Label)}})
			}
		}
	case "victims":
		for _, v := range d.Victims {
			var events []string
			for _, e := range v.Events {
				s := e.Type.Label
				if !e.Date.IsZero() {
					s = e.Date.String() + " " + s
				}
				events = append(events, s)
			}
			t.add(record{{"id", str(v.ID)}, {"name", str(v.Name)}, {"withheld", yesNo(v.Withheld)}, {"status", str(v.Status.Value)},
				{"kind", str(v.Kind.Label)}, {"status_as_of", str(v.StatusAsOf.String())}, {"status_evidence", str(model.ExcerptRefs(v.StatusEvidence))},
				{"sensitivity", str(v.Sensitivity.Value)}, {"occupation", str(v.Occupation)}, {"aliases", str(model.AliasNames(v.Aliases))},
				{"events", str(model.JoinList(events))}, {"allegations", str(model.JoinList(v.Allegations))}, {"evidence", str(model.ExcerptRefs(v.Evidence))}})
		}
	case "evidence":
		sources := d.SourcesByID()
		for _, e := range d.Excerpts {
			title := ""
			if s := sources[e.Source]; s != nil {
				title = s.Title
			}
			owner := ix.link(sheetOf[e.OwnerKind], e.Owner)
			target := str(e.Target)
			if sheet := targetSheet[e.Supports]; e.Target != "" && sheet != "" {
				target = ix.link(sheet, e.Target)
			}
			r := record{{"number", num(e.Number)}, {"source_id", ix.link("sources", e.Source)}, {"source", str(title)}, {"paragraph", num(e.Paragraph)},
				{"quote", str(e.Quote)}, {"hedged", yesNo(e.Hedged)}, {"reports_only", yesNo(e.ReportsOnly)}, {"supports", str(e.Supports)}, {"target", target}, {"owner_id", owner}, {"owner", str(e.OwnerName)},
				{"redacted", yesNo(e.Redacted)}, {"note", str(e.Note)}}
			if b := e.Bundle; b != nil {
				r = append(r, field{"bundle_page", str(b.Page)}, field{"bundle_paragraph", num(b.Paragraph)})
			}
			t.add(r)
		}
	case "companies", "relationships", "money", "assets", "flows", "proceedings":
		w.corruptionRecords(sheet, t)
	case "sources":
		for _, s := range d.Sources {
			r := record{{"number", num(s.Number)}, {"id", str(s.ID)}, {"title", str(s.Title)}, {"type", str(s.Type.Value)}, {"publisher", str(s.Publisher)}, {"origin", str(s.Origin.Label)}, {"account_of", str(s.AccountOf)},
				{"author", str(s.Author)}, {"published", date(s.Published)}, {"published_text", str(s.Published.String())}, {"url", str(s.URL)},
				{"archive_url", str(s.ArchiveURL)}, {"language", str(s.Language)}, {"sha256", str(s.SHA256)}, {"excerpts", num(len(s.Excerpts))}}
			if c := s.Capture; c != nil {
				r = append(r, field{"captured_by", str(c.By)}, field{"capture_method", str(c.Method.Label)}, field{"capture_extent", str(c.Extent.Label)})
			}
			if o := s.Original; o != nil {
				r = append(r, field{"original_sha256", str(o.SHA256)})
			}
			t.add(r)
		}
	}
}
