package bundle

import (
	"fmt"
	"math"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/pdf"
	"github.com/dossier-project/dossier/dossier/textlayout"
	"github.com/go-pdf/fpdf"
)

// Page geometry (millimetres) and type (points; line heights in mm).
const (
	marginLeft   = 25.0
	marginRight  = 20.0
	marginTop    = 24.0
	marginBottom = 24.0
	gutter       = 11.0 // the column of paragraph numbers
	bodySize     = 10.0
	bodyLine     = 5.0
	smallSize    = 8.5
	smallLine    = 4.1
	tinySize     = 7.5
	tinyLine     = 3.6
)

type rgb struct{ r, g, b int }

var (
	ink       = rgb{0x1a, 0x1a, 0x1a}
	navy      = rgb{0x1f, 0x3a, 0x5f}
	grey      = rgb{0x5f, 0x63, 0x68}
	ruleGrey  = rgb{0xb0, 0xb7, 0xc0}
	linkBlue  = rgb{0x1a, 0x4f, 0x9c}
	marking   = rgb{0x9b, 0x1c, 0x1c}
	highlight = rgb{0xff, 0xec, 0x8c}
	tagBar    = rgb{0xd9, 0xa4, 0x00}
)

// section is a part of the bundle beginning on a page; its label is
// stamped on each of its pages beside the bundle number.
type section struct {
	page  int
	label string
}

// layout is one pass at laying the bundle PDF out.
type layout struct {
	d            *model.Dossier
	t            *Text
	f            *pdf.Writer
	ex           []*exhibit
	prefix, zip  string
	pageW, pageH float64
	sections     []section
	allegations  map[string]allegationRef
	tablePage    int
	tableLink    int
	places       []placement // original pages to draw in, see overlay
}

// allegationRef is how a tag names an allegation.
type allegationRef struct {
	n       int
	summary string
	victims []string
}

// BookmarkSeparator separates an exhibit's label from its title in the
// bundle PDF's bookmarks ("Exhibit 3 — Title"); verify finds each
// exhibit's bookmark by what follows it.
const BookmarkSeparator = " — "

// Stamp is the bundle number of page n: the prefix and six digits.
func Stamp(prefix string, n int) string { return fmt.Sprintf("%s-%06d", prefix, n) }

// renderPDF lays the bundle out, reserving pages for the index after the
// cover; when the index needs another number of pages, it lays it out again.
func renderPDF(d *model.Dossier, t *Text, ex []*exhibit, prefix, zipName string) (*spool, int, error) {
	defer collectOften()()
	reserved := max(1, int(math.Ceil(float64(len(ex)*34+60)/(297-marginTop-marginBottom))))
	for try := 0; try < 4; try++ {
		out, pages, needed, places, err := layoutOnce(d, t, ex, prefix, zipName, reserved)
		if err != nil {
			out.close()
			return nil, 0, err
		}
		if needed == reserved {
			if err := overlay(out, places); err != nil {
				out.close()
				return nil, 0, err
			}
			return out, pages, nil
		}
		out.close()
		reserved = needed
	}
	return nil, 0, fmt.Errorf("bundle: the index did not settle after 4 layouts")
}

// layoutOnce lays the bundle out with indexPages pages of index. When
// those are the pages the index needs, it writes the PDF to a spool
// (fpdf's output, then the attached files as an incremental update);
// otherwise it returns the number of index pages needed and no spool.
func layoutOnce(d *model.Dossier, t *Text, ex []*exhibit, prefix, zipName string, indexPages int) (out *spool, pages, needed int, places []placement, err error) {
	defer func() {
		if r := recover(); r != nil {
			out.close()
			out, err = nil, fmt.Errorf("bundle: internal error while laying out: %v", r)
		}
	}()
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetAutoPageBreak(true, marginBottom)
	f.SetCatalogSort(true)
	f.SetCreationDate(d.BuildDate)
	f.SetModificationDate(d.BuildDate)
	f.SetCompression(true)
	f.SetCellMargin(0)
	pdf.RegisterFonts(f)
	l := &layout{d: d, t: t, f: pdf.NewWriter(f), ex: ex, prefix: prefix, zip: zipName}
	l.pageW, l.pageH = f.GetPageSize()
	l.refs()
	l.metadata()
	for _, e := range ex {
		e.page, e.link = 0, f.AddLink()
		for _, p := range e.passages {
			p.page, p.link = 0, 0
		}
	}
	l.tableLink = f.AddLink()

	f.AddPage() // the cover, drawn once the page count is known
	l.font(pdf.Sans, "B", 10)
	f.Bookmark(pdf.OneLine(t.x("cover")), 0, 0)
	l.sections = append(l.sections, section{1, t.x("cover")})
	indexStart := f.PageCount() + 1
	for i := 0; i < indexPages; i++ {
		f.AddPage()
		if i == 0 {
			f.Bookmark(pdf.OneLine(t.x("index")), 0, 0)
			l.sections = append(l.sections, section{indexStart, t.x("index")})
		}
	}
	for _, e := range ex {
		l.exhibit(e)
	}
	l.passageTable()
	last := f.PageCount()
	f.SetAutoPageBreak(false, 0)
	if n := l.index(indexStart, indexPages, false); n != indexPages {
		return nil, 0, n, nil, f.Error()
	}
	l.index(indexStart, indexPages, true)
	l.cover(last)
	l.stamps(last)
	var attachments []attachment // added after fpdf's output: see attachFiles
	for _, e := range ex {
		if e.src.TextWithheld {
			continue
		}
		attachments = append(attachments, attachment{name: path.Base(e.file), desc: t.x("exhibit", "n", strconv.Itoa(e.n)), data: blob{s: e.src.Text}})
	}
	attachments = append(attachments, l.originalAttachments()...)
	f.SetPage(last)
	if err := f.Error(); err != nil {
		return nil, 0, 0, nil, fmt.Errorf("bundle: %w", err)
	}
	// fpdf's output goes straight to a file, and nothing refers to fpdf
	// after it (l, f): its pages and its copy of the file are garbage
	// while the files are attached.
	places = l.places
	if out, err = newSpool(); err != nil {
		return nil, 0, 0, nil, err
	}
	if err := f.Output(out); err != nil {
		out.close()
		return nil, 0, 0, nil, fmt.Errorf("bundle: %w", err)
	}
	if err := attachFiles(out, attachments); err != nil {
		out.close()
		return nil, 0, 0, nil, err
	}
	return out, last, indexPages, places, nil
}

func (l *layout) font(family, style string, size float64) { l.f.SetFont(family, style, size) }
func (l *layout) color(c rgb)                             { l.f.SetTextColor(c.r, c.g, c.b) }
func (l *layout) width() float64                          { return l.pageW - marginLeft - marginRight }
func (l *layout) bottom() float64                         { return l.pageH - marginBottom }

// ensure starts a new page unless h millimetres fit below the cursor.
func (l *layout) ensure(h float64) {
	if l.f.GetY()+h > l.bottom() {
		l.f.AddPage()
	}
}

// refs numbers each allegation within its official, for the tags.
func (l *layout) refs() {
	l.allegations = map[string]allegationRef{}
	for _, o := range l.d.Officials {
		for i, a := range o.Allegations {
			var victims []string
			for _, v := range a.Victims {
				victims = append(victims, v.Name)
			}
			l.allegations[a.ID] = allegationRef{n: i + 1, summary: a.Summary, victims: victims}
		}
	}
}

func (l *layout) metadata() {
	f := l.f
	f.SetTitle(pdf.OneLine(l.t.x("title")+" — "+l.d.Title), true)
	if l.d.Organisation != "" {
		f.SetAuthor(pdf.OneLine(l.d.Organisation), true)
	}
	f.SetSubject(pdf.OneLine(l.d.Title), true)
	f.SetKeywords(pdf.OneLine(l.t.x("title")+", "+l.d.Country+", "+l.d.Classification), true)
	f.SetCreator("dossier", true)
	f.SetLang("en")
	f.SetDisplayMode("fullwidth", "single")
}

// labelValue prints "Label: value" lines in a two-column block.
func (l *layout) labelValue(labelW float64, label, value string, valueColor rgb) {
	f := l.f
	if strings.TrimSpace(value) == "" {
		return
	}
	y := f.GetY()
	l.font(pdf.Sans, "B", smallSize)
	l.color(grey)
	f.SetXY(marginLeft, y)
	f.CellFormat(labelW, smallLine, pdf.FitText(f, label, labelW), "", 0, "L", false, 0, "")
	l.font(pdf.Sans, "", smallSize)
	l.color(valueColor)
	f.SetXY(marginLeft+labelW, y)
	f.MultiCell(l.width()-labelW, smallLine, pdf.OneLine(value), "", "L", false)
	l.color(ink)
}

// exhibit lays out one source: a header with its details, then its text
// paragraph by paragraph, cited passages highlighted and tagged.
func (l *layout) exhibit(e *exhibit) {
	f, t, s := l.f, l.t, e.src
	f.AddPage()
	e.page = f.PageNo()
	f.SetLink(e.link, 0, e.page)
	label := t.x("exhibit", "n", strconv.Itoa(e.n))
	l.sections = append(l.sections, section{e.page, t.x("exhibit_short", "n", strconv.Itoa(e.n))})
	l.font(pdf.Sans, "B", 14)
	f.Bookmark(pdf.OneLine(label+BookmarkSeparator+s.Title), 0, 0)
	l.color(navy)
	f.CellFormat(0, 7, label, "", 1, "L", false, 0, "")
	l.font(pdf.Sans, "B", 11.5)
	f.MultiCell(0, 5.6, pdf.OneLine(s.Title), "", "L", false)
	f.Ln(2)
	lw := 30.0
	l.labelValue(lw, t.l("type"), s.Type.Label, ink)
	l.labelValue(lw, t.l("publisher"), s.Publisher, ink)
	l.labelValue(lw, t.l("author"), s.Author, ink)
	l.labelValue(lw, t.l("published"), l.date(s.Published), ink)
	l.labelValue(lw, t.l("url"), s.URL, ink)
	l.labelValue(lw, t.l("archive_url"), s.ArchiveURL, ink)
	l.labelValue(lw, t.l("retrieved"), l.date(s.Retrieved), ink)
	l.labelValue(lw, t.l("language"), s.Language, ink)
	l.labelValue(lw, t.l("file"), e.file, ink)
	l.labelValue(lw, t.l("sha256"), e.sum, ink)
	l.originalDetails(lw, e)
	if s.TextWithheld {
		l.labelValue(lw, "", t.x("text_withheld"), marking)
	} else if s.TextRedacted {
		l.labelValue(lw, "", t.x("redacted", "hash", s.SHA256), marking)
	} else {
		l.labelValue(lw, "", t.x("not_redacted"), grey)
	}
	f.Ln(3)
	l.font(pdf.Sans, "B", 10)
	l.color(navy)
	f.CellFormat(0, 5, t.x("text_heading"), "", 1, "L", false, 0, "")
	f.SetDrawColor(navy.r, navy.g, navy.b)
	f.SetLineWidth(0.4)
	f.Line(marginLeft, f.GetY()+0.5, marginLeft+l.width(), f.GetY()+0.5)
	f.Ln(3)
	if len(e.passages) == 0 {
		l.font(pdf.Sans, "", smallSize)
		l.color(grey)
		f.CellFormat(0, smallLine, t.x("no_passages"), "", 1, "L", false, 0, "")
		f.Ln(2)
	}
	for i, p := range e.paras {
		l.paragraph(e, i+1, p)
	}
	l.originalPages(e)
}

func (l *layout) date(d model.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// seg is a piece of a line: a word, part of one, or a space, highlighted
// or not.
type seg struct {
	text       string
	start, end int // bytes of the exhibit's text
	hl, space  bool
	w          float64
}

// paragraph lays out paragraph n of an exhibit: its number in the gutter,
// its words wrapped to the width, cited passages on a highlight, and after
// it the tags of the passages that end in it.
func (l *layout) paragraph(e *exhibit, n int, p [2]int) {
	f := l.f
	text := e.src.Text
	// The passages that touch this paragraph (they are sorted by start).
	var local []*passage
	for _, q := range e.passages {
		if q.start >= p[1] {
			break
		}
		if q.end > p[0] {
			local = append(local, q)
		}
	}
	lit := func(i int) bool {
		for _, q := range local {
			if q.start <= i && i < q.end {
				return true
			}
		}
		return false
	}
	l.font(pdf.Serif, "", bodySize)
	// Split into segments: runs of spaces or of other characters, cut
	// again wherever the highlight starts or stops.
	var segs []seg
	for i := p[0]; i < p[1]; {
		r, size := utf8.DecodeRuneInString(text[i:])
		sp := unicode.IsSpace(r)
		h := lit(i)
		if k := len(segs) - 1; k >= 0 && segs[k].space == sp && segs[k].hl == h && segs[k].end == i {
			segs[k].end = i + size
		} else {
			segs = append(segs, seg{start: i, end: i + size, space: sp, hl: h})
		}
		i += size
	}
	for i := range segs {
		s := &segs[i]
		if s.space {
			s.text = " "
		} else {
			s.text = pdf.Clean(text[s.start:s.end])
		}
		s.w = f.GetStringWidth(s.text)
	}
	// Group into words and wrap.
	width := l.width() - gutter
	var lines [][]seg
	var line []seg
	x := 0.0
	flush := func() {
		for len(line) > 0 && line[len(line)-1].space {
			line = line[:len(line)-1]
		}
		if len(line) > 0 {
			lines = append(lines, line)
		}
		line, x = nil, 0
	}
	for i := 0; i < len(segs); {
		if segs[i].space {
			if len(line) > 0 {
				line = append(line, segs[i])
				x += segs[i].w
			}
			i++
			continue
		}
		j, w := i, 0.0
		for j < len(segs) && !segs[j].space {
			w += segs[j].w
			j++
		}
		if x+w > width && len(line) > 0 {
			flush()
		}
		if w > width { // a word wider than the line: break it anywhere
			for _, s := range segs[i:j] {
				for k, r := range s.text {
					c := s
					c.text = string(r)
					c.start = s.start + min(k, s.end-s.start-1)
					c.w = f.GetStringWidth(c.text)
					if x+c.w > width && len(line) > 0 {
						flush()
					}
					line = append(line, c)
					x += c.w
				}
			}
		} else {
			line = append(line, segs[i:j]...)
			x += w
		}
		i = j
	}
	flush()

	// A right-to-left paragraph is set from the right margin, its runs
	// placed leftwards in reading order, so a highlighted passage keeps its
	// place in the sentence and the text its alignment.
	rtl := textlayout.RTL(text[p[0]:p[1]])
	for k, ln := range lines {
		l.ensure(bodyLine)
		y := f.GetY()
		if k == 0 {
			l.font(pdf.Sans, "", tinySize)
			l.color(grey)
			f.SetXY(marginLeft, y)
			f.CellFormat(gutter-3, bodyLine, strconv.Itoa(n), "", 0, "R", false, 0, "")
			l.font(pdf.Serif, "", bodySize)
		}
		l.color(ink)
		f.SetFillColor(highlight.r, highlight.g, highlight.b)
		f.SetXY(marginLeft+gutter, y)
		right := marginLeft + l.width()
		for a := 0; a < len(ln); {
			b, w := a, 0.0
			var run strings.Builder
			for b < len(ln) && ln[b].hl == ln[a].hl {
				run.WriteString(ln[b].text)
				w += ln[b].w
				for _, q := range local {
					if q.page == 0 && q.start < ln[b].end {
						q.page = f.PageNo()
						q.link = f.AddLink()
						f.SetLink(q.link, y, q.page)
					}
				}
				b++
			}
			if rtl {
				right -= w
				f.SetXY(right, y)
			}
			f.CellFormat(w, bodyLine, run.String(), "", 0, "L", ln[a].hl, 0, "")
			a = b
		}
		f.SetXY(marginLeft, y+bodyLine)
	}
	for _, q := range local {
		if q.end > p[0] && q.end <= p[1] {
			l.tags(e, q)
		}
	}
	f.Ln(1.6)
}

// tags prints, under the paragraph where a passage ends, what each excerpt
// quoting it supports.
func (l *layout) tags(e *exhibit, q *passage) {
	f, t := l.f, l.t
	opening := "“" + shorten(e.src.Text[q.start:q.end], 70) + "”"
	for i, x := range q.excerpts {
		text := t.x("excerpt", "n", strconv.Itoa(x.Number)) + " · " + l.supports(x)
		if i == 0 {
			text = opening + " — " + text
		}
		l.font(pdf.Sans, "", tinySize)
		w := l.width() - gutter - 3
		h := float64(len(f.SplitText(pdf.OneLine(text), w)))*tinyLine + 0.6
		l.ensure(h)
		y := f.GetY() + 0.3
		f.SetFillColor(tagBar.r, tagBar.g, tagBar.b)
		f.Rect(marginLeft+gutter, y, 0.9, h-0.6, "F")
		f.SetXY(marginLeft+gutter+3, y)
		l.color(grey)
		f.MultiCell(w, tinyLine, pdf.OneLine(text), "", "L", false)
		f.SetY(y + h - 0.3)
	}
	l.color(ink)
}

// supports says what an excerpt supports, for its tag.
func (l *layout) supports(x *model.Excerpt) string {
	t := l.t
	switch x.Supports {
	case "allegation":
		a := l.allegations[x.Target]
		s := t.x("supports_allegation", "owner", x.OwnerName, "n", strconv.Itoa(a.n), "summary", shorten(a.summary, 90))
		if len(a.victims) > 0 {
			s += "; " + t.x("concerning", "victims", model.JoinList(a.victims))
		}
		return s
	case "position", "document", "identity", "event", "sanction", "contrary", "associate", "status", "relationship", "amount", "proceeding", "asset", "flow":
		return t.x("supports_"+x.Supports, "owner", x.OwnerName)
	}
	return x.OwnerName
}

// shorten cuts s to n runes at a word, with an ellipsis.
func shorten(s string, n int) string {
	s = pdf.OneLine(s)
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}
