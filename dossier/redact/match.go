package redact

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-project/dossier/dossier/internal/fold"
)

// latinEndings are the endings a name takes in the languages of the cases
// this tool serves, after folding: Russian and Kazakh case endings and
// feminine forms ("Семеновой" → semenovoy, "Кара-Мурзу" → kara murzu),
// patronymics ("Agadilovich"), Baltic and Polish forms ("Semenovas",
// "Kowalska") and plurals. A term word of four letters or more matches a
// text word that is its stem plus one of these.
var latinEndings = []string{
	"", "a", "u", "e", "y", "i", "o", "s",
	"oy", "oi", "ei", "ey", "om", "em", "ym", "im", "yu", "iu", "ya", "ia", "ie", "ii", "iy", "yi", "aya", "uyu",
	"ogo", "ego", "omu", "emu", "ykh", "ikh", "ami", "yami", "akh", "yakh", "ah", "am",
	"ov", "ev", "ova", "eva", "ovoy", "evoy", "ovu", "evu", "ovy", "evy", "ovym", "evym", "ovoi", "ovi",
	"ovich", "evich", "ovicha", "evicha", "ovichu", "ovna", "evna", "ovny", "ovnoy", "ich", "icha", "ichu", "ichem",
	"as", "is", "us", "es", "ys", "ai", "aite", "ute", "yte", "iene", "ene", "iego", "iej", "ka", "ki", "ko",
	"in", "ina", "iny", "inoy", "ino",
}

// arabicEndings are the suffixes Persian and Arabic attach to a name
// ("رهنوردی", "رهنوردها", "رهنوردیان"), after folding and with the
// zero-width non-joiner removed.
var arabicEndings = []string{"", "ی", "ها", "های", "هایی", "ان", "یان", "ای", "یی", "ش", "م", "ت", "مان", "تان", "شان", "ست", "اش"}

// arabicPrefixes are the article and clitics written joined to a name.
var arabicPrefixes = []string{"", "ال", "و", "ب", "ل", "وال", "بال"}

var latinEnding = set(latinEndings)
var arabicEnding = set(arabicEndings)

func set(list []string) map[string]bool {
	m := map[string]bool{}
	for _, s := range list {
		m[s] = true
	}
	return m
}

// script tells how a term word is matched.
type script int

const (
	spaced   script = iota // words separated by spaces; Latin after folding
	arabicSc               // Arabic script: prefixes and suffixes joined to the word
	unspaced               // Han, Japanese kana, Thai, Lao, Khmer, Myanmar: no spaces between words
	hangul                 // Korean: particles joined to the end of the word
)

func scriptOf(w string) script {
	r, _ := utf8.DecodeRuneInString(w)
	switch {
	case unicode.Is(unicode.Arabic, r):
		return arabicSc
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar, unicode.Tibetan):
		return unspaced
	case unicode.Is(unicode.Hangul, r):
		return hangul
	}
	return spaced
}

// stem is the part of a term word that its inflected forms share: the word
// without its final vowels, kept at three letters or more.
func stem(w string) string {
	if scriptOf(w) != spaced || len(w) < 4 {
		return w
	}
	s := w
	for i := 0; i < 2 && len(s) > 3 && strings.ContainsRune("aeiouy", rune(s[len(s)-1])); i++ {
		s = s[:len(s)-1]
	}
	return s
}

// inflectedForm reports whether w is an inflected form of the term word t,
// whose stem and script are given.
func inflectedForm(w, t, s string, sc script) bool {
	switch sc {
	case arabicSc:
		for _, p := range arabicPrefixes {
			if strings.HasPrefix(w, p+t) && arabicEnding[w[len(p)+len(t):]] {
				return true
			}
		}
		return false
	case hangul:
		return strings.HasPrefix(w, t) && utf8.RuneCountInString(w[len(t):]) <= 2
	case spaced:
		return len(t) >= 4 && strings.HasPrefix(w, s) && latinEnding[w[len(s):]]
	}
	return false
}

// A Hit is one mention of a withheld person in a text.
type Hit struct {
	Start, End int    // byte range in the original text
	Person     string // the person's id
	Term       string // the inventory term that matched, as written
	With       string // what replaces it
}

// separatorOK reports whether the folded text between two words of one
// term may join them: spaces, a comma (reversed names, dates), a full stop
// (initials, dates) or an apostrophe.
func separatorOK(s string) bool {
	return len(s) <= 3 && strings.Trim(s, " ,.'’") == ""
}

// Find returns every mention of a withheld person in s, longest first
// where they overlap, merged where one mention runs into the next
// ("Elena" "Semenova"), and widened over initials written before it
// ("D. Agadil").
func (inv *Inventory) Find(s string) []Hit {
	if inv == nil || len(inv.terms) == 0 || s == "" {
		return nil
	}
	ft := fold.New(s)
	words := ft.Words()
	var hits []Hit
	keys := make([][]string, len(words)) // the index keys each word may be filed under
	keysOf := func(i int) []string {
		if keys[i] == nil {
			w := words[i].Text
			keys[i] = []string{w}
			for _, e := range latinEndings[1:] {
				if len(w)-len(e) >= 3 && strings.HasSuffix(w, e) {
					keys[i] = append(keys[i], w[:len(w)-len(e)])
				}
			}
		}
		return keys[i]
	}
	for i, w := range words {
		if !inv.maybe(w.Text) {
			continue
		}
		// A term found through two lists gives the same hit twice; merge
		// drops the second.
		try := func(list []*term) {
			for _, t := range list {
				if n := t.matchAt(ft, words, i); n > 0 {
					sp := ft.Origin(words[i].Start, words[i+n-1].End)
					hits = append(hits, Hit{sp.Start, sp.End, t.person.ID, t.written, t.with})
				}
			}
		}
		try(inv.byWord[w.Text])
		for _, k := range keysOf(i) {
			try(inv.byStem[k])
		}
		if i+1 < len(words) && len(inv.byPair) > 0 {
			for _, k0 := range keysOf(i) {
				for _, k1 := range keysOf(i + 1) {
					try(inv.byPair[k0+"\x00"+k1])
				}
			}
		}
		if scriptOf(w.Text) == arabicSc {
			for _, p := range arabicPrefixes {
				if !strings.HasPrefix(w.Text, p) {
					continue
				}
				rest := w.Text[len(p):]
				for _, e := range arabicEndings {
					if len(rest) > len(e) && strings.HasSuffix(rest, e) {
						try(inv.byWord[rest[:len(rest)-len(e)]])
					}
				}
			}
		}
		if scriptOf(w.Text) == hangul {
			rs := []rune(w.Text)
			for cut := 1; cut <= 2 && cut < len(rs); cut++ {
				try(inv.byWord[string(rs[:len(rs)-cut])])
			}
		}
		if len(w.Text) >= 5 {
			try(inv.byLoose[fold.Loose(w.Text)])
		}
	}
	for _, t := range inv.unspaced {
		for from := 0; ; {
			i := strings.Index(ft.Folded[from:], t.joined)
			if i < 0 {
				break
			}
			i += from
			sp := ft.Origin(i, i+len(t.joined))
			hits = append(hits, Hit{sp.Start, sp.End, t.person.ID, t.written, t.with})
			from = i + len(t.joined)
		}
	}
	return merge(s, hits)
}

// maybe is a quick test that rules out most words: a word can begin a
// term only if it begins as a term's first word does (three letters), or,
// for transliteration variants, as its loose key does.
func (inv *Inventory) maybe(w string) bool {
	if len(w) < 3 {
		return inv.short[w]
	}
	if inv.prefix[w[:3]] || scriptOf(w) == arabicSc {
		return true
	}
	if len(w) >= 5 {
		// The first two letters of a loose key come from at most the
		// first four bytes of the word ("dzh" → "j", "kh" → "h").
		head := w[:4]
		if k := fold.Loose(head); len(k) >= 2 && inv.loosePrefix[k[:2]] {
			return true
		}
	}
	return false
}

// matchAt reports how many text words from i the term covers, or 0.
func (t *term) matchAt(ft *fold.Text, words []fold.Word, i int) int {
	if i+len(t.words) > len(words) {
		return 0
	}
	for k, tw := range t.words {
		if k > 0 && !separatorOK(ft.Folded[words[i+k-1].End:words[i+k].Start]) {
			return 0
		}
		w := words[i+k].Text
		if w == tw || t.inflect && inflectedForm(w, tw, t.stems[k], t.scripts[k]) {
			continue
		}
		if t.loose && len(t.words) == 1 && len(w) >= 5 && fold.Loose(w) == fold.Loose(tw) {
			continue
		}
		return 0
	}
	return len(t.words)
}

// merge orders hits, drops those inside a longer one, joins a person's
// mentions that follow one another, and widens each over initials before
// it.
func merge(s string, hits []Hit) []Hit {
	if len(hits) == 0 {
		return nil
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Start != hits[j].Start {
			return hits[i].Start < hits[j].Start
		}
		return hits[i].End > hits[j].End
	})
	var out []Hit
	for _, h := range hits {
		if n := len(out); n > 0 {
			last := &out[n-1]
			if h.Start < last.End {
				if h.End > last.End && h.Person == last.Person {
					last.End = h.End
				}
				continue
			}
			if h.Person == last.Person && h.With == last.With && joinable(s[last.End:h.Start]) {
				last.End = h.End
				continue
			}
		}
		h.Start = widenOverInitials(s, h.Start)
		out = append(out, h)
	}
	return out
}

// joinable reports whether the text between two mentions of one person
// makes them one mention ("Elena Semenova", "Kara-Murza").
func joinable(gap string) bool {
	return len(gap) <= 4 && strings.TrimFunc(gap, func(r rune) bool {
		return unicode.IsSpace(r) || r == '-' || r == '‐' || r == ',' || unicode.Is(unicode.Cf, r)
	}) == ""
}

// widenOverInitials moves start back over initials written before a name:
// "D. Agadil", "D.K. Agadil".
func widenOverInitials(s string, start int) int {
	for {
		i := start
		for i > 0 && s[i-1] == ' ' {
			i--
		}
		if i < 2 || s[i-1] != '.' {
			return start
		}
		r, size := utf8.DecodeLastRuneInString(s[:i-1])
		if !unicode.IsUpper(r) {
			return start
		}
		j := i - 1 - size
		if j > 0 {
			p, _ := utf8.DecodeLastRuneInString(s[:j])
			if unicode.IsLetter(p) {
				return start
			}
		}
		start = j
	}
}

// Replace returns s with every mention of a withheld person replaced, and
// whether anything was replaced.
func (inv *Inventory) Replace(s string) (string, bool) {
	hits := inv.Find(s)
	if len(hits) == 0 {
		return s, false
	}
	var b strings.Builder
	last := 0
	for _, h := range hits {
		b.WriteString(s[last:h.Start])
		b.WriteString(h.With)
		last = h.End
	}
	b.WriteString(s[last:])
	return b.String(), true
}

// Matches returns the terms, as written, of every mention of a withheld
// person in s: what the leak tests look for.
func (inv *Inventory) Matches(s string) []string {
	var out []string
	for _, h := range inv.Find(s) {
		out = append(out, h.Person+": "+s[h.Start:h.End])
	}
	return out
}
