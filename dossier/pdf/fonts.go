package pdf

import (
	"strings"
	"sync"
	"unicode"

	"github.com/dossier-project/dossier/dossier/textlayout"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-fonts/dejavu/dejavuserif"
	"github.com/go-fonts/dejavu/dejavuserifitalic"
	"github.com/go-pdf/fpdf"
)

// The font families of the dossier. DejaVu covers Latin with every
// diacritic the cases need (Bożena, Auštrevičius, Ní Aoláin), Cyrillic
// including the Kazakh letters, and Greek; fpdf's core fonts cover none of
// these. Only the glyphs used are embedded. Four faces keep files small
// and rendering fast: fpdf parses and subsets each face per document.
const (
	serif = "DejaVuSerif" // body text ("") and quotations ("I")
	sans  = "DejaVuSans"  // headings, tables, marks ("" and "B")
)

// faces are the DejaVu faces prepared for textlayout, once per process.
var faces = sync.OnceValue(func() map[string]*textlayout.Face {
	m := map[string]*textlayout.Face{}
	for _, f := range []struct {
		family, style string
		ttf           []byte
	}{
		{serif, "", dejavuserif.TTF}, {serif, "I", dejavuserifitalic.TTF},
		{sans, "", dejavusans.TTF}, {sans, "B", dejavusansbold.TTF},
	} {
		face, err := textlayout.NewFaceAsIs(f.family+f.style, f.ttf)
		if err != nil {
			panic(err) // the embedded fonts are known to parse
		}
		m[f.family+"/"+f.style] = face
	}
	return m
})

// faceOf is the textlayout face of a family and style.
func faceOf(family, style string) *textlayout.Face {
	if f := faces()[family+"/"+style]; f != nil {
		return f
	}
	return faces()[sans+"/"]
}

// registerFonts adds the fonts to a document. The fallback fonts of other
// scripts are added by the writer when a document first uses them.
func registerFonts(f *fpdf.Fpdf) {
	for _, fs := range []struct{ family, style string }{{serif, ""}, {serif, "I"}, {sans, ""}, {sans, "B"}} {
		f.AddUTF8FontFromBytes(fs.family, fs.style, faceOf(fs.family, fs.style).TTF())
	}
}

// clean makes text safe to lay out: fpdf indexes glyph widths by rune and
// knows only the Basic Multilingual Plane, and control characters have no
// glyph. Carriage returns go; tabs and other spaces become plain spaces; characters outside the
// plane become U+FFFD; other controls are dropped. Runs of spaces collapse.
func clean(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
			space = false
			continue
		case r == '\r':
			continue
		case r == '\t' || (unicode.IsSpace(r) && r != '\u00a0'):
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		case r > 0xFFFF:
			r = '\uFFFD'
		case unicode.IsControl(r) || r == '\u200b' || r == '\ufeff':
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// oneLine is clean with line breaks turned into spaces.
func oneLine(s string) string {
	return strings.TrimSpace(clean(strings.ReplaceAll(s, "\n", " ")))
}
