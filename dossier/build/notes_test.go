package build

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/internal/fold"
	"github.com/dossier-project/dossier/dossier/internal/leaktest"
	"github.com/dossier-project/dossier/dossier/model"
)

// TestNotesAreInternal: no notes field of the shipped case (case, sources,
// officials, victims) reaches a public or partner output, in any layer of
// any file; the internal build has them (positive control).
func TestNotesAreInternal(t *testing.T) {
	dir := filepath.Join("..", "..", "cases", "kazakhstan")
	c, ds := dossier.Open(dir)
	if ds.Errors() > 0 {
		t.Fatal(ds)
	}
	notes := []string{c.Notes}
	for _, s := range c.Sources {
		notes = append(notes, s.Notes)
	}
	for _, o := range c.Officials {
		notes = append(notes, o.Notes)
	}
	for _, v := range c.Victims {
		notes = append(notes, v.Notes)
	}
	// Each note is looked for by its first 60 folded characters: long
	// enough to be its own, short enough to survive line breaks in a PDF
	// only where a renderer printed it whole.
	var needles []string
	for _, n := range notes {
		if f := fold.String(n); len(f) >= 40 {
			needles = append(needles, f[:min(len(f), 60)])
		}
	}
	if len(needles) < 10 {
		t.Fatalf("only %d notes in the shipped case", len(needles))
	}
	match := func(text string) []string {
		f := strings.Join(strings.Fields(fold.String(text)), " ")
		var out []string
		for _, n := range needles {
			if strings.Contains(f, n) {
				out = append(out, n)
			}
		}
		return out
	}
	for _, a := range []model.Audience{model.Public, model.Partner, model.Internal} {
		out := t.TempDir()
		if _, err := Case(dir, Options{OutDir: out, Audience: a, Formats: []string{"json", "csv", "xlsx", "ftm"}}); err != nil {
			t.Fatal(err)
		}
		found, err := leaktest.ScanDir(out, match)
		if err != nil {
			t.Fatal(err)
		}
		if a == model.Internal {
			if len(found) == 0 {
				t.Error("positive control: the internal JSON does not carry the notes")
			}
			continue
		}
		for _, f := range found {
			t.Errorf("%s: a note reached the output: %s", a, f)
		}
	}
}
