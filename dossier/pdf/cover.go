package pdf

import (
	"strconv"
	"strings"
)

// cover lays out the first page: marking, recipient, title, legal basis,
// submitter, date.
func (dc *doc) cover() {
	f := dc.f
	f.AddPage()
	dc.font(sans, "", bodySize) // a UTF-8 font first: bookmarks are encoded as the current font
	f.Bookmark(oneLine(dc.t.h("cover")), 0, 0)
	w := dc.contentW()

	// Classification marking, boxed.
	mark := oneLine(dc.d.Classification)
	dc.font(sans, "B", 10)
	mw := f.GetStringWidth(mark) + 10
	if mw > w {
		mw = w
	}
	f.SetDrawColor(marking.r, marking.g, marking.b)
	f.SetLineWidth(0.5)
	dc.color(marking)
	f.SetXY(marginLeft+(w-mw)/2, marginTop-6)
	f.CellFormat(mw, 8, fitText(f, mark, mw), "1", 1, "C", false, 0, "")
	dc.font(sans, "", tinySize)
	dc.color(grey)
	f.SetX(marginLeft)
	f.CellFormat(w, 5, dc.t.Audiences[string(dc.d.Audience)], "", 1, "C", false, 0, "")

	// Regime, title, cover sentence.
	f.SetY(marginTop + 18)
	dc.font(sans, "B", 10)
	dc.color(grey)
	f.MultiCell(0, 5, strings.ToUpper(oneLine(dc.p.Name)), "", "L", false)
	f.Ln(3)
	dc.font(sans, "B", 20)
	dc.color(navy)
	f.MultiCell(0, 9.5, oneLine(dc.title()), "", "L", false)
	f.Ln(3)
	dc.font(serif, "I", 11)
	dc.color(grey)
	f.MultiCell(0, 5.6, oneLine(dc.p.Wording.Cover), "", "L", false)
	f.Ln(4)
	f.SetDrawColor(navy.r, navy.g, navy.b)
	f.SetLineWidth(0.6)
	f.Line(marginLeft, f.GetY(), marginLeft+w, f.GetY())
	f.Ln(6)

	// The particulars, as label and value lines without rules.
	org := dc.d.Organisation
	if org == "" {
		org = dc.t.l("not_stated")
	}
	var citations []string
	for _, c := range dc.p.LegalBasis.Citations {
		citations = append(citations, oneLine(c.Text))
	}
	rows := [][2]string{
		{dc.t.l("recipient"), strings.Join(dc.p.Recipient, "\n")},
		{dc.t.l("legal_basis"), strings.Join(citations, "\n")},
	}
	if dc.combined {
		var names []string
		for _, o := range dc.officials {
			names = append(names, oneLine(o.Name))
		}
		rows = append(rows, [2]string{dc.t.l("subjects"), dc.orNotKnown(strings.Join(names, "; "))})
	}
	rows = append(rows, [2]string{dc.t.l("submitted_by"), org})
	if dc.d.Contact != "" {
		rows = append(rows, [2]string{dc.t.l("contact"), oneLine(dc.d.Contact)})
	}
	rows = append(rows, [][2]string{
		{dc.t.l("case"), oneLine(dc.d.Title) + "\n" + oneLine(dc.d.Country)},
		{dc.t.l("date"), dc.date()},
		{dc.t.l("classification"), mark},
	}...)
	// Notes at the foot of the cover.
	var notes []string
	if note := dc.withheldNote(); note != "" {
		notes = append(notes, note)
	}
	notes = append(notes, dc.t.x("fingerprint"))
	dc.font(sans, "", smallSize)
	notesH := 0.0
	for _, n := range notes {
		notesH += float64(dc.lines(n, w))*smallLine + 2
	}
	// The cover is one page: when a long list of subjects would not fit,
	// it gives their number and leaves the list to the contents.
	labelW := 44.0
	if dc.combined && f.GetY()+dc.coverRowsHeight(rows, labelW) > dc.bottom()-notesH-4 {
		for i := range rows {
			if rows[i][0] == dc.t.l("subjects") {
				rows[i][1] = dc.t.l("subjects_count", "n", strconv.Itoa(len(dc.officials)))
			}
		}
	}
	f.SetAutoPageBreak(false, 0)
	defer f.SetAutoPageBreak(true, marginBottom)
	for _, r := range rows {
		y := f.GetY()
		dc.font(sans, "B", tinySize)
		dc.color(grey)
		f.SetXY(marginLeft, y+0.9)
		f.MultiCell(labelW-3, 3.8, strings.ToUpper(oneLine(r[0])), "", "L", false)
		below := f.GetY()
		dc.font(serif, "", bodySize)
		dc.color(ink)
		f.SetXY(marginLeft+labelW, y)
		f.MultiCell(w-labelW, bodyLine, clean(r[1]), "", "L", false)
		if below > f.GetY() {
			f.SetY(below)
		}
		f.Ln(2.5)
	}
	if y := dc.bottom() - notesH - 2; y > f.GetY() {
		f.SetY(y)
	}
	dc.font(sans, "", smallSize)
	dc.color(grey)
	for _, n := range notes {
		f.SetX(marginLeft)
		f.MultiCell(0, smallLine, clean(n), "", "L", false)
		f.Ln(2)
	}
	dc.color(ink)
}

// coverRowsHeight measures the particulars of the cover.
func (dc *doc) coverRowsHeight(rows [][2]string, labelW float64) float64 {
	h := 0.0
	for _, r := range rows {
		dc.font(sans, "B", tinySize)
		lh := float64(dc.lines(strings.ToUpper(oneLine(r[0])), labelW-3))*3.8 + 0.9
		dc.font(serif, "", bodySize)
		lh = max(lh, float64(dc.lines(clean(r[1]), dc.contentW()-labelW))*bodyLine)
		h += lh + 2.5
	}
	return h
}

// contents draws the table of contents onto pages (fpdf's numbers, in
// reading order) and returns how many pages it needs. With pages nil it
// only measures.
func (dc *doc) contents(pages []int) int {
	draw := pages != nil
	f := dc.f
	f.SetAutoPageBreak(false, 0)
	defer f.SetAutoPageBreak(true, marginBottom)
	w := dc.contentW()
	numW, pageW := 11.0, 12.0
	page, y := 0, marginTop
	if draw {
		f.SetPage(pages[0])
		f.SetFillColor(255, 255, 255)
		dc.font(sans, "B", 14)
		dc.color(navy)
		f.SetXY(marginLeft, y)
		f.CellFormat(w, 7, oneLine(dc.t.h("contents")), "", 0, "L", false, 0, "")
		f.SetDrawColor(navy.r, navy.g, navy.b)
		f.SetLineWidth(0.4)
		f.Line(marginLeft, y+7.8, marginLeft+w, y+7.8)
	}
	y += 12
	for _, e := range dc.entries {
		if !e.inTOC {
			continue
		}
		indent := float64(e.level) * 7
		style, size, lh := "", smallSize+0.5, 5.0
		if e.level == 0 {
			style, size, lh = "B", 10, 5.6
		}
		dc.font(sans, style, size)
		titleW := w - indent - numW - pageW - 2
		lines := f.SplitText(e.title, titleW)
		if len(lines) == 0 {
			lines = []string{""}
		}
		h := float64(len(lines)) * lh
		if e.level == 0 {
			h += 1.5
		}
		if y+h > dc.bottom() {
			page++
			y = marginTop
			if draw && page < len(pages) {
				f.SetPage(pages[page])
			}
		}
		if draw && page < len(pages) {
			dc.contentsLine(e, lines, y+h-float64(len(lines))*lh, lh, style, size)
		}
		y += h
	}
	return page + 1
}

// contentsLine draws one entry of the contents: number, title, dot
// leaders and page number, all linked to the heading.
func (dc *doc) contentsLine(e tocEntry, lines []string, y, lh float64, style string, size float64) {
	f := dc.f
	w := dc.contentW()
	numW, pageW := 11.0, 12.0
	indent := float64(e.level) * 7
	titleW := w - indent - numW - pageW - 2
	dc.font(sans, style, size)
	dc.color(ink)
	f.SetXY(marginLeft+indent, y)
	f.CellFormat(numW, lh, e.number, "", 0, "L", false, 0, "")
	for i, line := range lines {
		f.SetXY(marginLeft+indent+numW, y+float64(i)*lh)
		f.CellFormat(titleW, lh, line, "", 0, "L", false, 0, "")
	}
	lastY := y + float64(len(lines)-1)*lh
	from := marginLeft + indent + numW + f.GetStringWidth(lines[len(lines)-1]) + 3
	to := marginLeft + w - pageW - 1
	dc.font(sans, "", size)
	dc.color(rule)
	dot := f.GetStringWidth(". ")
	if dots := int((to - from) / dot); dots > 0 {
		f.SetXY(to-float64(dots)*dot, lastY)
		f.CellFormat(float64(dots)*dot, lh, strings.Repeat(". ", dots), "", 0, "L", false, 0, "")
	}
	dc.font(sans, style, size)
	dc.color(ink)
	f.SetXY(marginLeft+w-pageW, lastY)
	f.CellFormat(pageW, lh, strconv.Itoa(dc.readAt[e.page]), "", 0, "R", false, 0, "")
	f.Link(marginLeft+indent, y, w-indent, float64(len(lines))*lh, e.link)
}
