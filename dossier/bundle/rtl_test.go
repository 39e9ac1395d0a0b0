package bundle_test

import (
	"archive/zip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/dossier-project/dossier/dossier/build"
	"github.com/dossier-project/dossier/dossier/model"
)

// TestRightToLeftParagraphs: a Persian exhibit is set from the right
// margin, and a highlighted passage keeps its place in the sentence (the
// full stop after it stands at its left, where Persian reads it last).
func TestRightToLeftParagraphs(t *testing.T) {
	need(t, "pdftotext")
	out := t.TempDir()
	if _, err := build.Case(filepath.Join("..", "pdf", "testdata", "scripts"),
		build.Options{OutDir: out, Formats: []string{"bundle"}, Audience: model.Internal}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(filepath.Join(out, "scripts", "scripts-bundle-internal.zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	pdfPath := filepath.Join(out, "bundle.pdf")
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, ".pdf") {
			rc, _ := f.Open()
			data, _ := io.ReadAll(rc)
			rc.Close()
			if err := os.WriteFile(pdfPath, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	text, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", pdfPath, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	arabic := func(r rune) bool { return unicode.Is(unicode.Arabic, r) }
	checked := 0
	for _, line := range strings.Split(string(text), "\n") {
		num, rest, ok := strings.Cut(strings.TrimLeft(line, " "), " ")
		if !ok || (num != "2" && num != "3") || strings.IndexFunc(rest, arabic) < 0 {
			continue
		}
		checked++
		// Set from the right: the paragraph's text starts well past the
		// middle of a short line's width.
		if lead := len(rest) - len(strings.TrimLeft(rest, " ")); lead < 20 {
			t.Errorf("paragraph %s starts %d columns after its number, want it set from the right margin:\n%s", num, lead, line)
		}
		// The full stop that ends the sentence is at its left.
		if dot := strings.Index(rest, "."); dot < 0 || dot > strings.IndexFunc(rest, arabic) {
			t.Errorf("paragraph %s: the full stop is not at the left of the Persian sentence:\n%s", num, line)
		}
	}
	if checked != 2 {
		t.Fatalf("found %d of paragraphs 2 and 3 of the Persian exhibit in:\n%s", checked, text)
	}
}
