package regime

import (
	"bytes"
	"encoding/json"
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
		Case: "test", Audience: model.Internal, Organisation: "Rights Watch", Contact: "desk@example.org",
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
		Aliases:           []model.Alias{{Name: "Қайрат Қасымов", Script: "cyrillic"}},
		BirthDate:         date("1970-01-02"),
		BirthPlace:        "Almaty",
		Nationality:       []string{"Kazakhstan"},
		Gender:            "male",
		BirthDateEvidence: []int{1}, BirthPlaceEvidence: []int{1}, NationalityEvidence: []int{1}, GenderEvidence: []int{1},
		Documents: []model.Document{{Type: model.Label{Value: "passport", Label: "Passport"}, Number: "N1"}},
		Positions: []model.Position{{Title: "Head", Body: "Police", From: date("2017"), To: date("2020-06")}},
		Photo:     &model.Photo{File: "k.png", Data: []byte("x")},
		Evidence:  []int{1},
		Allegations: []*model.Allegation{{
			ID: "k-kasymov-1", Date: dateRange("2018-09-18"), Conduct: true,
			Role:       model.Label{Value: "perpetrated", Label: "Perpetrated"},
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
		{"unsourced nationality", func(_ *model.Dossier, o *model.Official) { o.NationalityEvidence = nil }, "nationality", Partial, "no source given", false},
		{"unsourced birth date", func(_ *model.Dossier, o *model.Official) { o.BirthDateEvidence = nil }, "birth_date", Partial, "no source given", false},
		{"unsourced gender is only recommended", func(_ *model.Dossier, o *model.Official) { o.GenderEvidence = nil }, "gender", Partial, "no source given", true},
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
			o.Allegations = append(o.Allegations, &model.Allegation{ID: "k-kasymov-2", Evidence: []int{3}, Conduct: true,
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
	d, o := fixture()
	o.Allegations = append(o.Allegations, &model.Allegation{ID: "k-kasymov-2", Conduct: true,
		Violations: []model.Label{{Value: "corruption", Label: "Corruption"}, {Value: "torture", Label: "Torture"}}})
	met := us.CriteriaMet(d, o.Allegations)
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
	for _, want := range []string{"readiness of test for uk-ghr", "0 of 1 proposed officials ready", "k-kasymov (K. Kasymov): NOT READY",
		"blocking      partial  Full name: the sources give initials only (K.)", "criteria    S.I. 2020/680, regulation 4, Torture"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestAddresseeIsNotProposed: for every regime, an official whose only
// allegations make them an addressee (asked to act, answerable; no conduct
// alleged) is not proposed, meets no criterion, and is not ready, however
// grave the violations the allegation concerns.
func TestAddresseeIsNotProposed(t *testing.T) {
	ids, err := IDs(templates.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		t.Run(id, func(t *testing.T) {
			d, o := fixture()
			a := o.Allegations[0]
			a.Conduct, a.Role = false, model.Label{Value: "addressee", Label: "Addressee"}
			a.Violations = []model.Label{{Value: "torture"}, {Value: "extrajudicial_killing"}, {Value: "arbitrary_detention"}, {Value: "corruption"}}
			r := Readiness(d, profile(t, id)).Officials[0]
			if r.Proposed || r.Ready || !strings.Contains(r.NotProposed, "no conduct alleged") {
				t.Errorf("proposed=%v ready=%v reason=%q", r.Proposed, r.Ready, r.NotProposed)
			}
			if len(r.Criteria) != 0 {
				t.Errorf("criteria met by an addressee: %+v", r.Criteria)
			}
			if st, detail := status(r, "conduct"); st != Missing || !strings.Contains(detail, "addressee") {
				t.Errorf("conduct = %s %q", st, detail)
			}
			var b bytes.Buffer
			WriteText(&b, Report{Regime: id, Officials: []OfficialReadiness{r}})
			if !strings.Contains(b.String(), "NOT PROPOSED") || strings.Contains(b.String(), "criteria    ") {
				t.Errorf("text report:\n%s", b.String())
			}
			// The same allegation with a conduct role is proposed.
			a.Conduct = true
			if r := Readiness(d, profile(t, id)).Officials[0]; !r.Proposed || len(r.Criteria) == 0 {
				t.Errorf("with conduct: proposed=%v criteria=%+v", r.Proposed, r.Criteria)
			}
		})
	}
}

// TestConductMapsToLimb: a conduct allegation of each violation type meets
// the limb the profile assigns it, and no other.
func TestConductMapsToLimb(t *testing.T) {
	for _, tc := range []struct{ regime, violation, want string }{
		{"us-glomag", "torture", "eo13818-abuse,7031c-gross-violation"},
		{"us-glomag", "execution_after_unfair_trial", "eo13818-abuse,7031c-gross-violation"},
		{"us-glomag", "mass_arbitrary_detention", "eo13818-abuse,7031c-gross-violation"},
		{"us-glomag", "forced_labour", "eo13818-abuse-other"},
		{"us-glomag", "corruption", "eo13818-corruption,7031c-corruption"},
		{"uk-ghr", "extrajudicial_killing", "right-to-life"},
		{"uk-ghr", "execution_after_unfair_trial", "right-to-life"},
		{"uk-ghr", "forced_sterilisation", "torture"},
		{"uk-ghr", "forced_labour", "slavery"},
		{"uk-ghr", "arbitrary_detention", ""},
		{"eu-ghrsr", "arbitrary_detention", "detention"},
		{"eu-ghrsr", "mass_arbitrary_detention", "detention"},
		{"eu-ghrsr", "execution_after_unfair_trial", "killings"},
		{"eu-ghrsr", "ethnic_or_religious_persecution", "other"},
		{"eu-ghrsr", "freedom_of_expression", "expression"},
		{"ca-magnitsky", "torture", "gross-violations"},
		{"ca-magnitsky", "death_penalty", "other-gross-violations"},
		{"ca-magnitsky", "corruption", "significant-corruption"},
		{"parliament", "forced_sterilisation", "human-rights"},
		{"parliament", "corruption", "corruption"},
	} {
		t.Run(tc.regime+"/"+tc.violation, func(t *testing.T) {
			d, o := fixture()
			o.Allegations[0].Violations = []model.Label{{Value: tc.violation}}
			var got []string
			for _, m := range profile(t, tc.regime).CriteriaMet(d, o.Allegations) {
				got = append(got, m.Criterion)
			}
			if strings.Join(got, ",") != tc.want {
				t.Errorf("limbs %v, want %q", got, tc.want)
			}
		})
	}
}

// TestCorroborationCountsAccounts: two sources carrying one account count
// once; a quote that only reports a designation does not corroborate.
func TestCorroborationCountsAccounts(t *testing.T) {
	gov := model.Label{Value: "government", Label: "Government"}
	for _, tc := range []struct {
		name  string
		edit  func(d *model.Dossier)
		want  int
		state Status
	}{
		{"two publishers, two accounts", func(*model.Dossier) {}, 2, Present},
		{"same origin and account holder", func(d *model.Dossier) {
			d.Sources[0].Origin, d.Sources[0].Publisher = gov, "U.S. Department of the Treasury"
			d.Sources[2].Origin, d.Sources[2].Publisher = gov, "U.S. Department of State"
			d.Sources[0].AccountOf, d.Sources[2].AccountOf = "United States Government", "United States government"
		}, 1, Missing},
		{"reports-only quote", func(d *model.Dossier) { d.Excerpts[2].ReportsOnly = true }, 1, Missing},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, o := fixture()
			tc.edit(d)
			if n := IndependentSources(d, o.Allegations[0]); n != tc.want {
				t.Errorf("independent accounts = %d, want %d", n, tc.want)
			}
			if st, _ := status(Readiness(d, profile(t, "uk-ghr")).Officials[0], "corroboration"); st != tc.state {
				t.Errorf("corroboration = %s, want %s", st, tc.state)
			}
		})
	}
}

// TestHedgedConductIsOnlyReported: conduct resting only on hedged evidence
// meets a limb only as reported, and readiness says so.
func TestHedgedConductIsOnlyReported(t *testing.T) {
	d, o := fixture()
	for _, x := range d.Excerpts {
		x.Hedged = true
	}
	r := Readiness(d, profile(t, "uk-ghr")).Officials[0]
	if len(r.Criteria) == 0 || !r.Criteria[0].Reported {
		t.Fatalf("criteria = %+v", r.Criteria)
	}
	if st, detail := status(r, "conduct"); st != Partial || !strings.Contains(detail, "reported") {
		t.Errorf("conduct = %s %q", st, detail)
	}
	d.Excerpts[0].Hedged = false
	if r := Readiness(d, profile(t, "uk-ghr")).Officials[0]; r.Criteria[0].Reported {
		t.Errorf("one unhedged excerpt establishes the conduct: %+v", r.Criteria)
	}
	_ = o
}

// TestRolesAndKindsChooseTheLimb: each conduct role meets the limb that
// fits it (a superior the US limb for leaders of bodies, a complicit
// company Canada's material-assistance limb), and a limb for persons only
// (a visa restriction, an entry ban) is never met by a body.
func TestRolesAndKindsChooseTheLimb(t *testing.T) {
	for _, tc := range []struct {
		regime, role, violation, kind string
		want                          string // limbs met, in profile order
	}{
		{"us-glomag", "perpetrated", "torture", "person", "eo13818-abuse 7031c-gross-violation"},
		{"us-glomag", "perpetrated", "torture", "organisation", "eo13818-abuse"},
		{"us-glomag", "responsible_as_superior", "torture", "person", "eo13818-leader 7031c-gross-violation"},
		{"us-glomag", "complicit", "corruption", "person", "eo13818-corruption eo13818-material-assistance 7031c-corruption"},
		{"us-glomag", "failed_to_investigate", "corruption", "person", ""},
		{"ca-magnitsky", "perpetrated", "corruption", "person", "significant-corruption"},
		{"ca-magnitsky", "complicit", "corruption", "organisation", "material-assistance"},
		{"ca-magnitsky", "failed_to_investigate", "torture", "person", "agent-of-a-foreign-state"},
		{"uk-gacr", "perpetrated", "corruption", "person", "involved-in-serious-corruption"},
		{"uk-gacr", "failed_to_investigate", "corruption", "person", "failure-to-investigate"},
		{"uk-ghr", "perpetrated", "corruption", "person", ""},
		{"ee-entry-ban", "perpetrated", "torture", "person", "death-or-serious-harm"},
		{"ee-entry-ban", "perpetrated", "torture", "organisation", ""},
		{"lt-entry-ban", "complicit", "corruption", "person", "corruption"},
	} {
		t.Run(strings.Join([]string{tc.regime, tc.role, tc.violation, tc.kind}, "/"), func(t *testing.T) {
			d, o := fixture()
			o.Kind = model.Label{Value: tc.kind}
			o.Allegations[0].Role = model.Label{Value: tc.role}
			o.Allegations[0].Violations = []model.Label{{Value: tc.violation, Label: tc.violation}}
			var got []string
			for _, m := range OfficialReady(d, profile(t, tc.regime), o).Criteria {
				got = append(got, m.Criterion)
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("limbs met %q, want %q", strings.Join(got, " "), tc.want)
			}
		})
	}
}

// TestNotApplicableToABody: no position is required of a body, and a
// body's dossier asks for no visa restriction.
func TestNotApplicableToABody(t *testing.T) {
	us := profile(t, "us-glomag")
	d, o := fixture()
	o.Kind = model.Label{Value: "organisation", Label: "Organisation"}
	o.Positions = nil
	r := OfficialReady(d, us, o)
	if st, _ := status(r, "position"); st != NotApplicable {
		t.Errorf("position of a body: %s", st)
	}
	if !r.Ready {
		t.Errorf("a body with conduct and two accounts should be ready: %v", r.Missing(Required))
	}
	o.Kind = model.Label{Value: "person", Label: "Person"}
	if st, _ := status(OfficialReady(d, us, o), "position"); st != Missing {
		t.Errorf("position of a person: %s, want missing", st)
	}
	if req := us.ForKind("organisation").Wording.Request; strings.Contains(req, "7031(c)") || !strings.Contains(req, "13818") {
		t.Errorf("request for a body: %q", req)
	}
	if req := us.ForKind("person").Wording.Request; !strings.Contains(req, "7031(c)") {
		t.Errorf("request for a person: %q", req)
	}
	if len(us.ForKind("organisation").Criteria) >= len(us.Criteria) || len(us.Criteria) != len(profile(t, "us-glomag").Criteria) {
		t.Error("ForKind must drop the limbs for persons from a copy, not from the profile")
	}
}

// TestConditionIsNamed: a conditional limb says what its condition is, in
// the text report and in the JSON.
func TestConditionIsNamed(t *testing.T) {
	d, o := fixture()
	o.Allegations[0].Role = model.Label{Value: "perpetrated"}
	r := Readiness(d, profile(t, "ca-magnitsky"))
	var b bytes.Buffer
	if err := WriteText(&b, r); err != nil {
		t.Fatal(err)
	}
	want := "subject to a further condition: The conduct must be committed against individuals who seek to expose illegal activity"
	if !strings.Contains(b.String(), want) {
		t.Errorf("text does not name the condition:\n%s", b.String())
	}
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"condition":"The conduct must be committed against individuals who seek to expose illegal activity`) {
		t.Errorf("JSON does not name the condition: %s", data)
	}
}
