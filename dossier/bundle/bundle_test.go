package bundle_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/dossier-project/dossier/dossier/build"
	"github.com/dossier-project/dossier/dossier/bundle"
	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/verify"
)

var shipped struct {
	once sync.Once
	zip  string // path of the public bundle of the shipped case
	err  error
}

// shippedBundle builds the shipped case's public bundle once.
func shippedBundle(t *testing.T) string {
	t.Helper()
	shipped.once.Do(func() {
		out, err := os.MkdirTemp("", "bundle-test")
		if err != nil {
			shipped.err = err
			return
		}
		_, shipped.err = build.Case(filepath.Join("..", "..", "cases", "kazakhstan"),
			build.Options{OutDir: out, Formats: []string{"bundle"}, Audience: model.Public})
		shipped.zip = filepath.Join(out, "kazakhstan", "kazakhstan-bundle-public.zip")
	})
	if shipped.err != nil {
		t.Fatal(shipped.err)
	}
	return shipped.zip
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shipped.zip != "" {
		os.RemoveAll(filepath.Dir(filepath.Dir(shipped.zip)))
	}
	os.Exit(code)
}

// unpack extracts a bundle this test made into a new folder and returns
// the bundle's own folder inside it.
func unpack(t *testing.T, zipPath string) string {
	t.Helper()
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	dir := t.TempDir()
	for _, f := range zr.File {
		if !filepath.IsLocal(f.Name) {
			t.Fatalf("entry %q is not local", f.Name)
		}
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "kazakhstan-bundle-public")
}

func manifest(t *testing.T, dir string) *bundle.Manifest {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, bundle.ManifestJSON))
	if err != nil {
		t.Fatal(err)
	}
	var m bundle.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return &m
}

// need skips a test when a tool is absent, unless CI is set.
func need(t *testing.T, tool string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed", tool)
		}
		t.Skipf("%s is not installed", tool)
	}
}

func TestShippedBundleVerifies(t *testing.T) {
	zipPath := shippedBundle(t)
	for _, p := range []string{zipPath, unpack(t, zipPath)} {
		r, err := verify.Check(p)
		if err != nil {
			t.Fatal(err)
		}
		if !r.OK() {
			t.Errorf("%s: %v", p, r.Problems)
		}
		if r.Files != 6 || r.Passages < 190 {
			t.Errorf("%s: %d files, %d passages checked; want 6 and the case's ~198", p, r.Files, r.Passages)
		}
	}
}

func TestSha256sumAcceptsTheManifest(t *testing.T) {
	need(t, "sha256sum")
	dir := unpack(t, shippedBundle(t))
	cmd := exec.Command("sha256sum", "--strict", "-c", bundle.ManifestSums)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("sha256sum -c: %v\n%s", err, out)
	}
	if n := strings.Count(string(out), ": OK"); n != 6 {
		t.Errorf("sha256sum checked %d files, want 6:\n%s", n, out)
	}
}

func TestBundlePDFPassesQpdf(t *testing.T) {
	need(t, "qpdf")
	dir := unpack(t, shippedBundle(t))
	out, err := exec.Command("qpdf", "--check", filepath.Join(dir, "kazakhstan-bundle-public.pdf")).CombinedOutput()
	if err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

// pages returns the text of each page of a PDF, by pdftotext.
func pages(t *testing.T, pdfPath string) []string {
	t.Helper()
	need(t, "pdftotext")
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdfPath, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	p := strings.Split(string(out), "\f")
	if len(p) > 0 && strings.TrimSpace(p[len(p)-1]) == "" {
		p = p[:len(p)-1]
	}
	return p
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestStampsRunWithoutGaps: page n carries KZ-00000n, from the first page
// to the last, and the bundle has as many pages as the manifest says.
func TestStampsRunWithoutGaps(t *testing.T) {
	dir := unpack(t, shippedBundle(t))
	m := manifest(t, dir)
	ps := pages(t, filepath.Join(dir, "kazakhstan-bundle-public.pdf"))
	if len(ps) != m.Pages || m.Pages < 10 {
		t.Fatalf("%d pages, manifest says %d", len(ps), m.Pages)
	}
	for i, p := range ps {
		want := bundle.Stamp("KZ", i+1)
		if strings.Count(p, "KZ-0") == 0 || !strings.Contains(p, want) {
			t.Errorf("page %d does not carry %s", i+1, want)
		}
	}
	// Every exhibit page says which exhibit it belongs to.
	for _, e := range m.Exhibits {
		n, _ := strconv.Atoi(strings.TrimPrefix(e.FirstPage, "KZ-"))
		if !strings.Contains(ps[n-1], "Exhibit "+strconv.Itoa(e.Exhibit)) || !strings.Contains(ps[n-1], "Ex. "+strconv.Itoa(e.Exhibit)) {
			t.Errorf("%s does not begin exhibit %d", e.FirstPage, e.Exhibit)
		}
	}
}

// TestCitedPassagesOnTheirPages: the beginning of every cited passage is
// on the bundle page the table gives, and the table itself says so.
func TestCitedPassagesOnTheirPages(t *testing.T) {
	dir := unpack(t, shippedBundle(t))
	m := manifest(t, dir)
	ps := pages(t, filepath.Join(dir, "kazakhstan-bundle-public.pdf"))
	if len(m.Passages) < 190 {
		t.Fatalf("only %d passages in the table", len(m.Passages))
	}
	start := -1
	for i, p := range ps {
		if strings.Contains(p, "Every excerpt the dossiers cite") {
			start = i
		}
	}
	if start < 0 {
		t.Fatal("no cited-passages table found")
	}
	table := strings.Join(ps[start:], "\n")
	for _, p := range m.Passages {
		n, err := strconv.Atoi(strings.TrimPrefix(p.Page, "KZ-"))
		if err != nil || n < 1 || n > len(ps) {
			t.Errorf("excerpt %d: page %q", p.Excerpt, p.Page)
			continue
		}
		// The passage's first six words: on the page, or the first of
		// them at its foot and the rest on the next page.
		words := strings.Fields(squash(p.Text))
		words = words[:min(6, len(words))]
		found := false
		for k := len(words); k >= 1 && !found; k-- {
			head, rest := strings.Join(words[:k], " "), strings.Join(words[k:], " ")
			found = strings.Contains(squash(ps[n-1]), head) && (rest == "" || n < len(ps) && strings.Contains(squash(ps[n]), rest))
		}
		if !found {
			t.Errorf("excerpt %d: %q does not begin on %s", p.Excerpt, strings.Join(words, " "), p.Page)
		}
		if !strings.Contains(table, p.Page) {
			t.Errorf("excerpt %d: the table does not give %s", p.Excerpt, p.Page)
		}
	}
}

func TestBundleIsReproducible(t *testing.T) {
	first, err := os.ReadFile(shippedBundle(t))
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if _, err := build.Case(filepath.Join("..", "..", "cases", "kazakhstan"),
		build.Options{OutDir: out, Formats: []string{"bundle"}}); err != nil {
		t.Fatal(err)
	}
	second, _ := os.ReadFile(filepath.Join(out, "kazakhstan", "kazakhstan-bundle-public.zip"))
	if !bytes.Equal(first, second) {
		t.Error("two builds of the same bundle differ")
	}
}

func TestPrefix(t *testing.T) {
	tests := []struct{ country, id, want string }{
		{"Kazakhstan", "kazakhstan", "KZ"},
		{"Belarus", "x", "BY"},
		{"United Kingdom", "x", "GB"},
		{"Atlantis", "x", "AT"},
		{"", "leak", "LE"},
		{"", "", "EB"},
	}
	for _, tt := range tests {
		if got := bundle.Prefix(tt.country, tt.id); got != tt.want {
			t.Errorf("Prefix(%q, %q) = %q, want %q", tt.country, tt.id, got, tt.want)
		}
	}
}

// TestRedactedExhibitSaysSo: in the public bundle of the leak test case,
// whose source names withheld people, the index and the exhibit say that
// the text is withheld, the text is not there, no placeholder is left
// unfilled, and the bundle verifies.
func TestRedactedExhibitSaysSo(t *testing.T) {
	out := t.TempDir()
	if _, err := build.Case(filepath.Join("..", "build", "testdata", "leak"),
		build.Options{OutDir: out, Formats: []string{"bundle"}, Audience: model.Public}); err != nil {
		t.Fatal(err)
	}
	zipPath := filepath.Join(out, "leak", "leak-bundle-public.zip")
	r, err := verify.Check(zipPath)
	if err != nil || !r.OK() {
		t.Fatalf("%v %v", err, r)
	}
	dir := t.TempDir()
	zr, _ := zip.OpenReader(zipPath)
	defer zr.Close()
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, ".pdf") {
			rc, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			rc.Close()
			os.WriteFile(filepath.Join(dir, "b.pdf"), b.Bytes(), 0o644)
		}
	}
	ps := pages(t, filepath.Join(dir, "b.pdf"))
	text := squash(strings.Join(ps, " "))
	if n := strings.Count(text, "Text withheld from this edition"); n != 2 {
		t.Errorf("the withheld text is said %d times, want 2 (index and exhibit)", n)
	}
	// The source's own words are nowhere: laid out with pseudonyms they
	// would pair each pseudonym with the name in the published original.
	if strings.Contains(text, "(Names as reported.)") {
		t.Error("the text of a source naming withheld people is laid out in the public bundle")
	}
	if strings.ContainsAny(text, "{}") {
		t.Errorf("an unfilled placeholder: %s", text)
	}
}
