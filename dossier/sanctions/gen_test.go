package sanctions

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
)

// syllables build filler names that no official of the tests bears.
var syllables = []string{"bor", "tal", "ves", "min", "dra", "gol", "pen", "ric", "sul", "var", "zon", "lek", "mar", "tor", "nid", "fel", "hu", "lo", "ga", "de"}

// common first names are shared with the tests' officials, as real lists
// share them: entities bearing them are scored, and must not match.
var common = []string{"Nurlan", "Kairat", "Almaty"}

func fillerName(r *rand.Rand) string {
	word := func() string {
		n := 2 + r.IntN(2)
		s := ""
		for range n {
			s += syllables[r.IntN(len(syllables))]
		}
		return string(s[0]-'a'+'A') + s[1:]
	}
	first := word()
	if r.IntN(20) == 0 {
		first = common[r.IntN(len(common))]
	}
	return first + " " + word()
}

// generate writes n filler FtM entities as JSON lines, deterministic for
// a seed: people (with aliases, birth dates, nationalities, positions),
// companies, addresses, and Sanctions pointing at earlier people.
func generate(w io.Writer, n int, seed uint64) error {
	r := rand.New(rand.NewPCG(seed, 1))
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	countries := []string{"kz", "ru", "us", "gb", "de", "kg", "uz", "by"}
	lastPerson := ""
	for i := range n {
		id := fmt.Sprintf("gen-%d-%d", seed, i)
		props := map[string][]string{}
		schema := "Person"
		switch k := r.IntN(20); {
		case k < 12:
			props["name"] = []string{fillerName(r)}
			if r.IntN(3) == 0 {
				props["alias"] = []string{fillerName(r), fillerName(r)}
			}
			props["birthDate"] = []string{fmt.Sprintf("%d-%02d-%02d", 1940+r.IntN(60), 1+r.IntN(12), 1+r.IntN(28))}
			props["nationality"] = []string{countries[r.IntN(len(countries))]}
			props["position"] = []string{"Deputy head of the " + fillerName(r) + " administration"}
			props["topics"] = []string{"sanction"}
			props["sourceUrl"] = []string{"https://sanctions.example.org/person/" + id}
			lastPerson = id
		case k < 15:
			schema = "Company"
			props["name"] = []string{fillerName(r) + " Trading LLP"}
			props["jurisdiction"] = []string{countries[r.IntN(len(countries))]}
			props["registrationNumber"] = []string{fmt.Sprintf("%012d", r.IntN(1e12))}
		case k < 18 && lastPerson != "":
			schema = "Sanction"
			props["entity"] = []string{lastPerson}
			props["authority"] = []string{"Generated Authority"}
			props["program"] = []string{"Generated Programme"}
			props["startDate"] = []string{fmt.Sprintf("%d-%02d-01", 2010+r.IntN(15), 1+r.IntN(12))}
		default:
			schema = "Address"
			props["full"] = []string{fmt.Sprintf("%d %s Street, %s", 1+r.IntN(200), fillerName(r), fillerName(r))}
			props["country"] = []string{countries[r.IntN(len(countries))]}
		}
		if err := enc.Encode(map[string]any{"id": id, "schema": schema, "properties": props}); err != nil {
			return err
		}
	}
	return bw.Flush()
}
