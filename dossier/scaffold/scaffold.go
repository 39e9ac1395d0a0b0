// Package scaffold writes new case files for authors to fill in: a case
// folder, an official, a victim. Every field of the format is present with
// a comment saying what goes there (from templates/fields.yaml), each file
// begins with the line that lets editors validate it against the case's
// JSON Schemas, and a new case validates straight away.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/schema"
	"gopkg.in/yaml.v3"
)

// SchemaDir is the folder of a case that holds its JSON Schemas.
const SchemaDir = "schema"

// SchemaLine is the first line of a case file of the given kind, written
// at depth 0 (case.yaml) or 1 (officials/x.yaml): an editor reading it
// validates the file against the case's schema.
func SchemaLine(kind string) string {
	path := "../" + SchemaDir + "/" + schema.FileName(kind)
	if kind == "case" {
		path = SchemaDir + "/" + schema.FileName(kind)
	}
	return "# yaml-language-server: $schema=" + path
}

// Writer scaffolds files with the vocabularies and descriptions of one set
// of templates.
type Writer struct {
	Templates fs.FS
	vocab     dossier.Vocabulary
	desc      schema.Descriptions
}

// NewWriter reads the vocabularies and field descriptions of fsys.
func NewWriter(fsys fs.FS) (*Writer, error) {
	vocab, err := dossier.LoadVocabulary(fsys)
	if err != nil {
		return nil, err
	}
	desc, err := schema.LoadDescriptions(fsys)
	if err != nil {
		return nil, err
	}
	return &Writer{Templates: fsys, vocab: vocab, desc: desc}, nil
}

// ErrExists is returned when a file to be written exists already.
var ErrExists = errors.New("exists already; dossier new never overwrites a file")

// Case creates a case folder with case.yaml, empty sources/, officials/
// and victims/ folders and the schemas, and returns the paths written.
func (w *Writer) Case(dir, title, country, date string) ([]string, error) {
	if !dossier.ValidID(filepath.Base(dir)) {
		return nil, fmt.Errorf("%s: a case folder's name is its id and must be a lowercase slug, e.g. %s", dir, dossier.Slug(filepath.Base(dir)))
	}
	casePath := filepath.Join(dir, "case.yaml")
	if _, err := os.Stat(casePath); err == nil {
		return nil, fmt.Errorf("%s %w", casePath, ErrExists)
	}
	for _, sub := range []string{"sources", "officials", "victims"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return nil, err
		}
	}
	written, err := w.Schemas(dir)
	if err != nil {
		return written, err
	}
	body := w.render("case", map[string]string{"title": title, "country": country, "date": date})
	if err := createFile(casePath, body); err != nil {
		return written, err
	}
	return append(written, casePath), nil
}

// Schemas writes the case's schema/ folder, leaving files already there.
func (w *Writer) Schemas(caseDir string) ([]string, error) {
	var written []string
	dir := filepath.Join(caseDir, SchemaDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	for _, k := range dossier.KindNames {
		data, err := schema.Generate(k, w.vocab, w.desc)
		if err != nil {
			return written, err
		}
		path := filepath.Join(dir, schema.FileName(k))
		if err := createFile(path, data); errors.Is(err, ErrExists) {
			continue
		} else if err != nil {
			return written, err
		}
		written = append(written, path)
	}
	return written, nil
}

// Official writes officials/<id>.yaml for a person (or, with kind
// organisation, a body) and returns its path.
func (w *Writer) Official(caseDir, name, kind string) (string, error) {
	return w.person(caseDir, "officials", "official", name, map[string]string{"kind": kind, "name": name})
}

// Victim writes victims/<id>.yaml with sensitivity restricted written out,
// status unknown, and returns its path.
func (w *Writer) Victim(caseDir, name string) (string, error) {
	return w.person(caseDir, "victims", "victim", name, map[string]string{"name": name, "status": "unknown", "sensitivity": "restricted"})
}

func (w *Writer) person(caseDir, sub, kind, name string, values map[string]string) (string, error) {
	if _, err := os.Stat(filepath.Join(caseDir, "case.yaml")); err != nil {
		return "", fmt.Errorf("%s is not a case folder (no case.yaml); create one with: dossier new case DIR", caseDir)
	}
	id := dossier.Slug(name)
	if id == "" {
		return "", fmt.Errorf("cannot derive an id from %q: give the name in letters", name)
	}
	if _, err := w.Schemas(caseDir); err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Join(caseDir, sub), 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(caseDir, sub, id+".yaml")
	if err := createFile(path, w.render(kind, values)); err != nil {
		return "", err
	}
	return path, nil
}

// createFile writes a new file, refusing to replace one.
func createFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s %w", path, ErrExists)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}

// render writes a file of one kind: the schema line, the record's
// description, then every field with its description as a comment and its
// value from values (or empty). Lists of records get a commented example
// item listing their own fields.
func (w *Writer) render(kind string, values map[string]string) []byte {
	var b strings.Builder
	t := dossier.Kinds[kind]
	b.WriteString(SchemaLine(kind) + "\n")
	comment(&b, "", w.desc.Of(schema.RecordName(t), ""))
	b.WriteString("# Every field is listed; a field left empty is simply not given.\n")
	for _, f := range dossier.Fields(t) {
		b.WriteString("\n")
		w.field(&b, schema.RecordName(t), f, "")
		fmt.Fprintf(&b, "%s:%s\n", f.Key, scalar(values[f.Key]))
	}
	return []byte(b.String())
}

// field writes the comment of one field, and for records and lists of
// records an example of their fields, commented out, under indent.
func (w *Writer) field(b *strings.Builder, record string, f dossier.FieldSpec, indent string) {
	d := w.desc.Of(record, f.Key)
	if f.Required {
		d = "Required. " + d
	}
	if terms := w.vocab[f.Vocab]; terms != nil {
		d += " One of: " + strings.Join(terms.Values, ", ") + "."
	}
	comment(b, indent, d)
	elem := f.Type
	list := false
	for elem.Kind() == reflect.Pointer || elem.Kind() == reflect.Slice {
		list = list || elem.Kind() == reflect.Slice
		elem = elem.Elem()
	}
	if elem.Kind() != reflect.Struct || dossier.IsDate(elem) || dossier.IsDateRange(elem) {
		return
	}
	if list {
		fmt.Fprintf(b, "%s# For example:\n", indent)
	} else {
		fmt.Fprintf(b, "%s# For example (remove the #):\n", indent)
	}
	first := true
	for _, sub := range dossier.Fields(elem) {
		prefix := "  "
		if list && first {
			prefix = "- "
		} else if !list {
			prefix = "  "
		}
		first = false
		hint := w.desc.Of(schema.RecordName(elem), sub.Key)
		if terms := w.vocab[sub.Vocab]; terms != nil {
			hint = "one of: " + strings.Join(terms.Values, ", ")
		}
		if i := strings.LastIndex(hint[:min(len(hint), 70)], " "); len(hint) > 70 && i > 0 {
			hint = hint[:i] + " …"
		}
		fmt.Fprintf(b, "%s# %s%s: # %s\n", indent, prefix, sub.Key, hint)
	}
}

// comment writes text as YAML comment lines of at most about 76 columns.
func comment(b *strings.Builder, indent, text string) {
	line := indent + "#"
	for _, word := range strings.Fields(text) {
		if len(line)+1+len(word) > 76 && len(line) > len(indent)+1 {
			b.WriteString(line + "\n")
			line = indent + "#"
		}
		line += " " + word
	}
	if len(line) > len(indent)+1 {
		b.WriteString(line + "\n")
	}
}

// scalar formats a value after "key:", quoted by YAML's own rules when it
// needs quoting; empty gives an empty value.
func scalar(v string) string {
	if v == "" {
		return ""
	}
	out, err := yaml.Marshal(v)
	if err != nil {
		return " " + fmt.Sprintf("%q", v)
	}
	return " " + strings.TrimSuffix(string(out), "\n")
}
