package fold

import (
	"strings"
	"unicode"
)

// variantPairs merges the transliteration choices that differ between
// sources for one name ("Semyenova"/"Semenova", "Maks"/"Max",
// "Kozhamzharov"/"Kojamjarov"), replaced in order in a folded word.
var variantPairs = [][2]string{
	{"x", "ks"}, {"dzh", "j"}, {"zh", "j"}, {"kh", "h"}, {"ye", "e"}, {"yo", "o"},
	{"iy", "i"}, {"yi", "i"}, {"y", "i"}, {"ts", "c"}, {"w", "v"}, {"q", "k"},
}

// Skeleton reduces a folded word to the form its spelling variants share:
// the transliteration choices merged as the duplicate check merges them,
// then double letters collapsed ("Kassymov" and "Касымов" both give
// "kasimov").
func Skeleton(folded string) string {
	s := folded
	for _, p := range variantPairs {
		s = strings.ReplaceAll(s, p[0], p[1])
	}
	var b strings.Builder
	var last rune
	for _, r := range s {
		if r != last {
			b.WriteRune(r)
		}
		last = r
	}
	return b.String()
}

// NameWords folds a name and returns the skeletons of its words (runs of
// letters and digits), in order. It folds each rune as Rune does, like
// String, without keeping the offsets String keeps for redaction: it runs
// on every name of a sanctions dataset.
func NameWords(name string) []string {
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, Skeleton(b.String()))
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
