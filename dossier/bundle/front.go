package bundle

import (
	"strconv"
	"strings"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/pdf"
)

// cover draws the first page, once the number of pages is known.
func (l *layout) cover(last int) {
	f, t, d := l.f, l.t, l.d
	f.SetPage(1)
	f.SetXY(marginLeft, 60)
	l.font(pdf.Sans, "B", 11)
	l.color(marking)
	f.CellFormat(0, 6, pdf.OneLine(d.Classification), "", 1, "L", false, 0, "")
	f.Ln(4)
	l.font(pdf.Sans, "B", 24)
	l.color(navy)
	f.CellFormat(0, 11, t.x("title"), "", 1, "L", false, 0, "")
	f.Ln(2)
	l.font(pdf.Sans, "B", 13)
	f.MultiCell(0, 6.5, pdf.OneLine(d.Title), "", "L", false)
	f.Ln(6)
	f.SetDrawColor(navy.r, navy.g, navy.b)
	f.SetLineWidth(0.4)
	f.Line(marginLeft, f.GetY(), marginLeft+l.width(), f.GetY())
	f.Ln(5)
	lw := 38.0
	l.labelValue(lw, t.l("case"), d.Case, ink)
	l.labelValue(lw, t.l("country"), d.Country, ink)
	l.labelValue(lw, t.l("submitted_by"), d.Organisation, ink)
	l.labelValue(lw, t.l("date"), d.BuildDate.UTC().Format("2006-01-02"), ink)
	l.labelValue(lw, t.l("audience"), t.Audiences[string(d.Audience)], ink)
	l.labelValue(lw, t.l("classification"), d.Classification, marking)
	l.labelValue(lw, t.l("exhibits"), strconv.Itoa(len(l.ex)), ink)
	l.labelValue(lw, t.l("pages"), Stamp(l.prefix, 1)+" – "+Stamp(l.prefix, last), ink)
	f.Ln(6)
	para := func(s string, c rgb) {
		l.font(pdf.Serif, "", bodySize)
		l.color(c)
		f.MultiCell(0, bodyLine, pdf.OneLine(s), "", "L", false)
		f.Ln(2.5)
	}
	para(t.x("cover_intro", "exhibits", strconv.Itoa(len(l.ex)), "first", Stamp(l.prefix, 1), "last", Stamp(l.prefix, last)), ink)
	if d.Withheld > 0 {
		example := ""
		for _, v := range d.Victims {
			if v.Withheld {
				example = v.Name
				break
			}
		}
		para(t.x("withheld", "n", strconv.Itoa(d.Withheld), "example", example), marking)
	}
	para(t.x("cover_verify", "zip", l.zip), ink)
	l.color(ink)
}

// index draws (or, with draw false, measures) the index on the pages
// reserved from start, and returns how many pages it needs.
func (l *layout) index(start, reserved int, draw bool) int {
	f, t := l.f, l.t
	page, y := start, marginTop
	const numW, pageW = 20.0, 26.0
	titleW := l.width() - numW - pageW
	metaW := l.width() - numW
	type entry struct {
		num, title, page string
		link             int
		meta             []string
		warn             string
	}
	var entries []entry
	for _, e := range l.ex {
		s := e.src
		var meta []string
		join := func(parts ...string) string {
			var out []string
			for i := 0; i+1 < len(parts); i += 2 {
				if strings.TrimSpace(parts[i+1]) != "" {
					out = append(out, parts[i]+": "+parts[i+1])
				}
			}
			return strings.Join(out, " · ")
		}
		meta = append(meta, join(t.l("type"), s.Type.Label, t.l("publisher"), orNot(t, s.Publisher), t.l("published"), orNot(t, l.date(s.Published))))
		if m := join(t.l("author"), s.Author, t.l("retrieved"), l.date(s.Retrieved), t.l("language"), s.Language); m != "" {
			meta = append(meta, m)
		}
		meta = append(meta, join(t.l("file"), e.file), join(t.l("sha256"), e.sum))
		om, ow := l.originalMeta(e)
		meta = append(meta, om...)
		en := entry{num: strconv.Itoa(e.n), title: s.Title, page: Stamp(l.prefix, e.page), link: e.link, meta: meta}
		if s.TextWithheld {
			en.warn = t.x("text_withheld")
		} else if s.TextRedacted {
			en.warn = t.x("redacted", "hash", s.SHA256)
		}
		en.warn = joinNonEmpty(" ", en.warn, ow)
		entries = append(entries, en)
	}
	entries = append(entries, entry{title: t.x("passages"), page: Stamp(l.prefix, l.tablePage), link: l.tableLink})

	// The heading and introduction.
	l.font(pdf.Sans, "B", 14)
	headH := 7 + 2.0
	l.font(pdf.Sans, "", smallSize)
	introH := float64(len(f.SplitText(pdf.OneLine(t.x("index_intro")), l.width())))*smallLine + 4
	colH := smallLine + 2.5
	if draw {
		f.SetPage(page)
		f.SetXY(marginLeft, y)
		l.font(pdf.Sans, "B", 14)
		l.color(navy)
		f.CellFormat(0, 7, t.x("index"), "", 1, "L", false, 0, "")
		f.Ln(2)
		l.font(pdf.Sans, "", smallSize)
		l.color(grey)
		f.MultiCell(0, smallLine, pdf.OneLine(t.x("index_intro")), "", "L", false)
		f.Ln(4)
		l.font(pdf.Sans, "B", smallSize)
		f.SetX(marginLeft)
		f.CellFormat(numW, smallLine, t.l("exhibit"), "", 0, "L", false, 0, "")
		f.CellFormat(titleW, smallLine, "", "", 0, "L", false, 0, "")
		f.CellFormat(pageW, smallLine, t.l("first_page"), "", 1, "R", false, 0, "")
		f.SetDrawColor(ruleGrey.r, ruleGrey.g, ruleGrey.b)
		f.SetLineWidth(0.2)
		f.Line(marginLeft, f.GetY()+1, marginLeft+l.width(), f.GetY()+1)
	}
	y += headH + introH + colH
	for _, en := range entries {
		l.font(pdf.Sans, "B", 10)
		titleLines := f.SplitText(pdf.OneLine(en.title), titleW)
		h := float64(len(titleLines))*5.0 + 1
		l.font(pdf.Sans, "", tinySize)
		for _, m := range en.meta {
			h += float64(len(f.SplitText(pdf.OneLine(m), metaW))) * tinyLine
		}
		if en.warn != "" {
			h += float64(len(f.SplitText(pdf.OneLine(en.warn), metaW)))*tinyLine + 0.5
		}
		h += 3
		if y+h > l.bottom() {
			page++
			y = marginTop
		}
		if draw {
			f.SetPage(page)
			f.SetXY(marginLeft, y)
			l.font(pdf.Sans, "B", 10)
			l.color(navy)
			f.CellFormat(numW, 5, en.num, "", 0, "L", false, en.link, "")
			f.MultiCell(titleW, 5, strings.Join(titleLines, "\n"), "", "L", false)
			l.color(linkBlue)
			f.SetXY(marginLeft+numW+titleW, y)
			f.CellFormat(pageW, 5, en.page, "", 0, "R", false, en.link, "")
			f.SetXY(marginLeft+numW, y+float64(len(titleLines))*5.0+1)
			l.font(pdf.Sans, "", tinySize)
			l.color(grey)
			for _, m := range en.meta {
				f.SetX(marginLeft + numW)
				f.MultiCell(metaW, tinyLine, pdf.OneLine(m), "", "L", false)
			}
			if en.warn != "" {
				f.SetX(marginLeft + numW)
				l.font(pdf.Sans, "B", tinySize)
				l.color(marking)
				f.MultiCell(metaW, tinyLine, pdf.OneLine(en.warn), "", "L", false)
			}
			f.Link(marginLeft, y, l.width(), 5*float64(len(titleLines)), en.link)
			f.SetDrawColor(ruleGrey.r, ruleGrey.g, ruleGrey.b)
			f.SetLineWidth(0.1)
			f.Line(marginLeft, y+h-1.5, marginLeft+l.width(), y+h-1.5)
		}
		y += h
	}
	l.color(ink)
	return page - start + 1
}

func orNot(t *Text, s string) string {
	if strings.TrimSpace(s) == "" {
		return t.l("not_stated")
	}
	return s
}

// passageTable lays out the cited passages: each excerpt with its exhibit,
// paragraph and the bundle page its passage begins on, linked.
func (l *layout) passageTable() {
	f, t := l.f, l.t
	f.AddPage()
	l.tablePage = f.PageNo()
	f.SetLink(l.tableLink, 0, l.tablePage)
	l.sections = append(l.sections, section{l.tablePage, t.x("passages")})
	l.font(pdf.Sans, "B", 14)
	f.Bookmark(pdf.OneLine(t.x("passages")), 0, 0)
	l.color(navy)
	f.CellFormat(0, 7, t.x("passages"), "", 1, "L", false, 0, "")
	f.Ln(2)
	l.font(pdf.Sans, "", smallSize)
	l.color(grey)
	f.MultiCell(0, smallLine, pdf.OneLine(t.x("passages_intro")), "", "L", false)
	f.Ln(3)
	const exW, exhW, paraW, pageW = 15.0, 15.0, 11.0, 24.0
	textW := l.width() - exW - exhW - paraW - pageW
	widths := []float64{exW, textW, exhW, paraW, pageW}
	header := func() {
		l.font(pdf.Sans, "B", tinySize)
		l.color(navy)
		f.SetX(marginLeft)
		for i, h := range []string{t.l("excerpt"), t.l("passage"), t.l("exhibit"), t.l("paragraph"), t.l("page")} {
			align := "L"
			if i >= 2 {
				align = "R"
			}
			f.CellFormat(widths[i]-1, smallLine, h, "", 0, align, false, 0, "")
			f.SetX(f.GetX() + 1)
		}
		f.Ln(smallLine + 0.5)
		f.SetDrawColor(navy.r, navy.g, navy.b)
		f.SetLineWidth(0.3)
		f.Line(marginLeft, f.GetY(), marginLeft+l.width(), f.GetY())
		f.Ln(1)
	}
	header()
	for _, r := range l.rows() {
		l.font(pdf.Sans, "", tinySize)
		lines := f.SplitText(r.text, textW-2)
		h := float64(len(lines))*tinyLine + 1.6
		if f.GetY()+h > l.bottom() {
			f.AddPage()
			header()
			l.font(pdf.Sans, "", tinySize)
		}
		y := f.GetY()
		l.color(ink)
		f.SetXY(marginLeft, y)
		f.CellFormat(exW-1, tinyLine, strconv.Itoa(r.x.Number), "", 0, "L", false, 0, "")
		f.SetXY(marginLeft+exW, y)
		f.MultiCell(textW-2, tinyLine, strings.Join(lines, "\n"), "", "L", false)
		x := marginLeft + exW + textW
		f.SetXY(x, y)
		if r.p == nil {
			l.color(grey)
			f.CellFormat(exhW+paraW+pageW-1, tinyLine, r.missing, "", 0, "R", false, 0, "")
		} else {
			f.CellFormat(exhW-1, tinyLine, strconv.Itoa(r.e.n), "", 0, "R", false, r.e.link, "")
			f.SetX(x + exhW)
			f.CellFormat(paraW-1, tinyLine, strconv.Itoa(r.p.para), "", 0, "R", false, 0, "")
			f.SetX(x + exhW + paraW)
			l.font(pdf.Sans, "B", tinySize)
			l.color(linkBlue)
			f.CellFormat(pageW-1, tinyLine, Stamp(l.prefix, r.p.page), "", 0, "R", false, r.p.link, "")
		}
		f.SetDrawColor(ruleGrey.r, ruleGrey.g, ruleGrey.b)
		f.SetLineWidth(0.1)
		f.Line(marginLeft, y+h-0.5, marginLeft+l.width(), y+h-0.5)
		f.SetXY(marginLeft, y+h)
	}
	l.color(ink)
}

// row is one line of the cited-passages table.
type row struct {
	x       *model.Excerpt
	e       *exhibit
	p       *passage // nil when the excerpt is placed in no exhibit
	text    string
	missing string
}

// rows lists every excerpt, in excerpt order, with where its passage is.
func (l *layout) rows() []row {
	where := map[int]row{}
	for _, e := range l.ex {
		for _, p := range e.passages {
			for _, x := range p.excerpts {
				where[x.Number] = row{x: x, e: e, p: p}
			}
		}
	}
	var out []row
	for _, x := range l.d.Excerpts {
		r, ok := where[x.Number]
		if !ok {
			r = row{x: x, missing: l.t.x("source_withheld")}
			r.text = pdf.OneLine(x.Quote)
		} else {
			r.text = pdf.OneLine(x.Passage)
		}
		out = append(out, r)
	}
	return out
}

// stamps draws the running header and the stamp on every page: the
// classification, the part of the bundle, and the bundle number.
func (l *layout) stamps(last int) {
	f, t := l.f, l.t
	w := l.width()
	mark := pdf.OneLine(l.d.Classification)
	header := pdf.OneLine(t.x("running_header", "case", l.d.Title))
	s := 0
	for p := 1; p <= last; p++ {
		for s+1 < len(l.sections) && l.sections[s+1].page <= p {
			s++
		}
		f.SetPage(p)
		f.SetDrawColor(ruleGrey.r, ruleGrey.g, ruleGrey.b)
		f.SetLineWidth(0.2)
		if p > 1 {
			l.font(pdf.Sans, "", tinySize)
			l.color(grey)
			f.SetXY(marginLeft, 11)
			f.CellFormat(w*0.7, 4, pdf.FitText(f, header, w*0.7), "", 0, "L", false, 0, "")
			l.font(pdf.Sans, "B", tinySize)
			l.color(marking)
			f.CellFormat(w*0.3, 4, pdf.FitText(f, mark, w*0.3), "", 0, "R", false, 0, "")
			f.Line(marginLeft, 16, marginLeft+w, 16)
		}
		y := l.pageH - 15
		f.Line(marginLeft, y-2, marginLeft+w, y-2)
		l.font(pdf.Sans, "B", tinySize)
		l.color(marking)
		f.SetXY(marginLeft, y)
		f.CellFormat(w*0.4, 5, pdf.FitText(f, mark, w*0.4), "", 0, "L", false, 0, "")
		l.font(pdf.Sans, "", smallSize)
		l.color(grey)
		f.CellFormat(w*0.3, 5, pdf.FitText(f, l.sections[s].label, w*0.3), "", 0, "C", false, 0, "")
		stamp := Stamp(l.prefix, p)
		l.font(pdf.Sans, "B", 10)
		l.color(ink)
		sw := f.GetStringWidth(stamp) + 4
		f.SetDrawColor(ink.r, ink.g, ink.b)
		f.SetLineWidth(0.3)
		f.SetXY(marginLeft+w-sw, y-0.5)
		f.CellFormat(sw, 6, stamp, "1", 0, "C", false, 0, "")
	}
	l.color(ink)
}
