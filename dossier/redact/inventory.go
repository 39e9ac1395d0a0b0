package redact

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/internal/fold"
	"github.com/dossier-project/dossier/dossier/model"
)

// particles are words inside names that identify no one alone.
var particles = set([]string{
	"al", "el", "bin", "ibn", "bint", "abu", "umm", "ben", "bat", "ould", "van", "von", "der", "den", "de", "del",
	"della", "di", "da", "dos", "das", "du", "la", "le", "ter", "ten", "mac", "ap", "zu", "y", "e",
})

// Person is one withheld person and what identifies them.
type Person struct {
	ID          string
	Name        string
	Replacement string   // what every mention becomes: "Victim V-07", or "[name withheld]"
	Terms       []string // every identifying term, as written
	// Ambiguous are parts of the name that also name a place, a body or
	// another person of the case: replaced only within the full name, and
	// reported by Check.
	Ambiguous []Ambiguity
}

// Ambiguity is a name part that also occurs elsewhere in the case.
type Ambiguity struct {
	Term  string
	Where string // what else it names, e.g. `the place "Xinjiang"`
	Meta  dossier.Meta
	Field string
}

// term is one identifying term, folded into words.
type term struct {
	person  *Person
	written string   // as written, for reports
	words   []string // folded words
	stems   []string // their stems
	scripts []script // their scripts
	joined  string   // the words joined, for scripts without spaces
	with    string   // replacement
	inflect bool     // inflected forms match too
	loose   bool     // transliteration variants match too
}

// Inventory holds the identifying terms of every person withheld from one
// audience. The redactor replaces exactly these terms and the leak tests
// search for exactly these terms.
type Inventory struct {
	People   []*Person
	terms    []*term
	byWord   map[string][]*term // first word → terms
	byStem   map[string][]*term // stem of the word → inflectable one-word terms
	byPair   map[string][]*term // keys of the first two words → terms of several words
	shared   map[string]*term   // folded term → the term, to find terms several people share
	byLoose  map[string][]*term // transliteration key → one-word terms
	unspaced []*term            // terms in scripts written without spaces

	// Quick filters for Find: the first three bytes of every first word
	// and stem, short first words whole, the first two of loose keys.
	prefix, short, loosePrefix map[string]bool

	// Looked up for every id and file name judged strictly: the first
	// person with an id, and the first with an ambiguous term. A scan of
	// the people for each made redaction grow with ids × people.
	byID          map[string]*Person
	ambiguousTerm map[string]*Person
}

// NewInventory builds the inventory of the people of c withheld from a.
func NewInventory(c *dossier.Case, a model.Audience) *Inventory {
	inv := &Inventory{byWord: map[string][]*term{}, byStem: map[string][]*term{}, byLoose: map[string][]*term{}, byPair: map[string][]*term{}, shared: map[string]*term{},
		prefix: map[string]bool{}, short: map[string]bool{}, loosePrefix: map[string]bool{}}
	nums := Pseudonyms(c)
	context := indexContext(publicContext(c, a))
	for _, v := range c.Victims {
		if !withheldPerson(v, a) {
			continue
		}
		p := &Person{ID: v.ID, Name: v.Name, Replacement: "[name withheld]"}
		if v.EffectiveRole() == "victim" {
			p.Replacement, _ = pseudonym(nums[v.ID], len(c.Victims))
		}
		inv.People = append(inv.People, p)
		inv.addPerson(p, v, context)
	}
	inv.byID = make(map[string]*Person, len(inv.People))
	inv.ambiguousTerm = map[string]*Person{}
	for _, p := range inv.People {
		if _, ok := inv.byID[p.ID]; !ok {
			inv.byID[p.ID] = p
		}
		for _, a := range p.Ambiguous {
			if _, ok := inv.ambiguousTerm[a.Term]; !ok {
				inv.ambiguousTerm[a.Term] = p
			}
		}
	}
	return inv
}

// addPerson adds the terms that identify one person.
func (inv *Inventory) addPerson(p *Person, v *dossier.Victim, context map[string]contextField) {
	seen := map[string]bool{}
	add := func(written string, inflect bool, with string) {
		f := fold.String(written)
		if f == "" || seen[f] {
			return
		}
		seen[f] = true
		if other := inv.shared[f]; other != nil {
			// Several withheld people share this term (a surname, a given
			// name): it names one of them, but not which one.
			other.with = "[name withheld]"
			p.Terms = append(p.Terms, written)
			return
		}
		words := strings.Fields(f)
		t := &term{person: p, written: written, words: words, joined: strings.Join(words, ""), with: with, inflect: inflect}
		for _, w := range words {
			t.stems = append(t.stems, stem(w))
			t.scripts = append(t.scripts, scriptOf(w))
		}
		p.Terms = append(p.Terms, written)
		inv.terms = append(inv.terms, t)
		inv.shared[f] = t
		if scriptOf(words[0]) == unspaced {
			inv.unspaced = append(inv.unspaced, t)
			return
		}
		for _, w := range []string{words[0], stem(words[0])} {
			if len(w) < 3 {
				inv.short[w] = true
			} else {
				inv.prefix[w[:3]] = true
			}
		}
		switch {
		case len(words) > 1 && t.scripts[0] == spaced && t.scripts[1] == spaced:
			// Many people share a given name: index by the first two
			// words, so a common first word does not try every term.
			k := t.key(0) + "\x00" + t.key(1)
			inv.byPair[k] = append(inv.byPair[k], t)
		default:
			inv.byWord[words[0]] = append(inv.byWord[words[0]], t)
			if inflect && t.scripts[0] == spaced {
				inv.byStem[t.stems[0]] = append(inv.byStem[t.stems[0]], t)
			}
		}
		if len(words) == 1 && len(words[0]) >= 5 && scriptOf(words[0]) == spaced {
			t.loose = true
			inv.byLoose[fold.Loose(words[0])] = append(inv.byLoose[fold.Loose(words[0])], t)
			inv.loosePrefix[fold.Loose(words[0])[:2]] = true
		}
	}
	forms := []string{v.Name}
	for _, al := range v.Aliases {
		forms = append(forms, al.Name)
	}
	notAlone := map[string]bool{}
	for _, t := range v.NonIdentifyingTerms {
		notAlone[fold.String(t)] = true
	}
	// Full names, in every order a text may use.
	for _, form := range forms {
		for _, order := range orders(form) {
			add(order, true, p.Replacement)
		}
		// Joined, as in hashtags and URL slugs: "ElenaSemenova".
		if ws := strings.Fields(fold.String(form)); len(ws) > 1 && scriptOf(ws[0]) == spaced {
			add(strings.Join(ws, ""), true, p.Replacement)
		}
	}
	add(v.ID, false, p.Replacement)
	for _, t := range v.IdentifyingTerms {
		add(t, true, p.Replacement)
	}
	// Name parts alone: surnames, given names, patronymics, unless a part
	// also names something else in the case.
	for _, form := range forms {
		for _, w := range strings.Fields(fold.String(form)) {
			if scriptOf(w) == unspaced || particles[w] || len([]rune(w)) < 3 || notAlone[w] || seen[w] {
				continue
			}
			if where, f, ok := ambiguous(w, context); ok {
				p.Ambiguous = append(p.Ambiguous, Ambiguity{Term: w, Where: where, Meta: f.meta, Field: f.field})
				continue
			}
			add(w, true, p.Replacement)
		}
	}
	// The birth date as prose writes it, since the field itself is dropped.
	for _, d := range dateForms(v.BirthDate) {
		add(d, false, "[date withheld]")
	}
	sort.Strings(p.Terms)
}

// key is what the index files the term's k-th word under: its stem when
// inflected forms match too, else the word itself.
func (t *term) key(k int) string {
	if t.inflect && len(t.words[k]) >= 4 {
		return t.stems[k]
	}
	return t.words[k]
}

// orders returns a name in the orders texts write it: as written, family
// name first or last, and without middle names or patronymics.
func orders(name string) []string {
	ws := strings.Fields(name)
	out := []string{name}
	if len(ws) < 2 {
		return out
	}
	first, last := ws[0], ws[len(ws)-1]
	out = append(out, last+" "+strings.Join(ws[:len(ws)-1], " "))
	out = append(out, strings.Join(ws[1:], " ")+" "+first)
	if len(ws) > 2 {
		out = append(out, first+" "+last, last+" "+first)
	}
	return out
}

// dateForms writes a full date the ways prose does.
func dateForms(d dossier.Date) []string {
	if d.Precision != model.Day {
		return nil
	}
	t := d.First()
	return []string{
		t.Format("2 January 2006"), t.Format("January 2, 2006"), t.Format("2006-01-02"),
		t.Format("02.01.2006"), t.Format("2.1.2006"), t.Format("02/01/2006"),
	}
}

// contextField is a text of the case that names places, bodies or other
// people: where a withheld person's name part may mean something else.
type contextField struct {
	what, text string
	meta       dossier.Meta
	field      string
}

// publicContext gathers the texts that name what the audience may know:
// officials, the people it sees, positions, places and the country.
func publicContext(c *dossier.Case, a model.Audience) []contextField {
	out := []contextField{{"the country", c.Country, c.Meta, "country"}}
	for _, o := range c.Officials {
		out = append(out, contextField{"the official", o.Name, o.Meta, "name"})
		for _, al := range o.Aliases {
			out = append(out, contextField{"the official's alias", al.Name, al.Meta, "name"})
		}
		for _, p := range o.Positions {
			out = append(out, contextField{"the position", p.Title, p.Meta, "title"}, contextField{"the body", p.Body, p.Meta, "body"})
		}
		out = append(out, contextField{"the place", o.BirthPlace, o.Meta, "birth_place"})
		for _, al := range o.Allegations {
			out = append(out, contextField{"the place", al.Place, al.Meta, "place"})
		}
		for _, s := range o.ExistingSanctions {
			out = append(out, contextField{"the authority", s.Authority, s.Meta, "authority"})
		}
		for _, x := range o.Associates {
			out = append(out, contextField{"the official's associate", x.Name, x.Meta, "name"})
		}
	}
	for _, co := range c.Companies {
		out = append(out, contextField{"the company", co.Name, co.Meta, "name"}, contextField{"the jurisdiction", co.Jurisdiction, co.Meta, "jurisdiction"})
		for _, al := range co.Aliases {
			out = append(out, contextField{"the company's alias", al.Name, al.Meta, "name"})
		}
	}
	for _, as := range c.Assets {
		out = append(out, contextField{"the place", as.Location, as.Meta, "location"}, contextField{"the country", as.Country, as.Meta, "country"})
	}
	for _, v := range c.Victims {
		if withheldPerson(v, a) {
			continue
		}
		out = append(out, contextField{"the person", v.Name, v.Meta, "name"})
		for _, al := range v.Aliases {
			out = append(out, contextField{"the person's alias", al.Name, al.Meta, "name"})
		}
		for _, ev := range v.Events {
			out = append(out, contextField{"the place", ev.Place, ev.Meta, "place"})
		}
	}
	return out
}

// indexContext maps every folded word of the context fields, and its
// stem, to the first field it occurs in.
func indexContext(fields []contextField) map[string]contextField {
	idx := map[string]contextField{}
	for _, f := range fields {
		for _, x := range strings.Fields(fold.String(f.text)) {
			keys := []string{x}
			// Every stem x may be an inflected form of: "agadilov" is
			// "agadil" + "ov".
			for _, e := range latinEndings {
				if len(x)-len(e) >= 3 && strings.HasSuffix(x, e) {
					keys = append(keys, "\x00"+x[:len(x)-len(e)])
				}
			}
			for _, k := range keys {
				if _, ok := idx[k]; !ok {
					idx[k] = f
				}
			}
		}
	}
	return idx
}

// ambiguous reports whether the folded name part w, or a word with its
// stem, occurs in a context field, and where.
func ambiguous(w string, idx map[string]contextField) (string, contextField, bool) {
	f, ok := idx[w]
	if !ok && len(w) >= 4 {
		f, ok = idx["\x00"+stem(w)]
	}
	if !ok {
		return "", contextField{}, false
	}
	return fmt.Sprintf("%s %q", f.what, f.text), f, true
}

// Identifies reports whether s mentions a withheld person.
func (inv *Inventory) Identifies(s string) bool { return len(inv.Find(s)) > 0 }

// IdentifiesStrictly reports whether s mentions a withheld person, or
// holds a part of their name that is also something else in the case. Ids,
// file names and addresses are judged this way: the author wrote them, and
// "agadil-death" names Dulat Agadil even where another Agadilov is public.
func (inv *Inventory) IdentifiesStrictly(s string) bool { return inv.strictly(s) != nil }

// strictly returns the person s names, judged as IdentifiesStrictly does.
func (inv *Inventory) strictly(s string) *Person {
	if hits := inv.Find(s); len(hits) > 0 {
		if p := inv.byID[hits[0].Person]; p != nil {
			return p
		}
	}
	for _, w := range strings.Fields(fold.String(s)) {
		if p := inv.ambiguousTerm[w]; p != nil {
			return p
		}
	}
	return nil
}
