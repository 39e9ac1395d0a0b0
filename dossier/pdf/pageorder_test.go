package pdf_test

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/synth"
)

// TestLongContentsInPlace: a dossier whose contents take several pages is
// laid out once, its further pages of contents added after the body and
// moved into place. Read in order, the contents follow the cover, every
// page says "Page X of Y" with its own X, and the contents give each
// section the page its bookmark points to.
func TestLongContentsInPlace(t *testing.T) {
	need(t, "qpdf", "pdftotext", "pdfinfo")
	dir := filepath.Join(t.TempDir(), "many")
	size := synth.Size{Officials: 8, Victims: 30, Quotes: 120, Sources: 12, MinText: 2_000, MaxText: 4_000}
	if err := synth.Write(dir, size, 1); err != nil {
		t.Fatal(err)
	}
	_, d := loadModel(t, dir, model.Internal)
	regime := d.Regimes[0]
	data := render(t, d, regime)[model.FileName(d, "pdf", regime)]
	if data == nil {
		t.Fatal("no combined dossier")
	}
	info := run(t, nil, "pdfinfo", withFile(t, data))
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo gives no page count:\n%s", info)
	}
	pages, _ := strconv.Atoi(m[1])
	for p := 1; p <= pages; p++ {
		n := strconv.Itoa(p)
		if want := fmt.Sprintf("Page %d of %d", p, pages); !strings.Contains(text(t, data, "-f", n, "-l", n), want) {
			t.Errorf("page %d lacks %q", p, want)
		}
	}
	at := map[string]int{}
	var sections []outline
	for _, o := range outlines(t, data) {
		at[o.Title] = o.Page
		if regexp.MustCompile(`^\d+  `).MatchString(o.Title) || strings.HasPrefix(o.Title, "Annex") {
			sections = append(sections, o)
		}
	}
	first := at["1  Introduction"]
	if at["Cover"] != 1 || at["Contents"] != 2 || first < 4 {
		t.Fatalf("cover on page %d, contents on %d, introduction on %d: want 1, 2 and at least 4 (two pages of contents)", at["Cover"], at["Contents"], first)
	}
	contents := squash(text(t, data, "-layout", "-f", "2", "-l", strconv.Itoa(first-1)))
	if len(sections) < 5 {
		t.Fatalf("only %d sections bookmarked", len(sections))
	}
	for _, o := range sections {
		title := strings.SplitN(o.Title, "  ", 2)
		pattern := regexp.QuoteMeta(title[len(title)-1]) + `[ .]*` + strconv.Itoa(o.Page) + `\b`
		if !regexp.MustCompile(pattern).MatchString(contents) {
			t.Errorf("the contents do not give %q page %d", o.Title, o.Page)
		}
	}
}
