package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier/corpus"
)

// TestCorpusExitCodes runs every broken and hostile case of the validator's
// corpus (dossier/testdata/bad) through the command line: "validate" and
// "build" exit 1 when the case has errors, name each expected rule and file
// on stderr, never panic or hang, and "build" writes nothing; a case with
// warnings only validates with exit 0.
func TestCorpusExitCodes(t *testing.T) {
	overlays, _ := filepath.Glob(filepath.Join("..", "..", "dossier", "testdata", "bad", "*"))
	if len(overlays) < 60 {
		t.Fatalf("the hostile corpus should hold at least 60 cases, has %d", len(overlays))
	}
	for _, overlay := range overlays {
		t.Run(filepath.Base(overlay), func(t *testing.T) {
			dir, want, err := corpus.Build(t.TempDir(), baseCase, overlay)
			if errors.Is(err, corpus.ErrUnsupported) {
				t.Skip(err)
			}
			if err != nil {
				t.Fatal(err)
			}
			errs := 0
			for _, w := range want {
				if w.Severity == "error" {
					errs++
				}
			}
			code, _, stderr := runCLI(t, "validate", dir)
			if wantCode := map[bool]int{true: exitInvalid, false: exitOK}[errs > 0]; code != wantCode {
				t.Fatalf("validate exit %d, want %d\n%s", code, wantCode, stderr)
			}
			for _, w := range want {
				if w.Severity != "error" && w.Severity != "warning" {
					continue // says, no-warnings: checked by the dossier package's corpus test
				}
				file := filepath.Join(dir, filepath.FromSlash(w.File))
				if !strings.Contains(stderr, file) || !strings.Contains(stderr, "["+w.Rule+"]") {
					t.Errorf("stderr does not report %s:\n%s", w, stderr)
				}
			}
			if errs == 0 {
				return
			}
			out := filepath.Join(t.TempDir(), "out")
			if code, _, stderr := runCLI(t, "build", "-q", "-o", out, dir); code != exitInvalid {
				t.Errorf("build exit %d, want %d\n%s", code, exitInvalid, stderr)
			}
			if entries, _ := os.ReadDir(out); len(entries) > 0 {
				t.Errorf("build of an invalid case wrote %d entries", len(entries))
			}
		})
	}
}
