package regime

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dossier-project/dossier/templates"
)

func TestEmbeddedProfiles(t *testing.T) {
	ps, err := All(templates.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"ca-magnitsky": "Letter", "eu-ghrsr": "A4", "parliament": "A4", "uk-ghr": "A4", "uk-gacr": "A4", "us-glomag": "Letter",
		"ee-entry-ban": "A4", "lv-entry-ban": "A4", "lt-entry-ban": "A4",
	}
	if len(ps) != len(want) {
		t.Fatalf("got %d profiles, want %d", len(ps), len(want))
	}
	for _, p := range ps {
		if want[p.ID] != p.Paper {
			t.Errorf("%s: paper %q, want %q", p.ID, p.Paper, want[p.ID])
		}
		if len(p.Recipient) == 0 || len(p.LegalBasis.Citations) == 0 || len(p.Criteria) == 0 {
			t.Errorf("%s: incomplete profile %+v", p.ID, p)
		}
		for i, c := range p.LegalBasis.Citations {
			if strings.TrimSpace(c.Text) == "" {
				t.Errorf("%s: citation %d has no text", p.ID, i)
			}
		}
		if p.Kind == "sanctions" && strings.TrimSpace(p.LegalBasis.EvidenceStandard) == "" {
			t.Errorf("%s: no evidence standard", p.ID)
		}
		for _, c := range p.Criteria {
			if c.Instrument == "" || c.Title == "" || c.Description == "" {
				t.Errorf("%s: limb %s lacks its instrument, title or description", p.ID, c.ID)
			}
		}
	}
}

// corruptionOnly are the profiles whose instrument concerns corruption
// alone; every other profile must reach the core human rights violations.
var corruptionOnly = map[string]bool{"uk-gacr": true}

// TestProfilesCoverTheCoreViolations guards the mapping: conduct that every
// human rights sanctions regime names (torture) must meet a limb of each.
func TestProfilesCoverTheCoreViolations(t *testing.T) {
	ps, _ := All(templates.Embedded())
	for _, p := range ps {
		if corruptionOnly[p.ID] {
			continue
		}
		found := false
		for _, c := range p.Criteria {
			for _, v := range c.Violations {
				found = found || v == "torture"
			}
		}
		if !found {
			t.Errorf("%s: no limb covers torture", p.ID)
		}
	}
}

const goodProfile = `id: test
name: Test regime
short_name: Test
kind: sanctions
paper: A4
language: en-GB
recipient: [Someone]
legal_basis:
  citations:
    - text: The Test Act 2020
  description: A test.
  evidence_standard: Reasonable grounds to suspect.
criteria:
  - id: torture
    instrument: Test Act, section 1
    title: Torture
    description: Torture.
    violations: [torture]
required: [full_name, conduct]
recommended: [birth_date]
wording:
  title: "About {official}"
  case_title: "About {case}"
  cover: Cover.
  introduction: "{organisation} on {subject}."
  request: Please.
  case_request: Please.
`

func profileFS(profile string) fstest.MapFS {
	return fstest.MapFS{
		"vocabulary.yaml": {Data: []byte("violations:\n  torture: Torture\n  arbitrary_detention: Arbitrary detention\n" +
			"roles:\n  perpetrated: Perpetrated\n  complicit: Complicit\n  responsible_authority: Responsible authority\n" +
			"official_kinds:\n  person: Person\n  organisation: Organisation\n")},
		"regimes/test.yaml": {Data: []byte(profile)},
	}
}

func TestLoadGoodProfile(t *testing.T) {
	p, err := Load(profileFS(goodProfile), "test")
	if err != nil {
		t.Fatal(err)
	}
	if p.File != "regimes/test.yaml" || p.Criteria[0].Violations[0] != "torture" {
		t.Errorf("%+v", p)
	}
	if got := Fill(p.Wording.Introduction, map[string]string{"organisation": "ACME", "subject": "X"}); got != "ACME on X." {
		t.Errorf("Fill = %q", got)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(string) string
		want []string // fragments of the error, with the line
	}{
		{"unknown field", func(s string) string { return strings.Replace(s, "paper: A4", "papr: A4", 1) },
			[]string{"regimes/test.yaml:5:", "papr"}},
		{"wrong id", func(s string) string { return strings.Replace(s, "id: test", "id: other", 1) },
			[]string{"regimes/test.yaml:1:", `id "other" does not match`}},
		{"bad paper", func(s string) string { return strings.Replace(s, "paper: A4", "paper: A5", 1) },
			[]string{"regimes/test.yaml:5:", `paper "A5" is not one of A4, Letter`}},
		{"unknown violation", func(s string) string {
			return strings.Replace(s, "violations: [torture]", "violations: [torture, torure]", 1)
		},
			[]string{"regimes/test.yaml:18:", `"torure" is not a violation type`}},
		{"unknown element", func(s string) string {
			return strings.Replace(s, "recommended: [birth_date]", "recommended: [birthdate]", 1)
		},
			[]string{"regimes/test.yaml:20:", `"birthdate" is not an element`}},
		{"element twice", func(s string) string {
			return strings.Replace(s, "recommended: [birth_date]", "recommended: [conduct]", 1)
		},
			[]string{"regimes/test.yaml:20:", `"conduct" is listed twice`}},
		{"unknown placeholder", func(s string) string { return strings.Replace(s, "About {official}", "About {offical}", 1) },
			[]string{"regimes/test.yaml:22:", "unknown placeholder {offical}"}},
		{"missing wording", func(s string) string { return strings.Replace(s, "  request: Please.\n", "", 1) },
			[]string{"regimes/test.yaml:", "wording.request is missing"}},
		{"no criteria", func(s string) string {
			i, j := strings.Index(s, "criteria:"), strings.Index(s, "required:")
			return s[:i] + s[j:]
		}, []string{"criteria is missing"}},
		{"syntax", func(s string) string { return strings.Replace(s, "kind: sanctions", "kind: [sanctions", 1) },
			[]string{"regimes/test.yaml:"}},
		{"wrong type", func(s string) string { return strings.Replace(s, "recipient: [Someone]", "recipient: {a: b}", 1) },
			[]string{"regimes/test.yaml:7:"}},
		{"empty", func(string) string { return "" }, []string{"regimes/test.yaml: the file is empty"}},
		{"unknown section", func(s string) string {
			return strings.Replace(s, "recommended: [birth_date]", "recommended: [birth_date]\nsections:\n  statement_of_reason: required", 1)
		}, []string{"regimes/test.yaml:22:", `"statement_of_reason" is not a section`}},
		{"bad section rule", func(s string) string {
			return strings.Replace(s, "recommended: [birth_date]", "recommended: [birth_date]\nsections:\n  national_interest: always", 1)
		}, []string{"regimes/test.yaml:22:", `section national_interest is "always"`}},
		{"unknown role", func(s string) string {
			return strings.Replace(s, "    violations: [torture]", "    roles: [perpetrated, complicit, ordred]\n    violations: [torture]", 1)
		}, []string{"regimes/test.yaml:18:", `"ordred" is not a conduct role`}},
		{"roles and except_roles", func(s string) string {
			return strings.Replace(s, "    violations: [torture]", "    roles: [perpetrated]\n    except_roles: [complicit]\n    violations: [torture]", 1)
		}, []string{"regimes/test.yaml:19:", "both roles and except_roles"}},
		{"unknown kind of limb", func(s string) string {
			return strings.Replace(s, "    violations: [torture]", "    kinds: [persn]\n    violations: [torture]", 1)
		}, []string{"regimes/test.yaml:18:", `"persn" is not an official kind`}},
		{"not applicable: unknown kind", func(s string) string {
			return strings.Replace(s, "wording:", "not_applicable:\n  body: [position]\nwording:", 1)
		}, []string{"regimes/test.yaml:22:", `"body" is not an official kind`}},
		{"not applicable: unknown element", func(s string) string {
			return strings.Replace(s, "wording:", "not_applicable:\n  organisation: [positon]\nwording:", 1)
		}, []string{"regimes/test.yaml:22:", `"positon" is not an element`}},
		{"kind wording: unknown placeholder", func(s string) string {
			return s + "kind_wording:\n  organisation:\n    request: \"Please {offical}.\"\n"
		}, []string{"regimes/test.yaml:30:", "unknown placeholder {offical} in kind_wording.organisation.request"}},
		{"no evidence standard", func(s string) string {
			return strings.Replace(s, "  evidence_standard: Reasonable grounds to suspect.\n", "", 1)
		}, []string{"regimes/test.yaml:", "legal_basis.evidence_standard is missing"}},
		{"several at once", func(s string) string {
			return strings.Replace(strings.Replace(s, "paper: A4", "paper: A3", 1), "language: en-GB", "language: english!", 1)
		}, []string{"paper \"A3\"", "language \"english!\""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(profileFS(tc.edit(goodProfile)), "test")
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

func TestLoadUnknownAndBadIDs(t *testing.T) {
	fsys := profileFS(goodProfile)
	_, err := Load(fsys, "uk-ghr")
	if err == nil || !strings.Contains(err.Error(), `no regime profile "uk-ghr"`) || !strings.Contains(err.Error(), "profiles: test") {
		t.Errorf("unknown id: %v", err)
	}
	for _, id := range []string{"../vocabulary", "Test", "", "a/b"} {
		if _, err := Load(fsys, id); err == nil || !strings.Contains(err.Error(), "is not a regime id") {
			t.Errorf("Load(%q) = %v", id, err)
		}
	}
}

func TestAllReportsEveryBrokenProfile(t *testing.T) {
	fsys := profileFS(goodProfile)
	fsys["regimes/bad-one.yaml"] = &fstest.MapFile{Data: []byte("id: bad-one\n")}
	fsys["regimes/bad-two.yaml"] = &fstest.MapFile{Data: []byte("id: [\n")}
	ps, err := All(fsys)
	if err == nil || !strings.Contains(err.Error(), "bad-one.yaml") || !strings.Contains(err.Error(), "bad-two.yaml") {
		t.Errorf("err = %v", err)
	}
	if len(ps) != 1 || ps[0].ID != "test" {
		t.Errorf("the good profile must still load: %v", ps)
	}
	var perr *Error
	if !errors.As(err, &perr) {
		t.Errorf("errors should be *Error, got %T", err)
	}
}

// TestOverlayAddsARegime is the promise of the README: a user adds a
// regime with a file in --templates DIR/regimes, without recompiling.
func TestOverlayAddsARegime(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "regimes"), 0o755)
	data := strings.Replace(goodProfile, "id: test", "id: au-magnitsky", 1)
	os.WriteFile(filepath.Join(dir, "regimes", "au-magnitsky.yaml"), []byte(data), 0o644)
	fsys := templates.FS(dir)
	p, err := Load(fsys, "au-magnitsky")
	if err != nil {
		t.Fatal(err)
	}
	ids, _ := IDs(fsys)
	if p.Name != "Test regime" || ids[0] != "au-magnitsky" || len(ids) != 10 {
		t.Errorf("ids = %v", ids)
	}
	if _, err := fs.Stat(fsys, "regimes/uk-ghr.yaml"); err != nil {
		t.Error("the embedded profiles must stay reachable")
	}
}

// TestREADMECountryRegimeExample loads the README's worked example of a
// country regime added through --templates, and checks that it maps a
// politically motivated prosecution to its limb.
func TestREADMECountryRegimeExample(t *testing.T) {
	p, err := Load(templates.FS(filepath.Join("testdata", "user-templates")), "uk-russia")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Criteria) != 1 || p.Criteria[0].ID != "supporting-government" {
		t.Fatalf("criteria = %+v", p.Criteria)
	}
	found := false
	for _, v := range p.Criteria[0].Violations {
		found = found || v == "political_prosecution"
	}
	if !found || p.LegalBasis.EvidenceStandard == "" {
		t.Errorf("the example profile lost its mapping or its evidence standard: %+v", p.Criteria[0])
	}
}
