package dossier

import (
	"os"
	"path/filepath"
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

// A group is never withheld, so lacking a sensitivity earns no notice.
func TestNoSensitivityNoticeForGroups(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "case")
	copyTree(t, filepath.Join("testdata", "base"), dir)
	os.WriteFile(filepath.Join(dir, "victims", "protesters.yaml"), []byte("kind: group\nname: Protesters in Oakvale\nstatus: harassed\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "victims", "anna-lis.yaml"), []byte("name: Anna Lis\nstatus: harassed\n"), 0o644)
	_, ds := Open(dir)
	var got []string
	for _, d := range ds {
		if d.Rule == "sensitivity-default" {
			got = append(got, filepath.Base(d.File))
		}
	}
	if strings.Join(got, ",") != "anna-lis.yaml" {
		t.Errorf("sensitivity-default for %v, want only the person anna-lis.yaml", got)
	}
}
