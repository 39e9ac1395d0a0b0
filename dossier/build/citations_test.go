package build

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier/bundle"
	"github.com/dossier-project/dossier/dossier/model"
)

var shippedCase = filepath.Join("..", "..", "cases", "kazakhstan")

// needTool skips a test when a tool is absent, unless CI is set.
func needTool(t *testing.T, tool string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed", tool)
		}
		t.Skipf("%s is not installed", tool)
	}
}

// unzipBundle returns the files of a bundle zip, by their names inside its
// folder.
func unzipBundle(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		_, name, _ := strings.Cut(f.Name, "/")
		out[name] = data
	}
	return out
}

// pdfText runs pdftotext on a file (with -layout when layout is set) and
// returns the text of each page.
func pdfText(t *testing.T, path string, layout bool) []string {
	t.Helper()
	args := []string{"-enc", "UTF-8", path, "-"}
	if layout {
		args = append([]string{"-layout"}, args...)
	}
	out, err := exec.Command("pdftotext", args...).Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	p := strings.Split(string(out), "\f")
	if len(p) > 0 && strings.TrimSpace(p[len(p)-1]) == "" {
		p = p[:len(p)-1]
	}
	return p
}

func squashed(s string) string { return strings.Join(strings.Fields(s), " ") }

// bundleParagraphs reads the exhibits' laid-out text from the bundle PDF's
// pages (pdftotext -layout): a paragraph begins on a line with its number
// in the margin and goes on in lines indented like its text; the tags
// under it are indented further. It returns, by page number (from 1), the
// text of each paragraph on that page.
func bundleParagraphs(pages []string, from, to int) map[int]map[int]string {
	start := regexp.MustCompile(`^( *)(\d+)( +)(\S.*)$`)
	out := map[int]map[int]string{}
	para, indent := 0, -1
	for n := from; n <= to && n <= len(pages); n++ {
		out[n] = map[int]string{}
		for _, line := range strings.Split(pages[n-1], "\n") {
			if m := start.FindStringSubmatch(line); m != nil && len(m[1]) < 8 {
				p, _ := strconv.Atoi(m[2])
				if p == para+1 || para == 0 && p == 1 {
					para, indent = p, len(m[1])+len(m[2])+len(m[3])
					out[n][para] += " " + m[4]
					continue
				}
			}
			if para > 0 && indent > 0 && len(line) > indent && strings.TrimLeft(line[:indent], " ") == "" && line[indent] != ' ' {
				out[n][para] += " " + line[indent:]
			}
		}
	}
	return out
}

var bundleRefRE = regexp.MustCompile(`\[\d+\] paragraphs? (\d+)(?:–\d+)? · Evidence bundle: (KZ-\d{6}), para (\d+)`)

// TestDossiersCiteTheBundle builds the shipped case's PDF dossiers with its
// bundle, and checks every reference a public dossier makes into the
// bundle: the dossier gives "Evidence bundle: KZ-000123, para 7" for each
// cited passage, and page KZ-000123 of the bundle holds that passage in
// paragraph 7. It checks the dossiers name the bundle's file and the
// sha256 of its MANIFEST.sha256, and that without the bundle no dossier
// or JSON refers to one.
func TestDossiersCiteTheBundle(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("builds the shipped case: run without -short and -race (.ci/run does)")
	}
	needTool(t, "pdftotext")
	out := t.TempDir()
	if _, err := Case(shippedCase, Options{OutDir: out, Formats: []string{"json", "csv", "pdf", "bundle"}}); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(out, "kazakhstan")
	zipName := "kazakhstan-bundle-public.zip"
	files := unzipBundle(t, filepath.Join(dir, zipName))
	var m bundle.Manifest
	if err := json.Unmarshal(files[bundle.ManifestJSON], &m); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(files[bundle.ManifestSums])
	fingerprint := hex.EncodeToString(sum[:])

	// The JSON records the bundle and each excerpt's place in it, as the
	// bundle's own manifest has them.
	var d model.Dossier
	js, _ := os.ReadFile(filepath.Join(dir, "kazakhstan-public.json"))
	if err := json.Unmarshal(js, &d); err != nil {
		t.Fatal(err)
	}
	if d.Bundle == nil || d.Bundle.File != zipName || d.Bundle.ManifestSHA256 != fingerprint || d.Bundle.Pages != m.Pages {
		t.Fatalf("the JSON's bundle is %+v; want %s, %s, %d pages", d.Bundle, zipName, fingerprint, m.Pages)
	}
	byExcerpt := map[int]bundle.Passage{}
	for _, p := range m.Passages {
		byExcerpt[p.Excerpt] = p
	}
	placed := map[string]bool{} // "KZ-000011 16"
	for _, x := range d.Excerpts {
		p, ok := byExcerpt[x.Number]
		switch {
		case !ok && x.Bundle != nil:
			t.Errorf("excerpt %d cites %+v, but the bundle does not place it", x.Number, x.Bundle)
		case ok && (x.Bundle == nil || x.Bundle.Page != p.Page || x.Bundle.Paragraph != p.Paragraph || x.Bundle.Exhibit != p.Exhibit):
			t.Errorf("excerpt %d: the JSON cites %+v, the bundle places it at %s para %d", x.Number, x.Bundle, p.Page, p.Paragraph)
		case ok:
			placed[p.Page+" "+strconv.Itoa(p.Paragraph)] = true
		}
	}
	if len(m.Passages) < 190 || len(placed) < 20 {
		t.Fatalf("only %d passages, at %d places, in the bundle are cited", len(m.Passages), len(placed))
	}

	// The CSV's evidence rows give the same places.
	evidence, _ := filepath.Glob(filepath.Join(dir, "*evidence*-public.csv"))
	if len(evidence) != 1 {
		t.Fatalf("evidence CSV: %v", evidence)
	}
	f, _ := os.Open(evidence[0])
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(rows) != len(d.Excerpts)+1 {
		t.Fatalf("evidence CSV: %d rows, %v", len(rows), err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for i, x := range d.Excerpts {
		want := [2]string{}
		if x.Bundle != nil {
			want = [2]string{x.Bundle.Page, strconv.Itoa(x.Bundle.Paragraph)}
		}
		if got := [2]string{rows[i+1][col["bundle_page"]], rows[i+1][col["bundle_paragraph"]]}; got != want {
			t.Errorf("evidence CSV, excerpt %d: bundle page and paragraph %q, want %q", x.Number, got, want)
		}
	}

	// Page KZ-n of the bundle holds each passage in its paragraph.
	pages := pdfText(t, writeTemp(t, files["kazakhstan-bundle-public.pdf"]), true)
	if len(pages) != m.Pages {
		t.Fatalf("the bundle PDF has %d pages, its manifest says %d", len(pages), m.Pages)
	}
	firstPage := map[int]int{}
	for _, e := range m.Exhibits {
		firstPage[e.Exhibit], _ = strconv.Atoi(strings.TrimPrefix(e.FirstPage, m.Prefix+"-"))
	}
	for _, p := range m.Passages {
		n, err := strconv.Atoi(strings.TrimPrefix(p.Page, m.Prefix+"-"))
		if err != nil || n < 1 || n > len(pages) {
			t.Errorf("excerpt %d: page %q", p.Excerpt, p.Page)
			continue
		}
		paras := bundleParagraphs(pages, firstPage[p.Exhibit], min(n+3, len(pages)))
		var whole string
		for k := firstPage[p.Exhibit]; k <= min(n+3, len(pages)); k++ {
			whole += paras[k][p.Paragraph]
		}
		text := squashed(p.Text)
		if !strings.Contains(squashed(whole), text) {
			t.Errorf("excerpt %d: paragraph %d of exhibit %d does not hold %q; it reads %q", p.Excerpt, p.Paragraph, p.Exhibit, text, squashed(whole))
			continue
		}
		words := strings.Fields(text)
		if !strings.Contains(squashed(paras[n][p.Paragraph]), words[0]) {
			t.Errorf("excerpt %d: paragraph %d on %s does not hold the passage's beginning %q: %q", p.Excerpt, p.Paragraph, p.Page, words[0], squashed(paras[n][p.Paragraph]))
		}
	}

	// Every public dossier gives, for each passage it cites, the place
	// the bundle gives it, and names the bundle and its fingerprint.
	pdfs, _ := filepath.Glob(filepath.Join(dir, "*-public.pdf"))
	if len(pdfs) < 10 {
		t.Fatalf("only %d dossiers", len(pdfs))
	}
	for _, f := range pdfs {
		text := strings.Join(pdfText(t, f, false), "\n")
		refs := bundleRefRE.FindAllStringSubmatch(text, -1)
		heads := regexp.MustCompile(`(?m)^\[\d+\] paragraphs? \d+`).FindAllString(text, -1)
		if len(refs) == 0 || len(refs) != len(heads) {
			t.Errorf("%s: %d of its %d cited passages give a bundle page", filepath.Base(f), len(refs), len(heads))
		}
		for _, r := range refs {
			if !placed[r[2]+" "+r[3]] {
				t.Errorf("%s: cites %s, para %s, where the bundle places no cited passage", filepath.Base(f), r[2], r[3])
			}
			if r[1] != r[3] {
				t.Errorf("%s: a passage in paragraph %s of its source is cited as para %s of the bundle", filepath.Base(f), r[1], r[3])
			}
		}
		flat := squashed(text)
		if !strings.Contains(flat, zipName) || !strings.Contains(flat, fingerprint) {
			t.Errorf("%s does not name the bundle %s and the sha256 of its %s, %s", filepath.Base(f), zipName, bundle.ManifestSums, fingerprint)
		}
	}

	// Without the bundle, nothing refers to one.
	alone := t.TempDir()
	if _, err := Case(shippedCase, Options{OutDir: alone, Formats: []string{"json", "pdf"}, Regimes: []string{"parliament"}}); err != nil {
		t.Fatal(err)
	}
	js, _ = os.ReadFile(filepath.Join(alone, "kazakhstan", "kazakhstan-public.json"))
	if strings.Contains(string(js), `"bundle"`) {
		t.Error("the JSON built without a bundle refers to one")
	}
	pdfs, _ = filepath.Glob(filepath.Join(alone, "kazakhstan", "*.pdf"))
	for _, f := range pdfs {
		if text := strings.Join(pdfText(t, f, false), "\n"); strings.Contains(text, "Evidence bundle") || strings.Contains(text, "KZ-0") {
			t.Errorf("%s, built without a bundle, refers to one", filepath.Base(f))
		}
	}
}

// writeTemp writes data to a new file and returns its path.
func writeTemp(t *testing.T, data []byte) string {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "*.pdf")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(data); err != nil {
		t.Fatal(err)
	}
	return f.Name()
}

// TestWithheldSourcesCiteNoBundlePage builds the leak case for each
// audience: an excerpt whose source is withheld gets no bundle place, and
// every place an excerpt gets is the one its own audience's bundle gives.
func TestWithheldSourcesCiteNoBundlePage(t *testing.T) {
	for _, a := range model.Audiences {
		out := t.TempDir()
		if _, err := Case(leakCase, Options{OutDir: out, Formats: []string{"json", "bundle"}, Audience: a}); err != nil {
			t.Fatal(err)
		}
		files := unzipBundle(t, filepath.Join(out, "leak", "leak-bundle-"+string(a)+".zip"))
		var m bundle.Manifest
		if err := json.Unmarshal(files[bundle.ManifestJSON], &m); err != nil {
			t.Fatal(err)
		}
		at := map[int]string{}
		for _, p := range m.Passages {
			at[p.Excerpt] = p.Page
		}
		var d model.Dossier
		js, _ := os.ReadFile(filepath.Join(out, "leak", "leak-"+string(a)+".json"))
		if err := json.Unmarshal(js, &d); err != nil {
			t.Fatal(err)
		}
		withheld, cited := 0, 0
		for _, x := range d.Excerpts {
			if x.SourceWithheld {
				withheld++
				if x.Bundle != nil {
					t.Errorf("%s: excerpt %d's source is withheld, yet it cites %+v", a, x.Number, x.Bundle)
				}
				continue
			}
			if x.Bundle != nil {
				cited++
				if at[x.Number] != x.Bundle.Page {
					t.Errorf("%s: excerpt %d cites %s; the %s bundle places it at %q", a, x.Number, x.Bundle.Page, a, at[x.Number])
				}
			}
		}
		if d.Bundle == nil || d.Bundle.File != "leak-bundle-"+string(a)+".zip" {
			t.Errorf("%s: the JSON's bundle is %+v", a, d.Bundle)
		}
		// The leak case's sources name the people it withholds, so only
		// the internal bundle lays their texts out.
		if (a == model.Internal && cited == 0) || (a == model.Public && withheld == 0) {
			t.Errorf("%s: %d excerpts cite the bundle, %d have their source withheld", a, cited, withheld)
		}
	}
}
