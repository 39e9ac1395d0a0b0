// Package synth writes synthetic case folders of any size, for benchmarks
// and load tests. A case is deterministic (the same size and seed give the
// same bytes) and valid by construction: every quote is a sentence of its
// source, every allegation rests on two sources, every victim is concerned
// by an allegation, and no two people's names are alike enough to be taken
// for one person. Names mix Latin with diacritics and Cyrillic aliases;
// sources are long texts in English with Russian passages.
package synth

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Size is the shape of a synthetic case.
type Size struct {
	Officials int // people and bodies, 3 allegations each
	Victims   int // one event each, each concerned by one allegation
	Quotes    int // evidence items in all (at least 1 per victim, and per official 1 for a position and 2 per allegation)
	Sources   int // archived texts
	// MinText and MaxText bound each archived text's size in bytes.
	MinText, MaxText int
}

// Sizes are the standard sizes of the README's performance table.
var Sizes = map[string]Size{
	"S": {Officials: 10, Victims: 100, Quotes: 1_000, Sources: 20, MinText: 20_000, MaxText: 100_000},
	"M": {Officials: 100, Victims: 2_000, Quotes: 10_000, Sources: 200, MinText: 20_000, MaxText: 100_000},
	"L": {Officials: 1_000, Victims: 20_000, Quotes: 100_000, Sources: 2_000, MinText: 20_000, MaxText: 100_000},
}

// Check reports a size that cannot make a valid case.
func (s Size) Check() error {
	switch {
	case s.Officials < 1 || s.Victims < 1 || s.Sources < 2:
		return errors.New("a case needs at least 1 official, 1 victim and 2 sources")
	case s.Quotes < s.Victims+7*s.Officials:
		return fmt.Errorf("%d quotes are too few: each victim needs 1, each official 1 and each of the %d allegations 2", s.Quotes, 3*s.Officials)
	case s.Victims+s.Officials > maxPeople:
		return fmt.Errorf("at most %d people", maxPeople)
	case s.MinText < 1000 || s.MaxText < s.MinText:
		return errors.New("texts are at least 1,000 bytes and MaxText ≥ MinText")
	}
	return nil
}

// Write writes a case of the given size into dir, which must not exist or
// be empty.
func Write(dir string, size Size, seed uint64) error {
	if err := size.Check(); err != nil {
		return err
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	}
	g := &gen{dir: dir, size: size, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	for _, sub := range []string{"sources", "officials", "victims"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return err
		}
	}
	return g.write()
}

type gen struct {
	dir  string
	size Size
	rng  *rand.Rand
	// sentences[s] are the quoted sentences that source s must hold.
	sentences [][]string
	err       error
}

// quote is one evidence item: a sentence placed in a source.
type quote struct {
	source int
	text   string
}

func (g *gen) file(rel, content string) {
	if g.err == nil {
		g.err = os.WriteFile(filepath.Join(g.dir, rel), []byte(content), 0o644)
	}
}

// cite records a sentence in a source (round robin with an offset) and
// returns the evidence item quoting it.
func (g *gen) cite(source int, sentence string) quote {
	source %= g.size.Sources
	g.sentences[source] = append(g.sentences[source], sentence)
	return quote{source, sentence}
}

func (g *gen) write() error {
	sz := g.size
	g.sentences = make([][]string, sz.Sources)
	g.file("case.yaml", fmt.Sprintf("title: Synthetic case (%d officials, %d victims)\ncountry: Examplestan\ndate: 2024-06-30\n"+
		"submitted_by:\n  organisation: Synthetic Monitor\n  contact: desk@example.org\nregimes: [us-glomag, uk-ghr, eu-ghrsr, ca-magnitsky, parliament]\n"+
		"summary: A generated case for measuring dossier at scale.\n", sz.Officials, sz.Victims))

	victims := make([]person, sz.Victims)
	for i := range victims {
		victims[i] = newPerson(i)
	}
	allegations := 3 * sz.Officials
	// Quotes left after one per victim and two per allegation are spread
	// over the allegations.
	extra := sz.Quotes - sz.Victims - 2*allegations - sz.Officials
	quoteNo := 0
	next := func() int { quoteNo++; return quoteNo }
	for o := 0; o < sz.Officials; o++ {
		off := newPerson(maxPeople - 1 - o)
		org := o%5 == 4
		name := off.name
		if org {
			name = fmt.Sprintf("%s District Police Department", off.surname)
		}
		var b strings.Builder
		kind := "person"
		if org {
			kind = "organisation"
		}
		fmt.Fprintf(&b, "kind: %s\nname: %s\n", kind, name)
		if !org {
			fmt.Fprintf(&b, "aliases:\n  - name: %s\n    script: cyrillic\nbirth_date: %d\nnationality: [Examplestan]\n", off.cyrillic, 1950+g.rng.IntN(30))
		}
		title := []string{"Head of the Investigative Department", "Prosecutor", "Judge of the City Court", "Chief of Police", "Deputy Minister of Internal Affairs"}[o%5]
		posQ := g.cite(o+3, fmt.Sprintf("%s served as %s of %s District (record P-%d).", name, strings.ToLower(title), off.surname, o+1))
		fmt.Fprintf(&b, "positions:\n  - title: %s\n    body: %s District\n    from: %d\n    evidence:\n%s", title, off.surname, 2010+o%10, evidence(posQ))
		b.WriteString("allegations:\n")
		for a := 0; a < 3; a++ {
			n := o*3 + a
			role := []string{"ordered", "perpetrated", "responsible_as_superior", "failed_to_investigate", "commanded", "complicit"}[n%6]
			if org {
				role = "responsible_as_superior"
			}
			violation := []string{"arbitrary_detention", "torture", "political_prosecution", "unfair_trial", "freedom_of_expression", "harassment"}[n%6]
			year := 2015 + n%9
			fmt.Fprintf(&b, "  - summary: Conduct number %d attributed to %s in %s.\n    date: %d-%02d\n    place: %s\n    violations: [%s]\n    role: %s\n",
				n+1, name, cities[n%len(cities)], year, n%12+1, cities[n%len(cities)], violation, role)
			var concerned []person
			for v := n; v < sz.Victims; v += allegations {
				concerned = append(concerned, victims[v])
			}
			if len(concerned) > 0 {
				ids := make([]string, len(concerned))
				for i, v := range concerned {
					ids[i] = v.id
				}
				fmt.Fprintf(&b, "    victims: [%s]\n", strings.Join(ids, ", "))
			}
			b.WriteString("    evidence:\n")
			k := 2 + extra/allegations
			if n < extra%allegations {
				k++
			}
			for q := 0; q < k; q++ {
				who := "a detained person"
				if len(concerned) > 0 {
					who = concerned[q%len(concerned)].name
				}
				src := n*7 + q
				var s string
				if q%4 == 3 {
					s = fmt.Sprintf("По данным наблюдателей, %s задержан(а) в городе %s; запись №%d.", concerned0Cyr(concerned, q), cities[n%len(cities)], next())
				} else {
					s = fmt.Sprintf("According to monitors, officers acting under %s detained %s in %s; this is record %d.", name, who, cities[n%len(cities)], next())
				}
				b.WriteString(evidence(g.cite(src, s)))
			}
		}
		g.file(filepath.Join("officials", off.id+".yaml"), b.String())
	}
	for i, v := range victims {
		var b strings.Builder
		status := []string{"detained", "imprisoned", "house_arrest", "released", "prosecuted", "harassed", "travel_ban", "unknown"}[i%8]
		sens := []string{"public", "restricted", "confidential"}[i%3]
		fmt.Fprintf(&b, "name: %s\naliases:\n  - name: %s\n    script: cyrillic\noccupation: %s\nstatus: %s\nsensitivity: %s\nconsent: unknown\n",
			v.name, v.cyrillic, []string{"civil activist", "blogger", "journalist", "human rights defender", "poet"}[i%5], status, sens)
		q := g.cite(i*13+5, fmt.Sprintf("%s was detained in %s and questioned for many hours (case file %d).", v.name, cities[i%len(cities)], next()))
		fmt.Fprintf(&b, "events:\n  - date: %d-%02d-%02d\n    type: detention\n    summary: Detained in %s and questioned.\n    place: %s\n    evidence:\n%s",
			2016+i%8, i%12+1, i%28+1, cities[i%len(cities)], cities[i%len(cities)], evidence(q))
		g.file(filepath.Join("victims", v.id+".yaml"), b.String())
	}
	for s := 0; s < sz.Sources; s++ {
		g.source(s)
	}
	return g.err
}

func concerned0Cyr(list []person, q int) string {
	if len(list) == 0 {
		return "задержанный"
	}
	return list[q%len(list)].cyrillic
}

// evidence formats one evidence item, indented for an allegation's list.
func evidence(q quote) string {
	return fmt.Sprintf("      - source: source-%04d\n        quote: %q\n", q.source+1, q.text)
}

// source writes one archived text: filler paragraphs with the quoted
// sentences spread among them, and its metadata with the text's sha256.
func (g *gen) source(s int) {
	sz := g.size
	target := sz.MinText + g.rng.IntN(sz.MaxText-sz.MinText+1)
	var b strings.Builder
	fmt.Fprintf(&b, "Monitoring report %d on detentions in Examplestan\n\n", s+1)
	quotes := g.sentences[s]
	// Room for the quotes and the filler around them.
	perGap := max(0, (target-b.Len()-len(strings.Join(quotes, " ")))/(len(quotes)+1))
	para := 0
	fill := func(n int) {
		start := b.Len()
		for b.Len()-start < n {
			para++
			b.WriteString(g.paragraph(s, para))
			b.WriteString("\n\n")
		}
	}
	for _, q := range quotes {
		fill(perGap)
		b.WriteString(q)
		b.WriteString("\n\n")
	}
	fill(perGap)
	text := b.String()
	sum := sha256.Sum256([]byte(text))
	id := fmt.Sprintf("source-%04d", s+1)
	g.file(filepath.Join("sources", id+".txt"), text)
	typ := []string{"report", "ngo_statement", "news_article", "open_letter", "testimony"}[s%5]
	g.file(filepath.Join("sources", id+".yaml"), fmt.Sprintf("title: Monitoring report %d\ntype: %s\npublisher: Synthetic Monitor %d\npublished: %d-%02d\n"+
		"url: https://example.org/reports/%d\nretrieved: 2024-06-01\nlanguage: en\nfile: %s.txt\nsha256: %s\n",
		s+1, typ, s+1, 2016+s%8, s%12+1, s+1, id, hex.EncodeToString(sum[:])))
}

// paragraph is filler: sentences that quote nothing and name no one. A
// paragraph number in each keeps every sentence of the case unique, so no
// quote occurs twice.
func (g *gen) paragraph(s, n int) string {
	var b strings.Builder
	for i := 0; i < 4+g.rng.IntN(4); i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		w := filler[g.rng.IntN(len(filler))]
		fmt.Fprintf(&b, w, cities[g.rng.IntN(len(cities))])
	}
	fmt.Fprintf(&b, " (Section %d.%d.)", s+1, n)
	return b.String()
}

var cities = []string{"Almaty", "Astana", "Shymkent", "Aktobe", "Karaganda", "Taraz", "Pavlodar", "Oskemen", "Semey", "Kostanay", "Kyzylorda", "Atyrau", "Oral", "Petropavl", "Aktau", "Zhanaozen"}

var filler = []string{
	"Observers in %s recorded a heavy police presence around the central square.",
	"Relatives in %s said they had not been told where their family members were held.",
	"Lawyers in %s reported that access to their clients was delayed or refused.",
	"Local authorities in %s did not answer written requests for comment.",
	"Наблюдатели в городе %s сообщили о присутствии большого числа полицейских.",
	"The monitoring group in %s interviewed witnesses over several weeks.",
	"Court hearings in %s were closed to the public and to journalists.",
	"Several people in %s described being followed after the protests.",
}
