package redact

import (
	"crypto/sha256"
	"fmt"
	"sort"

	"github.com/dossier-project/dossier/dossier"
)

// Pseudonyms assigns every person of the case a stable pseudonym number.
// People are numbered in the order the case's allegations first name them
// (officials by id, allegations in file order); the others follow in the
// order their own evidence first appears in the sources (source, then
// offset), then by a hash of their id. Neither the name nor the id's place
// in the alphabet decides a number. Numbering everyone, not only withheld
// people, keeps a pseudonym the same for every audience.
func Pseudonyms(c *dossier.Case) map[string]int {
	nums := map[string]int{}
	next := 1
	known := map[string]bool{}
	for _, v := range c.Victims {
		known[v.ID] = true
	}
	for _, o := range c.Officials {
		for _, a := range o.Allegations {
			for _, id := range a.VictimIDs {
				if _, done := nums[id]; known[id] && !done {
					nums[id] = next
					next++
				}
			}
		}
	}
	sourceNum := map[string]int{}
	for i, s := range c.Sources {
		sourceNum[s.ID] = i + 1
	}
	type rest struct {
		id             string
		source, offset int
		hash           [32]byte
	}
	var others []rest
	for _, v := range c.Victims {
		if _, done := nums[v.ID]; done {
			continue
		}
		r := rest{id: v.ID, source: 1 << 30, hash: sha256.Sum256([]byte(c.ID + "\x00" + v.ID))}
		each := func(e *dossier.Evidence) {
			n := sourceNum[e.SourceID]
			if n > 0 && (n < r.source || n == r.source && e.Offset < r.offset) {
				r.source, r.offset = n, e.Offset
			}
		}
		for _, ev := range v.Events {
			for _, e := range ev.Evidence {
				each(e)
			}
		}
		for _, e := range v.Evidence {
			each(e)
		}
		others = append(others, r)
	}
	sort.Slice(others, func(i, j int) bool {
		a, b := others[i], others[j]
		if a.source != b.source {
			return a.source < b.source
		}
		if a.offset != b.offset {
			return a.offset < b.offset
		}
		return string(a.hash[:]) < string(b.hash[:])
	})
	for _, r := range others {
		nums[r.id] = next
		next++
	}
	return nums
}

// pseudonym formats a pseudonym number as a name and an id for a person
// of the given role ("Victim V-07", "v-07"; "Witness W-02", "w-02").
func pseudonym(n, total int) (name, id string) {
	width := 2
	if total >= 100 {
		width = len(fmt.Sprint(total))
	}
	code := fmt.Sprintf("%0*d", width, n)
	return "Victim V-" + code, "v-" + code
}
