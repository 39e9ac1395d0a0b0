package xlsx

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// MaxLinksPerSheet is how many ids of one sheet link to the row where
// their record is defined. Excel allows 65,530 hyperlinks a sheet, but
// excelize's SetCellHyperLink looks through every link already set on each
// call, so links cost the square of their number: 65,530 links take about
// 30 s on one sheet, 10,000 under a second. Beyond the limit, ids are
// plain text, and the Summary sheet and a build warning say so.
const MaxLinksPerSheet = 10_000

// Design limits, variables so that tests can lower them.
var (
	maxLinks = MaxLinksPerSheet
	// maxRows is how many records a sheet holds under its header: Excel's
	// 1,048,576 rows a sheet, less one. The JSON and CSV outputs have every
	// record; the Summary sheet and a build warning say how many are left out.
	maxRows = excelize.TotalRows - 1
)

// dataSheet writes one data sheet with the stream writer, so memory stays
// flat however many rows there are, then adds what the stream writer
// cannot: hyperlinks and drop-down validation.
func (w *workbook) dataSheet(key string) error {
	name := w.text.Sheets[key]
	cols := w.text.Columns[key]
	rows := w.records(key)
	if len(rows) > maxRows {
		w.limitNote("rows", name, maxRows, len(rows)-maxRows)
		rows = rows[:maxRows]
	}
	// The stream writer writes the sheet's properties when it starts, so
	// the print layout comes first.
	if err := w.printLayout(name); err != nil {
		return err
	}
	sw, err := w.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	// The stream writer emits column widths in reverse order of setting;
	// set them last to first so the file lists them in the ascending order
	// Excel requires.
	widths := make([]int, len(cols))
	for i := len(cols) - 1; i >= 0; i-- {
		c := cols[i]
		width := utf8.RuneCountInString(c.Header) + 2
		for _, r := range rows {
			width = max(width, cellWidth(r[c.Key])+2)
		}
		widths[i] = min(max(width, 8), wrapAt)
		if err := sw.SetColWidth(i+1, i+1, float64(widths[i])); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = excelize.Cell{StyleID: w.styles.header, Value: c.Header}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	type link struct{ ref, target string }
	var links []link
	unlinked := 0
	for n, r := range rows {
		values := make([]any, len(cols))
		for i, c := range cols {
			ref, _ := excelize.CoordinatesToCellName(i+1, n+2)
			values[i] = w.excel(r[c.Key], name+"!"+ref)
			if target := r[c.Key].link; target != "" {
				if len(links) < maxLinks {
					links = append(links, link{ref, target})
				} else {
					unlinked++
				}
			}
		}
		start, _ := excelize.CoordinatesToCellName(1, n+2)
		if err := sw.SetRow(start, values, excelize.RowOpts{Height: rowHeight(r, cols, widths)}); err != nil {
			return err
		}
	}
	if len(rows) > 0 {
		last, _ := excelize.CoordinatesToCellName(len(cols), len(rows)+1)
		table := &excelize.Table{Range: "A1:" + last, Name: tableName(key), StyleName: "TableStyleLight9", ShowRowStripes: boolPtr(true)}
		if err := sw.AddTable(table); err != nil {
			return err
		}
	}
	if unlinked > 0 {
		w.limitNote("links", name, maxLinks, unlinked)
	}
	// Hyperlinks, validation and page setup live in the worksheet beside
	// the rows; Flush writes them out, so they must be set before it.
	for _, l := range links {
		if err := w.f.SetCellHyperLink(name, l.ref, l.target, "Location"); err != nil {
			return err
		}
	}
	if err := w.validate(key, len(rows)); err != nil {
		return err
	}
	return sw.Flush()
}

func boolPtr(b bool) *bool { return &b }

// tableName is an Excel table name: letters only, unique per workbook.
func tableName(key string) string { return "Table_" + key }

// rowHeight is the height in points a row needs to show its wrapped text:
// spreadsheets size rows on opening, but not every one does (and not when
// printing), so the height is written down.
func rowHeight(r record, cols []column, widths []int) float64 {
	const lineHeight, maxHeight = 15.0, 409.0 // 409 points is Excel's limit
	lines := 1
	for i, c := range cols {
		if text, ok := r[c.Key].value.(string); ok {
			perLine := max(widths[i]-2, 1)
			n := 0
			for _, para := range strings.Split(text, "\n") {
				n += max(1, (utf8.RuneCountInString(para)+perLine-1)/perLine)
			}
			lines = max(lines, n)
		}
	}
	return min(float64(lines)*lineHeight, maxHeight)
}

// cellWidth estimates the width a cell needs: its longest line, or the
// width of a date.
func cellWidth(c cell) int {
	switch v := c.value.(type) {
	case string:
		widest := 0
		for _, line := range strings.Split(v, "\n") {
			widest = max(widest, utf8.RuneCountInString(line))
		}
		return widest
	case int:
		return len(fmt.Sprint(v))
	case time.Time:
		return 10
	}
	return 0
}

// validate adds drop-down lists to a sheet's controlled columns, pointing
// at the vocabulary on the Lists sheet.
func (w *workbook) validate(key string, rows int) error {
	if rows == 0 {
		return nil
	}
	for i, c := range w.text.Columns[key] {
		vocab := validated[key][c.Key]
		if vocab == "" {
			continue
		}
		first, _ := excelize.CoordinatesToCellName(i+1, 2)
		last, _ := excelize.CoordinatesToCellName(i+1, rows+1)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = first + ":" + last
		dv.SetSqrefDropList(w.listRange[vocab])
		dv.SetError(excelize.DataValidationErrorStyleStop, c.Header, "Choose a value from the list: the vocabulary keeps partners' data comparable.")
		if err := w.f.AddDataValidation(w.text.Sheets[key], dv); err != nil {
			return err
		}
	}
	return nil
}

// lists writes the controlled vocabularies, one per column, on a hidden
// sheet that the drop-down validations refer to.
func (w *workbook) lists() error {
	name := w.text.Sheets["lists"]
	if _, err := w.f.NewSheet(name); err != nil {
		return err
	}
	w.listRange = map[string]string{}
	col := 1
	lists := []string{"roles", "violations", "victim_statuses", "sensitivities", "source_types"}
	if w.d.HasCorruption() {
		lists = append(lists, corruptionLists...)
	}
	for _, key := range lists {
		values := w.vocab[key]
		if len(values) == 0 {
			return fmt.Errorf("vocabulary.yaml has no %s", key)
		}
		head, _ := excelize.CoordinatesToCellName(col, 1)
		if err := w.f.SetCellStr(name, head, key); err != nil {
			return err
		}
		for i, v := range values {
			ref, _ := excelize.CoordinatesToCellName(col, i+2)
			if err := w.f.SetCellStr(name, ref, v); err != nil {
				return err
			}
		}
		colName, _ := excelize.ColumnNumberToName(col)
		w.listRange[key] = fmt.Sprintf("'%s'!$%s$2:$%s$%d", name, colName, colName, len(values)+1)
		col++
	}
	return w.f.SetSheetVisible(name, false)
}

// limitNote records that a sheet reached a design limit: a build warning,
// and a line on the Summary sheet in the wording of templates/text/xlsx.yaml.
func (w *workbook) limitNote(kind, sheet string, limit, omitted int) {
	r := strings.NewReplacer("{sheet}", sheet, "{limit}", fmt.Sprint(limit), "{omitted}", fmt.Sprint(omitted))
	switch kind {
	case "links":
		w.warnings = append(w.warnings, fmt.Sprintf("sheet %s: %d ids beyond the first %d links are plain text, not links", sheet, omitted, limit))
	case "rows":
		w.warnings = append(w.warnings, fmt.Sprintf("sheet %s: %d records beyond the first %d rows are left out (the JSON and CSV outputs have them)", sheet, omitted, limit))
	}
	if t := w.text.Summary.Limits[kind]; t != "" {
		w.notes = append(w.notes, r.Replace(t))
	}
}
