// Package schema generates JSON Schemas (draft 2020-12) for the case-file
// format from the validator's own definitions: the record types' struct
// tags (keys, required fields, vocabularies), the controlled vocabularies
// and the field descriptions of templates/fields.yaml. Editors that read a
// `# yaml-language-server: $schema=…` line then validate and complete case
// files as the author types.
package schema

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/internal/replace"
	"gopkg.in/yaml.v3"
)

// Draft is the JSON Schema dialect of the generated schemas.
const Draft = "https://json-schema.org/draft/2020-12/schema"

// Descriptions holds what each field holds, by record name (the Go type's
// name, lowercased) and key; the key "_" describes the record itself.
type Descriptions map[string]map[string]string

// LoadDescriptions reads fields.yaml from a templates file system.
func LoadDescriptions(fsys fs.FS) (Descriptions, error) {
	data, err := fs.ReadFile(fsys, "fields.yaml")
	if err != nil {
		return nil, err
	}
	var d Descriptions
	if err := yaml.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("fields.yaml: %w", err)
	}
	return d, nil
}

// Of returns the description of a record's field ("" for the record).
func (d Descriptions) Of(record, key string) string {
	if key == "" {
		key = "_"
	}
	return d[record][key]
}

// RecordName is the name under which a record type's fields are described.
func RecordName(t reflect.Type) string { return strings.ToLower(t.Name()) }

// FileName is the name of the schema file of a kind, e.g. official.schema.json.
func FileName(kind string) string { return kind + ".schema.json" }

// Generate returns the schema of one kind of case file (case, source,
// official or victim). It fails when a field has no description, so the
// format cannot grow a field that editors would show unexplained.
func Generate(kind string, vocab dossier.Vocabulary, desc Descriptions) ([]byte, error) {
	t, ok := dossier.Kinds[kind]
	if !ok {
		return nil, fmt.Errorf("no kind of case file %q (kinds: %s)", kind, strings.Join(dossier.KindNames, ", "))
	}
	g := &generator{vocab: vocab, desc: desc, defs: map[string]any{}}
	root := g.object(t)
	if g.err != nil {
		return nil, g.err
	}
	root["$schema"] = Draft
	root["$id"] = "https://dossier-project.github.io/schema/" + FileName(kind)
	root["title"] = "dossier " + kind + " file"
	if len(g.defs) > 0 {
		root["$defs"] = g.defs
	}
	out, err := json.MarshalIndent(root, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

type generator struct {
	vocab dossier.Vocabulary
	desc  Descriptions
	defs  map[string]any
	err   error
}

func (g *generator) fail(format string, args ...any) {
	if g.err == nil {
		g.err = fmt.Errorf(format, args...)
	}
}

// Patterns of the partial ISO 8601 dates the validator accepts.
const (
	datePattern  = `\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?`
	yearMin      = 1000
	yearMax      = 9999
	datePatternS = `^\s*` + datePattern + `\s*$`
	rangePattern = `^\s*` + datePattern + `\s*(/\s*` + datePattern + `\s*)?$`
)

// object is the schema of a record type: its keys, none other, the required
// ones required.
func (g *generator) object(t reflect.Type) map[string]any {
	record := RecordName(t)
	props := map[string]any{}
	var required []string
	for _, f := range dossier.Fields(t) {
		d := g.desc.Of(record, f.Key)
		if d == "" {
			g.fail("templates/fields.yaml has no description for %s.%s", record, f.Key)
		}
		s := g.value(f.Type, f)
		if terms := g.vocab[f.Vocab]; terms != nil {
			var allowed []string
			for _, v := range terms.Values {
				allowed = append(allowed, fmt.Sprintf("%s (%s)", v, terms.Label(v)))
			}
			d += " Allowed: " + strings.Join(allowed, ", ") + "."
		}
		s["description"] = d
		props[f.Key] = s
		if f.Required {
			required = append(required, f.Key)
		}
	}
	s := map[string]any{
		"type":                 "object",
		"properties":           props,
		"additionalProperties": false,
	}
	if d := g.desc.Of(record, ""); d != "" {
		s["description"] = d
	} else {
		g.fail("templates/fields.yaml has no description for %s", record)
	}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

// ref returns a reference to the definition of a record type, defining it
// on first use.
func (g *generator) ref(t reflect.Type) map[string]any {
	name := RecordName(t)
	if _, ok := g.defs[name]; !ok {
		g.defs[name] = nil // reserve: records do not nest themselves, but be safe
		obj := g.object(t)
		if dossier.IsAlias(t) {
			g.defs[name] = map[string]any{
				"description": obj["description"],
				"anyOf":       []any{map[string]any{"type": "string", "minLength": 1}, obj},
			}
		} else {
			g.defs[name] = obj
		}
	}
	return map[string]any{"$ref": "#/$defs/" + name}
}

// value is the schema of one field's value. Optional fields may be left
// empty (null), as the validator allows; required ones may not be empty.
func (g *generator) value(t reflect.Type, f dossier.FieldSpec) map[string]any {
	var s map[string]any
	switch {
	case dossier.IsDate(t) || dossier.IsDateRange(t):
		pattern, what := datePatternS, "a date: YYYY, YYYY-MM or YYYY-MM-DD"
		if dossier.IsDateRange(t) {
			pattern, what = rangePattern, "a date (YYYY, YYYY-MM or YYYY-MM-DD) or a range DATE/DATE"
		}
		s = map[string]any{"anyOf": []any{
			map[string]any{"type": "string", "pattern": pattern},
			map[string]any{"type": "integer", "minimum": yearMin, "maximum": yearMax},
		}, "$comment": what}
	case t.Kind() == reflect.Bool:
		s = map[string]any{"type": "boolean"}
	case t.Kind() == reflect.String && f.Vocab == "":
		return g.scalar(f) // allows null itself when optional
	case t.Kind() == reflect.String:
		s = g.scalar(f)
	case t.Kind() == reflect.Slice:
		var items map[string]any
		if t.Elem().Kind() == reflect.String {
			items = g.scalar(dossier.FieldSpec{Key: f.Key, Required: true, Vocab: f.Vocab})
		} else {
			items = g.value(t.Elem(), dossier.FieldSpec{Key: f.Key, Required: true})
		}
		s = map[string]any{"type": "array", "items": items}
		if f.Required {
			s["minItems"] = 1
		}
	case t.Kind() == reflect.Pointer:
		return g.value(t.Elem(), f)
	case t.Kind() == reflect.Struct:
		s = g.ref(t)
	default:
		g.fail("schema: cannot describe %s", t)
		return map[string]any{}
	}
	if !f.Required {
		s = map[string]any{"anyOf": []any{s, map[string]any{"type": "null"}}}
	}
	return s
}

// scalar is the schema of a text value: any YAML scalar (the validator
// reads `number: 12345` as the text "12345"), or one of a vocabulary's
// values, with their labels.
func (g *generator) scalar(f dossier.FieldSpec) map[string]any {
	if f.Vocab == "" {
		if f.Required {
			return map[string]any{"type": []any{"string", "number", "boolean"}, "minLength": 1}
		}
		return map[string]any{"type": []any{"string", "number", "boolean", "null"}}
	}
	terms := g.vocab[f.Vocab]
	if terms == nil {
		g.fail("schema: no vocabulary %q", f.Vocab)
		return map[string]any{}
	}
	values := make([]any, len(terms.Values))
	labels := make([]any, len(terms.Values))
	var lines []string
	for i, v := range terms.Values {
		values[i] = v
		labels[i] = terms.Label(v)
		lines = append(lines, fmt.Sprintf("%s (%s)", v, terms.Label(v)))
	}
	// enumDescriptions is read by VS Code's and yaml-language-server's
	// completion; validators ignore unknown keywords.
	return map[string]any{
		"enum":             values,
		"enumDescriptions": labels,
		"$comment":         "vocabulary " + f.Vocab + ": " + strings.Join(lines, ", "),
	}
}

// GenerateAll returns the schemas of the given kinds, keyed by kind, with
// the vocabularies and descriptions of the templates file system fsys.
func GenerateAll(fsys fs.FS, kinds []string) (map[string][]byte, error) {
	vocab, err := dossier.LoadVocabulary(fsys)
	if err != nil {
		return nil, err
	}
	desc, err := LoadDescriptions(fsys)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, k := range kinds {
		if out[k], err = Generate(k, vocab, desc); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// WriteDir writes each schema to dir/<kind>.schema.json, whole or not at
// all, creating dir, and returns the paths written.
func WriteDir(dir string, files map[string][]byte) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	kinds := make([]string, 0, len(files))
	for k := range files {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var written []string
	for _, k := range kinds {
		path := filepath.Join(dir, FileName(k))
		if err := replace.WriteFile(path, files[k]); err != nil {
			return written, err
		}
		written = append(written, path)
	}
	return written, nil
}
