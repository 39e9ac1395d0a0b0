// Package csvout renders the linked, redacted model as CSV tables, one file
// per table (officials, allegations, victims, evidence, sources, existing
// sanctions, contrary information, associates, and for a corruption case
// companies, relationships, money, assets, flows and proceedings): UTF-8
// without a byte-order mark, CRLF line ends and quoting as RFC 4180 says.
//
// A cell that a spreadsheet would run as a formula (starting with =, +, -,
// @, tab or carriage return) is neutralised by a leading apostrophe, as the
// OWASP guidance on CSV injection recommends.
package csvout

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"github.com/dossier-project/dossier/dossier/model"
)

// Table is one CSV file: its name and rows (the first is the header).
type Table struct {
	Name string
	Rows [][]string
}

// Render returns one CSV file per table.
func Render(d *model.Dossier, _ model.Options) ([]model.File, error) {
	var files []model.File
	for _, t := range Tables(d) {
		data, err := Encode(t.Rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.Name, err)
		}
		files = append(files, model.File{Name: model.FileName(d, "csv", t.Name), Data: data})
	}
	return files, nil
}

// Encode writes rows as RFC 4180 CSV with every cell neutralised.
func Encode(rows [][]string) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	for _, row := range rows {
		safe := make([]string, len(row))
		for i, cell := range row {
			safe[i] = Neutralise(cell)
		}
		if err := w.Write(safe); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// Neutralise makes a cell inert in spreadsheets. A cell whose first
// character, or first character after leading white space and line breaks,
// is a formula trigger (= + - @), or which starts with a tab, CR or LF,
// gets a leading apostrophe, which Excel and LibreOffice read as "this is
// text". Control characters other than tab, CR and LF (ESC, NUL, DEL, C1
// controls), which can drive a terminal or confuse a reader, are replaced
// by U+FFFD.
func Neutralise(cell string) string {
	if cell == "" {
		return cell
	}
	cell = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return r
		}
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) {
			return '\ufffd'
		}
		return r
	}, cell)
	switch cell[0] {
	case '=', '+', '-', '@', '\t', '\r', '\n':
		return "'" + cell
	}
	if t := strings.TrimLeft(cell, " \t\r\n"); t != "" && strings.ContainsRune("=+-@", rune(t[0])) {
		return "'" + cell
	}
	return cell
}

// Tables returns the tables of the model, and the six corruption tables
// (companies, relationships, money, assets, flows, proceedings) when the
// case has corruption records.
func Tables(d *model.Dossier) []Table {
	return append([]Table{
		{"officials", officials(d)},
		{"allegations", allegations(d)},
		{"victims", victims(d)},
		{"evidence", evidence(d)},
		{"sources", sources(d)},
		{"existing-sanctions", existingSanctions(d)},
		{"contrary-information", contrary(d)},
		{"associates", associates(d)},
	}, corruptionTables(d)...)
}

// existingSanctions lists the measures other authorities have already
// imposed on the officials, one row each.
func existingSanctions(d *model.Dossier) [][]string {
	rows := [][]string{{"official_id", "official", "authority", "programme", "regime", "date", "evidence"}}
	for _, o := range d.Officials {
		for _, s := range o.Sanctions {
			rows = append(rows, []string{o.ID, o.Name, s.Authority, s.Programme, s.Regime, s.Date.String(), model.ExcerptRefs(s.Evidence)})
		}
	}
	return rows
}

// contrary lists the information that cuts against the case made about an
// official: printed, not hidden.
func contrary(d *model.Dossier) [][]string {
	rows := [][]string{{"official_id", "official", "summary", "evidence"}}
	for _, o := range d.Officials {
		for _, c := range o.Contrary {
			rows = append(rows, []string{o.ID, o.Name, c.Summary, model.ExcerptRefs(c.Evidence)})
		}
	}
	return rows
}

// associates lists the officials' family members and known associates.
func associates(d *model.Dossier) [][]string {
	rows := [][]string{{"official_id", "official", "name", "relationship", "evidence"}}
	for _, o := range d.Officials {
		for _, a := range o.Associates {
			rows = append(rows, []string{o.ID, o.Name, a.Name, a.Relationship, model.ExcerptRefs(a.Evidence)})
		}
	}
	return rows
}

func labels(list []model.Label) string {
	out := make([]string, len(list))
	for i, l := range list {
		out[i] = l.Value
	}
	return model.JoinList(out)
}

func officials(d *model.Dossier) [][]string {
	rows := [][]string{{"id", "kind", "name", "aliases", "birth_date", "birth_place", "nationality", "positions", "allegations", "evidence"}}
	for _, o := range d.Officials {
		var positions []string
		for _, p := range o.Positions {
			positions = append(positions, p.String())
		}
		rows = append(rows, []string{o.ID, o.Kind.Value, o.Name, model.AliasNames(o.Aliases), o.BirthDate.String(), o.BirthPlace,
			model.JoinList(o.Nationality), model.JoinList(positions), strconv.Itoa(len(o.Allegations)), model.ExcerptRefs(o.Evidence)})
	}
	return rows
}

func allegations(d *model.Dossier) [][]string {
	rows := [][]string{{"id", "official_id", "official", "date", "place", "violations", "role", "victim_ids", "victims", "summary", "sources", "evidence", "conduct", "reported"}}
	names := map[string]string{}
	for _, o := range d.Officials {
		names[o.ID] = o.Name
	}
	for _, a := range d.Allegations() {
		var ids, vnames []string
		for _, v := range a.Victims {
			ids = append(ids, v.ID)
			vnames = append(vnames, v.Name)
		}
		rows = append(rows, []string{a.ID, a.Official, names[a.Official], a.Date.String(), a.Place, labels(a.Violations), a.Role.Value,
			model.JoinList(ids), model.JoinList(vnames), a.Summary, strconv.Itoa(a.Sources), model.ExcerptRefs(a.Evidence),
			strconv.FormatBool(a.Conduct), strconv.FormatBool(a.Hedged(d))})
	}
	return rows
}

func victims(d *model.Dossier) [][]string {
	rows := [][]string{{"id", "name", "withheld", "aliases", "occupation", "status", "sensitivity", "consent", "allegations", "events", "evidence", "kind", "status_as_of", "status_evidence"}}
	for _, v := range d.Victims {
		var events []string
		for _, e := range v.Events {
			s := e.Type.Value
			if !e.Date.IsZero() {
				s = e.Date.String() + " " + s
			}
			events = append(events, s)
		}
		rows = append(rows, []string{v.ID, v.Name, strconv.FormatBool(v.Withheld), model.AliasNames(v.Aliases), v.Occupation, v.Status.Value,
			v.Sensitivity.Value, v.Consent.Value, model.JoinList(v.Allegations), model.JoinList(events), model.ExcerptRefs(v.Evidence),
			v.Kind.Value, v.StatusAsOf.String(), model.ExcerptRefs(v.StatusEvidence)})
	}
	return rows
}

func evidence(d *model.Dossier) [][]string {
	rows := [][]string{{"excerpt", "source_id", "source", "paragraph", "offset", "length", "quote", "supports", "target", "owner_kind", "owner_id", "owner", "redacted", "note", "end_paragraph", "hedged", "reports_only", "bundle_page", "bundle_paragraph"}}
	sources := d.SourcesByID()
	for _, e := range d.Excerpts {
		title := ""
		if s := sources[e.Source]; s != nil {
			title = s.Title
		}
		var page, para string
		if b := e.Bundle; b != nil {
			page, para = b.Page, strconv.Itoa(b.Paragraph)
		}
		rows = append(rows, []string{"E" + strconv.Itoa(e.Number), e.Source, title, strconv.Itoa(e.Paragraph), strconv.Itoa(e.Offset),
			strconv.Itoa(e.Length), e.Quote, e.Supports, e.Target, e.OwnerKind, e.Owner, e.OwnerName, strconv.FormatBool(e.Redacted), e.Note,
			strconv.Itoa(e.EndParagraph), strconv.FormatBool(e.Hedged), strconv.FormatBool(e.ReportsOnly), page, para})
	}
	return rows
}

func sources(d *model.Dossier) [][]string {
	rows := [][]string{{"number", "id", "title", "type", "publisher", "author", "published", "url", "archive_url", "retrieved", "language", "file", "sha256", "size", "excerpts", "origin", "account_of",
		"captured_by", "capture_method", "capture_extent", "reprint_of", "translation", "original_file", "original_sha256", "original_withheld"}}
	for _, s := range d.Sources {
		var by, method, extent, reprint, translation string
		if c := s.Capture; c != nil {
			by, method, extent = c.By, c.Method.Value, c.Extent.Value
			if r := c.ReprintOf; r != nil {
				reprint = strings.Join(nonEmpty(r.Title, r.Publisher, r.URL), "; ")
			}
			if t := c.Translation; t != nil {
				translation = strings.Join(nonEmpty(t.Method.Value, t.FromLanguage, t.By), "; ")
			}
		}
		var file, sum, withheld string
		if o := s.Original; o != nil {
			file, sum, withheld = o.File, o.SHA256, strconv.FormatBool(o.Withheld)
		}
		rows = append(rows, []string{"S" + strconv.Itoa(s.Number), s.ID, s.Title, s.Type.Value, s.Publisher, s.Author, s.Published.String(), s.URL,
			s.ArchiveURL, s.Retrieved.String(), s.Language, s.File, s.SHA256, strconv.Itoa(s.Size), strconv.Itoa(len(s.Excerpts)),
			s.Origin.Value, s.AccountOf, by, method, extent, reprint, translation, file, sum, withheld})
	}
	return rows
}

// nonEmpty returns the values that are not blank.
func nonEmpty(values ...string) []string {
	var out []string
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			out = append(out, v)
		}
	}
	return out
}
