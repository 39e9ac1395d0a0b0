package verify

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier/bundle"
)

const bundlePDF = root + ".pdf"

// resealed returns the bundle with its PDF replaced by pdf and both
// manifests rewritten to match it, as someone covering their tracks would:
// only the comparison of manifest.json with the PDF itself can tell.
func resealed(t *testing.T, files map[string][]byte, pdf []byte) map[string][]byte {
	t.Helper()
	var m bundle.Manifest
	if err := json.Unmarshal(files[bundle.ManifestJSON], &m); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(pdf)
	for i := range m.Files {
		if m.Files[i].File == bundlePDF {
			m.Files[i].Size, m.Files[i].SHA256 = int64(len(pdf)), hex.EncodeToString(sum[:])
		}
	}
	mj, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	files[bundlePDF], files[bundle.ManifestJSON] = pdf, append(mj, '\n')
	delete(files, bundle.ManifestSums)
	files[bundle.ManifestSums] = bundle.Sums(files)
	return files
}

// problems checks a bundle and returns its problems, one a line.
func problems(t *testing.T, files map[string][]byte) string {
	t.Helper()
	r, err := Check(writeDir(t, files))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, p := range r.Problems {
		b.WriteString(p.String() + "\n")
	}
	return b.String()
}

// TestIndexMatchesThePDF: the shipped bundle's PDF agrees with its
// manifest: pages, one bookmark per exhibit at its first page, every
// exhibit text attached.
func TestIndexMatchesThePDF(t *testing.T) {
	files := shippedFiles(t)
	r, err := Check(writeDir(t, files))
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() || r.Bookmarks != 4 || r.Attached != 4 {
		t.Errorf("%d bookmarks and %d attached files checked, want 4 and 4: %v", r.Bookmarks, r.Attached, r.Problems)
	}
}

// TestIndexTamperingIsNamed changes the bundle PDF behind the manifests'
// back (and reseals them): a bookmark pointing elsewhere, a page removed
// from the page tree, an attached file renamed; verify names the PDF and
// the exhibit.
func TestIndexTamperingIsNamed(t *testing.T) {
	files := shippedFiles(t)
	pdf := files[bundlePDF]
	// Exhibit 2's bookmark: "/Title <FEFF...>... /Dest [N 0 R" – point it
	// at the page object after its own (same length, so the cross-reference
	// table stays right).
	dest := regexp.MustCompile(`/Dest \[(\d+) 0 R /XYZ`)
	var bookmarks [][]int // the destinations of bookmarks, not of links
	for _, loc := range dest.FindAllSubmatchIndex(pdf, -1) {
		obj := bytes.LastIndex(pdf[:loc[0]], []byte(" obj\n"))
		if obj >= 0 && bytes.HasPrefix(pdf[obj+5:], []byte("<</Title")) {
			bookmarks = append(bookmarks, loc)
		}
	}
	if len(bookmarks) != 7 {
		t.Fatalf("%d bookmarks found in the PDF, want 7", len(bookmarks))
	}
	kids := regexp.MustCompile(`/Kids \[(\d+ 0 R )+`).FindIndex(pdf)
	if kids == nil {
		t.Fatal("no page tree in the PDF")
	}
	tests := []struct {
		name string
		pdf  func() []byte
		want []string
	}{
		{"bookmark moved", func() []byte {
			// Bookmarks are cover, index, exhibits 1-4, table: exhibit 2 is the fourth.
			loc := bookmarks[3]
			moved := append([]byte(nil), pdf...)
			num, _ := strconv.Atoi(string(pdf[loc[2]:loc[3]]))
			next := []byte(strconv.Itoa(num + 2))
			if len(next) != loc[3]-loc[2] {
				t.Skip("page object numbers change width")
			}
			copy(moved[loc[2]:], next)
			return moved
		}, []string{"exhibit 2: manifest.json says its first page is KZ-000008; the PDF's bookmark points at page 9 (KZ-000009)"}},
		{"page removed from the page tree", func() []byte {
			// The last page leaves /Kids; /Count is left as it was.
			i := bytes.Index(pdf[kids[0]:], []byte("]")) + kids[0]
			j := bytes.LastIndex(pdf[:i], []byte(" 0 R"))
			k := bytes.LastIndexByte(pdf[:j], ' ')
			return append(append([]byte(nil), pdf[:k+1]...), pdf[j+4:]...)
		}, []string{"the PDF has 30 pages; manifest.json says 31, the last stamped KZ-000031"}},
		{"attachment renamed", func() []byte {
			return bytes.Replace(pdf, []byte("/UF (exhibit-03-"), []byte("/UF (exhibit-93-"), 1)
		}, []string{`the PDF attaches "exhibit-93-`, "exhibit 3: exhibits/exhibit-03-meps-2020-letters-tokayev.txt is not attached to the PDF"}},
		{"bookmark retitled", func() []byte {
			return bytes.Replace(pdf, []byte("\x00R\x00e\x00p\x00o\x00r\x00t"), []byte("\x00X\x00e\x00p\x00o\x00r\x00t"), 1)
		}, []string{"exhibit 3: the PDF has no bookmark for it"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			changed := tt.pdf()
			if bytes.Equal(changed, pdf) {
				t.Fatal("the tampering changed nothing")
			}
			got := problems(t, resealed(t, shippedFiles(t), changed))
			t.Logf("problems:\n%s", got)
			for _, w := range tt.want {
				if !strings.Contains(got, "index: "+bundlePDF+": "+w) {
					t.Errorf("no problem says %q; problems:\n%s", w, got)
				}
			}
			if !strings.Contains(got, "index: "+bundlePDF) {
				t.Errorf("no index problem names %s:\n%s", bundlePDF, got)
			}
		})
	}
}

// TestIndexTamperingWithQpdf removes a page and rewrites the bundle PDF
// with qpdf, the way someone would with a common tool, and reseals the
// manifests.
func TestIndexTamperingWithQpdf(t *testing.T) {
	if _, err := exec.LookPath("qpdf"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("qpdf is not installed")
		}
		t.Skip("qpdf is not installed")
	}
	files := shippedFiles(t)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pdf")
	os.WriteFile(in, files[bundlePDF], 0o644)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"page 5 removed", []string{in, "--pages", in, "1-4,6-z", "--", out}, "the PDF has 30 pages"},
		{"object streams", []string{"--object-streams=generate", in, out}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if b, err := exec.Command("qpdf", tc.args...).CombinedOutput(); err != nil && !strings.Contains(string(b), "warning") {
				t.Fatalf("qpdf: %v\n%s", err, b)
			}
			rewritten, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			got := problems(t, resealed(t, shippedFiles(t), rewritten))
			t.Logf("problems:\n%s", got)
			if tc.want == "" {
				if got != "" {
					t.Errorf("a PDF rewritten with object streams, same pages and bookmarks, fails: %s", got)
				}
				return
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("no problem says %q:\n%s", tc.want, got)
			}
		})
	}
}

// TestHostilePDFInASealedBundle: a bundle whose PDF is hostile, with
// manifests resealed to match it, is reported as not intact, naming the
// PDF, without a panic or unbounded reading (the PDF reader's own hostile
// corpus and fuzz target are in internal/pdfstruct).
func TestHostilePDFInASealedBundle(t *testing.T) {
	for name, pdf := range map[string]string{
		"deep nesting":   "1 0 obj " + strings.Repeat("[", 100) + " endobj",
		"page tree loop": "1 0 obj << /Type /Pages /Kids [1 0 R] >> endobj 2 0 obj << /Type /Catalog /Pages 1 0 R >> endobj trailer << /Root 2 0 R >>",
		"not a PDF":      "hello",
	} {
		t.Run(name, func(t *testing.T) {
			got := problems(t, resealed(t, shippedFiles(t), []byte(pdf)))
			if !strings.Contains(got, "index: "+bundlePDF+": its structure cannot be read") {
				t.Errorf("problems:\n%s", got)
			}
		})
	}
}
