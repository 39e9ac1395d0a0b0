package pdf

import "github.com/go-pdf/fpdf"

// What other PDF renderers (the evidence bundle) share with the dossiers,
// so that both write the same fonts and clean text the same way.

// The font families RegisterFonts adds: Serif in styles "" and "I", Sans
// in "" and "B".
const (
	Serif = serif
	Sans  = sans
)

// RegisterFonts adds the dossiers' embedded Unicode fonts to a document.
func RegisterFonts(f *fpdf.Fpdf) { registerFonts(f) }

// Clean makes text safe to lay out with fpdf: see clean.
func Clean(s string) string { return clean(s) }

// OneLine is Clean with line breaks turned into spaces, trimmed.
func OneLine(s string) string { return oneLine(s) }

// FitText shortens s with an ellipsis to fit width w in the current font.
func FitText(f interface{ GetStringWidth(string) float64 }, s string, w float64) string {
	return fitText(f, s, w)
}

// Writer is fpdf with text drawing that every script survives: right to
// left, joined and reordered letters, fallback fonts (see writer). Its
// methods shadow fpdf's, so code written against fpdf draws through it
// unchanged.
type Writer = writer

// NewWriter wraps a document whose fonts RegisterFonts added.
func NewWriter(f *fpdf.Fpdf) *Writer { return newWriter(f) }
