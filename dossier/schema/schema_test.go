package schema

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/templates"
	"gopkg.in/yaml.v3"
)

func TestEveryFieldIsDescribed(t *testing.T) {
	fsys := templates.Embedded()
	if _, err := GenerateAll(fsys, dossier.KindNames); err != nil {
		t.Fatal(err)
	}
	// The check bites: drop one description and generation fails.
	vocab, _ := dossier.LoadVocabulary(fsys)
	desc, _ := LoadDescriptions(fsys)
	delete(desc["evidence"], "quote")
	if _, err := Generate("victim", vocab, desc); err == nil || !strings.Contains(err.Error(), "evidence.quote") {
		t.Errorf("a field without description must fail generation, got %v", err)
	}
}

func TestVocabulariesAreEnumsWithLabels(t *testing.T) {
	data, err := GenerateAll(templates.Embedded(), []string{"victim"})
	if err != nil {
		t.Fatal(err)
	}
	s := string(data["victim"])
	for _, want := range []string{`"harassed"`, `"Harassed"`, `"enumDescriptions"`, `"additionalProperties": false`, Draft} {
		if !strings.Contains(s, want) {
			t.Errorf("victim schema lacks %s", want)
		}
	}
}

// yamlToJSON converts a YAML document to JSON the way a YAML 1.2 editor
// sees it: plain scalars that look like numbers, booleans or null become
// those, everything else is a string.
func yamlToJSON(t *testing.T, data []byte) []byte {
	t.Helper()
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		t.Fatalf("yaml: %v", err)
	}
	if len(root.Content) == 0 {
		return []byte("null")
	}
	out, err := json.Marshal(nodeValue(root.Content[0]))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func nodeValue(n *yaml.Node) any {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = nodeValue(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			l = append(l, nodeValue(c))
		}
		return l
	}
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		return n.Value == "true"
	case "!!int":
		if i, err := strconv.ParseInt(n.Value, 0, 64); err == nil {
			return i
		}
	case "!!float":
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return f
		}
	}
	return n.Value
}

// kindOf says which schema a case file answers to, from its place.
func kindOf(path string) string {
	switch filepath.Base(filepath.Dir(path)) {
	case "sources":
		return "source"
	case "officials":
		return "official"
	case "victims":
		return "victim"
	case "companies":
		return "company"
	case "assets":
		return "asset"
	case "flows":
		return "flow"
	}
	if filepath.Base(path) == "case.yaml" {
		return "case"
	}
	return ""
}

func caseFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	for _, pattern := range []string{"case.yaml", "sources/*.yaml", "officials/*.yaml", "victims/*.yaml", "companies/*.yaml", "assets/*.yaml", "flows/*.yaml"} {
		m, _ := filepath.Glob(filepath.Join(dir, pattern))
		out = append(out, m...)
	}
	return out
}

// instance is one file checked by the independent validator.
type instance struct {
	Label  string `json:"label"`
	Schema string `json:"schema"`
	JSON   string `json:"json"`
}

const checker = `
import json, sys
from jsonschema import Draft202012Validator
for item in json.load(open(sys.argv[1])):
    schema = json.load(open(item["schema"]))
    Draft202012Validator.check_schema(schema)
    errors = sorted(Draft202012Validator(schema).iter_errors(json.load(open(item["json"]))), key=lambda e: list(e.path))
    if errors:
        print(item["label"] + "\tFAIL\t" + "; ".join("/".join(map(str, e.path)) + ": " + e.message[:200] for e in errors))
    else:
        print(item["label"] + "\tOK")
`

// validateAll runs python3-jsonschema, an implementation independent of
// this package, on every instance and returns the verdicts by label.
func validateAll(t *testing.T, items []instance) map[string]string {
	t.Helper()
	python := ""
	for _, p := range []string{"/usr/bin/python3", "python3"} { // Debian's first: .ci/run installs python3-jsonschema for it
		if exec.Command(p, "-c", "import jsonschema").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("python3 with jsonschema is required on CI (Debian: python3-jsonschema)")
		}
		t.Skip("python3 jsonschema not installed (Debian: apt-get install python3-jsonschema)")
	}
	dir := t.TempDir()
	manifest := filepath.Join(dir, "manifest.json")
	data, _ := json.Marshal(items)
	os.WriteFile(manifest, data, 0o644)
	out, err := exec.Command(python, "-c", checker, manifest).CombinedOutput()
	if err != nil {
		t.Fatalf("python3 jsonschema: %v\n%s", err, out)
	}
	verdicts := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		label, verdict, _ := strings.Cut(sc.Text(), "\t")
		verdicts[label] = verdict
	}
	return verdicts
}

// schemaDir writes the generated schemas once per test.
func schemaDir(t *testing.T) string {
	t.Helper()
	files, err := GenerateAll(templates.Embedded(), dossier.KindNames)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := WriteDir(dir, files); err != nil {
		t.Fatal(err)
	}
	return dir
}

func addFile(t *testing.T, items *[]instance, schemas, work, label, path string) {
	t.Helper()
	kind := kindOf(path)
	if kind == "" {
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	js := filepath.Join(work, fmt.Sprintf("%d.json", len(*items)))
	os.WriteFile(js, yamlToJSON(t, data), 0o644)
	*items = append(*items, instance{Label: label, Schema: filepath.Join(schemas, FileName(kind)), JSON: js})
}

// The shipped cases and the corpus's valid base case validate against the
// schema, as an editor would check them.
func TestValidFilesPassTheSchema(t *testing.T) {
	schemas, work := schemaDir(t), t.TempDir()
	var items []instance
	dirs, _ := filepath.Glob(filepath.Join("..", "..", "cases", "*"))
	dirs = append(dirs, filepath.Join("..", "testdata", "base"), filepath.Join("..", "testdata", "corruption"))
	for _, dir := range dirs {
		for _, f := range caseFiles(t, dir) {
			addFile(t, &items, schemas, work, f, f)
		}
	}
	if len(items) < 20 {
		t.Fatalf("found only %d case files to check", len(items))
	}
	verdicts := validateAll(t, items)
	for _, it := range items {
		if v := verdicts[it.Label]; v != "OK" {
			t.Errorf("%s: %s", it.Label, v)
		}
	}
}

// schemaRules are the validator's rules a schema can express; every
// corpus case that expects one of them must fail the schema in at least
// one of its files. Date formats are expressed too, except impossible days
// and reversed ranges, which need a calendar.
var schemaRules = map[string]bool{"unknown-field": true, "required": true, "vocabulary": true, "wrong-type": true}

var schemaDateCases = map[string]bool{"date-format": true, "date-month": true}

func TestSchemaLevelBadCasesFail(t *testing.T) {
	schemas, work := schemaDir(t), t.TempDir()
	var items []instance
	cases := map[string][]string{}
	overlays, _ := filepath.Glob(filepath.Join("..", "testdata", "bad", "*"))
	for _, overlay := range overlays {
		name := filepath.Base(overlay)
		expect, err := os.ReadFile(filepath.Join(overlay, "expect"))
		if err != nil {
			t.Fatal(err)
		}
		schemaLevel := schemaDateCases[name]
		for _, line := range strings.Split(string(expect), "\n") {
			f := strings.Fields(line)
			if len(f) >= 2 && f[0] == "error" && schemaRules[f[1]] {
				schemaLevel = true
			}
		}
		if !schemaLevel {
			continue
		}
		filepath.WalkDir(overlay, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".yaml") {
				if data, _ := os.ReadFile(path); yaml.Unmarshal(data, &yaml.Node{}) == nil {
					addFile(t, &items, schemas, work, path, path)
					cases[name] = append(cases[name], path)
				}
			}
			return nil
		})
	}
	if len(cases) < 12 {
		t.Fatalf("only %d schema-level bad cases found: %v", len(cases), cases)
	}
	verdicts := validateAll(t, items)
	names := make([]string, 0, len(cases))
	for n := range cases {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		failed := false
		for _, f := range cases[n] {
			failed = failed || strings.HasPrefix(verdicts[f], "FAIL")
		}
		if !failed {
			t.Errorf("bad case %s passes the schema: %v", n, cases[n])
		}
	}
}

// A case's schema/ folder (written by dossier new, or dossier schema
// --out) must match what the validator accepts now; a stale copy would
// have editors flag valid files or pass invalid ones.
func TestShippedSchemasAreCurrent(t *testing.T) {
	files, err := GenerateAll(templates.Embedded(), dossier.KindNames)
	if err != nil {
		t.Fatal(err)
	}
	dirs, _ := filepath.Glob(filepath.Join("..", "..", "cases", "*", "schema"))
	for _, dir := range dirs {
		for kind, want := range files {
			got, err := os.ReadFile(filepath.Join(dir, FileName(kind)))
			if err != nil || string(got) != string(want) {
				t.Errorf("%s is missing or stale: run dossier schema --out %s", filepath.Join(dir, FileName(kind)), filepath.ToSlash(filepath.Join(strings.TrimPrefix(dir, "../../"))))
			}
		}
	}
}

// Every file of a shipped case begins with the line that points editors at
// its schema, as the files dossier new and dossier source add write do.
func TestShippedFilesNameTheirSchema(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join("..", "..", "cases", "*"))
	for _, dir := range dirs {
		for _, f := range caseFiles(t, dir) {
			data, _ := os.ReadFile(f)
			first, _, _ := strings.Cut(string(data), "\n")
			path, ok := strings.CutPrefix(first, "# yaml-language-server: $schema=")
			if !ok {
				t.Errorf("%s does not begin with its schema line (# yaml-language-server: $schema=…)", f)
				continue
			}
			if filepath.Base(path) != FileName(kindOf(f)) {
				t.Errorf("%s points at %s, not its kind's schema", f, path)
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(f), path)); err != nil {
				t.Errorf("%s: its schema %s is missing", f, path)
			}
		}
	}
}
