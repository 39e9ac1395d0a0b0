package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/templates"
)

func newWriter(t *testing.T) *Writer {
	t.Helper()
	w, err := NewWriter(templates.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestNewCaseValidatesStraightAway(t *testing.T) {
	w := newWriter(t)
	dir := filepath.Join(t.TempDir(), "my-case")
	if _, err := w.Case(dir, `Title with "quotes": and a colon`, "Kazakhstan", "2024-05-01"); err != nil {
		t.Fatal(err)
	}
	off, err := w.Official(dir, "Ерлан Тургумбаев", "person")
	if err != nil {
		t.Fatal(err)
	}
	vic, err := w.Victim(dir, "Aigerim Tazhi")
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(off) != "erlan-turgumbaev.yaml" || filepath.Base(vic) != "aigerim-tazhi.yaml" {
		t.Errorf("ids: %s, %s", off, vic)
	}
	c, ds := dossier.Open(dir)
	if ds.Errors() > 0 {
		t.Fatalf("a new case must validate, got:\n%v", ds)
	}
	if c.Title != `Title with "quotes": and a colon` || c.Officials[0].Name != "Ерлан Тургумбаев" {
		t.Errorf("values not kept: %q, %q", c.Title, c.Officials[0].Name)
	}
	if c.Victims[0].Sensitivity != "restricted" {
		t.Errorf("a new victim's sensitivity must be written out as restricted, got %q", c.Victims[0].Sensitivity)
	}
	for _, p := range []string{filepath.Join(dir, "case.yaml"), off, vic} {
		data, _ := os.ReadFile(p)
		if !strings.HasPrefix(string(data), "# yaml-language-server: $schema=") {
			t.Errorf("%s does not begin with the schema line", p)
		}
		line := strings.SplitN(string(data), "\n", 2)[0]
		target := filepath.Join(filepath.Dir(p), strings.TrimPrefix(line, "# yaml-language-server: $schema="))
		if _, err := os.Stat(target); err != nil {
			t.Errorf("%s: its schema line points at a missing file: %v", p, err)
		}
	}
}

// Every field of the format appears in a scaffold, each with a comment.
func TestEveryFieldIsPresentAndExplained(t *testing.T) {
	w := newWriter(t)
	for _, kind := range []string{"case", "official", "victim"} {
		out := string(w.render(kind, map[string]string{}))
		lines := strings.Split(out, "\n")
		for _, f := range dossier.Fields(dossier.Kinds[kind]) {
			i := indexOf(lines, f.Key+":")
			if i < 1 {
				t.Errorf("%s: field %s missing", kind, f.Key)
				continue
			}
			if !strings.HasPrefix(lines[i-1], "#") {
				t.Errorf("%s: field %s has no comment above it", kind, f.Key)
			}
		}
	}
}

func indexOf(lines []string, prefix string) int {
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return i
		}
	}
	return -1
}

func TestNeverOverwrites(t *testing.T) {
	w := newWriter(t)
	dir := filepath.Join(t.TempDir(), "c")
	if _, err := w.Case(dir, "T", "K", "2024"); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "case.yaml"), []byte("mine\n"), 0o644)
	if _, err := w.Case(dir, "T", "K", "2024"); !errors.Is(err, ErrExists) {
		t.Errorf("second new case: %v, want ErrExists", err)
	}
	p, err := w.Victim(dir, "Jana Novak")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(p, []byte("edited\n"), 0o644)
	if _, err := w.Victim(dir, "Jana  Novák"); !errors.Is(err, ErrExists) {
		t.Errorf("second victim of the same slug: %v, want ErrExists", err)
	}
	for path, want := range map[string]string{filepath.Join(dir, "case.yaml"): "mine\n", p: "edited\n"} {
		if data, _ := os.ReadFile(path); string(data) != want {
			t.Errorf("%s was overwritten: %q", path, data)
		}
	}
}

func TestRefusals(t *testing.T) {
	w := newWriter(t)
	root := t.TempDir()
	if _, err := w.Case(filepath.Join(root, "My Case"), "T", "K", "2024"); err == nil || !strings.Contains(err.Error(), "my-case") {
		t.Errorf("a folder name that is not an id: %v", err)
	}
	if _, err := w.Official(root, "X", "person"); err == nil || !strings.Contains(err.Error(), "not a case folder") {
		t.Errorf("official outside a case: %v", err)
	}
}
