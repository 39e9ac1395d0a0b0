package dossier

import (
	"fmt"
	"strings"
	"unicode"
)

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
				fmt.Sprintf("the archived copy must stay exactly as captured: restore sources/%s from your capture or backup (git checkout -- sources/%s if the case is in git); a new version of the document is a new source with its own file and hash", s.File, s.File),
				"archived file %q has changed: its sha256 is %s, not the recorded %s", s.File, s.ComputedSHA256[:12]+"…", s.SHA256[:12]+"…")
		}
	}
	for _, s := range c.Sources {
		o := s.Original
		if o == nil || o.ComputedSHA256 == "" || o.SHA256 == "" {
			continue
		}
		if !isHex64(o.SHA256) {
			sink.errorf(o.Meta.At("sha256"), "source-hash", "run: dossier hash", "original sha256 %q is not 64 lowercase hex digits", o.SHA256)
		} else if o.SHA256 != o.ComputedSHA256 {
			sink.errorf(o.Meta.At("sha256"), "source-hash",
				fmt.Sprintf("the captured original must stay exactly as obtained: restore sources/%s from your capture or backup (git checkout -- sources/%s if the case is in git); a new capture is a new source with its own files and hashes", o.File, o.File),
				"captured original %q has changed: its sha256 is %s, not the recorded %s", o.File, o.ComputedSHA256[:12]+"…", o.SHA256[:12]+"…")
		}
	}
	indexSources(c.Sources)
	found := lookupQuotes(c, byID)
	c.EachEvidence(func(e *Evidence, _ string) {
		s := byID[e.SourceID]
		if s == nil || s.index == nil || e.Quote == "" {
			return // unknown source or unreadable file: reported elsewhere
		}
		l := found[e]
		q := l.q
		if q == "" {
			sink.errorf(e.Meta.At("quote"), "quote-empty", "quote a sentence or phrase of the source", "quote is blank")
			return
		}
		if quoteTooShort(sink, e, q) {
			return
		}
		m, ok := l.m, l.found
		if !ok {
			sink.errorf(e.Meta.At("quote"), "quote-not-found", misquoteHint(e.Quote, s, c.Sources), "quote not found in source %q", s.ID)
			return
		}
		e.Found, e.Offset, e.Length, e.Paragraph, e.EndParagraph = true, m.Offset, m.Length, m.Paragraph, m.EndParagraph
		if l.ambiguous {
			quoteAmbiguous(sink, e, s)
		}
	})
	// Every quote is placed: the indexes (about twice the texts) are no
	// longer needed. Source.Find and Source.Suggest build them again on
	// demand.
	for _, s := range c.Sources {
		s.index = nil
	}
	return sink.list
}

// misquoteHint says why a quote is not in its source, naming the cause when
// it is one authors often make: an elision, a quote from another source of
// the case, or letter case. Otherwise it shows the closest passage as the
// source has it, with the words that differ marked.
func misquoteHint(quote string, s *Source, sources []*Source) string {
	ix := s.index
	q := normalize(quote)
	if strings.Contains(q, "...") {
		var parts []string
		found := true
		for _, p := range strings.Split(q, "...") {
			p = strings.Trim(p, " []()")
			if p == "" {
				continue
			}
			parts = append(parts, fmt.Sprintf("%q", p))
			if _, ok := ix.find(p); !ok {
				found = false
			}
		}
		if found && len(parts) >= 2 {
			return fmt.Sprintf("elisions are not allowed: split it into %s evidence items, quoting %s", countWord(len(parts)), strings.Join(parts, " and "))
		}
		return "elisions are not allowed: quote one unbroken passage per evidence item (split it at the \"...\")" + closestHint(quote, ix, "; ")
	}
	for _, other := range sources {
		if other == s || other.index == nil {
			continue
		}
		if m, ok := other.index.find(quote); ok {
			return fmt.Sprintf("the quote is in source %q (paragraph %d), not in %q: set source: %s", other.ID, m.Paragraph, s.ID, other.ID)
		}
	}
	if h := closestHint(quote, ix, ""); h != "" {
		return h
	}
	return "copy the passage from the archived text exactly; no passage of the source is close to this quote (is the source right?)"
}

// closestHint describes the passage of ix closest to quote, or returns ""
// when none is close; prefix goes before a non-empty result.
func closestHint(quote string, ix *textIndex, prefix string) string {
	n, ok := ix.closest(quote)
	if !ok || n.quoteLen == 0 || float64(n.cost)/float64(n.quoteLen) > 0.5 {
		return ""
	}
	para := ix.paragraph(ix.origin.at(n.start))
	marked, wrote, pair := markDifferences(quote, ix.original(n.start, n.end))
	if n.cost == 0 {
		return prefix + fmt.Sprintf("the quote differs from the source only in letter case; keep the source's capitals: paragraph %d says %q (differences marked >>so<<)", para, marked)
	}
	h := fmt.Sprintf("closest passage, paragraph %d, as the source has it (words that differ marked >>so<<): %q", para, marked)
	if len(wrote) > 0 {
		h += fmt.Sprintf("; the quote has %s", strings.Join(wrote, ", "))
	}
	// Words that look alike but are not (Arabic ي and Persian ی, Latin and
	// Cyrillic a): name the characters that differ.
	if pair[0] != "" && len([]rune(pair[0])) == len([]rune(pair[1])) {
		if d := firstDifference(pair[0], pair[1]); d != "" {
			h += "; " + d
		}
	}
	return prefix + h
}

// markDifferences compares the quote's words with the passage's, keeps the
// longest common run of identical words (after normalisation, case
// significant), and returns the passage with its other words marked
// >>so<<, and the quote's words that the passage lacks (up to five).
//
// pair is the first quote word and passage word that stand at the same
// place in the alignment but differ, for naming the characters that do.
func markDifferences(quote, passage string) (marked string, wrote []string, pair [2]string) {
	qw, pw := strings.Fields(quote), strings.Fields(passage)
	qk := make([]string, len(qw))
	for i, w := range qw {
		qk[i] = wordForm(w)
	}
	pk := make([]string, len(pw))
	for i, w := range pw {
		pk[i] = wordForm(w)
	}
	// lcs[i][j]: longest common subsequence of qk[i:] and pk[j:].
	lcs := make([][]int, len(qk)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(pk)+1)
	}
	for i := len(qk) - 1; i >= 0; i-- {
		for j := len(pk) - 1; j >= 0; j-- {
			if qk[i] == pk[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	keptP := make([]bool, len(pk))
	i, j := 0, 0
	for i < len(qk) && j < len(pk) {
		switch {
		case qk[i] == pk[j]:
			keptP[j] = true
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			wrote = append(wrote, fmt.Sprintf("%q", qw[i]))
			if pair[0] == "" && lcs[i+1][j+1] == lcs[i][j] {
				pair = [2]string{qk[i], pk[j]} // a substitution: both sides move on in the alignment
			}
			i++
		default:
			j++
		}
	}
	for ; i < len(qk); i++ {
		wrote = append(wrote, fmt.Sprintf("%q", qw[i]))
	}
	out := make([]string, len(pw))
	for k, w := range pw {
		if keptP[k] {
			out[k] = w
		} else {
			out[k] = ">>" + w + "<<"
		}
	}
	if len(wrote) > 5 {
		wrote = append(wrote[:5], "…")
	}
	return strings.Join(out, " "), wrote, pair
}

// wordForm is a word as markDifferences compares it: normalised, without
// the punctuation around it, letter case kept.
func wordForm(w string) string {
	return strings.TrimFunc(normalize(w), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func countWord(n int) string {
	if n >= 2 && n <= 5 {
		return []string{"two", "three", "four", "five"}[n-2]
	}
	return fmt.Sprint(n)
}
