package xlsx

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Design limits, variables so that tests can lower them.
var (
	// maxRows is how many records a sheet holds under its header: Excel's
	// 1,048,576 rows a sheet, less one. The JSON and CSV outputs have every
	// record; the Summary sheet and a build warning say how many are left out.
	maxRows = excelize.TotalRows - 1
)

// dataSheet writes one data sheet with the stream writer, so memory stays
// flat however many rows there are. Links are HYPERLINK formulas written
// with the rows (links.go), so every id links, at a constant cost each;
// drop-down validation is added before the sheet is flushed.
func (w *workbook) dataSheet(key string) error {
	name := w.text.Sheets[key]
	cols := w.text.Columns[key]
	t := newTable(cols)
	w.records(key, t)
	rows := t.rows
	if t.omitted > 0 {
		w.limitNote("rows", name, maxRows, t.omitted)
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
		width := utf8.RuneCountInString(cols[i].Header) + 2
		for _, r := range rows {
			width = max(width, r[i].measure()+2)
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
	unlinked := 0
	values := make([]any, len(cols))
	cells := make([]excelize.Cell, len(cols))
	for n, r := range rows {
		for i, c := range r {
			where := func() string {
				ref, _ := excelize.CoordinatesToCellName(i+1, n+2)
				return name + "!" + ref
			}
			cells[i] = w.excel(c, where)
			if c.unlinked {
				unlinked++
			}
			values[i] = &cells[i]
		}
		if err := sw.SetRow("A"+strconv.Itoa(n+2), values, excelize.RowOpts{Height: rowHeight(r, widths)}); err != nil {
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
		w.limitNote("links", name, maxFormulaText, unlinked)
	}
	// Validation lives in the worksheet beside the rows; Flush writes it
	// out, so it must be set before.
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
// printing), so the height is written down. The row's cells are measured.
func rowHeight(r []cell, widths []int) float64 {
	const lineHeight, maxHeight = 15.0, 409.0 // 409 points is Excel's limit
	lines := 1
	for i, c := range r {
		if text, ok := c.value.(string); ok {
			perLine := max(widths[i]-2, 1)
			if !c.multiline {
				lines = max(lines, (int(c.runes)+perLine-1)/perLine)
				continue
			}
			n := 0
			for para := range strings.SplitSeq(text, "\n") {
				n += max(1, (utf8.RuneCountInString(para)+perLine-1)/perLine)
			}
			lines = max(lines, n)
		}
	}
	return min(float64(lines)*lineHeight, maxHeight)
}

// measure returns the width a cell needs: its longest line, or the width
// of a date. It notes whether a text has more than one line, and the
// characters of one that has not.
func (c *cell) measure() int {
	switch v := c.value.(type) {
	case string:
		if strings.IndexByte(v, '\n') < 0 {
			c.runes = int32(utf8.RuneCountInString(v))
			return int(c.runes)
		}
		c.multiline = true
		widest := 0
		for line := range strings.SplitSeq(v, "\n") {
			widest = max(widest, utf8.RuneCountInString(line))
		}
		return widest
	case int:
		return len(strconv.Itoa(v))
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
		w.warnings = append(w.warnings, fmt.Sprintf("sheet %s: %d ids are plain text, not links: the id or the sheet name it links to is over the %d characters of a formula's text, or holds a control character or an _xHHHH_ escape", sheet, omitted, limit))
	case "rows":
		w.warnings = append(w.warnings, fmt.Sprintf("sheet %s: %d records beyond the first %d rows are left out (the JSON and CSV outputs have them)", sheet, omitted, limit))
	}
	if t := w.text.Summary.Limits[kind]; t != "" {
		w.notes = append(w.notes, r.Replace(t))
	}
}
