// Package textlayout sets text the way a reader of its script expects, for
// the renderers (the PDF now, the evidence bundle later): the Unicode
// Bidirectional Algorithm orders right-to-left runs, each run gets a font
// that has its glyphs (DejaVu first, then the embedded Noto and Droid
// fallbacks by script), the runs are shaped with go-text's port of
// HarfBuzz (Arabic joining, lam-alef, ZWNJ, Indic and Burmese clusters,
// Thai marks), and lines are broken at the places UAX #14 allows, so text
// without spaces (Chinese, Thai) wraps too.
//
// A Layouter is not safe for concurrent use; make one per document.
package textlayout

import (
	"sort"
	"strings"
	"unicode"

	gtbidi "github.com/go-text/typesetting/bidi"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/bidi"
	"golang.org/x/text/unicode/norm"
)

// Glyph is one shaped glyph placed on a line.
type Glyph struct {
	// Rune is the code point that draws the glyph in its face's TTF.
	Rune rune
	// X and Y place the glyph's origin from the start of the line, in
	// points; Y goes up.
	X, Y float64
}

// Cluster is the glyphs the shaper made of a run of characters (a letter
// with its marks, a conjunct, a ligature), in visual order.
type Cluster struct {
	Glyphs []Glyph
	// Text is the characters, in logical order.
	Text string
	// Plain is true when the glyphs' own code points, read in visual
	// order (right to left in a right-to-left run) and normalised (NFKC),
	// give Text; a PDF then needs no ActualText for the cluster.
	Plain bool
}

// Run is a sequence of clusters in one face and direction, in visual
// order.
type Run struct {
	Face     *Face
	RTL      bool
	Clusters []Cluster
}

// Line is one laid-out line.
type Line struct {
	// Runs are in visual order, left to right.
	Runs []Run
	// Width is the line's advance in points, trailing spaces excluded.
	Width float64
	// Text is the line's text in logical (reading) order.
	Text string
	// RTL is the paragraph's direction.
	RTL bool
}

// Layouter lays text out in a primary face with fallbacks.
type Layouter struct {
	primary *Face
	// own is this layouter's font.Face of each face, faces the way back.
	own     map[*Face]*font.Face
	faces   map[*font.Face]*Face
	script  language.Script
	seg     shaping.Segmenter
	bidi    gtbidi.Paragraph
	levels  []gtbidi.Level
	shaper  shaping.HarfbuzzShaper
	wrapper shaping.LineWrapper
	// Missing collects the characters that no font covers.
	Missing map[rune]bool
}

// New returns a Layouter whose text is set in primary where it can be.
func New(primary *Face) *Layouter {
	l := &Layouter{primary: primary, own: map[*Face]*font.Face{}, faces: map[*font.Face]*Face{}, Missing: map[rune]bool{}}
	l.use(primary)
	return l
}

// SetScript is called by the segmenter with the script of the runes it
// asks faces for next.
func (l *Layouter) SetScript(s language.Script) { l.script = s }

// ResolveFace picks the face for r: the face preferred for the run's
// script, else the primary face, else any fallback that has r.
func (l *Layouter) ResolveFace(r rune) *font.Face {
	if fb := preferred[l.script]; fb != nil {
		if f, err := fb.load(); err == nil && f.Covers(r) {
			return l.use(f)
		}
	}
	if l.primary.Covers(r) {
		return l.use(l.primary)
	}
	if f := fallbackFor(r); f != nil {
		return l.use(f)
	}
	return l.use(l.primary)
}

// use returns the layouter's own font.Face of f.
func (l *Layouter) use(f *Face) *font.Face {
	ff := l.own[f]
	if ff == nil {
		ff = font.NewFace(f.face.Font)
		l.own[f] = ff
		l.faces[ff] = f
	}
	return ff
}

// fallbackFor is the first fallback that covers r, preferring the one for
// r's script.
func fallbackFor(r rune) *Face {
	if fb := preferred[language.LookupScript(r)]; fb != nil {
		if f, err := fb.load(); err == nil && f.Covers(r) {
			return f
		}
	}
	for _, fb := range fallbacks {
		if f, err := fb.load(); err == nil && f.Covers(r) {
			return f
		}
	}
	return nil
}

// Simple reports whether s can be drawn as it is, code point by code point,
// in the primary face: every character is in it, and none is right to left
// or belongs to a script whose letters change shape or order.
func (l *Layouter) Simple(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return l.simpleRunes(s[i:])
		}
	}
	return true
}

func (l *Layouter) simpleRunes(s string) bool {
	for _, r := range s {
		if r < 0x80 {
			continue
		}
		if complexRune(r) || (!l.primary.Covers(r) && !ignorable(r)) {
			return false
		}
	}
	return true
}

// complexRune reports whether r needs bidi or shaping: Hebrew to Myanmar
// (RTL and Brahmic scripts), Khmer, Mongolian, the presentation forms,
// joiners and directional controls.
func complexRune(r rune) bool {
	switch {
	case r >= 0x0590 && r <= 0x109F, r >= 0x1780 && r <= 0x18AF, r >= 0x1900 && r <= 0x1AFF,
		r >= 0x1B00 && r <= 0x1C4F, r >= 0xA800 && r <= 0xABFF, r >= 0xFB1D && r <= 0xFDFF,
		r >= 0xFE70 && r <= 0xFEFF, r >= 0x200C && r <= 0x200F, r >= 0x202A && r <= 0x202E,
		r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// ignorable characters draw nothing and need no glyph.
func ignorable(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u00ad'
}

// numeric reports whether r belongs to a number for the bidi algorithm:
// digits and the separators and marks found inside numbers.
func numeric(r rune) bool {
	p, _ := bidi.LookupRune(r)
	switch p.Class() {
	case bidi.EN, bidi.AN, bidi.ES, bidi.CS, bidi.ET, bidi.NSM, bidi.BN:
		return true
	}
	return false
}

// RTL reports whether a paragraph is set right to left: when it starts
// with a right-to-left letter (rules P2 and P3 of the bidi algorithm) and
// at least four in five of its letters are right-to-left ones. A
// quotation from an Arabic or Hebrew source is; an English sentence, a
// heading such as "[S1] <Persian title>" or a table cell that quotes an
// Arabic name is not, and keeps the document's left-to-right order, with
// the name itself still read right to left.
func RTL(s string) bool {
	ltr, rtl := 0, 0
	first := bidi.ON
	for _, r := range s {
		p, _ := bidi.LookupRune(r)
		switch c := p.Class(); c {
		case bidi.L, bidi.R, bidi.AL:
			if first == bidi.ON {
				first = c
			}
			if c == bidi.L {
				ltr++
			} else {
				rtl++
			}
		}
	}
	return first != bidi.L && rtl > 0 && rtl >= 4*ltr
}

// Lines lays s out at size points in lines no wider than width(i) points
// for line i (0-based). s should hold no line breaks.
func (l *Layouter) Lines(s string, size float64, width func(i int) float64) []Line {
	runes := []rune(s)
	if len(runes) == 0 {
		return nil
	}
	dir := di.DirectionLTR
	if RTL(s) {
		dir = di.DirectionRTL
	}
	// Embedding levels by character, for reordering each line's runs
	// (rule L2 of the bidi algorithm): the segmenter splits at level
	// changes but keeps only each run's direction.
	def := gtbidi.LeftToRight
	if dir == di.DirectionRTL {
		def = gtbidi.RightToLeft
	}
	bruns := l.bidi.Segment(runes, def)
	l.levels = l.levels[:0]
	for i := 0; i < bruns.NumRuns(); i++ {
		r := bruns.Run(i)
		for j := r.Start; j < r.End; j++ {
			l.levels = append(l.levels, r.Level)
		}
	}
	for len(l.levels) < len(runes) {
		l.levels = append(l.levels, 0)
	}
	// go-text reports one level per run of one direction, so a number at
	// level 2 after right-to-left text in a left-to-right paragraph takes
	// the text after it along; give that text back its level.
	if dir == di.DirectionLTR {
		for i := 0; i < bruns.NumRuns(); i++ {
			r := bruns.Run(i)
			if r.Level != 2 {
				continue
			}
			j := r.Start
			for j < r.End && numeric(runes[j]) {
				j++
			}
			for ; j < r.End; j++ {
				l.levels[j] = 0
			}
		}
	}
	in := shaping.Input{Text: runes, RunEnd: len(runes), Direction: dir, Size: fixed.Int26_6(size * 64)}
	items := l.seg.Split(in, l)
	outs := make([]shaping.Output, len(items))
	for i, it := range items {
		outs[i] = l.shaper.Shape(it)
	}
	l.wrapper.Prepare(shaping.WrapConfig{Direction: dir, BreakPolicy: shaping.WhenNecessary}, runes, shaping.NewSliceIterator(outs))
	var lines []Line
	for i := 0; ; i++ {
		w := width(i)
		if w < size {
			w = size
		}
		wl, done := l.wrapper.WrapNextLineF(fixed.Int26_6(w * 64))
		if len(wl.Line) > 0 {
			ln := l.line(wl.Line, runes)
			ln.RTL = dir == di.DirectionRTL
			lines = append(lines, ln)
		}
		if done {
			break
		}
	}
	return lines
}

// line turns a wrapped line into placed glyphs.
func (l *Layouter) line(wl shaping.Line, runes []rune) Line {
	var order []piece
	first, last := len(runes), 0
	for i := range wl {
		o := &wl[i]
		first = min(first, o.Runes.Offset)
		last = max(last, o.Runes.Offset+o.Runes.Count)
		order = append(order, l.pieces(o)...)
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].start < order[j].start })
	l.reorder(order)
	// Spaces that end the line take no room, wherever the bidi order puts
	// them (UAX #9, L1): a space after an Arabic word that ends the line
	// would otherwise open a gap inside it.
	lastInk := last - 1
	for lastInk >= first && unicode.IsSpace(runes[lastInk]) {
		lastInk--
	}
	var ln Line
	pen := 0.0
	for _, pc := range order {
		o := pc.o
		glyphs := o.Glyphs[pc.from:pc.to]
		face := l.faces[o.Face]
		if face == nil {
			face = l.primary
		}
		run := Run{Face: face, RTL: o.Direction.Progression() == di.TowardTopLeft}
		for k := 0; k < len(glyphs); {
			ci := glyphs[k].ClusterIndex
			end := k + 1
			for end < len(glyphs) && glyphs[end].ClusterIndex == ci {
				end++
			}
			lo := min(max(ci, 0), len(runes))
			hi := min(lo+max(glyphs[k].RuneCount, 1), len(runes))
			cl := Cluster{Text: string(runes[lo:hi])}
			if lo > lastInk && strings.TrimSpace(cl.Text) == "" {
				k = end
				continue
			}
			for _, g := range glyphs[k:end] {
				c := runes[min(max(g.ClusterIndex, 0), len(runes)-1)]
				r, ok := face.runeOf(g.GlyphID)
				if g.GlyphID == 0 {
					// .notdef: no font has the character; the renderer
					// reports it rather than draw an empty box.
					if !ignorable(c) && !unicode.IsSpace(c) {
						l.Missing[c] = true
					}
					ok = false
				} else if !ok {
					// A glyph with no code point in the renderer's file
					// (a ligature of a face used as it is, or a glyph
					// beyond the Private Use Area's room): draw the
					// cluster's characters with their own glyphs.
					x := pen
					for _, c := range cl.Text {
						if gid, has := o.Face.NominalGlyph(c); has {
							if r, ok := face.runeOf(gid); ok {
								cl.Glyphs = append(cl.Glyphs, Glyph{Rune: r, X: x})
								x += float64(o.Face.HorizontalAdvance(gid)) * float64(o.Size) / 64 / face.upem
							}
						}
					}
				}
				if ok {
					cl.Glyphs = append(cl.Glyphs, Glyph{Rune: r, X: pen + float64(g.XOffset)/64, Y: float64(g.YOffset) / 64})
				}
				pen += float64(g.XAdvance) / 64
			}
			cl.Plain = plain(cl, run.RTL)
			if len(cl.Glyphs) > 0 || !cl.Plain {
				run.Clusters = append(run.Clusters, cl)
			}
			k = end
		}
		ln.Runs = append(ln.Runs, run)
	}
	ln.Width = pen
	ln.Text = strings.TrimSpace(string(runes[first:last]))
	return ln
}

// piece is a part of a shaped run at one embedding level: glyphs from..to.
type piece struct {
	o        *shaping.Output
	from, to int
	start    int // first character, for logical order
	level    gtbidi.Level
}

// pieces splits a shaped run where the embedding level changes (the
// segmenter keeps a number at level 2 and the left-to-right text after
// it in one run).
func (l *Layouter) pieces(o *shaping.Output) []piece {
	lv := func(i int) gtbidi.Level {
		if i >= 0 && i < len(l.levels) {
			return l.levels[i]
		}
		return 0
	}
	if o.Direction.Progression() == di.TowardTopLeft || len(o.Glyphs) == 0 {
		return []piece{{o: o, to: len(o.Glyphs), start: o.Runes.Offset, level: lv(o.Runes.Offset)}}
	}
	var out []piece
	cur := piece{o: o, start: o.Glyphs[0].ClusterIndex, level: lv(o.Glyphs[0].ClusterIndex)}
	for i, g := range o.Glyphs {
		if lv(g.ClusterIndex) != cur.level {
			cur.to = i
			out = append(out, cur)
			cur = piece{o: o, from: i, start: g.ClusterIndex, level: lv(g.ClusterIndex)}
		}
	}
	cur.to = len(o.Glyphs)
	return append(out, cur)
}

// reorder puts a line's pieces, given in logical order, into visual
// order: from the highest embedding level down to the lowest odd one,
// every sequence of pieces at that level or above is reversed (UAX #9,
// rule L2).
func (l *Layouter) reorder(ps []piece) {
	var hi, lo gtbidi.Level = 0, 127
	for _, p := range ps {
		hi, lo = max(hi, p.level), min(lo, p.level)
	}
	if lo%2 == 0 {
		lo++
	}
	for k := hi; k >= lo; k-- {
		for i := 0; i < len(ps); {
			if ps[i].level < k {
				i++
				continue
			}
			j := i
			for j < len(ps) && ps[j].level >= k {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				ps[a], ps[b] = ps[b], ps[a]
			}
			i = j
		}
	}
}

// plain reports whether a cluster's glyphs read as its text.
func plain(cl Cluster, rtl bool) bool {
	drawn := make([]rune, len(cl.Glyphs))
	for i, g := range cl.Glyphs {
		drawn[i] = g.Rune
	}
	if rtl {
		for i, j := 0, len(drawn)-1; i < j; i, j = i+1, j-1 {
			drawn[i], drawn[j] = drawn[j], drawn[i]
		}
	}
	want := strings.TrimSpace(norm.NFKC.String(cl.Text))
	return norm.NFKC.String(string(drawn)) == want
}

// Uncovered returns the characters of s that no font, primary or
// fallback, has a glyph for, each once, in order of first appearance.
func Uncovered(primary *Face, s string) []rune {
	var out []rune
	seen := map[rune]bool{}
	for _, r := range s {
		if r < 0x80 || seen[r] || ignorable(r) || unicode.IsSpace(r) {
			continue
		}
		seen[r] = true
		if primary != nil && primary.Covers(r) {
			continue
		}
		if fallbackFor(r) == nil {
			out = append(out, r)
		}
	}
	return out
}
