package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/internal/leaktest"
	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/redact"
)

// TestShippedCaseWithheldVictimLeavesNoTrace takes the shipped case, marks
// three of its victims confidential (one named in an allegation id, one
// spelt two ways and named in Cyrillic-transliterated forms, one named by
// given name alone in a source), builds every format for the public, and
// scans every byte for every term the redaction inventory holds.
func TestShippedCaseWithheldVictimLeavesNoTrace(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("scans the whole shipped case: run without -short and -race (.ci/run does)")
	}
	dir := filepath.Join(t.TempDir(), "kazakhstan")
	copyDir(t, filepath.Join("..", "..", "cases", "kazakhstan"), dir)
	for _, id := range []string{"dulat-agadil", "elena-semenova", "galiya-ospanova"} {
		path := filepath.Join(dir, "victims", id+".yaml")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		withheld := strings.Replace(string(data), "sensitivity: public", "sensitivity: confidential", 1)
		if withheld == string(data) {
			t.Fatalf("%s: no sensitivity: public to change", path)
		}
		os.WriteFile(path, []byte(withheld), 0o644)
	}
	c, ds := dossier.Open(dir)
	if ds.Errors() > 0 {
		t.Fatal(ds)
	}
	inv := redact.NewInventory(c, model.Public)
	if len(inv.People) != 3 {
		t.Fatalf("%d people withheld, want 3", len(inv.People))
	}
	// One regime's PDFs: the others share their code and would only
	// lengthen the test; TestNoWithheldNameLeaks covers every format.
	buildOne := func(a model.Audience) string {
		out := t.TempDir()
		if _, err := Case(dir, Options{OutDir: out, Audience: a, Regimes: []string{"uk-ghr"}}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	out := buildOne(model.Public)
	found, err := leaktest.ScanDir(out, inv.Matches)
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range found {
		if i == 20 {
			t.Errorf("… and %d more", len(found)-i)
			break
		}
		t.Errorf("leaked: %s", f)
	}
	// Positive control: the same scan sees them in the internal build.
	internal := buildOne(model.Internal)
	found, err = leaktest.ScanDir(internal, inv.Matches)
	if err != nil {
		t.Fatal(err)
	}
	if len(found) == 0 {
		t.Error("the scan finds nothing in the internal build either: it proves nothing")
	}
}
