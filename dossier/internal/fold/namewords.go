package fold

import (
	"strings"
	"unicode"
)

// NameWords folds a name and returns the Loose keys of its words (runs of
// letters and digits), in order, as the duplicate check compares them. It
// folds each rune as String does, without keeping the offsets String keeps
// for redaction: it runs on every name of a sanctions dataset.
func NameWords(name string) []string {
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, Loose(b.String()))
			b.Reset()
		}
	}
	for _, r := range name {
		var f string
		if r < 0x80 {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
				b.WriteRune(r)
				continue
			}
			flush()
			continue
		}
		f = Rune(r)
		for _, fr := range f {
			if unicode.IsLetter(fr) || unicode.IsDigit(fr) {
				b.WriteRune(fr)
			} else {
				flush()
			}
		}
	}
	flush()
	return words
}
