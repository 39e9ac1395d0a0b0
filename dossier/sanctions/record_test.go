package sanctions

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestConfirm: a confirmed person brings every Sanction that points at it,
// a confirmed Sanction itself only; the records are the dataset's lines as
// written, and each value's quote is a passage of the record. Nested
// exports (the Sanction inside the person's line) and JSON with spaces
// work too.
func TestConfirm(t *testing.T) {
	person := `{"id":"nk-a", "schema": "Person", "properties": {"name": ["Kairat KASSYMOV"], "birthDate": ["1965-03-02"]}, "datasets": ["us_ofac_sdn"]}`
	s1 := `{"id":"s-1","schema":"Sanction","properties":{"entity":["nk-a"],"authority":["Office of Foreign Assets Control"],"program": [ "Global Magnitsky" ],"startDate":["2021-01-15"]},"datasets":["us_ofac_sdn"]}`
	s2 := `{"id":"s-2","schema":"Sanction","properties":{"entity":["nk-a"],"authority":["Council of the European Union"],"program":["EU Global Human Rights Sanctions Regime"]}}`
	nestedPerson := `{"id":"nk-n","schema":"Person","properties":{"name":["Nurlan Abenov"],"birthDate":["1970"],"sanctions":[{"id":"s-n","schema":"Sanction","properties":{"authority":["Foreign, Commonwealth and Development Office"],"program":["Global Human Rights"]}}]}}`
	data := []byte(strings.Join([]string{s1, person, `{"id":"x","schema":"Address","properties":{}}`, s2, nestedPerson}, "\n") + "\n")
	rep, err := Check(bytes.NewReader(data), officials, Options{Stopwords: stopwords})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		entity   string
		official string
		listings []string
		text     map[string]string // listing → its archived text
		quotes   map[string]string // property of the first listing → its quote
	}{
		{"nk-a", "k-kasymov", []string{"s-1", "s-2"}, map[string]string{"s-1": s1 + "\n" + person + "\n", "s-2": s2 + "\n" + person + "\n"},
			map[string]string{"authority": `"authority":["Office of Foreign Assets Control"]`, "program": `"program": [ "Global Magnitsky" ]`, "startDate": `"startDate":["2021-01-15"]`, "listingDate": ""}},
		{"s-2", "k-kasymov", []string{"s-2"}, map[string]string{"s-2": s2 + "\n" + person + "\n"},
			map[string]string{"program": `"program":["EU Global Human Rights Sanctions Regime"]`}},
		{"nk-n", "n-abenov", []string{"s-n"}, map[string]string{"s-n": nestedPerson + "\n"},
			map[string]string{"authority": `"authority":["Foreign, Commonwealth and Development Office"]`, "entity": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.entity, func(t *testing.T) {
			cs, err := Confirm(bytes.NewReader(data), rep, []Confirmed{{tt.official, tt.entity}}, 0)
			if err != nil {
				t.Fatal(err)
			}
			c := cs[0]
			var got []string
			for _, l := range c.Listings {
				got = append(got, l.ID)
				if string(l.Text) != tt.text[l.ID] {
					t.Errorf("%s: text %q, want %q", l.ID, l.Text, tt.text[l.ID])
				}
				if !bytes.Contains(l.Text, l.Raw) {
					t.Errorf("%s: the Sanction's JSON is not in the record", l.ID)
				}
			}
			if strings.Join(got, " ") != strings.Join(tt.listings, " ") {
				t.Fatalf("listings %v, want %v", got, tt.listings)
			}
			for prop, want := range tt.quotes {
				q := c.Listings[0].Quote(prop)
				if q != want || !bytes.Contains(c.Listings[0].Text, []byte(q)) {
					t.Errorf("quote of %s: %q, want %q", prop, q, want)
				}
			}
		})
	}
	for _, bad := range []struct {
		c    Confirmed
		want string
	}{
		{Confirmed{"nobody", "nk-a"}, `no official "nobody"`},
		{Confirmed{"k-kasymov", "nk-z"}, `the dataset has no entity "nk-z"`},
		{Confirmed{"k-kasymov", "x"}, `entity "x" (Address, line 3) is not a probable match of k-kasymov`},
		{Confirmed{"n-abenov", "nk-a"}, `is not a probable match of n-abenov`},
	} {
		_, err := Confirm(bytes.NewReader(data), rep, []Confirmed{bad.c}, 0)
		var ce *ConfirmError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%v: %v, want %q", bad.c, err, bad.want)
		}
	}
}
