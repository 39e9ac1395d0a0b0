package build

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/model"
)

// listDir returns the names in dir, hidden ones included.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

// TestStaleOutputsRemoved: a regime dropped from a rebuild takes its PDFs
// with it, while other audiences' and formats' outputs and files the tool
// did not write stay, and an output-like file no manifest lists is
// reported.
func TestStaleOutputsRemoved(t *testing.T) {
	out := t.TempDir()
	dir := filepath.Join(out, "leak")
	build := func(a model.Audience, format string, regimes ...string) Result {
		t.Helper()
		res, err := Case(leakCase, Options{OutDir: out, Audience: a, Formats: []string{format}, Regimes: regimes})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	build(model.Public, "pdf", "uk-ghr", "us-glomag")
	build(model.Public, "json")
	build(model.Partner, "pdf", "uk-ghr", "us-glomag")
	os.WriteFile(filepath.Join(dir, "cover-letter.docx"), []byte("mine"), 0o644)
	os.WriteFile(filepath.Join(dir, "leak-renamed-official-uk-ghr-public.pdf"), []byte("from a build before manifests"), 0o644)
	before := listDir(t, dir)
	var usPublic []string
	for _, n := range before {
		if strings.HasSuffix(n, "-us-glomag-public.pdf") {
			usPublic = append(usPublic, n)
		}
	}
	if len(usPublic) < 2 {
		t.Fatalf("the first build wrote no us-glomag public PDFs: %v", before)
	}

	res := build(model.Public, "pdf", "uk-ghr")

	after := listDir(t, dir)
	want := map[string]bool{}
	for _, n := range before {
		want[n] = true
	}
	for _, n := range usPublic {
		delete(want, n)
	}
	var wantList []string
	for n := range want {
		wantList = append(wantList, n)
	}
	sort.Strings(wantList)
	if strings.Join(after, "\n") != strings.Join(wantList, "\n") {
		t.Errorf("after dropping us-glomag:\n got  %v\n want %v", after, wantList)
	}
	if len(res.Removed) != len(usPublic) {
		t.Errorf("Removed = %v, want the %d us-glomag public PDFs", res.Removed, len(usPublic))
	}
	warned := false
	for _, w := range res.Warnings {
		if strings.Contains(w, "1 file in "+dir+" was not written by this build") && strings.Contains(w, "leak-renamed-official-uk-ghr-public.pdf") && strings.Contains(w, "delete it if it is stale") {
			warned = true
		}
		if strings.Contains(w, "cover-letter") {
			t.Errorf("a file not named like an output is reported: %s", w)
		}
	}
	if !warned {
		t.Errorf("no warning about the output-like file no manifest lists: %q", res.Warnings)
	}
}

func TestOutputNameTooLong(t *testing.T) {
	dir := t.TempDir()
	caseDir := filepath.Join(dir, strings.Repeat("c", 250))
	copyDir(t, leakCase, caseDir)
	_, err := Case(caseDir, Options{OutDir: filepath.Join(dir, "out"), Formats: []string{"json"}})
	// Validation refuses a case folder name over 64 bytes (id-format), so
	// no output name can reach 255 bytes; the build's own check of output
	// names stays as a second line.
	_, ds := dossier.Open(caseDir)
	refused := false
	for _, d := range ds {
		refused = refused || (d.Rule == "id-format" && strings.Contains(d.Message, "case folder"))
	}
	if err == nil || (!refused && (!strings.Contains(err.Error(), "file systems allow 255") || !strings.Contains(err.Error(), "shorten"))) {
		t.Fatalf("err = %v, diagnostics:\n%v", err, ds)
	}
	if _, statErr := os.Stat(filepath.Join(dir, "out")); !os.IsNotExist(statErr) {
		t.Error("an output name that cannot be written must be refused before anything is written")
	}
}
