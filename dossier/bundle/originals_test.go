package bundle_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/build"
	"github.com/dossier-project/dossier/dossier/bundle"
	"github.com/dossier-project/dossier/dossier/internal/leaktest"
	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/redact"
	"github.com/dossier-project/dossier/dossier/verify"
)

// originalsCase is a fictional case whose sources carry captured
// originals: PDFs (one of two pages, one stored rotated, one an excerpt,
// one truncated), web pages (one naming the confidential victim only in
// its markup) and an image.
var originalsCase = filepath.Join("testdata", "originals-case")

var originalsBuilt = map[model.Audience]*struct {
	once sync.Once
	zip  string
	err  error
}{model.Public: {}, model.Partner: {}, model.Internal: {}}

// originalsBundle builds the case's bundle for one audience once and
// returns the zip's path.
func originalsBundle(t *testing.T, a model.Audience) string {
	t.Helper()
	b := originalsBuilt[a]
	b.once.Do(func() {
		out, err := os.MkdirTemp("", "originals-test")
		if err != nil {
			b.err = err
			return
		}
		_, b.err = build.Case(originalsCase, build.Options{OutDir: out, Formats: []string{"bundle"}, Audience: a})
		b.zip = filepath.Join(out, "originals-case", "originals-case-bundle-"+string(a)+".zip")
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	t.Cleanup(func() {}) // the folders go with the system's temporary files
	return b.zip
}

// unpackAs extracts a bundle of the originals case.
func unpackAs(t *testing.T, a model.Audience) string {
	t.Helper()
	dir := unpack(t, originalsBundle(t, a))
	return filepath.Join(filepath.Dir(dir), "originals-case-bundle-"+string(a))
}

func exhibitOf(t *testing.T, m *bundle.Manifest, source string) bundle.ManifestEntry {
	t.Helper()
	for _, e := range m.Exhibits {
		if e.Source == source {
			return e
		}
	}
	t.Fatalf("no exhibit for source %s", source)
	return bundle.ManifestEntry{}
}

func pageNumber(t *testing.T, stamp string) int {
	t.Helper()
	n, err := strconv.Atoi(stamp[strings.LastIndexByte(stamp, '-')+1:])
	if err != nil {
		t.Fatalf("stamp %q", stamp)
	}
	return n
}

// TestOriginalPagesAreInTheBundle: a PDF original's pages follow its
// exhibit's text, each on a bundle page with its stamp and exhibit, in
// order; the stamps still run without gaps; qpdf accepts the result.
func TestOriginalPagesAreInTheBundle(t *testing.T) {
	dir := unpackAs(t, model.Public)
	m := manifest(t, dir)
	pdfPath := filepath.Join(dir, "originals-case-bundle-public.pdf")
	ps := pages(t, pdfPath)
	if len(ps) != m.Pages {
		t.Fatalf("%d pages, manifest says %d", len(ps), m.Pages)
	}
	for i, p := range ps {
		if want := bundle.Stamp(m.Prefix, i+1); !strings.Contains(p, want) {
			t.Errorf("page %d does not carry %s", i+1, want)
		}
	}
	tests := []struct {
		source  string
		markers []string // one per page of the original, in order
	}{
		{"un-letter", []string{"ALPHA-ORIGINAL-MARKER", "BETA-ANNEX-MARKER"}},
		{"police-notice", []string{"ROTATED-MARKER"}},
	}
	for _, tc := range tests {
		e := exhibitOf(t, m, tc.source)
		o := e.Original
		if o == nil || o.FirstPage == "" {
			t.Errorf("%s: its original's pages are not in the bundle: %+v", tc.source, o)
			continue
		}
		first, last := pageNumber(t, o.FirstPage), pageNumber(t, o.LastPage)
		if last-first+1 != len(tc.markers) || first <= pageNumber(t, e.FirstPage) {
			t.Errorf("%s: original on pages %s–%s, exhibit from %s, want %d pages after the text", tc.source, o.FirstPage, o.LastPage, e.FirstPage, len(tc.markers))
			continue
		}
		for i, marker := range tc.markers {
			p := ps[first-1+i]
			if !strings.Contains(p, marker) || !strings.Contains(p, "Ex. "+strconv.Itoa(e.Exhibit)) || !strings.Contains(p, bundle.Stamp(m.Prefix, first+i)) {
				t.Errorf("%s: bundle page %d lacks the original's page %d (%s), its exhibit or its stamp:\n%s", tc.source, first+i, i+1, marker, p)
			}
		}
	}
	need(t, "qpdf")
	if out, err := exec.Command("qpdf", "--check", pdfPath).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

// TestOriginalsAreFilesAttachedAndVerified: every original the edition
// carries is a file of the bundle with role original and its exhibit,
// attached to the PDF; verify passes, and names an original altered by one
// byte.
func TestOriginalsAreFilesAttachedAndVerified(t *testing.T) {
	dir := unpackAs(t, model.Public)
	m := manifest(t, dir)
	want := map[string]int{}
	for _, e := range m.Exhibits {
		if e.Original != nil && !e.Original.Withheld {
			want[e.Original.File] = e.Exhibit
		}
	}
	if len(want) != 5 {
		t.Fatalf("%d originals in the public edition, want 5: %+v", len(want), want)
	}
	for _, f := range m.Files {
		if f.Role == bundle.RoleOriginal {
			if want[f.File] != f.Exhibit {
				t.Errorf("%s: listed with exhibit %d", f.File, f.Exhibit)
			}
			delete(want, f.File)
		}
	}
	if len(want) != 0 {
		t.Errorf("originals not listed with role %s: %v", bundle.RoleOriginal, want)
	}
	need(t, "pdfdetach")
	out, err := exec.Command("pdfdetach", "-list", filepath.Join(dir, "originals-case-bundle-public.pdf")).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range m.Exhibits {
		if e.Original != nil && !e.Original.Withheld && !strings.Contains(string(out), filepath.Base(e.Original.File)) {
			t.Errorf("%s is not attached to the PDF:\n%s", e.Original.File, out)
		}
	}

	if r, err := verify.Check(dir); err != nil || !r.OK() {
		t.Fatalf("intact bundle: %v %v", err, r)
	}
	victim := filepath.Join(dir, "originals", "exhibit-07-un-letter.pdf")
	data, err := os.ReadFile(victim)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 1
	os.WriteFile(victim, data, 0o644)
	r, err := verify.Check(dir)
	if err != nil {
		t.Fatal(err)
	}
	named := false
	for _, p := range r.Problems {
		named = named || p.File == "originals/exhibit-07-un-letter.pdf" && p.Kind == "altered"
	}
	if !named {
		t.Errorf("an altered original is not named: %v", r.Problems)
	}
}

// TestOriginalsByAudience: which originals each edition carries, and that
// the index and the exhibit say so where one is withheld.
func TestOriginalsByAudience(t *testing.T) {
	withheld := map[model.Audience]map[string]string{
		model.Public:   {"witness-account": model.WithheldText, "gallery-blog": model.WithheldNames, "court-excerpt": model.WithheldUnchecked},
		model.Partner:  {"witness-account": model.WithheldText, "gallery-blog": model.WithheldNames, "court-excerpt": model.WithheldUnchecked},
		model.Internal: {},
	}
	for a, want := range withheld {
		t.Run(string(a), func(t *testing.T) {
			dir := unpackAs(t, a)
			m := manifest(t, dir)
			ps := pages(t, filepath.Join(dir, "originals-case-bundle-"+string(a)+".pdf"))
			for _, e := range m.Exhibits {
				o := e.Original
				if o == nil {
					t.Fatalf("exhibit %d (%s) has no original", e.Exhibit, e.Source)
				}
				reason, hidden := want[e.Source]
				if o.Withheld != hidden || o.WithheldReason != reason {
					t.Errorf("%s: withheld %v (%s), want %v (%s)", e.Source, o.Withheld, o.WithheldReason, hidden, reason)
				}
				matches, _ := filepath.Glob(filepath.Join(dir, "originals", "exhibit-"+twoDigits(e.Exhibit)+"-*"))
				if hidden != (len(matches) == 0) {
					t.Errorf("%s: files %v in the bundle, withheld %v", e.Source, matches, hidden)
				}
				if !hidden {
					continue
				}
				first := pageNumber(t, e.FirstPage)
				if !strings.Contains(squash(ps[first-1]), "Original withheld from this edition") {
					t.Errorf("%s: its exhibit does not say its original is withheld", e.Source)
				}
				index := squash(strings.Join(ps[1:first-1], " "))
				if !strings.Contains(index, "Original withheld from this edition") {
					t.Errorf("%s: the index does not say its original is withheld", e.Source)
				}
			}
		})
	}
}

func twoDigits(n int) string { return strconv.Itoa(n/10) + strconv.Itoa(n%10) }

// TestUnreadableOriginalIsAttached: a truncated PDF original is not laid
// out but attached and included, and its exhibit says why.
func TestUnreadableOriginalIsAttached(t *testing.T) {
	dir := unpackAs(t, model.Public)
	m := manifest(t, dir)
	e := exhibitOf(t, m, "broken-scan")
	if e.Original == nil || e.Original.FirstPage != "" || !strings.Contains(e.Original.NotShown, "could not be read") {
		t.Fatalf("broken-scan: %+v", e.Original)
	}
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(e.Original.File))); err != nil {
		t.Error(err)
	}
	ps := pages(t, filepath.Join(dir, "originals-case-bundle-public.pdf"))
	if p := squash(ps[pageNumber(t, e.FirstPage)-1]); !strings.Contains(p, "Its pages are not shown: the PDF could not be read") {
		t.Errorf("the exhibit does not say why its original is not shown:\n%s", p)
	}
}

// TestOriginalsBundleIsReproducible: original pages are drawn in with the
// same bytes on every build.
func TestOriginalsBundleIsReproducible(t *testing.T) {
	first, err := os.ReadFile(originalsBundle(t, model.Public))
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		out := t.TempDir()
		if _, err := build.Case(originalsCase, build.Options{OutDir: out, Formats: []string{"bundle"}, Audience: model.Public}); err != nil {
			t.Fatal(err)
		}
		second, _ := os.ReadFile(filepath.Join(out, "originals-case", "originals-case-bundle-public.zip"))
		if !bytes.Equal(first, second) {
			t.Fatal("two builds of the bundle with originals differ")
		}
	}
}

// TestOriginalsLeakNoName: the leak scan over every file of the public and
// partner bundles (originals included, PDFs read by pdftotext) finds no
// name of the confidential victim; it finds her in the internal one.
func TestOriginalsLeakNoName(t *testing.T) {
	c, ds := dossier.Open(originalsCase)
	if ds.Errors() > 0 {
		t.Fatal(ds)
	}
	for _, a := range []model.Audience{model.Public, model.Partner} {
		inv := redact.NewInventory(c, a)
		dir := unpackAs(t, a)
		// The truncated original defeats pdftotext: its bytes are scanned
		// as they are.
		broken := filepath.Join(dir, "originals", "exhibit-01-broken-scan.pdf")
		data, err := os.ReadFile(broken)
		if err != nil {
			t.Fatal(err)
		}
		os.Remove(broken)
		if m := inv.Matches(string(data)); len(m) > 0 {
			t.Errorf("%s: the truncated original names %v", a, m)
		}
		found, err := leaktest.ScanDir(dir, inv.Matches)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range found {
			t.Errorf("%s: leaked: %s", a, f)
		}
	}
	found, _ := leaktest.ScanDir(unpackAs(t, model.Internal), leaktest.Names("Mira Holt"))
	if len(found) == 0 {
		t.Error("positive control: the internal bundle does not name Mira Holt")
	}
}
