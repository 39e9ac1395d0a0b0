package pdf

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/dossier-project/dossier/dossier/textlayout"
	"github.com/go-pdf/fpdf"
)

// writer is fpdf with text drawing that every script survives. Text that
// fpdf can draw as it is (each character in the current DejaVu face, none
// right to left, none from a script whose letters join or reorder) goes
// straight to fpdf, as before. Other text is laid out by textlayout —
// bidi, font fallback, shaping, UAX #14 line breaks — and drawn glyph by
// glyph at the positions the shaper gives, inside a marked-content span
// whose ActualText is the line in reading order, so that copying and
// search give the text as written.
//
// The methods below shadow fpdf's of the same name, so every layout
// function gets this behaviour without knowing about it.
type writer struct {
	*fpdf.Fpdf
	family, style string
	size          float64
	cur           *textlayout.Layouter
	layouters     map[string]*textlayout.Layouter
	registered    map[string]bool
	missing       map[rune]bool
}

func newWriter(f *fpdf.Fpdf) *writer {
	return &writer{Fpdf: f, layouters: map[string]*textlayout.Layouter{}, registered: map[string]bool{}, missing: map[rune]bool{}}
}

// SetFont selects a font, remembering it for complex text.
func (w *writer) SetFont(family, style string, size float64) {
	if family != w.family || style != w.style {
		w.cur = nil
	}
	w.family, w.style, w.size = family, style, size
	w.Fpdf.SetFont(family, style, size)
}

// lay is the layouter of the current font.
func (w *writer) lay() *textlayout.Layouter {
	if w.cur != nil {
		return w.cur
	}
	key := w.family + "/" + w.style
	l := w.layouters[key]
	if l == nil {
		l = textlayout.New(faceOf(w.family, w.style))
		w.layouters[key] = l
	}
	w.cur = l
	return l
}

// simple reports whether fpdf can draw s itself.
func (w *writer) simple(s string) bool { return w.lay().Simple(s) }

// pt and mm convert between points and millimetres.
func pt(mm float64) float64 { return mm * 72 / 25.4 }
func mm(pt float64) float64 { return pt * 25.4 / 72 }

// lines lays s out in lines of at most width millimetres.
func (w *writer) lines(s string, width func(i int) float64) []textlayout.Line {
	l := w.lay()
	lines := l.Lines(s, w.size, func(i int) float64 { return pt(width(i)) })
	for r := range l.Missing {
		w.missing[r] = true
	}
	return lines
}

// GetStringWidth is the width of s on one line.
func (w *writer) GetStringWidth(s string) float64 {
	if w.simple(s) {
		return w.Fpdf.GetStringWidth(s)
	}
	total := 0.0
	for _, ln := range w.lines(oneLine(s), func(int) float64 { return 1e6 }) {
		total += ln.Width
	}
	return mm(total)
}

// SplitText breaks s into lines that fit a cell of width wd.
func (w *writer) SplitText(s string, wd float64) []string {
	if w.simple(s) {
		return w.Fpdf.SplitText(s, wd)
	}
	inner := wd - 2*w.GetCellMargin()
	var out []string
	for _, para := range strings.Split(s, "\n") {
		lines := w.lines(para, func(int) float64 { return inner })
		if len(lines) == 0 {
			out = append(out, "")
		}
		for _, ln := range lines {
			out = append(out, ln.Text)
		}
	}
	return out
}

// baseline is where fpdf sets the baseline in a cell of height h at y.
func (w *writer) baseline(y, h float64) float64 {
	_, unit := w.GetFontSize()
	return y + 0.5*h + 0.3*unit
}

// breakPage starts a new page, keeping x, when h does not fit below y.
func (w *writer) breakPage(h float64) {
	auto, margin := w.GetAutoPageBreak()
	_, ph := w.GetPageSize()
	if auto && w.GetY()+h > ph-margin && w.GetY() > 0 {
		x := w.GetX()
		w.AddPage()
		w.SetX(x)
	}
}

// CellFormat draws a one-line cell.
func (w *writer) CellFormat(wd, h float64, txt, border string, ln int, align string, fill bool, link int, linkStr string) {
	if w.simple(txt) {
		w.Fpdf.CellFormat(wd, h, txt, border, ln, align, fill, link, linkStr)
		return
	}
	w.breakPage(h)
	x, y := w.GetXY()
	if wd == 0 {
		pw, _ := w.GetPageSize()
		_, _, right, _ := w.GetMargins()
		wd = pw - right - x
	}
	w.Fpdf.CellFormat(wd, h, "", border, ln, align, fill, link, linkStr)
	cm := w.GetCellMargin()
	lines := w.lines(oneLine(txt), func(int) float64 { return 1e6 })
	if len(lines) == 0 {
		return
	}
	w.drawLine(lines[0], w.alignX(lines[0], x, wd, cm, align, false), w.baseline(y, h))
}

// Cell is CellFormat with no border, alignment or link.
func (w *writer) Cell(wd, h float64, txt string) {
	w.CellFormat(wd, h, txt, "", 0, "L", false, 0, "")
}

// alignX is where a line starts in a cell: right-to-left paragraphs set
// left-aligned are set right-aligned instead.
func (w *writer) alignX(ln textlayout.Line, x, wd, cm float64, align string, rtl bool) float64 {
	width := mm(ln.Width)
	switch {
	case strings.Contains(align, "R") || (rtl && !strings.Contains(align, "C")):
		return x + wd - cm - width
	case strings.Contains(align, "C"):
		return x + (wd-width)/2
	}
	return x + cm
}

// MultiCell draws text wrapped in a column of width wd.
func (w *writer) MultiCell(wd, h float64, txt, border, align string, fill bool) {
	if w.simple(txt) {
		w.Fpdf.MultiCell(wd, h, txt, border, align, fill)
		return
	}
	x := w.GetX()
	if wd == 0 {
		pw, _ := w.GetPageSize()
		_, _, right, _ := w.GetMargins()
		wd = pw - right - x
	}
	cm := w.GetCellMargin()
	for _, para := range strings.Split(strings.TrimRight(txt, "\n"), "\n") {
		rtl := textlayout.RTL(para)
		lines := w.lines(para, func(int) float64 { return wd - 2*cm })
		if len(lines) == 0 {
			w.breakPage(h)
			w.SetXY(x, w.GetY()+h)
		}
		for _, ln := range lines {
			w.breakPage(h)
			y := w.GetY()
			w.drawLine(ln, w.alignX(ln, x, wd, cm, align, rtl), w.baseline(y, h))
			w.SetXY(x, y+h)
		}
	}
	left, _, _, _ := w.GetMargins()
	w.SetX(left)
}

// Write flows text from the current position, wrapping at the margins.
func (w *writer) Write(h float64, txt string) { w.write(h, txt, nil) }

// WriteLinkID writes text linked to an internal link.
func (w *writer) WriteLinkID(h float64, txt string, link int) {
	if w.simple(txt) {
		w.Fpdf.WriteLinkID(h, txt, link)
		return
	}
	w.write(h, txt, func(x, y, wd float64) { w.Link(x, y, wd, h, link) })
}

// WriteLinkString writes text linked to a URL.
func (w *writer) WriteLinkString(h float64, txt, url string) {
	if w.simple(txt) {
		w.Fpdf.WriteLinkString(h, txt, url)
		return
	}
	w.write(h, txt, func(x, y, wd float64) { w.LinkString(x, y, wd, h, url) })
}

// write is Write, calling link with the box of each line drawn.
func (w *writer) write(h float64, txt string, link func(x, y, wd float64)) {
	if link == nil && w.simple(txt) {
		w.Fpdf.Write(h, txt)
		return
	}
	pw, _ := w.GetPageSize()
	left, _, right, _ := w.GetMargins()
	cm := w.GetCellMargin()
	full := pw - right - left
	paras := strings.Split(txt, "\n")
	for pi, para := range paras {
		if pi > 0 {
			w.Ln(h)
		}
		rtl := textlayout.RTL(para)
		x := w.GetX()
		first := pw - right - x
		lines := w.lines(para, func(i int) float64 {
			if i == 0 {
				return first - cm
			}
			return full - 2*cm
		})
		// A first line cut inside a word because little room was left
		// on the current line: start on a new line instead.
		if len(lines) > 1 && x > left+0.01 && midWord(para, lines[0].Text) {
			w.Ln(h)
			x = left
			lines = w.lines(para, func(int) float64 { return full - 2*cm })
		}
		for i, ln := range lines {
			if i > 0 {
				w.Ln(h)
				x = left
			}
			w.breakPage(h)
			y := w.GetY()
			lx := x + cm
			if rtl && x <= left+0.01 {
				lx = pw - right - cm - mm(ln.Width)
			}
			w.drawLine(ln, lx, w.baseline(y, h))
			if link != nil {
				link(lx, y, mm(ln.Width))
			}
			w.SetXY(lx+mm(ln.Width), y)
		}
	}
}

// midWord reports whether line, the start of para, ends inside a word.
func midWord(para, line string) bool {
	rest := strings.TrimPrefix(para, line)
	if rest == para || rest == "" {
		return false
	}
	a, _ := lastRune(line)
	b := []rune(rest)[0]
	return !unicode.IsSpace(a) && !unicode.IsSpace(b) && !breaksAnywhere(a) && !breaksAnywhere(b)
}

func lastRune(s string) (rune, bool) {
	r := []rune(s)
	if len(r) == 0 {
		return 0, false
	}
	return r[len(r)-1], true
}

// breaksAnywhere reports whether a line may break next to r in text
// written without spaces (Han, kana, Thai, Lao, Khmer, Burmese).
func breaksAnywhere(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

// drawLine draws a laid-out line from x, on a baseline. Glyphs are drawn
// in visual order, as PDF readers expect (they put right-to-left text back
// into reading order themselves); a cluster whose glyphs do not read as
// its characters (a reordered Indic vowel, a glyph with a private code
// point) is wrapped in a marked-content span whose ActualText gives them.
func (w *writer) drawLine(ln textlayout.Line, x, baseline float64) {
	for i, run := range ln.Runs {
		family, style := w.family, w.style
		if run.Face != faceOf(w.family, w.style) {
			family, style = run.Face.Name, ""
			if !w.registered[family] {
				w.AddUTF8FontFromBytes(family, "", run.Face.TTF())
				w.registered[family] = true
			}
		}
		w.Fpdf.SetFont(family, style, w.size)
		for k, cl := range run.Clusters {
			// PDF readers take neutral characters (brackets, spaces)
			// that follow right-to-left text into it; a left-to-right
			// mark before the next left-to-right run keeps them out.
			mark := k == 0 && i > 0 && !ln.RTL && !run.RTL && ln.Runs[i-1].RTL && len(cl.Glyphs) > 0
			if !cl.Plain || mark {
				text := cl.Text
				if run.RTL {
					text = reverse(text)
				}
				if mark {
					text = "\u200e" + text
				}
				w.RawWriteStr("/Span <</ActualText " + pdfText(text) + ">> BDC")
			}
			for _, g := range cl.Glyphs {
				w.Text(x+mm(g.X), baseline-mm(g.Y), string(g.Rune))
			}
			if !cl.Plain || mark {
				w.RawWriteStr("EMC")
			}
		}
	}
	w.Fpdf.SetFont(w.family, w.style, w.size)
}

// reverse reverses the characters of s: a reader that finds
// right-to-left characters in a span takes them as drawn right to left
// and reverses them back.
func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// pdfText is s as a PDF hex string in UTF-16 with a byte order mark.
func pdfText(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// Missing lists the characters no font could draw, for the build's
// warnings.
func (w *writer) Missing() []string {
	runes := make([]rune, 0, len(w.missing))
	for r := range w.missing {
		runes = append(runes, r)
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	var out []string
	for _, r := range runes {
		out = append(out, fmt.Sprintf("U+%04X %q", r, r))
	}
	return out
}
