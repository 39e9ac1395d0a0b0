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
// letters and digits), in order.
func NameWords(name string) []string {
	words := strings.FieldsFunc(String(name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range words {
		words[i] = Skeleton(w)
	}
	return words
}
