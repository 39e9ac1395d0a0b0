package bundle_test

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestBookmarksPointAtTheirPages reads the bundle PDF's outline with qpdf,
// independently of dossier's own reader: each exhibit's bookmark opens
// the page manifest.json gives as its first, the cover's the first page,
// and every attached file is there. fpdf numbers pages as if no file were
// attached; attachFiles exists so that this holds.
func TestBookmarksPointAtTheirPages(t *testing.T) {
	need(t, "qpdf")
	dir := unpack(t, shippedBundle(t))
	m := manifest(t, dir)
	pdfPath := filepath.Join(dir, "kazakhstan-bundle-public.pdf")
	out, err := exec.Command("qpdf", "--json", "--json-key=outlines", "--json-key=attachments", pdfPath).Output()
	if err != nil {
		t.Fatal(err)
	}
	var q struct {
		Outlines []struct {
			Title string `json:"title"`
			Page  *int   `json:"destpageposfrom1"`
		} `json:"outlines"`
		Attachments map[string]struct {
			Name string `json:"preferredname"`
		} `json:"attachments"`
	}
	if err := json.Unmarshal(out, &q); err != nil {
		t.Fatal(err)
	}
	if len(q.Outlines) != len(m.Exhibits)+3 {
		t.Fatalf("%d bookmarks, want cover, index, %d exhibits and the table", len(q.Outlines), len(m.Exhibits))
	}
	if p := q.Outlines[0].Page; p == nil || *p != 1 {
		t.Errorf("the cover's bookmark opens page %s, want 1", pageOf(p))
	}
	for i, e := range m.Exhibits {
		b := q.Outlines[i+2]
		want, _ := strconv.Atoi(strings.TrimPrefix(e.FirstPage, m.Prefix+"-"))
		if !strings.HasSuffix(b.Title, e.Title) || b.Page == nil || *b.Page != want {
			t.Errorf("exhibit %d: bookmark %q opens page %s, want %q at page %d", e.Exhibit, b.Title, pageOf(b.Page), e.Title, want)
		}
	}
	attached := map[string]bool{}
	for _, a := range q.Attachments {
		attached[a.Name] = true
	}
	for _, e := range m.Exhibits {
		if !attached[filepath.Base(e.File)] && !e.TextWithheld {
			t.Errorf("exhibit %d: %s is not attached to the PDF (attachments: %v)", e.Exhibit, filepath.Base(e.File), attached)
		}
	}
}

// pageOf prints a destination page qpdf gives, or "none".
func pageOf(p *int) string {
	if p == nil {
		return "none"
	}
	return strconv.Itoa(*p)
}
