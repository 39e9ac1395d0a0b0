// Package xlsx renders the linked, redacted model as an Excel workbook for
// partner organisations: a Summary sheet with counts and charts, then one
// Excel table per kind of record (Officials, Allegations, Victims concerned,
// Violations, Victims, Evidence, Sources), each with filter buttons, a
// frozen bold header row, fitted column widths, wrapped long text, and ids
// that link to the row where the record is defined. Controlled columns
// (role, violation type, status, sensitivity, source type) carry drop-down
// validation from the vocabulary, listed on a hidden Lists sheet.
//
// Dates are real date cells. A partial date ("2020", "2020-02") is stored
// as the first day of its period and shown with a number format at the
// precision known ("yyyy", "yyyy-mm"), so it reads as written and sorts
// before later dates; the column beside it holds the date exactly as
// written, including ranges ("2020-07-30/2020-09-27"), whose date cell
// holds the start.
//
// Every text is written as a string cell, never a formula, so a name
// starting with "=" stays inert. The only formulas are the links: each id
// that links is a HYPERLINK formula built from escaped text constants and
// written with the id as its result (links.go). Text longer than Excel's
// limit of 32,767 characters per cell is cut with a visible marker and a
// warning.
//
// Sheet names and column headers come from templates/text/xlsx.yaml.
package xlsx

import (
	"fmt"
	"io/fs"
	"sync"
	"time"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/templates"
	"github.com/xuri/excelize/v2"
)

// Render returns one workbook, <case>-<audience>.xlsx.
func Render(d *model.Dossier, o model.Options) ([]model.File, error) {
	text, vocab, err := loadTemplates(o.Templates)
	if err != nil {
		return nil, err
	}
	w := &workbook{f: excelize.NewFile(), d: d, text: text, vocab: vocab}
	defer w.f.Close()
	if err := w.build(); err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	buf, err := w.f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	data, err := canonical(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	return []model.File{{Name: model.FileName(d, "xlsx"), Data: data, Warnings: w.warnings}}, nil
}

// embedded is the wording and vocabulary of the built-in templates, read
// once: they cannot change while the program runs.
var embedded struct {
	once  sync.Once
	text  *text
	vocab map[string][]string
	err   error
}

// loadTemplates reads the workbook's wording and the vocabulary from fsys,
// the built-in templates when nil. Neither is changed once read.
func loadTemplates(fsys fs.FS) (*text, map[string][]string, error) {
	load := func(fsys fs.FS) (*text, map[string][]string, error) {
		text, err := loadText(fsys)
		if err != nil {
			return nil, nil, err
		}
		vocab, err := loadVocabulary(fsys)
		return text, vocab, err
	}
	if fsys != nil && fsys != templates.Embedded() {
		return load(fsys)
	}
	embedded.once.Do(func() { embedded.text, embedded.vocab, embedded.err = load(templates.Embedded()) })
	return embedded.text, embedded.vocab, embedded.err
}

// workbook is one workbook being built.
type workbook struct {
	f        *excelize.File
	d        *model.Dossier
	text     *text
	vocab    map[string][]string
	styles   styles
	index    *index
	warnings []string
	// notes are lines for the Summary sheet about design limits reached.
	notes []string
	// listRange is the Lists-sheet range of each vocabulary, for validation.
	listRange map[string]string
}

func (w *workbook) build() error {
	var err error
	if w.styles, err = newStyles(w.f); err != nil {
		return err
	}
	w.index = newIndex(w.d, w.text)
	summary := w.text.Sheets["summary"]
	if err := w.f.SetSheetName("Sheet1", summary); err != nil {
		return err
	}
	for _, key := range w.sheets() {
		if _, err := w.f.NewSheet(w.text.Sheets[key]); err != nil {
			return err
		}
	}
	if err := w.lists(); err != nil {
		return err
	}
	for _, key := range w.sheets() {
		if err := w.dataSheet(key); err != nil {
			return fmt.Errorf("sheet %s: %w", w.text.Sheets[key], err)
		}
	}
	if err := w.summary(); err != nil {
		return fmt.Errorf("sheet %s: %w", summary, err)
	}
	date := w.d.BuildDate.UTC().Format(time.RFC3339)
	return w.f.SetDocProps(&excelize.DocProperties{
		Title:       w.d.Title,
		Subject:     fmt.Sprintf("Sanctions case workbook — %s audience", w.d.Audience),
		Creator:     "dossier",
		Description: w.d.Classification,
		Keywords:    fmt.Sprintf("%s; %s; %s", w.d.Case, w.d.Country, w.d.Audience),
		Created:     date,
		Modified:    date,
		Language:    "en",
	})
}
