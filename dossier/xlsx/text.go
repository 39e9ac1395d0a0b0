package xlsx

import (
	"fmt"
	"io/fs"

	"gopkg.in/yaml.v3"
)

// text is templates/text/xlsx.yaml: sheet names, column headers and the
// Summary sheet's wording.
type text struct {
	Sheets  map[string]string `yaml:"sheets"`
	Summary struct {
		Title       string            `yaml:"title"`
		Labels      map[string]string `yaml:"labels"`
		ByViolation string            `yaml:"by_violation"`
		ByStatus    string            `yaml:"by_status"`
		Count       string            `yaml:"count"`
		Note        string            `yaml:"note"`
		// Limits are the lines the Summary sheet shows when a sheet
		// reaches a design limit ("links", "rows"); {sheet}, {limit} and
		// {omitted} are replaced.
		Limits map[string]string `yaml:"limits"`
	} `yaml:"summary"`
	Columns map[string][]column `yaml:"columns"`
}

// column is one column of a data sheet: the value it shows and its header.
type column struct {
	Key    string `yaml:"key"`
	Header string `yaml:"header"`
}

// dataSheets are the keys of the sheets that hold one record per row, in
// workbook order.
var dataSheets = []string{"officials", "allegations", "concerns", "violations", "victims", "evidence", "sources"}

func loadText(fsys fs.FS) (*text, error) {
	const path = "text/xlsx.yaml"
	data, err := fs.ReadFile(fsys, path)
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	t := &text{}
	if err := yaml.Unmarshal(data, t); err != nil {
		return nil, fmt.Errorf("templates/%s: %w", path, err)
	}
	all := append(append([]string{}, dataSheets...), corruptionSheets...)
	for _, key := range append([]string{"summary", "lists"}, all...) {
		if t.Sheets[key] == "" {
			return nil, fmt.Errorf("templates/%s: sheets.%s is missing", path, key)
		}
	}
	for _, key := range all {
		if len(t.Columns[key]) == 0 {
			return nil, fmt.Errorf("templates/%s: columns.%s lists no column", path, key)
		}
		for _, c := range t.Columns[key] {
			if !knownColumn(key, c.Key) {
				return nil, fmt.Errorf("templates/%s: columns.%s: unknown key %q", path, key, c.Key)
			}
		}
	}
	return t, nil
}

// loadVocabulary reads the values of each controlled vocabulary, in order.
func loadVocabulary(fsys fs.FS) (map[string][]string, error) {
	data, err := fs.ReadFile(fsys, "vocabulary.yaml")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil || len(root.Content) == 0 {
		return nil, fmt.Errorf("templates/vocabulary.yaml: %v", err)
	}
	out := map[string][]string{}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		list := m.Content[i+1]
		for j := 0; j+1 < len(list.Content); j += 2 {
			out[m.Content[i].Value] = append(out[m.Content[i].Value], list.Content[j].Value)
		}
	}
	return out, nil
}
