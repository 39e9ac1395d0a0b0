package xlsx

import (
	"fmt"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/xuri/excelize/v2"
)

// summary writes the first sheet: what the workbook is, its counts, and two
// charts (allegations by violation type, victims by status) drawn from
// small tables on the same sheet.
func (w *workbook) summary() error {
	f, d, t := w.f, w.d, w.text
	name := t.Sheets["summary"]
	set := func(ref string, v any, style int) error {
		var err error
		if s, ok := v.(string); ok {
			err = f.SetCellStr(name, ref, w.truncate(s, func() string { return name + "!" + ref }))
		} else {
			err = f.SetCellValue(name, ref, v)
		}
		if err != nil {
			return err
		}
		return f.SetCellStyle(name, ref, ref, style)
	}
	if err := set("A1", t.Summary.Title, w.styles.title); err != nil {
		return err
	}
	rows := []struct {
		key   string
		value any
	}{
		{"case", d.Title}, {"country", d.Country}, {"audience", string(d.Audience)}, {"classification", d.Classification},
		{"build_date", d.BuildDate}, {"officials", len(d.Officials)}, {"allegations", len(d.Allegations())},
		{"victims", len(d.Victims)}, {"withheld", d.Withheld}, {"sources", len(d.Sources)}, {"excerpts", len(d.Excerpts)},
	}
	for i, r := range rows {
		row := i + 3
		if err := set(fmt.Sprintf("A%d", row), t.Summary.Labels[r.key], w.styles.label); err != nil {
			return err
		}
		style := w.styles.text
		if r.key == "build_date" {
			style = w.styles.day
		}
		if err := set(fmt.Sprintf("B%d", row), r.value, style); err != nil {
			return err
		}
	}
	noteRow := len(rows) + 4
	if err := set(fmt.Sprintf("A%d", noteRow), t.Summary.Note, w.styles.note); err != nil {
		return err
	}
	if err := f.MergeCell(name, fmt.Sprintf("A%d", noteRow), fmt.Sprintf("D%d", noteRow)); err != nil {
		return err
	}
	if err := f.SetRowHeight(name, noteRow, 60); err != nil {
		return err
	}
	for i, note := range w.notes {
		row := noteRow + 1 + i
		if err := set(fmt.Sprintf("A%d", row), note, w.styles.note); err != nil {
			return err
		}
		if err := f.MergeCell(name, fmt.Sprintf("A%d", row), fmt.Sprintf("D%d", row)); err != nil {
			return err
		}
		if err := f.SetRowHeight(name, row, 45); err != nil {
			return err
		}
	}
	noteRow += len(w.notes)
	if err := f.SetColWidth(name, "A", "A", 40); err != nil {
		return err
	}
	if err := f.SetColWidth(name, "B", "B", 44); err != nil {
		return err
	}

	// Count tables, side by side below the figures, each feeding a chart.
	byViolation := map[string]int{}
	var violationOrder []model.Label
	for _, a := range d.Allegations() {
		for _, v := range a.Violations {
			if byViolation[v.Value] == 0 {
				violationOrder = append(violationOrder, v)
			}
			byViolation[v.Value]++
		}
	}
	byStatus := map[string]int{}
	var statusOrder []model.Label
	for _, v := range d.Victims {
		if byStatus[v.Status.Value] == 0 {
			statusOrder = append(statusOrder, v.Status)
		}
		byStatus[v.Status.Value]++
	}
	// The two count tables stack in columns A and B; each chart stands
	// beside its table.
	top := noteRow + 2
	if err := w.countTable(name, "A", top, t.Summary.ByViolation, violationOrder, byViolation, fmt.Sprintf("D%d", top)); err != nil {
		return err
	}
	second := top + max(len(violationOrder)+2, 18)
	if err := w.countTable(name, "A", second, t.Summary.ByStatus, statusOrder, byStatus, fmt.Sprintf("D%d", second)); err != nil {
		return err
	}
	return w.printLayout(name)
}

// countTable writes a two-column table of labels and counts at col/row and
// a bar chart of it with its top-left corner at anchor.
func (w *workbook) countTable(sheet, col string, row int, title string, labels []model.Label, counts map[string]int, anchor string) error {
	f := w.f
	valueCol := string(rune(col[0] + 1))
	if err := f.SetCellStr(sheet, fmt.Sprintf("%s%d", col, row), title); err != nil {
		return err
	}
	if err := f.SetCellStr(sheet, fmt.Sprintf("%s%d", valueCol, row), w.text.Summary.Count); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, fmt.Sprintf("%s%d", col, row), fmt.Sprintf("%s%d", valueCol, row), w.styles.header); err != nil {
		return err
	}
	for i, l := range labels {
		if err := f.SetCellStr(sheet, fmt.Sprintf("%s%d", col, row+1+i), l.Label); err != nil {
			return err
		}
		if err := f.SetCellInt(sheet, fmt.Sprintf("%s%d", valueCol, row+1+i), int64(counts[l.Value])); err != nil {
			return err
		}
	}
	if len(labels) == 0 {
		return nil
	}
	last := row + len(labels)
	return f.AddChart(sheet, anchor, &excelize.Chart{
		Type: excelize.Bar,
		Series: []excelize.ChartSeries{{
			Name:       fmt.Sprintf("'%s'!$%s$%d", sheet, valueCol, row),
			Categories: fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sheet, col, row+1, col, last),
			Values:     fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sheet, valueCol, row+1, valueCol, last),
		}},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title}}},
		Legend:    excelize.ChartLegend{Position: "none"},
		Dimension: excelize.ChartDimension{Width: 560, Height: 300},
	})
}
