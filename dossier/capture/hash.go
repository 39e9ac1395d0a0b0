package capture

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/dossier-project/dossier/dossier/internal/replace"
	"github.com/dossier-project/dossier/dossier/internal/yamledit"
	"gopkg.in/yaml.v3"
)

// HashChange is one hash recorded, or one that could not be.
type HashChange struct {
	File    string // the source's YAML file
	Line    int    // where the hash is (or was put)
	Key     string // "sha256" or "original.sha256"
	Message string // what was done, or why not
	Err     bool   // true when the hash was not recorded
}

var hex64 = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Hash records the sha256 of each source's archived text and captured
// original where the source's YAML has none (no key, or an empty value).
// It edits only the line of that key (or adds one after "file:"), so
// comments, key order, quoting and line breaks stay exactly as written; it
// finds the lines through yaml.v3's parse of the file. A recorded hash
// that differs from the file's is never overwritten: the archive must be
// restored instead.
func Hash(caseDir string) ([]HashChange, error) {
	root, err := os.OpenRoot(filepath.Join(caseDir, "sources"))
	if err != nil {
		return nil, fmt.Errorf("%s has no sources/ folder: %w", caseDir, err)
	}
	defer root.Close()
	paths, _ := filepath.Glob(filepath.Join(caseDir, "sources", "*.yaml"))
	sort.Strings(paths)
	var out []HashChange
	for _, p := range paths {
		changes, err := hashFile(root, p)
		if err != nil {
			out = append(out, HashChange{File: p, Message: err.Error(), Err: true})
			continue
		}
		out = append(out, changes...)
	}
	return out, nil
}

// edit is one line to change and what it records.
type edit struct {
	yamledit.Edit
	change HashChange
}

func hashFile(root *os.Root, path string) ([]HashChange, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("not valid YAML (%v): run dossier validate first", err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("not a mapping: run dossier validate first")
	}
	var edits []edit
	var notes []HashChange
	visit := func(m *yaml.Node, prefix string) {
		fileKey, fileVal := yamledit.Lookup(m, "file")
		if fileVal == nil || fileVal.Kind != yaml.ScalarNode || fileVal.Value == "" {
			return
		}
		if !filepath.IsLocal(fileVal.Value) {
			notes = append(notes, HashChange{File: path, Line: fileVal.Line, Key: prefix + "sha256", Err: true,
				Message: fmt.Sprintf("file %q is outside the sources/ folder; not hashed", fileVal.Value)})
			return
		}
		content, err := root.ReadFile(fileVal.Value)
		if err != nil {
			notes = append(notes, HashChange{File: path, Line: fileVal.Line, Key: prefix + "sha256", Err: true,
				Message: fmt.Sprintf("cannot read sources/%s: %v", fileVal.Value, err)})
			return
		}
		h := sum(content)
		key, val := yamledit.Lookup(m, "sha256")
		switch {
		case key == nil:
			indent := strings.Repeat(" ", fileKey.Column-1)
			edits = append(edits, edit{Edit: yamledit.Edit{After: fileVal.Line, Text: indent + "sha256: " + h},
				change: HashChange{File: path, Line: fileVal.Line + 1, Key: prefix + "sha256", Message: "recorded " + h}})
		case val.Kind == yaml.ScalarNode && strings.TrimSpace(val.Value) == "":
			if val.Line != key.Line {
				return // a block value; not ours to rewrite
			}
			edits = append(edits, edit{Edit: yamledit.Edit{Line: key.Line, Text: replaceValue(yamledit.LineOf(data, key.Line), key.Column, h)},
				change: HashChange{File: path, Line: key.Line, Key: prefix + "sha256", Message: "recorded " + h}})
		case val.Value == h:
		case hex64.MatchString(val.Value):
			notes = append(notes, HashChange{File: path, Line: val.Line, Key: prefix + "sha256", Err: true,
				Message: fmt.Sprintf("sources/%s has changed since its hash was recorded (now %s…); left as is: restore the captured file, or add a new capture as a new source", fileVal.Value, h[:12])})
		default:
			notes = append(notes, HashChange{File: path, Line: val.Line, Key: prefix + "sha256", Err: true,
				Message: fmt.Sprintf("sha256 %q is not a hash; delete the value to have it recorded", val.Value)})
		}
	}
	m := doc.Content[0]
	visit(m, "")
	if _, o := yamledit.Lookup(m, "original"); o != nil && o.Kind == yaml.MappingNode {
		visit(o, "original.")
	}
	if len(edits) == 0 {
		return notes, nil
	}
	plain := make([]yamledit.Edit, len(edits))
	for i, e := range edits {
		plain[i] = e.Edit
	}
	out := yamledit.Apply(data, plain)
	var check yaml.Node
	if err := yaml.Unmarshal(out, &check); err != nil {
		return nil, fmt.Errorf("recording the hash would break the file (%v); add it by hand", err)
	}
	if err := replace.WriteFile(path, out); err != nil {
		return nil, err
	}
	for _, e := range edits {
		notes = append(notes, e.change)
	}
	return notes, nil
}

// replaceValue rewrites "  sha256:   # comment" as "  sha256: HASH # comment".
func replaceValue(line string, column int, h string) string {
	cr := ""
	if strings.HasSuffix(line, "\r") {
		line, cr = strings.TrimSuffix(line, "\r"), "\r"
	}
	start := column - 1
	rest := line[start:]
	colon := strings.IndexByte(rest, ':')
	comment := ""
	if i := strings.Index(rest[colon:], "#"); i >= 0 {
		comment = " " + rest[colon+i:]
	}
	return line[:start] + "sha256: " + h + comment + cr
}
