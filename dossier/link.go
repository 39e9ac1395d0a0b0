package dossier

import "fmt"

// Link checks each source's archived file against its recorded sha256 and
// finds every quote in its source's text, recording paragraph and offset
// for citations. A quote that is not found is an error whose hint shows
// the closest passage of the source, so a typo can be fixed at a glance.
func Link(c *Case) Diagnostics {
	sink := &diagSink{}
	byID := map[string]*Source{}
	for _, s := range c.Sources {
		byID[s.ID] = s
		if s.Text == nil {
			continue
		}
		if s.SHA256 != "" && isHex64(s.SHA256) && s.SHA256 != s.ComputedSHA256 {
			sink.errorf(s.Meta.At("sha256"), "source-hash",
				fmt.Sprintf("if the change is intended, record the new hash: sha256: %s", s.ComputedSHA256),
				"archived file %q has changed: its sha256 is %s, not the recorded %s", s.File, s.ComputedSHA256[:12]+"…", s.SHA256[:12]+"…")
		}
	}
	indexSources(c.Sources)
	found := lookupQuotes(c, byID)
	c.EachEvidence(func(e *Evidence, _ string) {
		s := byID[e.SourceID]
		if s == nil || s.index == nil || e.Quote == "" {
			return // unknown source or unreadable file: reported elsewhere
		}
		q := normalize(e.Quote)
		if q == "" {
			sink.errorf(e.Meta.At("quote"), "quote-empty", "quote a sentence or phrase of the source", "quote is blank")
			return
		}
		if quoteTooShort(sink, e, q) {
			return
		}
		l := found[e]
		m, ok := l.m, l.found
		if !ok {
			passage, para, sim := s.index.closest(e.Quote)
			hint := "copy the passage from the archived text exactly"
			if passage != "" && sim >= 0.5 {
				hint = fmt.Sprintf("closest passage (paragraph %d, %.0f%% alike): %q", para, sim*100, passage)
				if d := firstDifference(e.Quote, passage); d != "" {
					hint += "; " + d
				}
			}
			sink.errorf(e.Meta.At("quote"), "quote-not-found", hint, "quote not found in source %q", s.ID)
			return
		}
		e.Found, e.Offset, e.Length, e.Paragraph, e.EndParagraph = true, m.Offset, m.Length, m.Paragraph, m.EndParagraph
		if l.ambiguous {
			quoteAmbiguous(sink, e, s)
		}
	})
	return sink.list
}
