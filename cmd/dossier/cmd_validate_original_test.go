package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestValidateWarnsOfUnreadableOriginal: a captured original PDF that the
// bundle cannot lay out is a warning at validate time, naming the file;
// the case stays valid.
func TestValidateWarnsOfUnreadableOriginal(t *testing.T) {
	dir := filepath.Join("..", "..", "dossier", "bundle", "testdata", "originals-case")
	code, _, stderr := runCLI(t, "validate", dir)
	if code != exitOK {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	if strings.Count(stderr, "[original-unreadable]") != 1 || !strings.Contains(stderr, `sources/broken-scan.yaml:9:9: warning: captured original "broken-scan.pdf" cannot be laid out`) {
		t.Errorf("want one original-unreadable warning for broken-scan.pdf:\n%s", stderr)
	}
}
