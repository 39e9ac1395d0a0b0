package ftm_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/ftm"
	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/redact"
	"github.com/dossier-project/dossier/templates"
)

// steppe exercises every field the export maps: aliases in Cyrillic,
// birth data, nationality, gender (one FtM does not know), a passport and
// a national id, positions at an official body and at another body, a
// date range, a news article and other sources with an archive address,
// a public victim with an event and a confidential one.
var steppe = filepath.Join("testdata", "steppe")

var shipped = filepath.Join("..", "..", "cases", "kazakhstan")

// Two cases of other packages' tests that exercise the rest of the format:
// a group of victims, sentences, statuses as of a date, addressees,
// hedged evidence (the PDF's tribunal), and a case whose every field names
// a confidential victim (redaction's).
var (
	tribunal   = filepath.Join("..", "pdf", "testdata", "tribunal")
	petrenko   = filepath.Join("..", "redact", "testdata", "petrenko-case")
	corruption = filepath.Join("..", "testdata", "corruption") // bodies and the public as victims
)

func redacted(t testing.TB, dir string, a model.Audience) *model.Dossier {
	t.Helper()
	c, ds := dossier.Open(dir)
	if c == nil || ds.Errors() > 0 {
		t.Fatalf("%s: %v", dir, ds)
	}
	d, err := redact.Redact(c, a, time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func render(t testing.TB, d *model.Dossier) model.File {
	t.Helper()
	files, err := ftm.Render(d, model.Options{Templates: templates.Embedded()})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 {
		t.Fatalf("%d files, want 1", len(files))
	}
	return files[0]
}

func entities(t testing.TB, data []byte) map[string]ftm.Entity {
	t.Helper()
	out := map[string]ftm.Entity{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var e ftm.Entity
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		out[e.ID] = e
	}
	return out
}

// nodeModules finds the npm package @opensanctions/followthemoney, which
// .ci/run installs. Without node or the package the test skips, except on
// CI, where it must run.
func nodeModules(t *testing.T) string {
	t.Helper()
	missing := func(what string) string {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s (bash .ci/run installs it)", what)
		}
		t.Skip(what)
		return ""
	}
	if _, err := exec.LookPath("node"); err != nil {
		return missing("node is not installed (apt-get install nodejs)")
	}
	dir := os.Getenv("DOSSIER_FTM_NODE_MODULES")
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return missing("no cache folder to find the FtM model in: set DOSSIER_FTM_NODE_MODULES")
		}
		dir = filepath.Join(cache, "dossier-ci", "ftm", "node_modules")
	}
	if _, err := os.Stat(filepath.Join(dir, "@opensanctions", "followthemoney", "package.json")); err != nil {
		return missing("the npm package @opensanctions/followthemoney is not in " + dir)
	}
	return dir
}

// validate runs testdata/validate.js, which checks the file against the
// FtM model the npm package ships.
func validate(t *testing.T, modules string, files ...string) (string, error) {
	t.Helper()
	cmd := exec.Command("node", append([]string{filepath.Join("testdata", "validate.js")}, files...)...)
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestValidAgainstFtMModel checks every schema, property, value type and
// entity reference of the export of the shipped case and of steppe, for
// every audience, against the real FtM model.
func TestValidAgainstFtMModel(t *testing.T) {
	modules := nodeModules(t)
	dir := t.TempDir()
	var files []string
	for _, c := range []string{steppe, shipped, tribunal, petrenko, corruption} {
		for _, a := range model.Audiences {
			f := render(t, redacted(t, c, a))
			path := filepath.Join(dir, f.Name)
			if err := os.WriteFile(path, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, path)
		}
	}
	out, err := validate(t, modules, files...)
	if err != nil {
		t.Fatalf("the export does not fit the FtM model: %v\n%s", err, out)
	}
	t.Log(strings.TrimSpace(out))

	// Control: the validator bites on each kind of mistake.
	bad := filepath.Join(dir, "bad.ftm.json")
	os.WriteFile(bad, []byte(strings.Join([]string{
		`{"id":"p","schema":"Persona","properties":{"name":["x"]}}`,
		`{"id":"q","schema":"Person","properties":{"name":["x"],"birthdate":["1970"]}}`,
		`{"id":"r","schema":"Person","properties":{"name":["x"],"nationality":["Kazakhstan"]}}`,
		`{"id":"s","schema":"Occupancy","properties":{"holder":["t"],"post":["u"]}}`,
		`{"id":"u","schema":"Person","properties":{"name":["x"]}}`,
		`{"id":"v","schema":"Passport","properties":{"number":["1"]}}`,
	}, "\n")+"\n"), 0o644)
	out, err = validate(t, modules, bad)
	if err == nil {
		t.Fatalf("the validator accepts a broken file:\n%s", out)
	}
	for _, want := range []string{
		`bad.ftm.json:1: schema "Persona" does not exist`,
		`bad.ftm.json:2: Person has no property birthdate`,
		`bad.ftm.json:3: Person.nationality (country): "Kazakhstan" is not an FtM country code`,
		`bad.ftm.json:4: Occupancy.holder refers to t, which is not in the file`,
		`bad.ftm.json:4: Occupancy.post refers to u, a Person, not a Position`,
		`bad.ftm.json:6: Passport requires holder`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("validator output lacks %q:\n%s", want, out)
		}
	}
}

func TestMapping(t *testing.T) {
	d := redacted(t, steppe, model.Public)
	f := render(t, d)
	es := entities(t, f.Data)
	if f.Name != "steppe-public.ftm.json" {
		t.Errorf("file name %q", f.Name)
	}
	tests := []struct {
		id, schema, prop string
		want             []string
	}{
		{"steppe.official.qairat-nurlanov", "Person", "alias", []string{"Қайрат Нұрланов"}},
		{"steppe.official.qairat-nurlanov", "Person", "nationality", []string{"kz"}},
		{"steppe.official.qairat-nurlanov", "Person", "gender", []string{"male"}},
		{"steppe.official.qairat-nurlanov", "Person", "birthDate", []string{"1971-05-14"}},
		{"steppe.official.a-b-serikbayev", "Person", "nationality", []string{"kz"}},
		{"steppe.official.a-b-serikbayev", "Person", "gender", nil},
		{"steppe.official.almaty-police", "PublicBody", "name", []string{"Almaty city police department"}},
		{"steppe.official.qairat-nurlanov.document.1", "Passport", "number", []string{"N0000000"}},
		{"steppe.official.qairat-nurlanov.document.2", "Identification", "country", []string{"kz"}},
		{"steppe.official.qairat-nurlanov.position.1", "Occupancy", "startDate", []string{"2019-01"}},
		{"steppe.official.qairat-nurlanov.position.1", "Occupancy", "proof", []string{"steppe.source.ep-letter"}},
		{"steppe.allegation.a-b-serikbayev-1", "Event", "startDate", []string{"2020-06-01"}},
		{"steppe.allegation.a-b-serikbayev-1", "Event", "endDate", []string{"2020-06-06"}},
		{"steppe.allegation.almaty-police-1", "Event", "involved", []string{"steppe.official.almaty-police", "steppe.victim.bozena-kowalska"}},
		{"steppe.victim.bozena-kowalska.event.1", "Event", "involved", []string{"steppe.victim.bozena-kowalska"}},
		{"steppe.source.azattyq", "Article", "language", []string{"kaz"}},
		{"steppe.source.un-expert", "Document", "keywords", []string{"sha256:927832af474e3454493a61897fdbe21ae918f5dde9c054161d9b85d304ae54dd"}},
		{"steppe.source.un-expert", "Document", "sourceUrl", []string{"https://www.example.org/un-expert", "https://archive.example.org/un-expert"}},
	}
	for _, tt := range tests {
		e, ok := es[tt.id]
		if !ok {
			t.Errorf("no entity %s", tt.id)
			continue
		}
		if e.Schema != tt.schema {
			t.Errorf("%s: schema %s, want %s", tt.id, e.Schema, tt.schema)
		}
		if got := e.Properties[tt.prop]; strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s.%s = %q, want %q", tt.id, tt.prop, got, tt.want)
		}
	}
	// The position at the police department points at the official body;
	// the ministry, which no official stands for, gets its own.
	posts := map[string]string{}
	for _, e := range es {
		if e.Schema == "Position" {
			posts[e.Properties["name"][0]] = e.Properties["organization"][0]
		}
	}
	if posts["Head of the city police department"] != "steppe.official.almaty-police" {
		t.Errorf("position organisations: %v", posts)
	}
	if body := es[posts["Deputy Minister of Internal Affairs"]]; body.Schema != "PublicBody" || body.Properties["name"][0] != "Ministry of Internal Affairs" {
		t.Errorf("the ministry: %+v", body)
	}
	// Every quoted excerpt the audience may see links its source to an
	// exported entity, quote and all.
	docs := 0
	for _, e := range es {
		if e.Schema != "Documentation" {
			continue
		}
		docs++
		if _, ok := es[e.Properties["entity"][0]]; !ok {
			t.Errorf("%s documents %s, which is not exported", e.ID, e.Properties["entity"])
		}
		if len(e.Properties["summary"]) != 1 || len(e.Properties["document"]) != 1 {
			t.Errorf("%s: %v", e.ID, e.Properties)
		}
	}
	if docs < 5 {
		t.Errorf("%d Documentation entities", docs)
	}
	for _, want := range []string{`nationality "Examplestan"`, `gender "unknown"`} {
		if !strings.Contains(strings.Join(f.Warnings, "\n"), want) {
			t.Errorf("no warning about %s: %q", want, f.Warnings)
		}
	}
	for _, e := range es {
		if e.Schema == "Sanction" {
			t.Errorf("%s: a Sanction, but the case records no existing sanction", e.ID)
		}
	}
}

// TestWithheldVictimNotExported: the confidential victim is no entity of
// the public export, no event names her pseudonym, and no Documentation
// points at her; the internal export has her.
func TestWithheldVictimNotExported(t *testing.T) {
	for _, tt := range []struct {
		a    model.Audience
		want bool
	}{{model.Public, false}, {model.Partner, false}, {model.Internal, true}} {
		d := redacted(t, steppe, tt.a)
		es := entities(t, render(t, d).Data)
		_, named := es["steppe.victim.aigerim-tleuova"]
		if named != tt.want {
			t.Errorf("%s: Aigerim Tleuova exported = %v, want %v", tt.a, named, tt.want)
		}
		for _, v := range d.Victims {
			if !v.Withheld {
				continue
			}
			for _, e := range es {
				if strings.Contains(e.ID, "."+v.ID) || strings.Contains(strings.Join(e.Properties["name"], " "), v.Name) {
					t.Errorf("%s: %s stands for the withheld %s", tt.a, e.ID, v.ID)
				}
				for prop, values := range e.Properties {
					for _, val := range values {
						if strings.Contains(val, "."+v.ID) {
							t.Errorf("%s: %s.%s refers to the withheld %s", tt.a, e.ID, prop, v.ID)
						}
					}
				}
			}
		}
	}
}

func TestByteIdenticalAcrossBuilds(t *testing.T) {
	a := render(t, redacted(t, shipped, model.Public)).Data
	b := render(t, redacted(t, shipped, model.Public)).Data
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the shipped case differ")
	}
	if !bytes.Contains(a, []byte(`{"id":"kazakhstan.official.k-kasymov","schema":"Person"`)) {
		t.Errorf("ids are not derived from the case and official ids:\n%.400s", a)
	}
}

// TestIDs: a case folder whose name FtM ids cannot hold, and parts past
// the length limit, still give valid ids, stable and distinct.
func TestIDs(t *testing.T) {
	valid := regexp.MustCompile(`^[0-9a-z]([0-9a-z.\-]*[0-9a-z])?$`)
	d := redacted(t, steppe, model.Public)
	long := strings.Repeat("a-", 100) + "b"
	for _, name := range []string{"Steppe Case_2021", "ÄÖÜ", "--x--", long} {
		d.Case = name
		d.Officials[0].ID = long
		es := entities(t, render(t, d).Data)
		for id := range es {
			if !valid.MatchString(id) || len(id) > 200 {
				t.Errorf("case %q: invalid id %q", name, id)
			}
		}
		if len(es) < 20 {
			t.Errorf("case %q: %d distinct ids", name, len(es))
		}
	}
}

// TestTribunalFields: a group of victims, statuses as of a date and a
// sentence's terms.
func TestTribunalFields(t *testing.T) {
	es := entities(t, render(t, redacted(t, tribunal, model.Internal)).Data)
	tests := []struct{ id, schema, prop, want string }{
		{"tribunal.victim.protesters-in-zhanaozen", "LegalEntity", "name", "Protesters in Zhanaozen"},
		{"tribunal.victim.ivan-petrov", "Person", "status", "Imprisoned (as of 2023-10)"},
		{"tribunal.victim.ivan-petrov.event.1", "Event", "description", "Prison: 25 years in a strict-regime colony"},
	}
	for _, tt := range tests {
		e := es[tt.id]
		if e.Schema != tt.schema || strings.Join(e.Properties[tt.prop], "|") != tt.want {
			t.Errorf("%s: %s %s = %q, want %s %q", tt.id, e.Schema, tt.prop, e.Properties[tt.prop], tt.schema, tt.want)
		}
	}
}

// TestExistingSanctions: an existing sanction of the case is a Sanction
// pointing at its official; the steppe case records none and has none.
func TestExistingSanctions(t *testing.T) {
	d := redacted(t, petrenko, model.Internal)
	es := entities(t, render(t, d).Data)
	want := 0
	for _, o := range d.Officials {
		want += len(o.Sanctions)
	}
	got := 0
	for _, e := range es {
		if e.Schema != "Sanction" {
			continue
		}
		got++
		if target, ok := es[e.Properties["entity"][0]]; !ok || len(e.Properties["authority"]) != 1 {
			t.Errorf("%s: entity %v, %v", e.ID, target, e.Properties)
		}
	}
	if want == 0 || got != want {
		t.Errorf("%d Sanction entities for %d existing sanctions", got, want)
	}
}

// TestCorruptionRecords: the corruption case's companies, relationships,
// assets, flows and proceedings become their FtM schemata, for every
// audience, and nothing joins a victim the audience may not see.
func TestCorruptionRecords(t *testing.T) {
	for _, a := range model.Audiences {
		t.Run(string(a), func(t *testing.T) {
			es := entities(t, render(t, redacted(t, corruption, a)).Data)
			count := map[string]int{}
			for _, e := range es {
				count[e.Schema]++
			}
			realEstate := 1 // the apartment held by a confidential victim is internal
			if a == model.Internal {
				realEstate = 2
			}
			for schema, want := range map[string]int{
				"Company": 3, "RealEstate": realEstate, "BankAccount": 1, "Vessel": 1, "Payment": 2,
				"Directorship": 2, "Representation": 2, "CourtCase": 5, "CourtCaseParty": 5,
			} {
				if count[schema] != want {
					t.Errorf("%d %s, want %d", count[schema], schema, want)
				}
			}
			for _, schema := range []string{"Ownership", "Family", "Documentation"} {
				if count[schema] == 0 {
					t.Errorf("no %s", schema)
				}
			}
			pay, ok := es["corruption.flow.bribe-transfer"]
			if !ok {
				t.Fatal("no Payment for the flow bribe-transfer")
			}
			for prop, want := range map[string]string{
				"payer": "corruption.company.lumen-holdings", "payerAccount": "corruption.asset.lumen-account",
				"beneficiary": "corruption.company.harbour-trust", "amount": "2500000", "currency": "USD", "date": "2021",
			} {
				if got := strings.Join(pay.Properties[prop], "|"); got != want {
					t.Errorf("Payment.%s = %q, want %q", prop, got, want)
				}
			}
			own, ok := es["corruption.relationship.tomas-brandt.owner.lumen-holdings"]
			if !ok || strings.Join(own.Properties["percentage"], "") != "60" || own.Schema != "Ownership" {
				t.Errorf("Tomas Brandt's 60%% of Lumen Holdings: %+v", own)
			}
			if _, ok := es["corruption.relationship.arvid-kell.beneficial-owner.harbour-trust"]; !ok {
				t.Error("no Ownership for the beneficial owner of Harbour Trust")
			}
			// Mira Kell is confidential: only internal sees her, her
			// marriage and her apartment's ownership.
			internal := a == model.Internal
			for _, id := range []string{"corruption.victim.mira-kell", "corruption.relationship.arvid-kell.spouse.mira-kell", "corruption.asset.relative-apartment", "corruption.asset.relative-apartment.holder.1"} {
				if _, ok := es[id]; ok != internal {
					t.Errorf("%s exported: %v, want %v", id, ok, internal)
				}
			}
		})
	}
}

// TestAssociatesAndContrary: an official's associates are People joined
// by Family (a family tie), Associate (any other tie) or, for a body,
// UnknownLink; contrary information is a Note on the official; an
// associate who is a confidential victim is exported only internally, and
// nothing else names or points at them.
func TestAssociatesAndContrary(t *testing.T) {
	const off = "steppe.official.qairat-nurlanov"
	type link struct{ schema, official, associate, tie string }
	want := map[string]link{
		off + ".associate.1.link":                        {"Family", "person", "relative", "relationship=wife"},
		off + ".associate.2.link":                        {"Associate", "person", "associate", "relationship=business partner"},
		"steppe.official.almaty-police.associate.1.link": {"UnknownLink", "subject", "object", "role=deputy head of the department"},
	}
	for _, a := range model.Audiences {
		es := entities(t, render(t, redacted(t, steppe, a)).Data)
		for id, w := range want {
			e := es[id]
			person := strings.TrimSuffix(id, ".link")
			prop, val, _ := strings.Cut(w.tie, "=")
			if e.Schema != w.schema || len(e.Properties[w.official]) != 1 || es[e.Properties[w.official][0]].Schema == "" ||
				strings.Join(e.Properties[w.associate], "") != person || strings.Join(e.Properties[prop], "") != val {
				t.Errorf("%s: %s: %s %v, want %+v", a, id, e.Schema, e.Properties, w)
			}
			if p := es[person]; p.Schema != "Person" || len(p.Properties["name"]) != 1 || len(p.Properties["proof"]) != 1 {
				t.Errorf("%s: %s: %+v", a, person, p)
			}
		}
		note := es[off+".contrary.1"]
		if note.Schema != "Note" || strings.Join(note.Properties["entity"], "") != off ||
			strings.Join(note.Properties["description"], "") != "Qairat Nurlanov denies having ordered the detentions." {
			t.Errorf("%s: contrary information: %+v", a, note)
		}
		documented := map[string]bool{}
		for _, e := range es {
			if e.Schema == "Documentation" {
				documented[e.Properties["entity"][0]] = true
			}
		}
		if !documented[off+".contrary.1"] || !documented[off+".associate.1"] {
			t.Errorf("%s: the Note and the wife are not documented: %v", a, documented)
		}

		// The cousin is the confidential victim Aigerim Tleuova.
		_, cousin := es[off+".associate.3"]
		if internal := a == model.Internal; cousin != internal {
			t.Errorf("%s: the withheld associate exported = %v", a, cousin)
		}
		if a == model.Internal {
			if l := es[off+".associate.3.link"]; l.Schema != "Family" {
				t.Errorf("internal: the cousin's tie: %+v", l)
			}
			continue
		}
		for _, e := range es {
			line, _ := json.Marshal(e)
			if strings.Contains(e.ID, ".associate.3") || strings.Contains(string(line), "cousin") || strings.Contains(string(line), "Tleuova") {
				t.Errorf("%s: %s names or ties the withheld associate: %s", a, e.ID, line)
			}
		}
	}
}
