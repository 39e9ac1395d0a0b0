package capture

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier-project/dossier/dossier"
	"github.com/go-pdf/fpdf"
)

func newCase(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "c")
	os.MkdirAll(filepath.Join(dir, "sources"), 0o755)
	os.WriteFile(filepath.Join(dir, "case.yaml"), []byte("title: T\ncountry: K\ndate: 2024-01-01\n"), 0o644)
	return dir
}

// addAndCite adds file as a source, cites quote from it, and validates.
func addAndCite(t *testing.T, dir, file, quote string, o Options) Result {
	t.Helper()
	o.Retrieved = time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	res, err := Add(dir, file, o, dossier.Vocab())
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "victims"), 0o755)
	v := "name: Jana Novak\nstatus: detained\nsensitivity: restricted\nevidence:\n  - source: " + res.ID + "\n    quote: '" + quote + "'\n"
	os.WriteFile(filepath.Join(dir, "victims", "v-"+res.ID+".yaml"), []byte(v), 0o644)
	c, ds := dossier.Open(dir)
	if ds.Errors() > 0 {
		t.Fatalf("the case does not validate after source add:\n%v", ds)
	}
	for _, s := range c.Sources {
		if s.ID != res.ID {
			continue
		}
		if s.SHA256 != s.ComputedSHA256 {
			t.Errorf("text hash %s, file's %s", s.SHA256, s.ComputedSHA256)
		}
		if res.Kind != Text {
			if s.Original == nil || s.Original.SHA256 != s.Original.ComputedSHA256 || s.Original.SHA256 == "" {
				t.Errorf("original not recorded with its hash: %+v", s.Original)
			}
		} else if s.Original != nil {
			t.Errorf("a text source has no separate original: %+v", s.Original)
		}
	}
	return res
}

func TestAddText(t *testing.T) {
	dir := newCase(t)
	src := filepath.Join(t.TempDir(), "statement.txt")
	text := "Statement\n\nThe police detained “Jana Novák”  on Monday.\n"
	os.WriteFile(src, []byte(text), 0o644)
	res := addAndCite(t, dir, src, `detained "Jana Novák" on Monday`, Options{Title: "NGO statement on detentions", Type: "ngo_statement", URL: "https://example.org/s"})
	if res.ID != "ngo-statement-on-detentions" || len(res.Files) != 2 {
		t.Errorf("id %q, files %v", res.ID, res.Files)
	}
	if got, _ := os.ReadFile(res.Files[0]); string(got) != text {
		t.Errorf("text not archived byte for byte: %q", got)
	}
}

func TestAddHTML(t *testing.T) {
	dir := newCase(t)
	src := filepath.Join(t.TempDir(), "page.htm")
	page := `<!DOCTYPE html><html><head><title>x</title><style>p{}</style><script>var police = 1;</script></head>
<body><nav>Home</nav><h1>Rally dispersed</h1><p>On 1 May the police <b>detained</b>
twelve people&nbsp;in Almaty.</p><p>Second<br>line</p></body></html>`
	os.WriteFile(src, []byte(page), 0o644)
	res := addAndCite(t, dir, src, "the police detained twelve people in Almaty.", Options{CapturedBy: "research team, Example Watch", Method: "browser_save", Extent: "complete", ArchiveURL: "https://web.archive.org/x"})
	c, _ := dossier.Open(dir)
	if s := c.Sources[0]; s.Capture == nil || s.Capture.By != "research team, Example Watch" || s.Capture.Method != "browser_save" || s.Capture.Extent != "complete" || s.ArchiveURL != "https://web.archive.org/x" {
		t.Errorf("capture record not written: %+v %+v", s.Capture, s)
	}
	text, _ := os.ReadFile(filepath.Join(dir, "sources", res.ID+".txt"))
	if strings.Contains(string(text), "var police") || strings.Contains(string(text), "p{}") {
		t.Errorf("script or style kept:\n%s", text)
	}
	if !strings.Contains(string(text), "\n\nSecond\n\nline\n") {
		t.Errorf("blocks and <br> must end paragraphs:\n%s", text)
	}
	if orig, _ := os.ReadFile(filepath.Join(dir, "sources", res.ID+".htm")); string(orig) != page {
		t.Error("the original page must be kept byte for byte")
	}
}

func TestAddPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is required on CI")
		}
		t.Skip("pdftotext not installed")
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddPage()
	pdf.SetFont("Helvetica", "", 12)
	pdf.MultiCell(0, 6, "Court ruling\n\nThe court sentenced the blogger to two years in prison.", "", "", false)
	src := filepath.Join(t.TempDir(), "ruling.pdf")
	if err := pdf.OutputFileAndClose(src); err != nil {
		t.Fatal(err)
	}
	dir := newCase(t)
	res := addAndCite(t, dir, src, "sentenced the blogger to two years in prison", Options{Type: "court_document"})
	if res.Kind != PDF || len(res.Files) != 3 {
		t.Errorf("kind %s, files %v", res.Kind, res.Files)
	}
}

func TestAddNeverOverwrites(t *testing.T) {
	dir := newCase(t)
	src := filepath.Join(t.TempDir(), "a.txt")
	os.WriteFile(src, []byte("some text\n"), 0o644)
	if _, err := Add(dir, src, Options{}, dossier.Vocab()); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "sources", "a.txt"), []byte("edited\n"), 0o644)
	if _, err := Add(dir, src, Options{}, dossier.Vocab()); err == nil || !strings.Contains(err.Error(), "exists already") {
		t.Errorf("second add: %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "sources", "a.txt")); string(got) != "edited\n" {
		t.Error("overwritten")
	}
	if _, err := Add(dir, src, Options{ID: "m", Method: "downloaded"}, dossier.Vocab()); err == nil || !strings.Contains(err.Error(), `--method "downloaded" is not allowed`) {
		t.Errorf("unknown capture method: %v", err)
	}
	if _, err := Add(dir, src, Options{ID: "b", Type: "blog"}, dossier.Vocab()); err == nil || !strings.Contains(err.Error(), "not a source type") {
		t.Errorf("bad type: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "latin1.txt")
	os.WriteFile(bad, []byte("caf\xe9\n"), 0o644)
	if _, err := Add(dir, bad, Options{}, dossier.Vocab()); err == nil || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("non-UTF-8 text: %v", err)
	}
}

func TestHashKeepsCommentsAndOrder(t *testing.T) {
	dir := newCase(t)
	in, _ := os.ReadFile(filepath.Join("testdata", "hash-in.yaml"))
	os.WriteFile(filepath.Join(dir, "sources", "report.yaml"), in, 0o644)
	os.WriteFile(filepath.Join(dir, "sources", "report.txt"), []byte("text\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "sources", "report.pdf"), []byte("%PDF-1.4 original\n"), 0o644)
	changes, err := Hash(dir)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(filepath.Join("testdata", "hash-want.yaml"))
	want = bytes.ReplaceAll(want, []byte("TEXTHASH"), []byte(sum([]byte("text\n"))))
	want = bytes.ReplaceAll(want, []byte("ORIGHASH"), []byte(sum([]byte("%PDF-1.4 original\n"))))
	got, _ := os.ReadFile(filepath.Join(dir, "sources", "report.yaml"))
	if !bytes.Equal(got, want) {
		t.Errorf("hash rewrote more than the hash lines:\ngot:\n%s\nwant:\n%s", got, want)
	}
	if len(changes) != 2 {
		t.Errorf("changes: %+v", changes)
	}
	// Run again: nothing to do, nothing changes.
	changes, _ = Hash(dir)
	if again, _ := os.ReadFile(filepath.Join(dir, "sources", "report.yaml")); !bytes.Equal(again, want) || len(changes) != 0 {
		t.Errorf("second run changed something: %+v", changes)
	}
}

func TestHashNeverOverwritesADifferingHash(t *testing.T) {
	dir := newCase(t)
	recorded := strings.Repeat("a", 64)
	yml := "title: T\ntype: report\nfile: r.txt\nsha256: " + recorded + "\n"
	os.WriteFile(filepath.Join(dir, "sources", "r.yaml"), []byte(yml), 0o644)
	os.WriteFile(filepath.Join(dir, "sources", "r.txt"), []byte("changed text\n"), 0o644)
	changes, err := Hash(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 1 || !changes[0].Err || !strings.Contains(changes[0].Message, "restore the captured file") {
		t.Errorf("changes: %+v", changes)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "sources", "r.yaml")); string(got) != yml {
		t.Errorf("a recorded hash was overwritten:\n%s", got)
	}
}

// TestAddTextData: text obtained as it is (a dataset record) is archived
// byte for byte with the publisher and notes given, never over an
// existing file.
func TestAddTextData(t *testing.T) {
	dir := newCase(t)
	text := []byte(`{"id":"s-1","schema":"Sanction","properties":{"program":["Global Magnitsky"]}}` + "\n")
	o := Options{ID: "sanction-s-1", Title: "us_ofac_sdn record s-1", Type: "other", Publisher: "OpenSanctions",
		Notes: "A dataset record.", Retrieved: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}
	res, err := AddText(dir, text, o, dossier.Vocab())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 2 || res.Kind != Text {
		t.Fatalf("%+v", res)
	}
	if got, _ := os.ReadFile(res.Files[0]); !bytes.Equal(got, text) {
		t.Errorf("archived %q", got)
	}
	meta, _ := os.ReadFile(res.Files[1])
	for _, want := range []string{"publisher: OpenSanctions\n", "notes: A dataset record.\n", "retrieved: 2026-11-01\n", "type: other\n", "sha256: "} {
		if !strings.Contains(string(meta), want) {
			t.Errorf("metadata lacks %q:\n%s", want, meta)
		}
	}
	if _, err := AddText(dir, []byte("another\n"), o, dossier.Vocab()); err == nil || !strings.Contains(err.Error(), "exists already") {
		t.Errorf("second add: %v", err)
	}
	if got, _ := os.ReadFile(res.Files[0]); !bytes.Equal(got, text) {
		t.Errorf("overwritten: %q", got)
	}
	if _, err := AddText(dir, text, Options{}, dossier.Vocab()); err == nil {
		t.Error("no id accepted")
	}

	// The values the capture's method and extent may take are listed
	// from the vocabulary in use, a templates folder's included.
	vocab := dossier.Vocabulary{}
	for k, v := range dossier.Vocab() {
		vocab[k] = v
	}
	vocab["capture_methods"] = &dossier.Terms{Values: []string{"browser_save", "drone_survey"}}
	vocab["capture_extents"] = &dossier.Terms{Values: []string{"complete", "partial"}}
	res, err = AddText(dir, text, Options{ID: "listed"}, vocab)
	if err != nil {
		t.Fatal(err)
	}
	meta, _ = os.ReadFile(res.Files[1])
	for _, want := range []string{"  # method: browser_save, drone_survey\n", "  # extent: complete or partial;"} {
		if !strings.Contains(string(meta), want) {
			t.Errorf("metadata lacks %q:\n%s", want, meta)
		}
	}
}
