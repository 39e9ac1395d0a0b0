package dossier

import (
	"sort"
	"strings"
	"unicode"

	"github.com/dossier-project/dossier/dossier/internal/fold"
)

// foldName lowercases a name, transliterates Cyrillic and strips
// diacritics: "Auštrevičius" → "austrevicius", "Бокаев" → "bokaev".
func foldName(s string) string { return fold.String(s) }

// nameKey reduces a name to a key that spelling variants of one person
// share: folded, with the transliteration choices that differ between
// sources merged ("Semyenova"/"Semenova", "Maks"/"Max",
// "Kozhamzharov"/"Kojamjarov"), double letters collapsed and the words of
// the name sorted, so that word order does not matter either.
func nameKey(name string) string {
	words := strings.FieldsFunc(foldName(name), func(r rune) bool { return !unicode.IsLetter(r) })
	for i, w := range words {
		words[i] = fold.Loose(w)
	}
	sort.Strings(words)
	return strings.Join(words, " ")
}

// nameForms returns every spelling of a person the case records.
func nameForms(name string, aliases []*Alias) []string {
	out := []string{name}
	for _, a := range aliases {
		out = append(out, a.Name)
	}
	return out
}
