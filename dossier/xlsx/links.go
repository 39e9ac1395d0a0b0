package xlsx

import (
	"regexp"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Links are HYPERLINK formulas written with the rows, not hyperlink
// relationships: excelize's SetCellHyperLink looks through every link
// already on the sheet on each call (the cost grows with the square of the
// links), and Excel allows at most 65,530 hyperlink relationships a sheet,
// while it sets no limit on the number of HYPERLINK formulas. Each formula
// is written with its result (the id it shows), so the cell reads the
// same without recalculation, sorts and filters by the id.
//
// Only the formulas made here are formulas. The text shown and the place
// jumped to are text constants of the formula, each double quote doubled,
// so neither can end its constant and add to the formula; a sheet name in
// the place is in single quotes, each single quote doubled.

// maxFormulaText is the most characters Excel takes in one text constant
// of a formula; a formula itself may hold 8,192.
const maxFormulaText = 255

// bstrEscape matches the _xHHHH_ escapes of OOXML strings, which a reader
// may decode inside a formula: text holding one is not made a link.
var bstrEscape = regexp.MustCompile(`(?i)_x[0-9a-f]{4}_`)

// linkTarget is a sheet that links point to, with the start of their
// formula worked out once.
type linkTarget struct {
	// prefix is `HYPERLINK("#'Sheet'!` with the sheet name escaped; empty
	// when the sheet name cannot be in a formula's text.
	prefix string
	// room is how many characters of the place's text are left for the
	// cell reference within Excel's limit.
	room int
}

// newLinkTarget prepares the links to sheet.
func newLinkTarget(sheet string) linkTarget {
	place, ok := formulaText("#" + sheetRef(sheet, ""))
	if !ok {
		return linkTarget{}
	}
	place = strings.TrimSuffix(place, `"`)
	return linkTarget{prefix: "HYPERLINK(" + place, room: maxFormulaText - utf16Len(place) + 1}
}

// hyperlink returns the formula of a cell that shows text and, clicked,
// jumps to cell ("A5") of the target sheet; false when the text or the
// place cannot be a text constant of a formula: over Excel's 255
// characters, or holding a control character or an _xHHHH_ escape. The
// formula has no leading "=", as the file format stores formulas.
func (t linkTarget) hyperlink(cell, text string) (string, bool) {
	if t.prefix == "" || len(cell) > t.room {
		return "", false
	}
	shown, ok := formulaText(text)
	if !ok {
		return "", false
	}
	return t.prefix + cell + `",` + shown + ")", true
}

// formulaText returns s as a text constant of a formula: in double
// quotes, each double quote inside doubled.
func formulaText(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	plain := len(s) <= maxFormulaText
	for i := 0; i < len(s) && plain; i++ {
		plain = s[i] >= 0x20 && s[i] < 0x7f && s[i] != '"' && s[i] != '_'
	}
	if plain {
		return `"` + s + `"`, true
	}
	if !utf8.ValidString(s) || bstrEscape.MatchString(s) {
		return "", false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return "", false
		}
	}
	quoted := strings.ReplaceAll(s, `"`, `""`)
	if utf16Len(quoted) > maxFormulaText {
		return "", false
	}
	return `"` + quoted + `"`, true
}

// sheetRef is a reference to a cell of a sheet, "'Sheet'!A5", the sheet
// name in single quotes with each single quote inside doubled.
func sheetRef(sheet, cell string) string {
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'!" + cell
}

// utf16Len is the length of s in UTF-16 code units, as Excel counts
// characters.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
