// Package fold compares names the way a reader would: without regard to
// case, diacritics, compatibility forms (fullwidth letters, ligatures),
// invisible characters (soft hyphens, zero-width and bidi marks), script
// (Cyrillic is transliterated), the spacing and hyphens between words, a
// word hyphenated across a line break, or the letter variants of Arabic
// and Persian typing (ي/ی, ك/ک). Redaction uses it to find every mention
// of a withheld person, and the leak tests use it to prove none is left.
package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// cyrillic transliterates Russian, Ukrainian and Kazakh letters the way
// English-language sources usually do.
var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "shch", 'ы': "y", 'э': "e", 'ю': "yu",
	'я': "ya", 'ә': "a", 'ғ': "g", 'қ': "k", 'ң': "n", 'ө': "o", 'ұ': "u", 'ү': "u",
	'һ': "h", 'і': "i", 'ї': "i", 'є': "e", 'ґ': "g", 'ў': "u",
}

// latin covers letters that do not decompose into a base letter and a mark.
var latin = map[rune]string{
	'ł': "l", 'ø': "o", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'đ': "d", 'ı': "i", 'þ': "th",
}

// arabic merges the letters that Arabic and Persian keyboards type
// differently for one name: "مجيدرضا" and "مجیدرضا" are one name.
var arabic = map[rune]string{
	'ي': "ی", 'ى': "ی", 'ئ': "ی", 'ك': "ک", 'ة': "ه", 'ۀ': "ه",
	'أ': "ا", 'إ': "ا", 'آ': "ا", 'ٱ': "ا", 'ؤ': "و",
	'ـ': "", // tatweel, a stretching stroke with no sound
}

// Rune folds one rune: lower case, no diacritics, Latin script for
// Cyrillic, compatibility forms to their plain letters. Letters that carry
// no sound (ъ, ь), combining marks and invisible format characters fold to
// "". Hyphens, underscores and white space fold to a space.
func Rune(r rune) string {
	if r < utf8.RuneSelf {
		if r == '-' || r == '_' || unicode.IsSpace(r) {
			return " "
		}
		return string(unicode.ToLower(r))
	}
	if unicode.IsSpace(r) || r == '‐' || r == '‑' || r == '\u00a0' {
		return " "
	}
	if unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Mn, r) || r == 'ъ' || r == 'ь' || r == 'Ъ' || r == 'Ь' {
		return ""
	}
	// Compatibility forms (fullwidth "Ｓ", ligature "ﬁ", Arabic
	// presentation forms) become their plain letters, each folded again.
	if k := norm.NFKC.String(string(r)); k != string(r) {
		var b strings.Builder
		for _, kr := range k {
			if kr != r {
				b.WriteString(Rune(kr))
			}
		}
		return b.String()
	}
	r = unicode.ToLower(r)
	if s, ok := cyrillic[r]; ok {
		return s
	}
	if s, ok := latin[r]; ok {
		return s
	}
	if s, ok := arabic[r]; ok {
		return s
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
	origin []int // origin[i]: start of the original rune behind Folded[i]
	ends   []int // ends[i]: end of that original rune
}

// New folds s, collapsing runs of spaces to one. A word hyphenated across
// a line break ("Seme-" at the end of a line, "nova" on the next) folds as
// one word.
func New(s string) *Text {
	t := &Text{origin: make([]int, 0, len(s)), ends: make([]int, 0, len(s))}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isHyphen(r) {
			if j, ok := lineBreakAfter(s, i+size); ok {
				i = j
				continue
			}
		}
		f := Rune(r)
		end := i + size
		if f == " " && len(b) > 0 && b[len(b)-1] == ' ' {
			t.ends[len(t.ends)-1] = end
			i = end
			continue
		}
		for range len(f) {
			t.origin = append(t.origin, i)
			t.ends = append(t.ends, end)
		}
		b = append(b, f...)
		i = end
	}
	t.Folded = string(b)
	return t
}

func isHyphen(r rune) bool { return r == '-' || r == '\u00ad' || r == '‐' || r == '‑' }

// lineBreakAfter reports whether s, from i (just after a hyphen), holds
// optional blanks, one line break and optional blanks, or a single space
// before a lower-case letter, and returns where the next word starts.
func lineBreakAfter(s string, i int) (int, bool) {
	j := i
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	broken := false
	switch {
	case strings.HasPrefix(s[j:], "\r\n"):
		j += 2
		broken = true
	case j < len(s) && (s[j] == '\n' || s[j] == '\r'):
		j++
		broken = true
	case j == i+1:
		// One space where a line break was when the text was copied out
		// of a page ("Petren- ko"): joined when the word goes on in lower
		// case.
	default:
		return i, false
	}
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	if j >= len(s) {
		return i, false
	}
	r, _ := utf8.DecodeRuneInString(s[j:])
	if !broken {
		return j, unicode.IsLower(r)
	}
	return j, unicode.IsLetter(r)
}

// Origin maps a byte range of Folded back to the byte range of the
// original string it came from.
func (t *Text) Origin(start, end int) Span {
	if start >= end || end > len(t.origin) {
		return Span{}
	}
	return Span{t.origin[start], t.ends[end-1]}
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

// A Word is one word of a folded text: its folded letters and where it
// lies in Folded.
type Word struct {
	Text       string
	Start, End int // byte range in Folded
}

// Words splits the folded text into words: runs of letters, digits and
// combining marks.
func (t *Text) Words() []Word {
	var out []Word
	start := -1
	for i, r := range t.Folded {
		in := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			out = append(out, Word{t.Folded[start:i], start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, Word{t.Folded[start:], start, len(t.Folded)})
	}
	return out
}

// loose lists the transliteration choices that differ between sources for
// one sound, in the order they are merged.
var loose = strings.NewReplacer(
	"dzh", "j", "zh", "j", "kh", "h", "x", "ks", "yo", "e", "ye", "e", "jo", "e",
	"iy", "i", "yi", "i", "y", "i", "ts", "c", "tz", "c", "w", "v", "q", "k", "ph", "f",
)

// Loose reduces a folded word to the key its transliteration variants
// share: "Semyenova", "Semyonova" and "Semenova"; "Maks" and "Max";
// "Khassenov" and "Khasenov" (double letters collapse).
func Loose(w string) string {
	w = loose.Replace(w)
	var b strings.Builder
	var last rune
	for _, r := range w {
		if r != last {
			b.WriteRune(r)
		}
		last = r
	}
	return b.String()
}
