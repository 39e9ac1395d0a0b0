package pdf

import (
	"slices"
	"strings"

	"github.com/dossier-project/dossier/dossier/model"
)

// Which withheld victims each excerpt names, found once per render: a
// dossier's note on withheld names asks it of every excerpt it quotes, and
// asking each withheld victim of each excerpt in every dossier made the PDF
// stage grow with victims × excerpts × dossiers.

// gramLen is the length of the byte strings names are found by.
const gramLen = 4

// nameFinder finds which of many names occur in a text, as
// strings.Contains would, in one pass over the text. Each name is keyed by
// the gramLen bytes in it that the fewest other names share; a position of
// the text whose bytes pass a bit filter of the keys is compared with the
// names keyed by them, at the key's place in the name.
type nameFinder struct {
	filter [1 << 16 / 64]uint64
	byGram map[uint32][]nameRef
	names  []string
	short  []int // names shorter than gramLen: looked for one by one
}

// nameRef is a name keyed by the gram at offset off in it.
type nameRef struct{ name, off int }

func newNameFinder(names []string) *nameFinder {
	nf := &nameFinder{byGram: map[uint32][]nameRef{}, names: names}
	count := map[uint32]int{}
	for _, name := range names {
		seen := map[uint32]bool{}
		for i := 0; i+gramLen <= len(name); i++ {
			if g := load32(name, i); !seen[g] {
				seen[g] = true
				count[g]++
			}
		}
	}
	for k, name := range names {
		if len(name) < gramLen {
			nf.short = append(nf.short, k)
			continue
		}
		best := 0
		for i := 1; i+gramLen <= len(name); i++ {
			if count[load32(name, i)] < count[load32(name, best)] {
				best = i
			}
		}
		g := load32(name, best)
		nf.byGram[g] = append(nf.byGram[g], nameRef{k, best})
		h := gramHash(g)
		nf.filter[h>>6] |= 1 << (h & 63)
	}
	return nf
}

// find calls hit with the number of each name that occurs in text (a name
// occurring twice may be reported twice).
func (nf *nameFinder) find(text string, hit func(name int)) {
	for _, k := range nf.short {
		if strings.Contains(text, nf.names[k]) {
			hit(k)
		}
	}
	for i := 0; i+gramLen <= len(text); i++ {
		g := load32(text, i)
		if h := gramHash(g); nf.filter[h>>6]&(1<<(h&63)) == 0 {
			continue
		}
		for _, r := range nf.byGram[g] {
			name := nf.names[r.name]
			if start := i - r.off; start >= 0 && start+len(name) <= len(text) && text[start:start+len(name)] == name {
				hit(r.name)
			}
		}
	}
}

func load32(s string, i int) uint32 {
	_ = s[i+3]
	return uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
}

func gramHash(g uint32) uint32 { return (g * 0x9e3779b1) >> 16 }

// excerptMentions lists, for each excerpt of d (by number - 1), the
// indexes in d.Victims of the withheld victims whose name (their
// pseudonym) stands in its quote or its passage.
func excerptMentions(d *model.Dossier) [][]int32 {
	var names []string
	var victim []int32
	for i, v := range d.Victims {
		if v.Withheld {
			names = append(names, v.Name)
			victim = append(victim, int32(i))
		}
	}
	out := make([][]int32, len(d.Excerpts))
	if len(names) == 0 {
		return out
	}
	nf := newNameFinder(names)
	for n, x := range d.Excerpts {
		add := func(k int) {
			if !slices.Contains(out[n], victim[k]) {
				out[n] = append(out[n], victim[k])
			}
		}
		nf.find(x.Quote, add)
		nf.find(x.Passage, add)
	}
	return out
}
