// Package fold compares names the way a reader would: without regard to
// case, diacritics, script (Cyrillic is transliterated) or the spacing and
// hyphens between words. Redaction uses it to find every mention of a
// withheld person, and the leak tests use it to prove none is left.
package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// cyrillic transliterates Russian and Kazakh letters the way
// English-language sources usually do.
var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "shch", 'ы': "y", 'э': "e", 'ю': "yu",
	'я': "ya", 'ә': "a", 'ғ': "g", 'қ': "k", 'ң': "n", 'ө': "o", 'ұ': "u", 'ү': "u",
	'һ': "h", 'і': "i",
}

// latin covers letters that do not decompose into a base letter and a mark.
var latin = map[rune]string{
	'ł': "l", 'ø': "o", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'đ': "d", 'ı': "i", 'þ': "th",
}

// Rune folds one rune: lower case, no diacritics, Latin script. Letters
// that carry no sound (ъ, ь) and combining marks fold to "". Hyphens,
// underscores and white space fold to a space.
func Rune(r rune) string {
	if unicode.IsSpace(r) || r == '-' || r == '_' || r == '‐' || r == '‑' || r == '\u00a0' {
		return " "
	}
	r = unicode.ToLower(r)
	if s, ok := cyrillic[r]; ok {
		return s
	}
	if r == 'ъ' || r == 'ь' || unicode.Is(unicode.Mn, r) {
		return ""
	}
	if s, ok := latin[r]; ok {
		return s
	}
	if r < utf8.RuneSelf {
		return string(r)
	}
	var b strings.Builder
	for _, d := range norm.NFD.String(string(r)) {
		if !unicode.Is(unicode.Mn, d) {
			b.WriteRune(d)
		}
	}
	return b.String()
}

// Text is a folded string that remembers, for each of its bytes, the byte
// offset in the original string it came from.
type Text struct {
	Folded string
	origin []int // origin[i]: start of the original rune behind Folded[i]; one extra entry: len(original)
	ends   []int // ends[i]: end of that original rune
}

// New folds s, collapsing runs of spaces to one.
func New(s string) *Text {
	t := &Text{}
	var b strings.Builder
	for i, r := range s {
		f := Rune(r)
		if f == " " && strings.HasSuffix(b.String(), " ") {
			continue
		}
		end := i + utf8.RuneLen(r)
		for range len(f) {
			t.origin = append(t.origin, i)
			t.ends = append(t.ends, end)
		}
		b.WriteString(f)
	}
	t.Folded = b.String()
	return t
}

// String folds s for comparison; it is New(s).Folded, trimmed.
func String(s string) string { return strings.TrimSpace(New(s).Folded) }

// Span is a byte range of the original string.
type Span struct{ Start, End int }

// FindWords returns the spans of the original string where the folded
// needle occurs as whole words (not inside a longer word).
func (t *Text) FindWords(needle string) []Span { return t.FindFoldedWords(String(needle)) }

// FindFoldedWords is FindWords for a needle already folded with String,
// for callers that search many texts for the same needles.
func (t *Text) FindFoldedWords(n string) []Span {
	if n == "" {
		return nil
	}
	var out []Span
	for from := 0; from <= len(t.Folded)-len(n); {
		i := strings.Index(t.Folded[from:], n)
		if i < 0 {
			break
		}
		i += from
		j := i + len(n)
		if boundary(t.Folded, i-1) && boundary(t.Folded, j) {
			out = append(out, Span{t.origin[i], t.ends[j-1]})
		}
		from = i + 1
	}
	return out
}

func boundary(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && i > 0 {
		// Inside a multi-byte rune: look at the rune that contains i.
		r, _ = utf8.DecodeLastRuneInString(s[:i+1])
	}
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// Contains reports whether the folded needle occurs in s as whole words.
func Contains(s, needle string) bool { return len(New(s).FindWords(needle)) > 0 }
