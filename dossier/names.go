package dossier

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// cyrillicToLatin transliterates Russian and Kazakh Cyrillic letters, in
// the loose way English-language sources do, so that "Бокаев" and "Bokayev"
// can be compared.
var cyrillicToLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "yo", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu",
	'я': "ya", 'ә': "a", 'ғ': "g", 'қ': "k", 'ң': "n", 'ө': "o", 'ұ': "u", 'ү': "u",
	'һ': "h", 'і': "i",
}

// latinSpecial covers Latin letters that do not decompose into a base
// letter and a mark.
var latinSpecial = map[rune]string{
	'ł': "l", 'ø': "o", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'đ': "d", 'ı': "i", 'þ': "th",
}

// foldName lowercases a name, transliterates Cyrillic and strips
// diacritics: "Auštrevičius" → "austrevicius", "Бокаев" → "bokaev".
func foldName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case cyrillicToLatin[r] != "" || r == 'ъ' || r == 'ь':
			b.WriteString(cyrillicToLatin[r])
		case latinSpecial[r] != "":
			b.WriteString(latinSpecial[r])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// nameKey reduces a name to a key that spelling variants of one person
// share: folded, with the transliteration choices that differ between
// sources merged ("Semyenova"/"Semenova", "Maks"/"Max",
// "Kozhamzharov"/"Kojamjarov"), double letters collapsed and the words of
// the name sorted, so that word order does not matter either.
func nameKey(name string) string {
	s := foldName(name)
	for _, r := range [][2]string{
		{"x", "ks"}, {"dzh", "j"}, {"zh", "j"}, {"kh", "h"}, {"ye", "e"}, {"yo", "o"},
		{"iy", "i"}, {"yi", "i"}, {"y", "i"}, {"ts", "c"}, {"w", "v"}, {"q", "k"},
	} {
		s = strings.ReplaceAll(s, r[0], r[1])
	}
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	for i, w := range words {
		var b strings.Builder
		var last rune
		for _, r := range w {
			if r != last {
				b.WriteRune(r)
			}
			last = r
		}
		words[i] = b.String()
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
