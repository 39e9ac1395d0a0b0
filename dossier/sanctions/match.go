package sanctions

import (
	"strings"
	"unicode/utf8"

	"github.com/dossier-project/dossier/dossier/internal/fold"
)

// Official is one official of a case, as sanctions-check compares them.
type Official struct {
	Case         string   `json:"case"`
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	Organisation bool     `json:"organisation"` // a body rather than a person
	Aliases      []string `json:"-"`
	BirthDate    string   `json:"-"` // ISO 8601, possibly partial
	Countries    []string `json:"-"` // FtM country codes of nationality
	Positions    []string `json:"-"` // titles of the positions held
}

// The weights of the score, which runs from 0 to 1: the names give up
// to nameWeight; the other fields, where both sides give them, add the
// rest or take away, so that 1 means everything known agrees.
const (
	nameWeight        = 0.80
	birthDateMatch    = 0.10
	birthDateConflict = -0.35 // an exact name with another birth date falls below the default threshold
	countryMatch      = 0.05
	countryConflict   = -0.10
	positionMatch     = 0.05
	maxBoost          = birthDateMatch + countryMatch + positionMatch
	// singleWord weakens a match of one word against a longer name: a
	// surname alone is weak evidence of identity.
	singleWord = 0.7
	// minWordSim is the least similarity for two words to count as one.
	minWordSim = 0.75
)

// form is one spelling of an official's name, as words.
type form struct {
	official int
	name     string
	words    []string
}

// index finds the officials whose names share a word with a name.
type index struct {
	officials []Official
	forms     []form
	byWord    map[string][]int // word key (fold.Loose) → form numbers
	stop      map[string]bool
	positions [][][]string // official → position → words
}

func newIndex(officials []Official, stopwords []string) *index {
	ix := &index{officials: officials, byWord: map[string][]int{}, stop: map[string]bool{}}
	for _, w := range stopwords {
		for _, s := range fold.NameWords(w) {
			ix.stop[s] = true
		}
	}
	for i, o := range officials {
		for _, name := range append([]string{o.Name}, o.Aliases...) {
			words := ix.words(name)
			if len(words) == 0 {
				continue
			}
			n := len(ix.forms)
			ix.forms = append(ix.forms, form{official: i, name: name, words: words})
			for _, w := range words {
				if utf8.RuneCountInString(w) > 1 && !contains(ix.byWord[w], n) {
					ix.byWord[w] = append(ix.byWord[w], n)
				}
			}
		}
		var pos [][]string
		for _, p := range o.Positions {
			if w := ix.words(p); len(w) > 0 {
				pos = append(pos, w)
			}
		}
		ix.positions = append(ix.positions, pos)
	}
	return ix
}

// words folds a name into word keys, without stop words.
func (ix *index) words(name string) []string {
	all := fold.NameWords(name)
	out := all[:0]
	for _, w := range all {
		if !ix.stop[w] {
			out = append(out, w)
		}
	}
	return out
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// nameScore compares two names given as words: each word of the shorter
// name is paired with the most similar unused word of the longer; the
// score weighs how well the shorter name is covered (0.8) and how much of
// the longer it accounts for (0.2).
func nameScore(a, b []string) float64 {
	short, long := a, b
	if len(short) > len(long) {
		short, long = long, short
	}
	if len(short) == 0 {
		return 0
	}
	used := make([]bool, len(long))
	sum := 0.0
	for _, w := range short {
		best, at := 0.0, -1
		for j, v := range long {
			if used[j] {
				continue
			}
			if s := wordSim(w, v); s > best {
				best, at = s, j
			}
		}
		if at >= 0 {
			used[at] = true
			sum += best
		}
	}
	score := 0.8*sum/float64(len(short)) + 0.2*sum/float64(len(long))
	if len(short) == 1 && len(long) > 1 {
		score *= singleWord
	}
	return score
}

// wordSim is 1 for equal keys, 0.8 for an initial and a word that
// starts with it, and otherwise one less the edit distance over the longer
// length, when that is at least minWordSim.
func wordSim(a, b string) float64 {
	if a == b {
		return 1
	}
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 1 || len(rb) == 1 {
		if ra[0] == rb[0] {
			return 0.8
		}
		return 0
	}
	m := max(len(ra), len(rb))
	s := 1 - float64(levenshtein(ra, rb))/float64(m)
	if s < minWordSim {
		return 0
	}
	return s
}

func levenshtein(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// candidate is the best name match of one official with one entity.
type candidate struct {
	official int
	score    float64
	ownName  string // the official's spelling that matched
	name     string // the entity's name that matched
}

// match scores every official who shares a name word with one of names,
// and returns the best name score of each.
func (ix *index) match(names []string, wantOrganisation bool) []candidate {
	var out []candidate
	for _, name := range names {
		words := ix.words(name)
		var tried []int
		for _, w := range words {
			for _, f := range ix.byWord[w] {
				if contains(tried, f) {
					continue
				}
				tried = append(tried, f)
				o := ix.forms[f].official
				if ix.officials[o].Organisation != wantOrganisation {
					continue
				}
				s := nameScore(ix.forms[f].words, words)
				found := false
				for i := range out {
					if out[i].official == o {
						found = true
						if s > out[i].score {
							out[i] = candidate{o, s, ix.forms[f].name, name}
						}
					}
				}
				if !found {
					out = append(out, candidate{o, s, ix.forms[f].name, name})
				}
			}
		}
	}
	return out
}

// sameDate reports whether two ISO 8601 dates, possibly partial, agree at
// the precision both give ("1970" and "1970-05-14" agree).
func sameDate(a, b string) bool {
	n := min(len(a), len(b))
	return n >= 4 && a[:n] == b[:n]
}

// positionMatches reports whether one of the entity's positions shares at
// least half the words of one of the official's.
func (ix *index) positionMatches(official int, positions []string) bool {
	for _, p := range positions {
		words := ix.words(p)
		for _, own := range ix.positions[official] {
			hit := 0
			for _, w := range own {
				for _, v := range words {
					if wordSim(w, v) >= 0.9 {
						hit++
						break
					}
				}
			}
			if len(own) > 0 && float64(hit)/float64(min(len(own), max(len(words), 1))) >= 0.5 {
				return true
			}
		}
	}
	return false
}

// boost weighs the fields both sides have: birth date, nationality and
// position. It returns the change to the score and the fields that matched
// and conflicted.
func (ix *index) boost(official int, p props) (delta float64, matched, conflicted []string) {
	o := ix.officials[official]
	if o.BirthDate != "" && len(p.birthDates) > 0 {
		agree := false
		for _, d := range p.birthDates {
			if sameDate(o.BirthDate, d) {
				agree = true
			}
		}
		if agree {
			delta += birthDateMatch
			matched = append(matched, "birth_date")
		} else {
			delta += birthDateConflict
			conflicted = append(conflicted, "birth_date")
		}
	}
	if len(o.Countries) > 0 && len(p.countries) > 0 {
		agree := false
		for _, c := range p.countries {
			if contains(o.Countries, strings.ToLower(c)) {
				agree = true
			}
		}
		if agree {
			delta += countryMatch
			matched = append(matched, "nationality")
		} else {
			delta += countryConflict
			conflicted = append(conflicted, "nationality")
		}
	}
	if len(ix.positions[official]) > 0 && ix.positionMatches(official, p.positions) {
		delta += positionMatch
		matched = append(matched, "position")
	}
	return delta, matched, conflicted
}
