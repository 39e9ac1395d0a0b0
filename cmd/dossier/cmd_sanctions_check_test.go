package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var ftmSteppe = filepath.Join("..", "..", "dossier", "ftm", "testdata", "steppe")

func writeDataset(t *testing.T, lines ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "entities.ftm.json")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSanctionsCheck(t *testing.T) {
	dataset := writeDataset(t,
		`{"id":"nk-1","schema":"Person","properties":{"name":["Нурланов Кайрат"],"birthDate":["1971-05-14"],"nationality":["kz"]}}`,
		`{"id":"s-1","schema":"Sanction","properties":{"entity":["nk-1"],"authority":["Office of Foreign Assets Control"],"program":["Global Magnitsky"],"startDate":["2022-01-10"]}}`,
		`{"id":"nk-2","schema":"Person","properties":{"name":["Qairat Nurlanov"],"birthDate":["1980-01-01"]}}`,
	)
	code, stdout, stderr := runCLI(t, "sanctions-check", "--dataset", dataset, ftmSteppe)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"Qairat Nurlanov (qairat-nurlanov, case steppe)",
		"0.95  Нурланов Кайрат  (Person nk-1)",
		"listed by Office of Foreign Assets Control; programme: Global Magnitsky; from 2022-01-10 (s-1)",
		"matched: name, birth_date, nationality",
		"A. B. Serikbayev (a-b-serikbayev, case steppe)\n  no probable match",
		"1 of 3 officials have probable matches",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "nk-2") {
		t.Errorf("the namesake born in 1980 is reported:\n%s", stdout)
	}

	code, stdout, _ = runCLI(t, "sanctions-check", "--format", "json", "--dataset", dataset, ftmSteppe)
	var rep struct {
		Dataset   string `json:"dataset"`
		Entities  int    `json:"entities"`
		Officials []struct {
			ID      string `json:"id"`
			Matches []struct {
				EntityID  string   `json:"entity_id"`
				Score     float64  `json:"score"`
				Matched   []string `json:"matched"`
				Sanctions []struct {
					Authority string `json:"authority"`
				} `json:"sanctions"`
			} `json:"matches"`
		} `json:"officials"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || code != exitOK {
		t.Fatalf("exit %d, %v:\n%s", code, err, stdout)
	}
	if rep.Entities != 3 || len(rep.Officials) != 3 {
		t.Fatalf("%+v", rep)
	}
	for _, o := range rep.Officials {
		if o.ID == "qairat-nurlanov" && (len(o.Matches) != 1 || o.Matches[0].EntityID != "nk-1" || o.Matches[0].Sanctions[0].Authority != "Office of Foreign Assets Control") {
			t.Errorf("%+v", o)
		}
	}
}

func TestSanctionsCheckBadInput(t *testing.T) {
	good := `{"id":"nk-1","schema":"Person","properties":{"name":["X"]}}`
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no dataset", []string{ftmSteppe}, exitUsage, "--dataset FILE is required"},
		{"bad threshold", []string{"--threshold", "2", "--dataset", "x", ftmSteppe}, exitUsage, "--threshold"},
		{"missing file", []string{"--dataset", filepath.Join(t.TempDir(), "none.json"), ftmSteppe}, exitInvalid, "no such file"},
		{"a folder", []string{"--dataset", t.TempDir(), ftmSteppe}, exitInvalid, "not a regular file"},
		{"malformed line", []string{"--dataset", writeDataset(t, good, `{"id":`), ftmSteppe}, exitInvalid, "entities.ftm.json:2: not valid JSON"},
		{"huge line", []string{"--max-line", "100", "--dataset", writeDataset(t, good, good+strings.Repeat(" ", 200)), ftmSteppe}, exitInvalid, "entities.ftm.json:2: longer than 100 bytes"},
		{"wrong type", []string{"--dataset", writeDataset(t, `{"id":"a","schema":"Person","properties":{"name":"Qairat"}}`), ftmSteppe}, exitInvalid, "entities.ftm.json:1: entity \"a\": property name: a JSON string where FtM has a list of strings"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, append([]string{"sanctions-check"}, tt.args...)...)
			if code != tt.code || !strings.Contains(stderr, tt.want) || stdout != "" {
				t.Errorf("exit %d (want %d), stdout %q, stderr %q (want %q)", code, tt.code, stdout, stderr, tt.want)
			}
		})
	}
}
