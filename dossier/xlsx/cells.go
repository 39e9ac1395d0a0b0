package xlsx

import (
	"fmt"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/xuri/excelize/v2"
)

// maxCellChars is Excel's limit on the characters of one cell, counted in
// UTF-16 code units.
const maxCellChars = 32767

// cell is one value to write, with what the renderer knows about it.
type cell struct {
	value any             // string, int, time.Time or nil
	prec  model.Precision // for dates: how much of the date is known
	// formula is the HYPERLINK formula of an id that links to the row
	// where it is defined (links.go).
	formula string
	// unlinked is an id that would link but cannot be a formula's text.
	unlinked bool
	// multiline is a text holding a line feed, and runes the characters
	// of a text with none: set by measure, so that a text is counted once.
	multiline bool
	runes     int32
}

func str(s string) cell { return cell{value: s} }
func num(n int) cell    { return cell{value: n} }

// date is a date cell at the precision known, or an empty cell.
func date(d model.Date) cell {
	if d.IsZero() {
		return cell{}
	}
	return cell{value: d.First(), prec: d.Precision}
}

func yesNo(b bool) cell {
	if b {
		return str("yes")
	}
	return str("no")
}

// styles are the cell styles of the workbook.
type styles struct {
	header, text, wrap, link int
	year, month, day         int
	title, label, note       int
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	top := &excelize.Alignment{Vertical: "top"}
	s.header = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	s.text = mk(&excelize.Style{Alignment: top})
	s.wrap = mk(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	s.link = mk(&excelize.Style{Alignment: top, Font: &excelize.Font{Color: "0563C1", Underline: "single"}})
	yyyy, yyyymm, ymd := "yyyy", "yyyy-mm", "yyyy-mm-dd"
	s.year = mk(&excelize.Style{Alignment: top, CustomNumFmt: &yyyy})
	s.month = mk(&excelize.Style{Alignment: top, CustomNumFmt: &yyyymm})
	s.day = mk(&excelize.Style{Alignment: top, CustomNumFmt: &ymd})
	s.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}})
	s.label = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top})
	s.note = mk(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "555555"}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	return s, err
}

// wrapAt is the width in characters past which a column wraps its text.
const wrapAt = 60

// excel turns a cell into what the stream writer takes, cutting text over
// Excel's limit with a visible marker and reporting it; where says which
// cell it is, and is called only then. A cell that links is its HYPERLINK
// formula with the text it shows as its result.
func (w *workbook) excel(c cell, where func() string) excelize.Cell {
	switch v := c.value.(type) {
	case string:
		if v == "" {
			return excelize.Cell{StyleID: w.styles.text} // styled, empty
		}
		if c.formula != "" {
			return excelize.Cell{StyleID: w.styles.link, Value: c.value, Formula: c.formula}
		}
		style := w.styles.text
		if len(v) > wrapAt && (c.runes > wrapAt || c.multiline && utf8.RuneCountInString(v) > wrapAt) {
			style = w.styles.wrap
		}
		if len(v) <= maxCellChars {
			return excelize.Cell{StyleID: style, Value: c.value}
		}
		return excelize.Cell{StyleID: style, Value: w.truncate(v, where)}
	case time.Time:
		style := map[model.Precision]int{model.Year: w.styles.year, model.Month: w.styles.month, model.Day: w.styles.day}[c.prec]
		return excelize.Cell{StyleID: style, Value: v}
	case int:
		return excelize.Cell{StyleID: w.styles.text, Value: c.value}
	}
	return excelize.Cell{StyleID: w.styles.text}
}

// truncate keeps s within Excel's cell limit. The cut is marked in the
// cell itself, so a reader knows text is missing, and reported as a
// warning of the build naming the cell where() returns.
func (w *workbook) truncate(s string, where func() string) string {
	// A UTF-16 code unit takes at least one byte of UTF-8.
	if len(s) <= maxCellChars {
		return s
	}
	units := utf16.Encode([]rune(s))
	if len(units) <= maxCellChars {
		return s
	}
	marker := func(omitted int) string {
		return fmt.Sprintf(" … [truncated: %d characters omitted; full text in the JSON output]", omitted)
	}
	keep := maxCellChars - len(utf16.Encode([]rune(marker(len(units)))))
	kept := []rune(string(utf16.Decode(units[:keep])))
	if len(kept) > 0 && kept[len(kept)-1] == '\uFFFD' {
		kept = kept[:len(kept)-1] // half of a surrogate pair
	}
	omitted := len(units) - len(utf16.Encode(kept))
	w.warnings = append(w.warnings, fmt.Sprintf("%s: text of %d characters cut to Excel's limit of %d; the JSON output has it whole", where(), len(units), maxCellChars))
	return string(kept) + marker(omitted)
}
