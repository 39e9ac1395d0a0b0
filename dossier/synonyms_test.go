package dossier

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dossier-project/dossier/templates"
)

func TestSynonymsNameOnlyAllowedValues(t *testing.T) {
	vocab, err := LoadVocabulary(templates.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	if got := vocab["victim_statuses"].Near["persecuted"]; strings.Join(got, ",") != "harassed,prosecuted" {
		t.Errorf("persecuted is near %v", got)
	}
	base, _ := templates.Embedded().(interface {
		ReadFile(string) ([]byte, error)
	}).ReadFile("vocabulary.yaml")
	for name, syn := range map[string]string{
		"unknown value":      "victim_statuses:\n  near:\n    persecuted: [persecuted_for_real]\n",
		"unknown meaning":    "roles:\n  meanings:\n    bossed: gave orders\n",
		"unknown vocabulary": "colours:\n  near:\n    red: [blue]\n",
	} {
		fsys := fstest.MapFS{"vocabulary.yaml": {Data: base}, "synonyms.yaml": {Data: []byte(syn)}}
		if _, err := LoadVocabulary(fsys); err == nil {
			t.Errorf("%s: synonyms.yaml accepted", name)
		}
	}
}

func TestVocabHintNeverSwapsMeaning(t *testing.T) {
	terms := Vocab()["victim_statuses"]
	h := vocabHint("persecuted", terms)
	if strings.HasPrefix(h, "did you mean") {
		t.Errorf("a word with near-synonyms must not get a single 'did you mean': %s", h)
	}
	for _, want := range []string{`"harassed" (`, `"prosecuted" (`, "Choose the one the sources support"} {
		if !strings.Contains(h, want) {
			t.Errorf("hint lacks %q: %s", want, h)
		}
	}
}
