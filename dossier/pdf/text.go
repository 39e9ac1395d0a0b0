package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/dossier-project/dossier/dossier/regime"
	"gopkg.in/yaml.v3"
)

// TextFile is the templates file holding the PDF's headings and wording.
const TextFile = "text/pdf.yaml"

// Text is the wording of the PDF dossiers, from templates/text/pdf.yaml,
// with a regime profile's heading overrides applied.
type Text struct {
	Headings    map[string]string `yaml:"headings"`
	Labels      map[string]string `yaml:"labels"`
	Levels      map[string]string `yaml:"levels"`
	Statuses    map[string]string `yaml:"statuses"`
	Audiences   map[string]string `yaml:"audiences"`
	Text        map[string]string `yaml:"text"`
	DateFormats map[string]string `yaml:"date_formats"`
	// MonthFormats writes a date known to the month, by language.
	MonthFormats map[string]string `yaml:"month_formats"`
}

// The keys each section of pdf.yaml must hold: the renderer uses them all,
// and a key outside these lists is a typo.
var textKeys = map[string][]string{
	"headings": {"cover", "contents", "introduction", "request", "legal_basis", "identification", "photo",
		"positions", "summary", "allegations", "allegation", "addressed", "addressees", "addressed_matters", "victims", "criteria", "readiness", "sources", "source", "withheld_sources"},
	"labels": {"recipient", "legal_basis", "submitted_by", "contact", "date", "case", "country", "classification",
		"audience", "page", "not_known", "not_stated", "name", "kind", "aliases", "birth_date", "birth_place",
		"nationality", "gender", "documents", "identity_sources", "unsourced", "position_dates", "position_from", "position_to", "position_as_of", "date_range",
		"subjects", "subjects_count", "allegation_ref", "addressed_ref", "reference", "place", "violations", "role", "victims", "corroboration", "independent_sources",
		"single_source", "reported", "hedged", "hedged_marked", "reports_only", "criteria_reported",
		"sentence", "sentence_prison", "sentence_fine", "sentence_ban", "sentence_other", "status_as_of", "status_undated", "status_unknown",
		"verdict_not_proposed", "not_proposed", "paragraph_one", "paragraph_span", "supports_status", "evidence", "occupation", "status", "concerned_by", "events", "pseudonym", "instrument", "limb",
		"conduct", "condition", "element", "level", "state", "detail", "ready", "verdict", "verdict_ready", "verdict_not_ready", "missing_required", "not_ready", "source_type",
		"publisher", "author", "published", "url", "archive_url", "retrieved", "language", "file", "size",
		"size_bytes", "sha256", "passages", "passage", "supports", "supports_allegation", "supports_position",
		"supports_document", "supports_identity", "supports_event", "redacted", "note", "source_ref", "source_withheld", "passage_withheld", "bundle_ref"},
	"levels":    {"required", "recommended"},
	"statuses":  {"present", "partial", "missing", "not_applicable"},
	"audiences": {"public", "partner", "internal"},
	"text": {"subject_official", "subject_case", "organisation_unknown", "no_summary", "no_positions", "no_allegations", "no_victims", "addressees_intro", "addressee_note", "not_proposed",
		"addressee_request", "summary_note", "organisation_in_text",
		"no_criteria", "criteria_intro", "readiness_intro", "sources_intro", "withheld", "withheld_one", "withheld_sources_intro", "fingerprint",
		"keywords", "photo_credit", "bundle_intro"},
}

// optionalEmpty are keys whose value may be empty.
var optionalEmpty = map[string]bool{"text.no_summary": true}

// LoadText reads and checks pdf.yaml from a templates file system.
func LoadText(fsys fs.FS) (*Text, error) {
	data, err := fs.ReadFile(fsys, TextFile)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", TextFile, err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, posError(TextFile, err)
	}
	t := &Text{}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(t); err != nil {
		return nil, posError(TextFile, err)
	}
	var errs []error
	sections := map[string]map[string]string{
		"headings": t.Headings, "labels": t.Labels, "levels": t.Levels,
		"statuses": t.Statuses, "audiences": t.Audiences, "text": t.Text,
	}
	names := make([]string, 0, len(sections))
	for name := range sections {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		m := sections[name]
		want := map[string]bool{}
		for _, k := range textKeys[name] {
			want[k] = true
			if v, ok := m[k]; !ok || (strings.TrimSpace(v) == "" && !optionalEmpty[name+"."+k]) {
				errs = append(errs, fmt.Errorf("%s:%d: %s.%s is missing or empty", TextFile, lineOf(&root, name), name, k))
			}
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if !want[k] {
				errs = append(errs, fmt.Errorf("%s:%d: unknown key %s.%s (keys: %s)", TextFile, lineOf(&root, name, k), name, k, strings.Join(textKeys[name], ", ")))
			}
		}
	}
	for _, f := range []struct {
		key string
		m   map[string]string
	}{{"date_formats", t.DateFormats}, {"month_formats", t.MonthFormats}} {
		if f.m[""] == "" {
			errs = append(errs, fmt.Errorf("%s:%d: %s needs a default, under the key \"\"", TextFile, lineOf(&root, f.key), f.key))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return t, nil
}

// withProfile returns a copy of t with p's heading overrides applied.
func (t *Text) withProfile(p *regime.Profile) (*Text, error) {
	c := *t
	c.Headings = map[string]string{}
	for k, v := range t.Headings {
		c.Headings[k] = v
	}
	keys := make([]string, 0, len(p.Headings))
	for k := range p.Headings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, ok := t.Headings[k]; !ok {
			return nil, fmt.Errorf("%s: headings: unknown heading %q (headings: %s)", p.File, k, strings.Join(textKeys["headings"], ", "))
		}
		c.Headings[k] = p.Headings[k]
	}
	return &c, nil
}

// fill replaces {name} placeholders in s by the given pairs.
func fill(s string, pairs ...string) string {
	vars := map[string]string{}
	for i := 0; i+1 < len(pairs); i += 2 {
		vars[pairs[i]] = pairs[i+1]
	}
	return regime.Fill(s, vars)
}

// h returns a heading, l a label, x a text, each filled with pairs.
func (t *Text) h(key string, pairs ...string) string { return fill(t.Headings[key], pairs...) }
func (t *Text) l(key string, pairs ...string) string { return fill(t.Labels[key], pairs...) }
func (t *Text) x(key string, pairs ...string) string { return fill(t.Text[key], pairs...) }

// dateLayout returns the Go layout for full dates in a language.
func (t *Text) dateLayout(lang string) string { return t.layout(t.DateFormats, lang) }

// layout returns a language's layout from m, or the default under "".
func (t *Text) layout(m map[string]string, lang string) string {
	if f := m[lang]; f != "" {
		return f
	}
	return m[""]
}

var lineRE = regexp.MustCompile(`line (\d+): `)

// posError turns a yaml.v3 error into "file:line: message".
func posError(file string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.ReplaceAll(msg, "unmarshal errors:\n  ", "")
	if m := lineRE.FindStringSubmatchIndex(msg); m != nil {
		n, _ := strconv.Atoi(msg[m[2]:m[3]])
		return fmt.Errorf("%s:%d: %s", file, n, msg[:m[0]]+msg[m[1]:])
	}
	return fmt.Errorf("%s: %s", file, msg)
}

// lineOf returns the line of the key at a path of mapping keys, or of the
// deepest part of the path that exists.
func lineOf(root *yaml.Node, keys ...string) int {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := n.Line
	for depth, k := range keys {
		var key, value *yaml.Node
		for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				key, value = n.Content[i], n.Content[i+1]
			}
		}
		if key == nil {
			return line
		}
		line = key.Line
		if depth < len(keys)-1 {
			n = value
		}
	}
	return line
}
