// Package regime reads the regime profiles of templates/regimes (one YAML
// file per recipient of a submission: US Global Magnitsky, UK, EU, Canada,
// a parliamentary brief) and measures how ready a case is for each: which
// identifiers and elements a recipient expects, and which are missing for
// each official.
//
// A profile is data: its legal basis, addressee, paper size, the violation
// types that meet each limb of its criteria, the elements it requires or
// recommends, and the wording of the dossier. Like the renderers, this
// package sees only the redacted model (dossier/model), never the case.
package regime

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Dir is the folder of the templates file system that holds the profiles.
const Dir = "regimes"

// Profile is one recipient of a submission, as its YAML file describes it.
type Profile struct {
	ID        string `yaml:"id"`         // the file's name without .yaml
	Name      string `yaml:"name"`       // full name of the regime or recipient
	ShortName string `yaml:"short_name"` // for running headers
	// Kind is "sanctions" for a request under a sanctions instrument, or
	// "advocacy" for a brief.
	Kind      string   `yaml:"kind"`
	Paper     string   `yaml:"paper"`     // "A4" or "Letter"
	Language  string   `yaml:"language"`  // BCP 47, e.g. "en-GB"; the PDF's language
	Recipient []string `yaml:"recipient"` // addressee lines, top to bottom

	LegalBasis LegalBasis  `yaml:"legal_basis"`
	Criteria   []Criterion `yaml:"criteria"`

	// Jurisdictions are the countries in which the recipient can act on
	// assets, written as cases write an asset's country (names, compared
	// folded): readiness lists an official's assets found there.
	Jurisdictions []string `yaml:"jurisdictions"`

	// Required and Recommended list element keys (see Elements).
	Required    []string `yaml:"required"`
	Recommended []string `yaml:"recommended"`

	// NotApplicable lists, by official kind (templates/vocabulary.yaml,
	// official_kinds), the elements a recipient does not expect of that
	// kind: no position of a body, for example. Readiness reports them as
	// not applicable.
	NotApplicable map[string][]string `yaml:"not_applicable"`

	// Sections says, by section key (see Sections), whether the dossier
	// prints a section: "required" (printed; marked not provided when the
	// case leaves it empty) or "optional" (printed when the case fills
	// it). A section the profile does not name is not printed, except
	// existing_sanctions and contrary_information, which are optional by
	// default: they are shown in every dossier of an official that has
	// them.
	Sections map[string]string `yaml:"sections"`

	// Headings override the renderer's default section headings, by key.
	Headings map[string]string `yaml:"headings"`
	Wording  Wording           `yaml:"wording"`
	// KindWording overrides parts of Wording for officials of one kind,
	// e.g. a request that leaves out a visa restriction for a body.
	KindWording map[string]Wording `yaml:"kind_wording"`

	// File is the profile's path in the templates file system.
	File string `yaml:"-"`
}

// LegalBasis is the law a submission relies on.
type LegalBasis struct {
	Citations   []Citation `yaml:"citations"`
	Description string     `yaml:"description"` // the criteria in neutral words
	// EvidenceStandard is the test the recipient applies to the facts, in
	// the instrument's words ("reasonable grounds to suspect"); required of
	// sanctions profiles.
	EvidenceStandard string `yaml:"evidence_standard"`
}

// Citation is one legal instrument, cited as a whole.
type Citation struct {
	Text string `yaml:"text"`
	URL  string `yaml:"url"`
}

// Criterion is one limb of a regime's criteria and the violation types of
// the case-file format (templates/vocabulary.yaml) that fall under it.
type Criterion struct {
	ID          string `yaml:"id"`
	Instrument  string `yaml:"instrument"` // where the limb is, e.g. "S.I. 2020/680, regulation 4"
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	// Condition, when set, is a further test the recipient applies that the
	// case data cannot show (e.g. "widespread or systematic"); conduct under
	// such a limb meets the criteria only subject to it.
	Condition  string   `yaml:"condition"`
	Violations []string `yaml:"violations"`
	// Roles, when set, are the only conduct roles (vocabulary roles) that
	// fit the limb: e.g. a superior under a limb for leaders of bodies.
	// ExceptRoles are conduct roles that do not fit it. Neither set: any
	// conduct role fits.
	Roles       []string `yaml:"roles"`
	ExceptRoles []string `yaml:"except_roles"`
	// Kinds, when set, are the official kinds (person, organisation) the
	// limb applies to: a visa restriction applies to persons, not bodies.
	Kinds []string `yaml:"kinds"`
}

// FitsRole reports whether conduct in the given role can meet the limb.
func (c *Criterion) FitsRole(role string) bool {
	if slices.Contains(c.ExceptRoles, role) {
		return false
	}
	return len(c.Roles) == 0 || slices.Contains(c.Roles, role)
}

// AppliesTo reports whether the limb applies to an official of the kind.
func (c *Criterion) AppliesTo(kind string) bool {
	return len(c.Kinds) == 0 || slices.Contains(c.Kinds, kind)
}

// SectionKeys are the sections a profile may ask for.
var SectionKeys = []string{"submitting_organisation", "statement_of_reasons", "national_interest", "existing_sanctions", "contrary_information", "confidentiality", "associates"}

// The rules a profile may give a section.
const (
	SectionRequired = "required" // printed; "not provided" when empty
	SectionOptional = "optional" // printed when filled
)

// Section returns the profile's rule for a section: SectionRequired,
// SectionOptional, or "" when the section is not printed.
func (p *Profile) Section(key string) string {
	if r, ok := p.Sections[key]; ok {
		return r
	}
	if key == "existing_sanctions" || key == "contrary_information" {
		return SectionOptional
	}
	return ""
}

// IsApplicable reports whether the recipient expects element key of an
// official of the kind (false when the profile's not_applicable lists it).
func (p *Profile) IsApplicable(kind, key string) bool {
	return !slices.Contains(p.NotApplicable[kind], key)
}

// ForKind returns the profile as it applies to an official of the kind:
// limbs that do not apply to the kind left out, and the kind's wording
// overrides in place. p itself is not changed.
func (p *Profile) ForKind(kind string) *Profile {
	q := *p
	q.Criteria = nil
	for _, c := range p.Criteria {
		if c.AppliesTo(kind) {
			q.Criteria = append(q.Criteria, c)
		}
	}
	if w, ok := p.KindWording[kind]; ok {
		for _, f := range []struct {
			dst *string
			src string
		}{
			{&q.Wording.Title, w.Title}, {&q.Wording.CaseTitle, w.CaseTitle}, {&q.Wording.Cover, w.Cover},
			{&q.Wording.Introduction, w.Introduction}, {&q.Wording.Request, w.Request}, {&q.Wording.CaseRequest, w.CaseRequest},
		} {
			if f.src != "" {
				*f.dst = f.src
			}
		}
	}
	return &q
}

// Wording is the prose of a dossier. Texts may hold placeholders, filled by
// Fill: {official}, {case}, {organisation}, {country}, {subject}, {regime}.
type Wording struct {
	Title        string `yaml:"title"`        // cover title of an official's dossier
	CaseTitle    string `yaml:"case_title"`   // cover title of the combined dossier
	Cover        string `yaml:"cover"`        // a sentence under the title
	Introduction string `yaml:"introduction"` // opening paragraph
	Request      string `yaml:"request"`      // what is asked, for one official
	CaseRequest  string `yaml:"case_request"` // what is asked, for the case
}

// Placeholders are the names Fill replaces in wording.
var Placeholders = []string{"official", "case", "organisation", "country", "subject", "regime"}

var placeholderRE = regexp.MustCompile(`\{([A-Za-z_]+)\}`)

// Fill replaces each {name} in s by vars[name]; unknown names stay as they
// are (Load refuses them in profiles).
func Fill(s string, vars map[string]string) string {
	return placeholderRE.ReplaceAllStringFunc(s, func(m string) string {
		if v, ok := vars[m[1:len(m)-1]]; ok {
			return v
		}
		return m
	})
}

// Papers are the paper sizes a profile may ask for.
var Papers = []string{"A4", "Letter"}

// Kinds are the kinds of profile.
var Kinds = []string{"sanctions", "advocacy"}

var idRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Error is a problem in a profile file, with the line it is on when known.
type Error struct {
	File string
	Line int
	Msg  string
}

// Error formats the problem as "file:line: message".
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// IDs returns the ids of the profiles in fsys, sorted.
func IDs(fsys fs.FS) ([]string, error) {
	entries, err := fs.ReadDir(fsys, Dir)
	if err != nil {
		return nil, fmt.Errorf("reading regime profiles: %w", err)
	}
	var ids []string
	for _, e := range entries {
		if name := e.Name(); !e.IsDir() && strings.HasSuffix(name, ".yaml") {
			ids = append(ids, strings.TrimSuffix(name, ".yaml"))
		}
	}
	sort.Strings(ids)
	return ids, nil
}

// All loads every profile in fsys, sorted by id. It reports every broken
// profile, not only the first.
func All(fsys fs.FS) ([]*Profile, error) {
	ids, err := IDs(fsys)
	if err != nil {
		return nil, err
	}
	var out []*Profile
	var errs []error
	for _, id := range ids {
		p, err := Load(fsys, id)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, p)
	}
	return out, errors.Join(errs...)
}

// LoadList loads the profiles named by ids, in that order.
func LoadList(fsys fs.FS, ids []string) ([]*Profile, error) {
	out := make([]*Profile, 0, len(ids))
	for _, id := range ids {
		p, err := Load(fsys, id)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// Load reads and checks the profile regimes/<id>.yaml of fsys.
func Load(fsys fs.FS, id string) (*Profile, error) {
	if !idRE.MatchString(id) {
		return nil, fmt.Errorf("%q is not a regime id (ids look like uk-ghr or us-glomag)", id)
	}
	file := path.Join(Dir, id+".yaml")
	data, err := fs.ReadFile(fsys, file)
	if errors.Is(err, fs.ErrNotExist) {
		known, _ := IDs(fsys)
		return nil, fmt.Errorf("no regime profile %q: %s does not exist (profiles: %s)", id, file, strings.Join(known, ", "))
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", file, err)
	}
	voc, err := readVocabulary(fsys)
	if err != nil {
		return nil, err
	}
	return parse(file, data, voc)
}

// parse decodes and checks one profile against the case-file vocabulary.
func parse(file string, data []byte, voc *vocabulary) (*Profile, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlError(file, err)
	}
	if len(root.Content) == 0 {
		return nil, &Error{File: file, Msg: "the file is empty; a profile is a mapping with id, name, paper, criteria, …"}
	}
	if root.Content[0].Kind != yaml.MappingNode {
		return nil, &Error{File: file, Line: root.Content[0].Line, Msg: "a profile must be a mapping of fields (id: …, name: …)"}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	p := &Profile{}
	if err := dec.Decode(p); err != nil {
		return nil, yamlError(file, err)
	}
	p.File = file
	c := &checker{file: file, root: root.Content[0]}
	c.profile(p, voc)
	if len(c.errs) > 0 {
		return nil, errors.Join(c.errs...)
	}
	return p, nil
}

// yamlError turns a yaml.v3 error ("yaml: line 4: …") into file:line form.
func yamlError(file string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		var errs []error
		for _, msg := range te.Errors {
			errs = append(errs, lineError(file, msg))
		}
		return errors.Join(errs...)
	}
	return lineError(file, strings.TrimPrefix(err.Error(), "yaml: "))
}

var lineRE = regexp.MustCompile(`^line (\d+): (.*)$`)

func lineError(file, msg string) error {
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		var n int
		fmt.Sscan(m[1], &n)
		return &Error{File: file, Line: n, Msg: m[2]}
	}
	return &Error{File: file, Msg: msg}
}

// vocabulary is what profiles are checked against: the case-file
// vocabulary's violation types, conduct roles and official kinds.
type vocabulary struct {
	violations, roles, kinds map[string]bool
}

// readVocabulary reads templates/vocabulary.yaml. The roles a limb may
// name are the vocabulary's conduct_roles when it lists them (a role that
// only addresses an official never meets criteria), else its roles.
func readVocabulary(fsys fs.FS) (*vocabulary, error) {
	data, err := fs.ReadFile(fsys, "vocabulary.yaml")
	if err != nil {
		return nil, fmt.Errorf("reading the vocabulary for regime profiles: %w", err)
	}
	var v struct {
		Violations   map[string]string `yaml:"violations"`
		Roles        map[string]string `yaml:"roles"`
		ConductRoles map[string]string `yaml:"conduct_roles"`
		Kinds        map[string]string `yaml:"official_kinds"`
	}
	if err := yaml.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("vocabulary.yaml: %w", err)
	}
	roles := v.ConductRoles
	if len(roles) == 0 {
		roles = v.Roles
	}
	return &vocabulary{violations: keySet(v.Violations), roles: keySet(roles), kinds: keySet(v.Kinds)}, nil
}

func keySet(m map[string]string) map[string]bool {
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
}

// sortedKeys returns the keys of a set in order, for error messages.
func sortedKeys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
