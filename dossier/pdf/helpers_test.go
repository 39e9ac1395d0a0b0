package pdf_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/pdf"
	"github.com/dossier-project/dossier/dossier/redact"
)

// steppe is a small case whose names need every script the dossiers must
// print: Polish (Bożena), Lithuanian (Auštrevičius), Irish (Ní Aoláin) and
// Kazakh Cyrillic; it has a photo, a confidential victim and a quotation
// long enough to run across pages.
var steppe = filepath.Join("testdata", "steppe")

// buildDate is fixed so that tests do not depend on the case's date.
var buildDate = time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)

// need skips a test when a tool is missing, except on CI, where a
// missing tool must fail rather than let the test pass unseen.
func need(t testing.TB, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is not installed (apt-get install poppler-utils qpdf)", tool)
			}
			t.Skipf("%s is not installed", tool)
		}
	}
}

// model opens a testdata case and redacts it for an audience.
func loadModel(t testing.TB, dir string, a model.Audience) (*dossier.Case, *model.Dossier) {
	t.Helper()
	c, ds := dossier.Open(dir)
	if c == nil || ds.Errors() > 0 {
		t.Fatalf("%s: %v", dir, ds)
	}
	d, err := redact.Redact(c, a, buildDate)
	if err != nil {
		t.Fatal(err)
	}
	return c, d
}

// render renders d for the regimes and returns the files by name.
func render(t testing.TB, d *model.Dossier, regimes ...string) map[string][]byte {
	t.Helper()
	files, err := pdf.Render(d, model.Options{Regimes: regimes})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		out[f.Name] = f.Data
	}
	return out
}

var (
	cacheMu sync.Mutex
	cache   = map[model.Audience]map[string][]byte{}
)

// steppeFiles renders the steppe case for an audience under eu-ghrsr (A4)
// and us-glomag (Letter), once per test binary: rendering is the slow
// part of these tests, above all under the race detector.
func steppeFiles(t testing.TB, a model.Audience) map[string][]byte {
	t.Helper()
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if files, ok := cache[a]; ok {
		return files
	}
	_, d := loadModel(t, steppe, a)
	files := render(t, d, "eu-ghrsr", "us-glomag")
	cache[a] = files
	return files
}

// run runs a command with data on stdin and returns its stdout.
func run(t testing.TB, data []byte, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Stdin = bytes.NewReader(data)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, errb.String())
	}
	return out.String()
}

// text extracts a PDF's text with pdftotext (extra args select pages).
func text(t testing.TB, data []byte, args ...string) string {
	return run(t, data, "pdftotext", append(append([]string{"-enc", "UTF-8"}, args...), "-", "-")...)
}

// withFile writes data to a temporary file for tools that need a path.
func withFile(t testing.TB, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

var spaces = regexp.MustCompile(`\s+`)

// squash collapses whitespace, so text wrapped into lines compares equal.
func squash(s string) string { return strings.TrimSpace(spaces.ReplaceAllString(s, " ")) }

// outline is one bookmark, as qpdf reports it.
type outline struct {
	Title string    `json:"title"`
	Page  int       `json:"destpageposfrom1"`
	Kids  []outline `json:"kids"`
}

// outlines returns a PDF's bookmarks, flattened.
func outlines(t testing.TB, data []byte) []outline {
	t.Helper()
	var doc struct {
		Outlines []outline `json:"outlines"`
	}
	out := run(t, nil, "qpdf", "--json", "--json-key=outlines", withFile(t, data))
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var flat []outline
	var walk func([]outline)
	walk = func(list []outline) {
		for _, o := range list {
			flat = append(flat, o)
			walk(o.Kids)
		}
	}
	walk(doc.Outlines)
	return flat
}
