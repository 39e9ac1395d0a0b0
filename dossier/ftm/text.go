package ftm

import (
	"fmt"
	"io/fs"
	"strings"
	"unicode"

	"github.com/dossier-project/dossier/dossier/internal/fold"
	"gopkg.in/yaml.v3"
)

// textPath is the mapping's file inside the templates.
const textPath = "text/ftm.yaml"

// mapping is templates/text/ftm.yaml: which FtM schema each kind of record
// becomes, the wording of generated values, and the code lists FtM
// expects (genders, languages, countries).
type mapping struct {
	OfficialSchemata map[string]string `yaml:"official_schemata"`
	DocumentSchemata map[string]string `yaml:"document_schemata"`
	SourceSchemata   map[string]string `yaml:"source_schemata"`
	BodySchema       string            `yaml:"body_schema"`
	VictimSchemata   map[string]string `yaml:"victim_schemata"`
	CompanySchemata  map[string]string `yaml:"company_schemata"`
	// SharesKind is the asset kind recorded as an Ownership of a company.
	SharesKind    string `yaml:"shares_kind"`
	AssetSchemata map[string]struct {
		Schema     string `yaml:"schema"`
		Identifier string `yaml:"identifier"`
	} `yaml:"asset_schemata"`
	RelationshipSchemata map[string]struct {
		Schema  string `yaml:"schema"`
		Subject string `yaml:"subject"`
		Object  string `yaml:"object"`
		Type    string `yaml:"type"`
		Share   string `yaml:"share"`
	} `yaml:"relationship_schemata"`
	// AssociateSchemata join an official's associate (a Person) to the
	// official: "family" when the relationship names a family tie (one of
	// FamilyWords, as a whole word), "associate" otherwise, "body" when
	// the official is no Person.
	AssociateSchemata map[string]struct {
		Schema       string `yaml:"schema"`
		Official     string `yaml:"official"`
		Associate    string `yaml:"associate"`
		Relationship string `yaml:"relationship"`
	} `yaml:"associate_schemata"`
	FamilyWords []string `yaml:"family_words"`
	// ContrarySchema is the schema of an official's contrary information.
	ContrarySchema string `yaml:"contrary_schema"`
	Wording        struct {
		AllegationName        string            `yaml:"allegation_name"`
		AllegationDescription string            `yaml:"allegation_description"`
		VictimEventName       string            `yaml:"victim_event_name"`
		VictimStatusAsOf      string            `yaml:"victim_status_as_of"`
		Sentence              map[string]string `yaml:"sentence"`
		ExcerptRole           string            `yaml:"excerpt_role"`
		Relationship          string            `yaml:"relationship"`
		Approximate           string            `yaml:"approximate"`
		ProceedingName        string            `yaml:"proceeding_name"`
		ProceedingParty       string            `yaml:"proceeding_party"`
		ContraryName          string            `yaml:"contrary_name"`
	} `yaml:"wording"`
	Genders        map[string]string `yaml:"genders"`
	Languages      map[string]string `yaml:"languages"`
	CountryAliases map[string]string `yaml:"country_aliases"`
	Countries      map[string]string `yaml:"countries"`

	countryByName map[string]string // folded name or code → code
	languageCodes map[string]bool   // the ISO 639-3 codes named
	familyWords   map[string]bool   // folded
}

// family reports whether a relationship names a family tie: whether one
// of its words (split at anything not a letter) is a family word.
func (m *mapping) family(relationship string) bool {
	for _, w := range strings.FieldsFunc(relationship, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if m.familyWords[fold.String(w)] {
			return true
		}
	}
	return false
}

func loadMapping(fsys fs.FS) (*mapping, error) {
	data, err := fs.ReadFile(fsys, textPath)
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	m := &mapping{}
	if err := yaml.Unmarshal(data, m); err != nil {
		return nil, fmt.Errorf("templates/%s: %w", textPath, err)
	}
	switch {
	case len(m.OfficialSchemata) == 0:
		return nil, fmt.Errorf("templates/%s: official_schemata is missing", textPath)
	case m.BodySchema == "" || len(m.VictimSchemata) == 0:
		return nil, fmt.Errorf("templates/%s: body_schema and victim_schemata are required", textPath)
	case m.Wording.AllegationName == "" || m.Wording.VictimEventName == "" || m.Wording.ExcerptRole == "" || m.Wording.VictimStatusAsOf == "":
		return nil, fmt.Errorf("templates/%s: wording.allegation_name, victim_event_name, victim_status_as_of and excerpt_role are required", textPath)
	case m.Wording.Sentence["prison"] == "" || m.Wording.Sentence["fine"] == "" || m.Wording.Sentence["ban"] == "" || m.Wording.Sentence["other"] == "":
		return nil, fmt.Errorf("templates/%s: wording.sentence needs prison, fine, ban and other", textPath)
	case len(m.CompanySchemata) == 0 || len(m.AssetSchemata) == 0 || len(m.RelationshipSchemata) == 0:
		return nil, fmt.Errorf("templates/%s: company_schemata, asset_schemata and relationship_schemata are required", textPath)
	case m.Wording.ProceedingName == "" || m.Wording.ProceedingParty == "":
		return nil, fmt.Errorf("templates/%s: wording.proceeding_name and proceeding_party are required", textPath)
	case m.AssociateSchemata["family"].Schema == "" || m.AssociateSchemata["associate"].Schema == "" || m.AssociateSchemata["body"].Schema == "":
		return nil, fmt.Errorf("templates/%s: associate_schemata needs family, associate and body", textPath)
	case m.ContrarySchema == "" || m.Wording.ContraryName == "":
		return nil, fmt.Errorf("templates/%s: contrary_schema and wording.contrary_name are required", textPath)
	case len(m.Countries) == 0:
		return nil, fmt.Errorf("templates/%s: countries is missing", textPath)
	}
	m.countryByName = map[string]string{}
	for code, name := range m.Countries {
		m.countryByName[fold.String(name)] = code
		m.countryByName[fold.String(code)] = code
	}
	for name, code := range m.CountryAliases {
		if _, ok := m.Countries[code]; !ok {
			return nil, fmt.Errorf("templates/%s: country_aliases: %q stands for %q, which is not in countries", textPath, name, code)
		}
		m.countryByName[fold.String(name)] = code
	}
	m.familyWords = map[string]bool{}
	for _, w := range m.FamilyWords {
		m.familyWords[fold.String(w)] = true
	}
	m.languageCodes = map[string]bool{}
	for _, code := range m.Languages {
		m.languageCodes[code] = true
	}
	return m, nil
}

// country returns the FtM code of a country named by name or code.
func (m *mapping) country(s string) (string, bool) {
	code, ok := m.countryByName[fold.String(s)]
	return code, ok
}

// language returns the FtM (ISO 639-3) code for a BCP 47 tag.
func (m *mapping) language(tag string) (string, bool) {
	primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	if m.languageCodes[primary] {
		return primary, true
	}
	code, ok := m.Languages[primary]
	return code, ok
}

// gender returns the FtM gender for the value a case gives.
func (m *mapping) gender(s string) (string, bool) {
	g, ok := m.Genders[fold.String(s)]
	return g, ok
}

// fill replaces each {key} of a wording template.
func fill(template string, pairs ...string) string {
	return strings.NewReplacer(bracePairs(pairs)...).Replace(template)
}

func bracePairs(pairs []string) []string {
	out := make([]string, len(pairs))
	for i := 0; i+1 < len(pairs); i += 2 {
		out[i], out[i+1] = "{"+pairs[i]+"}", pairs[i+1]
	}
	return out
}

// Countries returns a lookup of the FtM country code for a country as a
// case names it (by name or code; case, diacritics and spacing ignored),
// from the templates' text/ftm.yaml, for other tools that speak FtM.
func Countries(fsys fs.FS) (func(string) (string, bool), error) {
	m, err := loadMapping(fsys)
	if err != nil {
		return nil, err
	}
	return m.country, nil
}
