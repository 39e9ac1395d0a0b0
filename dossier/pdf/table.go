package pdf

import (
	"math"
	"strings"
)

// cell is one table cell: text in a font, optionally a web link.
type cell struct {
	text   string
	family string
	style  string
	size   float64
	url    string // an external link over the cell
	color  *rgb
}

// table draws rows of cells in columns of the given widths (millimetres;
// they should add up to the content width). Rows taller than what is left
// of a page break across pages line by line, so a long value never runs
// off the page; head, when set, is repeated at the top of each new page.
type table struct {
	dc     *doc
	widths []float64
	head   []cell
	pad    float64
}

func (dc *doc) newTable(widths []float64, head ...cell) *table {
	return &table{dc: dc, widths: widths, head: head, pad: 1.2}
}

// lineHeight is the line height for a font size in points.
func lineHeight(size float64) float64 { return size * 0.47 }

// textCell is a cell in the table's body font.
func textCell(s string) cell { return cell{text: s, family: sans, size: smallSize} }

// labelCell is a cell in the label font.
func labelCell(s string) cell { return cell{text: s, family: sans, style: "B", size: smallSize} }

// headRow draws the header row, if any.
func (t *table) headRow() {
	if len(t.head) > 0 {
		t.draw(t.head, true)
	}
}

// begin starts the table: on a new page unless the header and the first
// lines of the body fit, so a header is never left alone at a page's foot.
func (t *table) begin() {
	t.dc.ensure(6*lineHeight(smallSize) + 4*t.pad)
	t.headRow()
}

// row draws one body row.
func (t *table) row(cells ...cell) { t.draw(cells, false) }

// draw lays a row out, splitting it across pages as needed.
func (t *table) draw(cells []cell, isHead bool) {
	dc := t.dc
	f := dc.f
	lines := make([][]string, len(cells))
	lh := 0.0
	n := 1
	for i, c := range cells {
		dc.font(c.family, c.style, c.size)
		text := strings.TrimSpace(clean(c.text))
		if text == "" {
			lines[i] = []string{""}
		} else {
			lines[i] = f.SplitText(text, t.widths[i])
		}
		n = max(n, len(lines[i]))
		lh = math.Max(lh, lineHeight(c.size))
	}
	start := 0
	for start < n {
		y := f.GetY()
		avail := int((dc.bottom() - y - 2*t.pad) / lh)
		// Start on a new page rather than leave a lone line, unless the
		// row could never fit on one page anyway.
		if avail < 1 || (start == 0 && avail < n && avail < 3) {
			f.AddPage()
			if !isHead {
				t.headRow()
			}
			continue
		}
		chunk := min(avail, n-start)
		h := float64(chunk)*lh + 2*t.pad
		x := marginLeft
		f.SetDrawColor(rule.r, rule.g, rule.b)
		f.SetLineWidth(0.15)
		for i, c := range cells {
			w := t.widths[i]
			style := "D"
			if isHead {
				f.SetFillColor(shade.r, shade.g, shade.b)
				style = "FD"
			}
			f.Rect(x, y, w, h, style)
			dc.font(c.family, c.style, c.size)
			col := ink
			if c.color != nil {
				col = *c.color
			} else if c.url != "" {
				col = linkBlue
			}
			dc.color(col)
			for k := start; k < start+chunk && k < len(lines[i]); k++ {
				f.SetXY(x, y+t.pad+float64(k-start)*lh)
				f.CellFormat(w, lh, lines[i][k], "", 0, "L", false, 0, "")
			}
			if c.url != "" {
				f.LinkString(x, y, w, h, c.url)
			}
			x += w
		}
		dc.color(ink)
		f.SetXY(marginLeft, y+h)
		start += chunk
	}
}

// end leaves some space after a table.
func (t *table) end() { t.dc.f.Ln(3) }

// kvTable draws a two-column table of label and value rows.
func (dc *doc) kvTable(rows [][2]string) { dc.kvTableW(rows, dc.contentW()) }

// kvTableW is kvTable in a given total width.
func (dc *doc) kvTableW(rows [][2]string, w float64) {
	label := dc.contentW() * 0.3
	t := dc.newTable([]float64{label, w - label})
	for _, r := range rows {
		t.row(labelCell(r[0]), textCell(r[1]))
	}
	t.end()
}
