package redact

import (
	"fmt"
	"html"
	"path"
	"strings"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/model"
)

// capture returns a source's capture record as the audience may read it:
// every string through the inventory, addresses kept only when they name
// no one withheld.
func capture(c *dossier.Capture, r func(string) string, inv *Inventory, label func(list, value string) model.Label) *model.Capture {
	if c == nil {
		return nil
	}
	out := &model.Capture{By: r(c.By), Method: label("capture_methods", c.Method), Extent: label("capture_extents", c.Extent)}
	if p := c.ReprintOf; p != nil {
		out.ReprintOf = &model.Reprint{Publisher: r(p.Publisher), Title: r(p.Title), URL: url(p.URL, inv)}
	}
	if t := c.Translation; t != nil {
		out.Translation = &model.Translation{By: r(t.By), Method: label("translation_methods", t.Method), FromLanguage: r(t.FromLanguage)}
	}
	return out
}

// original decides whether the audience gets source number n's captured
// original. Internal editions always do. Other editions never do when the
// source's text is withheld (it names a protected person, so its original
// does too), nor when the original's own content names one: a web page or
// text file is searched as written, with its markup stripped and its
// character references decoded. A PDF, an image or another binary file
// cannot be searched reliably (compressed streams, glyph codes, pixels),
// so it goes to them only when nobody is withheld from the edition, or
// when its text is recorded as the complete document (capture extent:
// complete: the text, already judged, stands for all its words) and its
// raw bytes name no one either.
func original(s *dossier.Source, n int, textWithheld bool, inv *Inventory, a model.Audience) *model.Original {
	o := s.Original
	if o == nil || o.Data == nil {
		return nil
	}
	kind := dossier.OriginalKind(o.File, o.Data)
	name := o.File
	if inv.IdentifiesStrictly(name) {
		name = fmt.Sprintf("source-%d-original%s", n, path.Ext(name))
	}
	out := &model.Original{File: name, Kind: kind, SHA256: o.ComputedSHA256, Size: len(o.Data)}
	switch reason := originalWithheld(s, kind, textWithheld, inv, a); reason {
	case "":
		out.Data = o.Data
	default:
		out.Withheld, out.WithheldReason = true, reason
	}
	return out
}

// originalWithheld returns why an original is withheld from the audience,
// or "" when it is not; see original.
func originalWithheld(s *dossier.Source, kind string, textWithheld bool, inv *Inventory, a model.Audience) string {
	switch {
	case a == model.Internal:
		return ""
	case textWithheld:
		return model.WithheldText
	case len(inv.People) == 0:
		return ""
	}
	raw := string(s.Original.Data)
	switch kind {
	case model.OriginalHTML, model.OriginalText:
		if inv.Identifies(raw) {
			return model.WithheldNames
		}
		// Markup can split a name ("Ol<b>ga</b>") and character
		// references spell it ("&#79;lga"): search the text a reader sees.
		stripped := stripTags(raw, "")
		if inv.Identifies(stripped) || inv.Identifies(html.UnescapeString(stripped)) || inv.Identifies(html.UnescapeString(stripTags(raw, " "))) {
			return model.WithheldNames
		}
		return ""
	}
	if inv.Identifies(raw) {
		return model.WithheldNames
	}
	if s.Capture == nil || s.Capture.Extent != "complete" {
		return model.WithheldUnchecked
	}
	return ""
}

// stripTags removes markup (tags, comments) from an HTML page, putting
// sep in place of each tag.
func stripTags(s, sep string) string {
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			b.WriteString(s[i:])
			return b.String()
		}
		b.WriteString(sep)
		s = s[i+j+1:]
	}
}

// checkOriginals warns of each captured original the audience's bundles
// leave out although its source's text reaches them, saying why and what
// the author can do.
func checkOriginals(c *dossier.Case, a model.Audience, inv *Inventory) dossier.Diagnostics {
	var ds dossier.Diagnostics
	for _, s := range c.Sources {
		o := s.Original
		if o == nil || o.Data == nil {
			continue
		}
		_, textWithheld := inv.Replace(string(s.Text))
		kind := dossier.OriginalKind(o.File, o.Data)
		d := dossier.Diagnostic{Pos: o.Meta.Pos, Severity: dossier.Warning, Rule: "original-withheld"}
		switch originalWithheld(s, kind, textWithheld, inv, a) {
		case model.WithheldNames:
			d.Message = fmt.Sprintf("captured original %q names a person withheld from %s outputs: %s bundles leave it out and say so", o.File, a, a)
			d.Hint = "nothing to do unless it names no one: then check the person's identifying_terms"
		case model.WithheldUnchecked:
			d.Message = fmt.Sprintf("captured original %q (%s) cannot be searched for the names withheld from %s outputs, and the source's text is not recorded as the complete document: %s bundles leave it out and say so", o.File, kind, a, a)
			d.Hint = fmt.Sprintf("if sources/%s holds all the words of the original, write capture: extent: complete in the source; otherwise nothing to do", s.File)
		default:
			continue
		}
		ds = append(ds, d)
	}
	return ds
}
