package dossier

import (
	"fmt"
	"unicode/utf8"
)

// MinQuoteLength is the shortest quote accepted as evidence, in characters
// after normalisation. A quote shorter than that ("a", "the police") proves
// nothing about a claim and is found almost anywhere in a source.
const MinQuoteLength = 12

// quoteTooShort reports a quote under MinQuoteLength; it returns false
// when the quote is long enough to be looked for.
func quoteTooShort(sink *diagSink, e *Evidence, normalised string) bool {
	n := utf8.RuneCountInString(normalised)
	if n >= MinQuoteLength {
		return false
	}
	sink.errorf(e.Meta.At("quote"), "quote-short",
		fmt.Sprintf("quote at least %d characters: the words of the source that support the claim", MinQuoteLength),
		"quote %q is %d characters long; the minimum is %d", e.Quote, n, MinQuoteLength)
	return true
}

// quoteAmbiguous warns that a quote occurs more than once in its source:
// the citation points at the first place, which may not be the one meant.
func quoteAmbiguous(sink *diagSink, e *Evidence, s *Source) {
	sink.warnf(e.Meta.At("quote"), "quote-ambiguous",
		"quote more of the passage, so that it occurs once; the citation points at the first place",
		"quote occurs more than once in source %q", s.ID)
}
