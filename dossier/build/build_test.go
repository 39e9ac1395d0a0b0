package build

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/internal/leaktest"
	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/redact"
)

// leakCase holds public, restricted, confidential and unmarked victims;
// the confidential one is named inside other people's quotes, by surname
// alone, in capitals, in Cyrillic, and in the case notes.
var leakCase = filepath.Join("testdata", "leak")

// buildAll builds every format of dir for one audience into a new folder.
func buildAll(t *testing.T, dir string, a model.Audience) string {
	t.Helper()
	out := t.TempDir()
	if _, err := Case(dir, Options{OutDir: out, Audience: a}); err != nil {
		t.Fatalf("build %s for %s: %v", dir, a, err)
	}
	return out
}

// TestNoWithheldNameLeaks is the leak test every output format runs: it
// builds each audience in every format and searches every byte of every
// file, in every layer, for every name and alias of everyone withheld.
func TestNoWithheldNameLeaks(t *testing.T) {
	c, ds := dossier.Open(leakCase)
	if ds.Errors() > 0 {
		t.Fatal(ds)
	}
	wantWithheld := map[model.Audience]int{model.Public: 3, model.Partner: 1, model.Internal: 0}
	for _, a := range model.Audiences {
		t.Run(string(a), func(t *testing.T) {
			inv := redact.NewInventory(c, a)
			if len(inv.People) != wantWithheld[a] {
				t.Fatalf("%d people withheld from %s, want %d", len(inv.People), a, wantWithheld[a])
			}
			out := buildAll(t, leakCase, a)
			found, err := leaktest.ScanDir(out, inv.Matches)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range found {
				t.Errorf("withheld name leaked: %s", f)
			}
		})
	}
	// Positive control: the scanner must see the confidential name in the
	// internal build, or its silence above would prove nothing.
	out := buildAll(t, leakCase, model.Internal)
	found, err := leaktest.ScanDir(out, leaktest.Names("Olena Kraus", "Краус"))
	if err != nil {
		t.Fatal(err)
	}
	perFormat := map[string]bool{}
	bundlePDF := false
	for _, f := range found {
		// A file's extension is all after its first dot: "leak-internal.ftm.json" has ".ftm.json".
		_, suffix, _ := strings.Cut(filepath.Base(f.File), ".")
		perFormat["."+suffix] = true
		// The bundle's PDF writes text as glyph ids: only pdftotext reads it.
		bundlePDF = bundlePDF || strings.HasSuffix(f.Layer, ".pdf/pdftotext")
	}
	if !bundlePDF && leaktest.PdftotextAvailable() {
		t.Error("internal bundle: the scan does not read the text of the PDF inside the zip")
	}
	ext := map[string]string{"bundle": ".zip", "ftm": ".ftm.json"} // formats whose files are not named after them
	for _, f := range Formats {
		e := "." + f.Name
		if ext[f.Name] != "" {
			e = ext[f.Name]
		}
		if !perFormat[e] {
			t.Errorf("internal %s output does not name the confidential victim: the leak scan cannot see into it", f.Name)
		}
	}
}

// TestEveryRouteLeakFree builds, in every format, the case whose every
// field, id, file name, folder name and address names its confidential
// victim (soft hyphens, hyphenation, Cyrillic, capitals, the birth date),
// and scans every byte of the public and partner outputs.
func TestEveryRouteLeakFree(t *testing.T) {
	dir := filepath.Join("..", "redact", "testdata", "petrenko-case")
	c, ds := dossier.Open(dir)
	if ds.Errors() > 0 {
		t.Fatal(ds)
	}
	for _, a := range []model.Audience{model.Public, model.Partner} {
		inv := redact.NewInventory(c, a)
		out := buildAll(t, dir, a)
		found, err := leaktest.ScanDir(out, func(text string) []string {
			m := inv.Matches(text)
			if inv.IdentifiesStrictly(text) && len(m) == 0 {
				m = append(m, "a part of the name")
			}
			return m
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range found {
			t.Errorf("%s: leaked: %s", a, f)
		}
		files, _ := filepath.Glob(filepath.Join(out, "case", "case-*"))
		if len(files) == 0 {
			entries, _ := os.ReadDir(out)
			t.Logf("output folder holds %v", entries)
		}
		if len(files) < len(Formats) {
			t.Errorf("%s: outputs not named after the neutral case id: %v", a, files)
		}
	}
	found, _ := leaktest.ScanDir(buildAll(t, dir, model.Internal), leaktest.Names("Petrenko"))
	if len(found) == 0 {
		t.Error("positive control: the internal build does not name Petrenko")
	}
}

func TestPseudonymsAreStable(t *testing.T) {
	read := func(a model.Audience) *model.Dossier {
		out := buildAll(t, leakCase, a)
		data, err := os.ReadFile(filepath.Join(out, "leak", "leak-"+string(a)+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var d model.Dossier
		if err := json.Unmarshal(data, &d); err != nil {
			t.Fatal(err)
		}
		return &d
	}
	public, partner := read(model.Public), read(model.Partner)
	// Ołena Kraus is named by the first allegation after Jana Novák, so she is V-02 for every audience.
	for _, d := range []*model.Dossier{public, partner} {
		v := d.Victim("v-02")
		if v == nil || v.Name != "Victim V-02" || !v.Withheld || v.BirthPlace != "" || !v.BirthDate.IsZero() || v.Notes != "" {
			t.Errorf("%s: v-02 = %+v", d.Audience, v)
		}
	}
	if public.Victim("jana-novak") == nil || public.Victim("jana-novak").Withheld {
		t.Error("a public victim must keep their name")
	}
	var redacted *model.Excerpt
	for _, e := range public.Excerpts {
		if strings.Contains(e.Quote, "journalist Victim V-01") || strings.Contains(e.Quote, "lawyer Victim V-02") {
			redacted = e
		}
	}
	if redacted == nil || !redacted.Redacted {
		t.Errorf("the quote naming the lawyer should carry her pseudonym and be marked redacted; excerpts: %+v", public.Excerpts)
	}
}

func TestBuildIsReproducible(t *testing.T) {
	abs, _ := filepath.Abs(leakCase)
	first := buildAll(t, leakCase, model.Partner)
	// A second build, from another working folder with another case path.
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(t.TempDir())
	second := buildAll(t, abs, model.Partner)
	os.Chdir(wd)

	files, _ := filepath.Glob(filepath.Join(first, "leak", "*"))
	if len(files) < len(Formats) {
		t.Fatalf("only %d files built", len(files))
	}
	for _, f := range files {
		a, _ := os.ReadFile(f)
		b, err := os.ReadFile(filepath.Join(second, "leak", filepath.Base(f)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds", filepath.Base(f))
		}
	}
}

func TestSourceDateEpoch(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	out := t.TempDir()
	if _, err := Case(leakCase, Options{OutDir: out, Formats: []string{"json"}}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(out, "leak", "leak-public.json"))
	if !bytes.Contains(data, []byte(`"build_date": "2023-11-14T22:13:20Z"`)) {
		t.Errorf("build_date does not follow SOURCE_DATE_EPOCH:\n%.300s", data)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if _, err := Case(leakCase, Options{OutDir: out, Formats: []string{"json"}}); err == nil || !strings.Contains(err.Error(), "SOURCE_DATE_EPOCH") {
		t.Errorf("a bad SOURCE_DATE_EPOCH must be refused, got %v", err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "")
	os.RemoveAll(out)
	Case(leakCase, Options{OutDir: out, Formats: []string{"json"}})
	data, _ = os.ReadFile(filepath.Join(out, "leak", "leak-public.json"))
	if !bytes.Contains(data, []byte(`"build_date": "2022-07-01T00:00:00Z"`)) {
		t.Errorf("without SOURCE_DATE_EPOCH the build date is the case's date:\n%.300s", data)
	}
}

func TestInvalidCaseWritesNothing(t *testing.T) {
	dir := t.TempDir()
	caseDir := filepath.Join(dir, "broken")
	copyDir(t, leakCase, caseDir)
	os.WriteFile(filepath.Join(caseDir, "victims", "jana-novak.yaml"), []byte("name: Jana Novák\nstatus: arrested\n"), 0o644)
	out := filepath.Join(dir, "out")
	res, err := Case(caseDir, Options{OutDir: out})
	if err == nil || res.Diagnostics.Errors() == 0 {
		t.Fatalf("err = %v, diagnostics = %v", err, res.Diagnostics)
	}
	if _, statErr := os.Stat(out); !os.IsNotExist(statErr) {
		t.Error("an invalid case must not create the output folder")
	}
}

func TestRefusesToWriteIntoCaseFolder(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, leakCase, filepath.Join(dir, "leak"))
	_, err := Case(filepath.Join(dir, "leak"), Options{OutDir: dir})
	if err == nil || !strings.Contains(err.Error(), "inside the case folder") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "leak", "leak-public.json")); err == nil {
		t.Error("wrote into the case folder")
	}
}

// TestRenderersCannotReachTheCase enforces the pipeline's shape: output
// packages consume the redacted model only, so none may import, even
// through another package, the dossier package that holds the unredacted
// case. Only the pipeline's own stages may: build runs it, redact builds
// the model, and the internal helpers serve loading. The authoring tools
// (schema, scaffolding, quote finding, source capture, recording a
// sanctions match) work on case files for their authors and produce no
// output for an audience, so they may too.
func TestRenderersCannotReachTheCase(t *testing.T) {
	const root = "github.com/dossier-project/dossier/dossier"
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Deps}} {{.}}{{end}}`, root+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	stages := map[string]bool{root: true, root + "/build": true, root + "/redact": true,
		root + "/schema": true, root + "/scaffold": true, root + "/quote": true, root + "/capture": true,
		root + "/sanctions/record": true}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := fields[0]
		if stages[pkg] || strings.HasPrefix(pkg, root+"/internal/") {
			continue
		}
		checked++
		for _, dep := range fields[1:] {
			if dep == root {
				t.Errorf("%s depends on the dossier package; renderers must use dossier/model only", pkg)
			}
		}
	}
	if checked < 4 {
		t.Fatalf("checked %d renderer packages; expected at least pdf, xlsx, csvout and jsonout", checked)
	}
}

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	filepath.Walk(src, func(path string, info os.FileInfo, err error) error {
		rel, _ := filepath.Rel(src, path)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, _ := os.ReadFile(path)
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
}
