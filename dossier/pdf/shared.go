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
func FitText(f *fpdf.Fpdf, s string, w float64) string { return fitText(f, s, w) }
