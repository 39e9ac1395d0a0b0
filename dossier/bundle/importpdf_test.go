package bundle

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHostileOriginals feeds the importer every hostile PDF of
// testdata/hostile (made by make.py there): each returns, without a panic
// or a crash, and those that cannot be laid out say why in plain words.
func TestHostileOriginals(t *testing.T) {
	cases := []struct {
		file  string
		pages int    // pages imported; 0 when refused
		why   string // part of the reason when refused
	}{
		{"truncated.pdf", 0, "could not be read"},
		{"garbage.pdf", 0, "could not be read"},
		{"header-only.pdf", 0, "could not be read"},
		{"huge-count.pdf", 0, ""},
		{"recursive-tree.pdf", 0, ""},
		{"parent-cycle.pdf", 1, ""},
		{"deep-nesting.pdf", 1, ""},
		{"many-pages.pdf", 0, "at most 1000"},
		{"bomb.pdf", 0, "MiB decoded"},
		{"huge-length.pdf", 0, ""},
		{"xref-loop.pdf", 0, "could not be read"},
		{"self-referencing-form.pdf", 1, ""},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "hostile", c.file))
			if err != nil {
				t.Fatal(err)
			}
			imp, err := importPDF(data)
			if c.pages == 0 {
				if err == nil {
					t.Fatalf("imported %d pages; want it refused", len(imp.pages))
				}
				if !strings.Contains(err.Error(), c.why) {
					t.Errorf("reason %q does not say %q", err, c.why)
				}
				return
			}
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			if len(imp.pages) != c.pages {
				t.Errorf("%d pages imported, want %d", len(imp.pages), c.pages)
			}
		})
	}
}
