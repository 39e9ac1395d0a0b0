package dossier

import (
	"errors"
	"fmt"
	"io/fs"
	"sync"

	"github.com/dossier-project/dossier/templates"
	"gopkg.in/yaml.v3"
)

// Terms is one controlled vocabulary: its values in the order the
// vocabulary file lists them, and a printable label for each.
type Terms struct {
	Values []string
	Labels map[string]string

	// From synonyms.yaml: what some values mean, and for words that are not
	// values, the values near them in meaning.
	Meanings map[string]string
	Near     map[string][]string
}

// Has reports whether v is in the vocabulary; a vocabulary a templates
// folder lacks (nil) has no value.
func (t *Terms) Has(v string) bool {
	if t == nil {
		return false
	}
	_, ok := t.Labels[v]
	return ok
}

// Label returns the printable label of v, or v itself when it has none.
func (t *Terms) Label(v string) string {
	if t == nil {
		return v
	}
	if l, ok := t.Labels[v]; ok {
		return l
	}
	return v
}

// Vocabulary is the set of controlled vocabularies of the case-file format,
// keyed by name ("violations", "roles", "victim_statuses", …).
type Vocabulary map[string]*Terms

var (
	vocabOnce sync.Once
	vocab     Vocabulary
)

// Vocab returns the controlled vocabularies embedded from
// templates/vocabulary.yaml. A broken embedded file is a programming error,
// caught by the tests, so it panics.
func Vocab() Vocabulary {
	vocabOnce.Do(func() {
		v, err := LoadVocabulary(templates.Embedded())
		if err != nil {
			panic(err)
		}
		vocab = v
	})
	return vocab
}

// LoadVocabulary reads vocabulary.yaml from a templates file system.
func LoadVocabulary(fsys fs.FS) (Vocabulary, error) {
	data, err := fs.ReadFile(fsys, "vocabulary.yaml")
	if err != nil {
		return nil, err
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("vocabulary.yaml: %w", err)
	}
	if len(root.Content) != 1 || root.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("vocabulary.yaml: want a mapping of vocabularies")
	}
	out := Vocabulary{}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		name, list := m.Content[i].Value, m.Content[i+1]
		if list.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("vocabulary.yaml:%d: %s: want a mapping of value: label", list.Line, name)
		}
		t := &Terms{Labels: map[string]string{}}
		for j := 0; j+1 < len(list.Content); j += 2 {
			k := list.Content[j].Value
			t.Values = append(t.Values, k)
			t.Labels[k] = list.Content[j+1].Value
		}
		out[name] = t
	}
	if err := loadSynonyms(fsys, out); err != nil {
		return nil, err
	}
	return out, nil
}

// loadSynonyms adds synonyms.yaml, when the templates hold one, to the
// vocabularies. Every value it names must be a value of its vocabulary, so
// a hint can never suggest a value the validator would refuse.
func loadSynonyms(fsys fs.FS, v Vocabulary) error {
	data, err := fs.ReadFile(fsys, "synonyms.yaml")
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var syn map[string]struct {
		Meanings map[string]string   `yaml:"meanings"`
		Near     map[string][]string `yaml:"near"`
	}
	if err := yaml.Unmarshal(data, &syn); err != nil {
		return fmt.Errorf("synonyms.yaml: %w", err)
	}
	for name, s := range syn {
		t := v[name]
		if t == nil {
			return fmt.Errorf("synonyms.yaml: no vocabulary %q", name)
		}
		for value := range s.Meanings {
			if !t.Has(value) {
				return fmt.Errorf("synonyms.yaml: %s: meaning given for %q, which is not a value", name, value)
			}
		}
		for word, values := range s.Near {
			for _, value := range values {
				if !t.Has(value) {
					return fmt.Errorf("synonyms.yaml: %s: %q is near %q, which is not a value", name, word, value)
				}
			}
		}
		t.Meanings, t.Near = s.Meanings, s.Near
	}
	return nil
}
