package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/templates"
)

// --templates relabels vocabulary values in every output: the labels come
// from the vocabulary the case was read with, not from the embedded copy.
func TestTemplatesRelabelVocabulary(t *testing.T) {
	data, err := templates.Embedded().(interface {
		ReadFile(string) ([]byte, error)
	}).ReadFile("vocabulary.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tmpl := t.TempDir()
	relabelled := strings.Replace(string(data), "  detained: Detained\n", "  detained: Held in custody (relabelled)\n", 1)
	if relabelled == string(data) {
		t.Fatal("vocabulary.yaml has no 'detained: Detained' line to relabel")
	}
	os.WriteFile(filepath.Join(tmpl, "vocabulary.yaml"), []byte(relabelled), 0o644)
	out := t.TempDir()
	code, _, stderr := runCLI(t, "build", "--format", "json", "--audience", "internal", "--templates", tmpl, "-o", out, baseCase)
	if code != exitOK {
		t.Fatalf("build: %d\n%s", code, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*", "*.json"))
	if len(files) == 0 {
		t.Fatal("no JSON written")
	}
	js, _ := os.ReadFile(files[0])
	if !strings.Contains(string(js), "Held in custody (relabelled)") {
		t.Errorf("the JSON keeps the embedded label:\n%.600s", js)
	}
}
