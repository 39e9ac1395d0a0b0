package main

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/templates"
)

var writeFixture = filepath.Join("testdata", "sanctions-write")

// writeCase is a copy of the FtM test case whose Qairat Nurlanov carries
// comments, a blank line and a trailing comment (testdata/sanctions-write).
func writeCase(t *testing.T) string {
	t.Helper()
	dir := copyCase(t, ftmSteppe, "steppe")
	data, err := os.ReadFile(filepath.Join(writeFixture, "qairat-nurlanov.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "officials", "qairat-nurlanov.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// snapshot maps each file of a folder to its content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			data, _ := os.ReadFile(path)
			rel, _ := filepath.Rel(dir, path)
			out[rel] = string(data)
		}
		return nil
	})
	return out
}

func changed(before, after map[string]string) []string {
	var out []string
	for k, v := range after {
		if b, ok := before[k]; !ok || b != v {
			out = append(out, k)
		}
	}
	for k := range before {
		if _, ok := after[k]; !ok {
			out = append(out, k+" (removed)")
		}
	}
	sort.Strings(out)
	return out
}

func writeArgs(dir, dataset string, write ...string) []string {
	args := []string{"sanctions-check", "--dataset", dataset, "--retrieved", "2026-11-01", "--publisher", "OpenSanctions", dir}
	for _, w := range write {
		args = append(args, "--write", w)
	}
	return args
}

func TestSanctionsWrite(t *testing.T) {
	dataset := filepath.Join(writeFixture, "dataset.ftm.json")
	golden, err := os.ReadFile(filepath.Join(writeFixture, "qairat-nurlanov.golden.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	written := []string{"officials/qairat-nurlanov.yaml", "sources/sanction-s-1.txt", "sources/sanction-s-1.yaml", "sources/sanction-s-2.txt", "sources/sanction-s-2.yaml"}
	tests := []struct {
		name  string
		write []string
		files []string
	}{
		// The matched person: every Sanction of it is recorded.
		{"matched person", []string{"qairat-nurlanov=nk-1"}, written},
		// Its Sanctions one by one, in either order: the same files.
		{"each sanction", []string{"qairat-nurlanov=s-1", "qairat-nurlanov=s-2"}, written},
		{"one sanction", []string{"qairat-nurlanov=s-1"}, written[:3]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeCase(t)
			before := snapshot(t, dir)
			code, stdout, stderr := runCLI(t, writeArgs(dir, dataset, tt.write...)...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			after := snapshot(t, dir)
			if got := changed(before, after); strings.Join(got, " ") != strings.Join(tt.files, " ") {
				t.Errorf("files written %v, want %v", got, tt.files)
			}
			for _, f := range tt.files {
				if !strings.Contains(stdout, filepath.Join(dir, f)+": ") {
					t.Errorf("output does not name %s:\n%s", f, stdout)
				}
			}
			off := after["officials/qairat-nurlanov.yaml"]
			if len(tt.files) == len(written) && off != string(golden) {
				t.Errorf("official's file differs from %s:\n%s", filepath.Join(writeFixture, "qairat-nurlanov.golden.yaml"), off)
			}
			// Everything else in the file, comments included, is as it was.
			if orig := before["officials/qairat-nurlanov.yaml"]; !strings.HasPrefix(off, orig) {
				t.Errorf("the official's file was not only appended to:\n%s", off)
			}
			// The record is archived as read: its lines are lines of the dataset.
			data, _ := os.ReadFile(dataset)
			for _, line := range strings.Split(strings.TrimSpace(after["sources/sanction-s-1.txt"]), "\n") {
				if !strings.Contains(string(data), line+"\n") {
					t.Errorf("archived line is not a line of the dataset: %s", line)
				}
			}
			for _, want := range []string{"title: us_ofac_sdn record s-1", "type: other", "publisher: OpenSanctions",
				"url: https://sanctions.example.org/ofac/1", "retrieved: 2026-11-01", "a dataset''s copy of the listing, not the authority''s official list"} {
				if !strings.Contains(after["sources/sanction-s-1.yaml"], want) {
					t.Errorf("sources/sanction-s-1.yaml lacks %q:\n%s", want, after["sources/sanction-s-1.yaml"])
				}
			}

			// The case validates, and every quote written is found in the record.
			if code, _, stderr := runCLI(t, "validate", dir); code != exitOK {
				t.Fatalf("validate: exit %d:\n%s", code, stderr)
			}
			c, ds := dossier.Open(dir)
			if ds.Errors() > 0 {
				t.Fatal(ds)
			}
			var quotes int
			for _, o := range c.Officials {
				for _, s := range o.ExistingSanctions {
					for _, e := range s.Evidence {
						quotes++
						if !e.Found || !strings.HasPrefix(e.SourceID, "sanction-s-") {
							t.Errorf("quote %q of %s not found", e.Quote, e.SourceID)
						}
					}
				}
			}
			if want := 4 * (len(tt.files) - 1) / 2; quotes != want {
				t.Errorf("%d quotes written, want %d", quotes, want)
			}

			// Again: reported, not duplicated; nothing changes.
			code, stdout, stderr = runCLI(t, writeArgs(dir, dataset, tt.write...)...)
			if code != exitOK || !strings.Contains(stdout, "is recorded already") {
				t.Errorf("re-run: exit %d, stdout:\n%s\nstderr: %s", code, stdout, stderr)
			}
			if got := changed(after, snapshot(t, dir)); len(got) > 0 {
				t.Errorf("re-run changed %v", got)
			}
		})
	}
}

func TestSanctionsWriteRefused(t *testing.T) {
	dataset := filepath.Join(writeFixture, "dataset.ftm.json")
	future := writeDataset(t,
		`{"id":"nk-1","schema":"Person","properties":{"name":["Qairat Nurlanov"],"birthDate":["1971-05-14"]}}`,
		`{"id":"s-1","schema":"Sanction","properties":{"entity":["nk-1"],"authority":["Office of Foreign Assets Control"],"program":["Global Magnitsky"],"startDate":["2099-01-10"]}}`,
	)
	tests := []struct {
		name    string
		dataset string
		write   string
		setup   func(t *testing.T, dir string)
		code    int
		want    string
	}{
		{"unknown official", dataset, "q-nurlanov=nk-1", nil, exitInvalid, `has no official "q-nurlanov"; its officials: a-b-serikbayev, almaty-police, qairat-nurlanov`},
		{"not in the dataset", dataset, "qairat-nurlanov=nk-99", nil, exitInvalid, `the dataset has no entity "nk-99"`},
		{"not a match", dataset, "qairat-nurlanov=nk-2", nil, exitInvalid, `entity "nk-2" (Person, line 3) is not a probable match of qairat-nurlanov`},
		{"another official's match", dataset, "a-b-serikbayev=nk-1", nil, exitInvalid, `is not a probable match of a-b-serikbayev`},
		{"no sanction", dataset, "a-b-serikbayev=nk-3", nil, exitInvalid, `the dataset gives no Sanction of "nk-3"`},
		{"no programme", dataset, "almaty-police=s-9", nil, exitInvalid, `Sanction s-9 gives no programme, which existing_sanctions requires`},
		{"bad pair", dataset, "qairat-nurlanov", nil, exitUsage, `write OFFICIAL_ID=ENTITY_ID`},
		{"another version archived", dataset, "qairat-nurlanov=s-1", func(t *testing.T, dir string) {
			old := "an older record\n"
			os.WriteFile(filepath.Join(dir, "sources", "sanction-s-1.txt"), []byte(old), 0o644)
			os.WriteFile(filepath.Join(dir, "sources", "sanction-s-1.yaml"), []byte("title: old\ntype: other\nfile: sanction-s-1.txt\nsha256: "+sha256hex(old)+"\n"), 0o644)
		}, exitInvalid, "holds another version of the record of Sanction s-1; it is never overwritten"},
		// The record's date is in the future: the case would not validate,
		// so what was written is undone.
		{"would not validate", future, "qairat-nurlanov=s-1", nil, exitInvalid, "the case would not validate with what --write wrote"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeCase(t)
			if tt.setup != nil {
				tt.setup(t, dir)
			}
			before := snapshot(t, dir)
			code, stdout, stderr := runCLI(t, writeArgs(dir, tt.dataset, tt.write)...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d (want %d), stderr %q (want %q)", code, tt.code, stderr, tt.want)
			}
			if stdout != "" {
				t.Errorf("stdout %q", stdout)
			}
			if got := changed(before, snapshot(t, dir)); len(got) > 0 {
				t.Errorf("files changed: %v", got)
			}
		})
	}
}

func sha256hex(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// TestSanctionsWriteReusesRecord: a record archived already (its entry
// since removed by hand) is reused, not archived twice.
func TestSanctionsWriteReusesRecord(t *testing.T) {
	dataset := filepath.Join(writeFixture, "dataset.ftm.json")
	dir := writeCase(t)
	off := filepath.Join(dir, "officials", "qairat-nurlanov.yaml")
	orig, _ := os.ReadFile(off)
	if code, _, stderr := runCLI(t, writeArgs(dir, dataset, "qairat-nurlanov=nk-1")...); code != exitOK {
		t.Fatal(stderr)
	}
	first := snapshot(t, dir)
	os.WriteFile(off, orig, 0o644)
	code, stdout, stderr := runCLI(t, writeArgs(dir, dataset, "qairat-nurlanov=nk-1")...)
	if code != exitOK || strings.Count(stdout, "the same record is archived already; reused") != 2 {
		t.Fatalf("exit %d, stdout:\n%s\nstderr: %s", code, stdout, stderr)
	}
	if got := changed(first, snapshot(t, dir)); len(got) > 0 {
		t.Errorf("second write differs from the first: %v", got)
	}
}

// TestSanctionsWriteText: the recording rules of the shipped templates
// are complete, and each regime they fill has a profile.
func TestSanctionsWriteText(t *testing.T) {
	fsys := templates.Embedded()
	text, err := loadSanctionsText(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if err := text.Write.Check(dossier.Vocab()); err != nil {
		t.Fatal(err)
	}
	if len(text.Write.Regimes) == 0 {
		t.Fatal("no regime rules")
	}
	for _, r := range text.Write.Regimes {
		if _, err := fs.Stat(fsys, "regimes/"+r.Regime+".yaml"); err != nil {
			t.Errorf("write.regimes: %s has no profile: %v", r.Regime, err)
		}
	}
	bad := text.Write
	bad.SourceType = "dataset"
	if err := bad.Check(dossier.Vocab()); err == nil {
		t.Error("a source type outside the vocabulary is accepted")
	}
}
