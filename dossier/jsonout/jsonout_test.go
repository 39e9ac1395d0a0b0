package jsonout

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dossier-project/dossier/dossier/model"
)

// TestShape pins the JSON keys the README documents: other tools read them.
func TestShape(t *testing.T) {
	d := &model.Dossier{
		Case: "c", Title: "T", Audience: model.Public, BuildDate: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC),
		Officials: []*model.Official{{ID: "o", Allegations: []*model.Allegation{{ID: "o-1", Evidence: []int{1}}}}},
		Excerpts:  []*model.Excerpt{{Number: 1, Source: "s", Quote: "q <b> & é", Paragraph: 3}},
	}
	d.Date, _ = model.ParseDate("2024-01")
	files, err := Render(d, model.Options{})
	if err != nil || len(files) != 1 || files[0].Name != "c-public.json" {
		t.Fatalf("%v %v", files, err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(files[0].Data, &top); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range top {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	want := "audience build_date case classification country date excerpts officials regimes show sources title victims withheld_victims"
	if got := strings.Join(keys, " "); got != want {
		t.Errorf("top-level keys:\n got %s\nwant %s", got, want)
	}
	if string(top["date"]) != `"2024-01"` || string(top["build_date"]) != `"2024-01-02T00:00:00Z"` {
		t.Errorf("dates: %s %s", top["date"], top["build_date"])
	}
	// A corruption case adds its six lists.
	d.Companies = []*model.Company{{ID: "acme"}}
	files, _ = Render(d, model.Options{})
	top = nil
	if err := json.Unmarshal(files[0].Data, &top); err != nil {
		t.Fatal(err)
	}
	if _, ok := top["companies"]; !ok {
		t.Errorf("no companies key in a dossier with a company")
	}
	// Quotes are written as they are, not HTML-escaped.
	if !strings.Contains(string(files[0].Data), `"quote": "q <b> & é"`) {
		t.Errorf("quote was escaped:\n%s", files[0].Data)
	}
}
