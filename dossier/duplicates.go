package dossier

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Probable duplicates are found by blocking, in time linear in the number
// of people: every spelling of every person is reduced to keys, people
// sharing a key fall into one block, and only within a block are names
// compared. Three kinds of key:
//
//   - the name key (nameKey): one person spelled two ways by two sources;
//   - the name key with one letter deleted, for keys of 10 letters or more:
//     two keys one edit apart always share one ("Kozhamzharov" /
//     "Kozhamzharova"); candidates are confirmed with an edit distance;
//   - the first initial and the surname's key ("D Khasenov"): "Daniyar
//     Khassenov" and "Daryn Khasenov" in two sources may be one man.
//
// Connected people form a group, and each group gets one warning, so ten
// thousand victims whose names fold alike make one warning, not fifty
// million. A person's distinct_from records that a human checked a pair
// and found two people: that pair no longer connects them.

// maxListed is how many other members of a group a warning names.
const maxListed = 5

type dupPerson struct {
	id, name string
	pos      Pos
	distinct map[string]bool
}

// duplicatePeople warns once per group of people whose names match.
func (v *validator) duplicatePeople() {
	var people []*dupPerson
	var forms [][]string
	add := func(id, path, name string, aliases []*Alias, meta Meta, distinct []*Distinct) {
		p := &dupPerson{id: id, name: name, pos: Pos{File: path, Line: meta.At("name").Line}}
		for _, d := range distinct {
			if p.distinct == nil {
				p.distinct = map[string]bool{}
			}
			p.distinct[d.ID] = true
		}
		people = append(people, p)
		forms = append(forms, nameForms(name, aliases))
	}
	for _, o := range v.c.Officials {
		if o.Kind == "person" {
			add(o.ID, o.Path, o.Name, o.Aliases, o.Meta, o.DistinctFrom)
		}
	}
	for _, vic := range v.c.Victims {
		if vic.EffectiveKind() == "person" { // groups and bodies are not people to merge
			add(vic.ID, vic.Path, vic.Name, vic.Aliases, vic.Meta, vic.DistinctFrom)
		}
	}
	for _, g := range duplicateGroups(people, forms) {
		first := people[g[0]]
		last := people[g[len(g)-1]]
		var others []string
		for _, i := range g[:len(g)-1] {
			if len(others) == maxListed {
				others = append(others, fmt.Sprintf("and %d more", len(g)-1-maxListed))
				break
			}
			p := people[i]
			others = append(others, fmt.Sprintf("%q (%s)", p.name, p.pos))
		}
		v.sink.warnf(last.pos, "probable-duplicate",
			fmt.Sprintf("if they are one person, merge the files and keep the other spellings as aliases; if not, record it in one of the files: distinct_from: [{id: %s, reason: …}]", first.id),
			"%q may be the same person as %s", last.name, strings.Join(others, ", "))
	}
}

// duplicateGroups returns the groups (indexes into people, in order) of two
// or more people connected by matching names, ordered by their first member.
// forms[i] lists person i's spellings.
func duplicateGroups(people []*dupPerson, forms [][]string) [][]int {
	uf := newUnionFind(len(people))
	silenced := func(a, b int) bool {
		return people[a].distinct[people[b].id] || people[b].distinct[people[a].id]
	}
	// join connects every member of a block whose names all match: each to
	// the earliest member it is not recorded as distinct from.
	join := func(members []int) {
		for i := 1; i < len(members); i++ {
			for j := 0; j < i; j++ {
				if !silenced(members[i], members[j]) {
					uf.union(members[i], members[j])
					break
				}
			}
		}
	}
	exact := map[string][]int{}   // name key → people
	initial := map[string][]int{} // initial + surname key → people
	for i, list := range forms {
		seenKey := map[string]bool{}
		for _, f := range list {
			k := nameKey(f)
			if k != "" && !seenKey[k] {
				seenKey[k] = true
				exact[k] = append(exact[k], i)
			}
			if k := initialSurname(f); k != "" && !seenKey["\x00"+k] {
				seenKey["\x00"+k] = true
				initial[k] = append(initial[k], i)
			}
		}
	}
	for _, block := range sortedBlocks(exact) {
		join(block)
	}
	for _, block := range sortedBlocks(initial) {
		join(block)
	}
	// One letter apart: block the distinct long keys by their one-letter
	// deletions, and confirm candidates with the edit distance.
	deletions := map[string][]string{}
	for _, k := range sortedKeys(exact) {
		if utf8.RuneCountInString(k) < 10 {
			continue
		}
		r := []rune(k)
		seen := map[string]bool{}
		for i := range r {
			d := string(r[:i]) + string(r[i+1:])
			if !seen[d] {
				seen[d] = true
				deletions[d] = append(deletions[d], k)
			}
		}
		if !seen[k] {
			deletions[k] = append(deletions[k], k)
		}
	}
	for _, d := range sortedKeys(deletions) {
		keys := deletions[d]
		for i := 0; i < len(keys); i++ {
			for j := i + 1; j < len(keys); j++ {
				if levenshtein(keys[i], keys[j]) > 1 {
					continue
				}
				a, b := exact[keys[i]], exact[keys[j]]
				join(append(append([]int{}, a...), b...))
			}
		}
	}
	groups := map[int][]int{}
	var roots []int
	for i := range people {
		r := uf.find(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], i)
	}
	var out [][]int
	for _, r := range roots {
		if len(groups[r]) > 1 {
			out = append(out, groups[r])
		}
	}
	return out
}

// initialSurname reduces a name of two words or more to its first initial
// and the key of its last word ("Daniyar Khassenov" → "d hasenov"), or ""
// for a single word.
func initialSurname(name string) string {
	words := strings.FieldsFunc(foldName(name), func(r rune) bool { return !unicode.IsLetter(r) })
	if len(words) < 2 {
		return ""
	}
	first, _ := utf8.DecodeRuneInString(words[0])
	surname := nameKey(words[len(words)-1])
	if utf8.RuneCountInString(surname) < 3 {
		return "" // an initial or a particle, not a surname
	}
	return string(first) + " " + surname
}

func sortedKeys[T any](m map[string]T) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sortedBlocks(m map[string][]int) [][]int {
	var out [][]int
	for _, k := range sortedKeys(m) {
		if len(m[k]) > 1 {
			out = append(out, m[k])
		}
	}
	return out
}

// unionFind joins people into groups in near-constant time per join.
type unionFind struct{ parent []int }

func newUnionFind(n int) *unionFind {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	return &unionFind{p}
}

func (u *unionFind) find(i int) int {
	for u.parent[i] != i {
		u.parent[i] = u.parent[u.parent[i]]
		i = u.parent[i]
	}
	return i
}

// union joins the groups of a and b; the smaller index becomes the root,
// so a group is reported under its first member whatever the join order.
func (u *unionFind) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	switch {
	case ra < rb:
		u.parent[rb] = ra
	case rb < ra:
		u.parent[ra] = rb
	}
}

// distinct checks a person's distinct_from: each id names another person
// of the case.
func (v *validator) distinct(selfID string, list []*Distinct) {
	for _, d := range list {
		if d.ID == "" {
			continue // reported as a missing required field
		}
		at := d.Meta.At("id")
		if d.ID == selfID {
			v.sink.errorf(at, "unknown-reference", "name the other person's id", "distinct_from names this person itself")
			continue
		}
		if v.victimByID(d.ID) != nil {
			continue
		}
		var ids []string
		found := false
		for _, o := range v.c.Officials {
			found = found || o.ID == d.ID
			ids = append(ids, o.ID)
		}
		if !found {
			v.unknownRef(at, "person", d.ID, append(ids, v.victimIDs()...))
		}
	}
}
