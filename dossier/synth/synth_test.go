package synth_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/synth"
)

// small is a case of every kind of content at a size a test can afford.
var small = synth.Size{Officials: 5, Victims: 40, Quotes: 120, Sources: 6, MinText: 2_000, MaxText: 8_000}

// TestSyntheticCaseIsValid: a generated case has no error and no warning.
func TestSyntheticCaseIsValid(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "synthetic")
	if err := synth.Write(dir, small, 1); err != nil {
		t.Fatal(err)
	}
	c, ds := dossier.Open(dir)
	if len(ds) > 0 {
		t.Fatalf("the synthetic case is not clean:\n%v", ds[:min(len(ds), 10)])
	}
	s := c.Stats()
	if s.Officials != small.Officials || s.Victims != small.Victims || s.Excerpts != small.Quotes || s.Sources != small.Sources {
		t.Errorf("stats %+v, want %+v", s, small)
	}
}

// TestSyntheticCaseIsDeterministic: one seed, one case, byte for byte.
func TestSyntheticCaseIsDeterministic(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	if err := synth.Write(a, small, 7); err != nil {
		t.Fatal(err)
	}
	if err := synth.Write(b, small, 7); err != nil {
		t.Fatal(err)
	}
	filepath.WalkDir(a, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, path)
		x, _ := os.ReadFile(path)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", rel)
		}
		return nil
	})
}

func TestSizeCheck(t *testing.T) {
	if err := (synth.Size{Officials: 10, Victims: 10, Quotes: 10, Sources: 2, MinText: 1000, MaxText: 1000}).Check(); err == nil {
		t.Error("too few quotes accepted")
	}
	for name, s := range synth.Sizes {
		if err := s.Check(); err != nil {
			t.Errorf("size %s: %v", name, err)
		}
	}
}
