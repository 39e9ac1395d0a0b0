package dossier

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dossier-project/dossier/dossier/corpus"
)

// The corpus under testdata/bad holds one small broken or hostile case per
// folder, an overlay on testdata/base; see package internal/corpus for the
// "expect" file. The errors reported must be exactly those listed; listed
// warnings must appear among the warnings.

// fixedNow pins the validator's clock so "future date" tests do not age.
var fixedNow = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	now = func() time.Time { return fixedNow }
	os.Exit(m.Run())
}

type expectation = corpus.Expectation

// buildOverlay assembles base + overlay into a fresh case folder and
// returns its path and the expectations.
func buildOverlay(t *testing.T, overlay string) (string, []expectation) {
	t.Helper()
	dir, want, err := corpus.Build(t.TempDir(), filepath.Join("testdata", "base"), overlay)
	if errors.Is(err, corpus.ErrUnsupported) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return dir, want
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	if err := corpus.CopyTree(src, dst); err != nil {
		t.Fatal(err)
	}
}

func TestBadCaseCorpus(t *testing.T) {
	overlays, _ := filepath.Glob(filepath.Join("testdata", "bad", "*"))
	if len(overlays) < 30 {
		t.Fatalf("the corpus should hold at least 30 bad cases, has %d", len(overlays))
	}
	for _, overlay := range overlays {
		t.Run(filepath.Base(overlay), func(t *testing.T) {
			dir, want := buildOverlay(t, overlay)
			if len(want) == 0 {
				t.Fatal("expect lists no diagnostic: the case would prove nothing")
			}
			_, ds := Open(dir)
			var gotErrors, gotWarnings []string
			for _, d := range ds {
				rel, err := filepath.Rel(dir, d.File)
				if err != nil || strings.HasPrefix(rel, "..") {
					rel = filepath.Base(d.File)
				}
				e := expectation{Severity: string(d.Severity), Rule: d.Rule, File: filepath.ToSlash(rel), Line: d.Line}.String()
				if d.Severity == Error {
					gotErrors = append(gotErrors, e)
				} else {
					gotWarnings = append(gotWarnings, e)
				}
				if d.Message == "" {
					t.Errorf("%s: empty message", e)
				}
			}
			var wantErrors []string
			for _, w := range want {
				if w.Severity == "no-warnings" {
					if len(gotWarnings) > 0 {
						t.Errorf("no warnings expected, got:\n  %s", strings.Join(gotWarnings, "\n  "))
					}
					continue
				}
				if w.Severity == "says" {
					checkSays(t, dir, ds, w)
					continue
				}
				if w.Severity == "error" {
					wantErrors = append(wantErrors, w.String())
				} else if !contains(gotWarnings, w.String()) {
					t.Errorf("missing %s\ngot warnings:\n  %s", w, strings.Join(gotWarnings, "\n  "))
				}
			}
			sort.Strings(gotErrors)
			sort.Strings(wantErrors)
			if strings.Join(gotErrors, "\n") != strings.Join(wantErrors, "\n") {
				t.Errorf("errors differ\ngot:\n  %s\nwant:\n  %s\ndiagnostics:\n%s", strings.Join(gotErrors, "\n  "), strings.Join(wantErrors, "\n  "), ds)
			}
		})
	}
}

// checkSays fails unless a diagnostic of w's rule at w's place holds w's
// text in its message or hint.
func checkSays(t *testing.T, dir string, ds Diagnostics, w expectation) {
	t.Helper()
	var seen []string
	for _, d := range ds {
		rel, _ := filepath.Rel(dir, d.File)
		if d.Rule != w.Rule || filepath.ToSlash(rel) != w.File || d.Line != w.Line {
			continue
		}
		if strings.Contains(d.Message+"\n"+d.Hint, w.Text) {
			return
		}
		seen = append(seen, d.String())
	}
	t.Errorf("no %s diagnostic at %s:%d says %q; there:\n%s", w.Rule, w.File, w.Line, w.Text, strings.Join(seen, "\n"))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestBaseCaseIsValid(t *testing.T) {
	c, ds := Open(filepath.Join("testdata", "base"))
	if ds.Errors() > 0 || ds.Warnings() > 0 {
		t.Fatalf("the base of the corpus must be clean, got:\n%v", ds)
	}
	want := Stats{Officials: 2, Victims: 2, Sources: 2, Excerpts: 9, Allegations: 3}
	if got := c.Stats(); got != want {
		t.Errorf("stats = %+v, want %+v", got, want)
	}
}
