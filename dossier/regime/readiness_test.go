package regime

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/templates"
)

func date(s string) model.Date {
	d, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func dateRange(s string) model.DateRange {
	r, err := model.ParseDateRange(s)
	if err != nil {
		panic(err)
	}
	return r
}

// fixture is a dossier with three sources (two publishers) and one
// complete official; tests change what they examine.
func fixture() (*model.Dossier, *model.Official) {
	d := &model.Dossier{
		Case: "test", Audience: model.Internal,
		Sources: []*model.Source{
			{ID: "a", Number: 1, Publisher: "Monitor"},
			{ID: "b", Number: 2, Publisher: "monitor "}, // the same publisher, spelt otherwise
			{ID: "c", Number: 3, Publisher: "Daily News"},
			{ID: "d", Number: 4}, // no publisher: counts on its own
		},
	}
	for i, src := range []string{"a", "b", "c", "d"} {
		d.Excerpts = append(d.Excerpts, &model.Excerpt{Number: i + 1, Source: src})
	}
	o := &model.Official{
		ID: "k-kasymov", Kind: model.Label{Value: "person", Label: "Person"}, Name: "Kairat Kasymov",
		Aliases:     []model.Alias{{Name: "Қайрат Қасымов", Script: "cyrillic"}},
		BirthDate:   date("1970-01-02"),
		BirthPlace:  "Almaty",
		Nationality: []string{"Kazakhstan"},
		Gender:      "male",
		Documents:   []model.Document{{Type: model.Label{Value: "passport", Label: "Passport"}, Number: "N1"}},
		Positions:   []model.Position{{Title: "Head", Body: "Police", From: date("2017"), To: date("2020-06")}},
		Photo:       &model.Photo{File: "k.png", Data: []byte("x")},
		Evidence:    []int{1},
		Allegations: []*model.Allegation{{
			ID: "k-kasymov-1", Date: dateRange("2018-09-18"),
			Violations: []model.Label{{Value: "torture", Label: "Torture"}},
			Victims:    []model.VictimRef{{ID: "v-01", Name: "Victim V-01"}},
			Evidence:   []int{1, 3},
		}},
	}
	d.Officials = []*model.Official{o}
	return d, o
}

func profile(t *testing.T, id string) *Profile {
	t.Helper()
	p, err := Load(templates.Embedded(), id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func status(r OfficialReadiness, element string) (Status, string) {
	for _, c := range r.Checks {
		if c.Element == element {
			return c.Status, c.Detail
		}
	}
	return "", "element not checked"
}

func TestReadiness(t *testing.T) {
	uk := profile(t, "uk-ghr")
	for _, tc := range []struct {
		name    string
		edit    func(d *model.Dossier, o *model.Official)
		element string
		want    Status
		detail  string // a fragment of the detail, when it matters
		ready   bool
	}{
		{"complete official", func(*model.Dossier, *model.Official) {}, "full_name", Present, "", true},
		{"initials only", func(_ *model.Dossier, o *model.Official) { o.Name = "K. Kasymov" }, "full_name", Partial, "K.", false},
		{"single name", func(_ *model.Dossier, o *model.Official) { o.Name = "Kasymov" }, "full_name", Partial, "one name", false},
		{"year of birth only", func(_ *model.Dossier, o *model.Official) { o.BirthDate = date("1970") }, "birth_date", Partial, "1970", false},
		{"no birth date", func(_ *model.Dossier, o *model.Official) { o.BirthDate = model.Date{} }, "birth_date", Missing, "", false},
		{"no nationality", func(_ *model.Dossier, o *model.Official) { o.Nationality = nil }, "nationality", Missing, "", false},
		{"recommended missing keeps ready", func(_ *model.Dossier, o *model.Official) { o.Documents = nil }, "documents", Missing, "", true},
		{"organisation: person-only n/a", func(_ *model.Dossier, o *model.Official) {
			o.Kind = model.Label{Value: "organisation"}
			o.Name, o.BirthDate, o.Nationality = "Police", model.Date{}, nil
		}, "birth_date", NotApplicable, "", true},
		{"no position", func(_ *model.Dossier, o *model.Official) { o.Positions = nil }, "position", Missing, "", false},
		{"position after the conduct", func(_ *model.Dossier, o *model.Official) {
			o.Positions[0].From, o.Positions[0].To = date("2019"), model.Date{}
		}, "position", Partial, "covers", false},
		{"open-ended position covers", func(_ *model.Dossier, o *model.Official) {
			o.Positions[0].From, o.Positions[0].To = date("2018-09"), model.Date{}
		}, "position", Present, "Head, Police", true},
		{"undated position", func(_ *model.Dossier, o *model.Official) {
			o.Positions[0].From, o.Positions[0].To = model.Date{}, model.Date{}
		}, "position", Partial, "no position is dated", false},
		{"undated conduct", func(_ *model.Dossier, o *model.Official) { o.Allegations[0].Date = model.DateRange{} }, "position", Present, "undated", true},
		{"single source", func(_ *model.Dossier, o *model.Official) { o.Allegations[0].Evidence = []int{1} }, "corroboration", Missing, "k-kasymov-1", false},
		{"two sources, one publisher", func(_ *model.Dossier, o *model.Official) { o.Allegations[0].Evidence = []int{1, 2} }, "corroboration", Missing, "", false},
		{"a source without publisher is independent", func(_ *model.Dossier, o *model.Official) { o.Allegations[0].Evidence = []int{1, 4} }, "corroboration", Present, "", true},
		{"one of two allegations corroborated", func(_ *model.Dossier, o *model.Official) {
			o.Allegations = append(o.Allegations, &model.Allegation{ID: "k-kasymov-2", Evidence: []int{3},
				Violations: []model.Label{{Value: "torture"}}})
		}, "corroboration", Partial, "1 of 2", false},
		{"conduct outside the criteria", func(_ *model.Dossier, o *model.Official) {
			o.Allegations[0].Violations = []model.Label{{Value: "arbitrary_detention"}}
		}, "conduct", Missing, "", false},
		{"no allegation", func(_ *model.Dossier, o *model.Official) { o.Allegations = nil }, "conduct", Missing, "no allegation", false},
		{"no victims", func(_ *model.Dossier, o *model.Official) { o.Allegations[0].Victims = nil }, "victims", Missing, "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, o := fixture()
			tc.edit(d, o)
			r := Readiness(d, uk)
			if len(r.Officials) != 1 {
				t.Fatalf("%d officials", len(r.Officials))
			}
			got, detail := status(r.Officials[0], tc.element)
			if got != tc.want || !strings.Contains(detail, tc.detail) {
				t.Errorf("%s = %s (%q), want %s (%q)", tc.element, got, detail, tc.want, tc.detail)
			}
			if r.Officials[0].Ready != tc.ready {
				t.Errorf("ready = %v, want %v; missing %v", r.Officials[0].Ready, tc.ready, r.Officials[0].Missing(Required))
			}
		})
	}
}

func TestConditionalLimbsArePartial(t *testing.T) {
	eu := profile(t, "eu-ghrsr")
	d, o := fixture()
	o.Allegations[0].Violations = []model.Label{{Value: "freedom_of_expression", Label: "Violation of freedom of expression"}}
	r := Readiness(d, eu).Officials[0]
	if st, detail := status(r, "conduct"); st != Partial || !strings.Contains(detail, "opinion and expression") {
		t.Errorf("conduct = %s %q", st, detail)
	}
	if len(r.Criteria) != 1 || r.Criteria[0].Condition == "" || r.Criteria[0].Instrument != "Regulation (EU) 2020/1998, Article 2(1)(d)(iv)" {
		t.Errorf("criteria = %+v", r.Criteria)
	}
}

func TestCriteriaMet(t *testing.T) {
	us := profile(t, "us-glomag")
	_, o := fixture()
	o.Allegations = append(o.Allegations, &model.Allegation{ID: "k-kasymov-2",
		Violations: []model.Label{{Value: "corruption", Label: "Corruption"}, {Value: "torture", Label: "Torture"}}})
	met := us.CriteriaMet(o.Allegations)
	got := map[string]string{}
	for _, m := range met {
		got[m.Criterion] = strings.Join(m.Allegations, ",") + " " + strings.Join(m.Violations, ",")
	}
	want := map[string]string{
		"eo13818-abuse":         "k-kasymov-1,k-kasymov-2 Torture",
		"eo13818-corruption":    "k-kasymov-2 Corruption",
		"7031c-gross-violation": "k-kasymov-1,k-kasymov-2 Torture",
		"7031c-corruption":      "k-kasymov-2 Corruption",
	}
	if len(got) != len(want) {
		t.Errorf("met %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
}

func TestWriteText(t *testing.T) {
	d, o := fixture()
	o.Name = "K. Kasymov"
	var b bytes.Buffer
	if err := WriteText(&b, Readiness(d, profile(t, "uk-ghr"))); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"readiness of test for uk-ghr", "0 of 1 officials ready", "k-kasymov (K. Kasymov): NOT READY",
		"required    partial  Full name: the sources give initials only (K.)", "criteria    S.I. 2020/680, regulation 4, Torture"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
