package build

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/internal/leaktest"
	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/redact"
	"github.com/xuri/excelize/v2"
)

const corruptionCase = "../testdata/corruption"

// TestCorruptionWithheldRelativeLeavesNoTrace: the minister's wife, a
// confidential relative recorded under victims/, is named by a
// relationship (spouse), holds an asset and is named in the quotes that
// evidence both. Every public and partner output (JSON, CSV, PDF, XLSX,
// every layer of each) is scanned for every term of the redaction
// inventory; the internal build is the positive control. The records
// that point at her are gone, not merely renamed.
func TestCorruptionWithheldRelativeLeavesNoTrace(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("builds and scans every format three times: run without -short and -race (.ci/run does)")
	}
	c, ds := dossier.Open(corruptionCase)
	if ds.Errors() > 0 {
		t.Fatal(ds)
	}
	build := func(a model.Audience) string {
		out := t.TempDir()
		if _, err := Case(corruptionCase, Options{OutDir: out, Audience: a, Regimes: []string{"uk-gacr"}}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, a := range []model.Audience{model.Public, model.Partner} {
		inv := redact.NewInventory(c, a)
		if len(inv.People) != 1 || inv.People[0].ID != "mira-kell" {
			t.Fatalf("%s: withheld %v, want mira-kell only", a, inv.People)
		}
		out := build(a)
		found, err := leaktest.ScanDir(out, inv.Matches)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range found {
			t.Errorf("%s: leaked: %s", a, f)
		}
		// What points at her is gone too: the apartment she holds and
		// the quote that says whose wife she is.
		found, err = leaktest.ScanDir(out, leaktest.Names("Apartment in Port Corran", "relative-apartment", "wife"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range found {
			t.Errorf("%s: a record of the withheld relative remains: %s", a, f)
		}
	}
	internal := build(model.Internal)
	found, err := leaktest.ScanDir(internal, redact.NewInventory(c, model.Public).Matches)
	if err != nil {
		t.Fatal(err)
	}
	if len(found) == 0 {
		t.Error("the scan finds nothing in the internal build either: it proves nothing")
	}
}

// TestCorruptionWorkbook reads the corruption sheets back: each has one
// row per record of the model, amounts are numbers in their own currency,
// and every id links to the row that defines it.
func TestCorruptionWorkbook(t *testing.T) {
	out := t.TempDir()
	if _, err := Case(corruptionCase, Options{OutDir: out, Formats: []string{"xlsx"}, Audience: model.Internal}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(filepath.Join(out, "corruption", "corruption-internal.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string]int{"Companies": 3, "Relationships": 9, "Money": 4, "Assets": 5, "Flows": 2, "Proceedings": 5}
	for sheet, n := range want {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatalf("sheet %s: %v", sheet, err)
		}
		if len(rows)-1 != n {
			t.Errorf("sheet %s: %d rows, want %d", sheet, len(rows)-1, n)
		}
	}
	find := func(sheet, header, value string) (map[string]string, int) {
		rows, _ := f.GetRows(sheet)
		for i, r := range rows[1:] {
			rec := map[string]string{}
			for j, h := range rows[0] {
				if j < len(r) {
					rec[h] = r[j]
				}
			}
			if rec[header] == value {
				return rec, i + 2
			}
		}
		t.Fatalf("sheet %s: no row with %s = %q", sheet, header, value)
		return nil, 0
	}
	bribe, row := find("Money", "Kind", "bribe")
	if bribe["Currency (ISO 4217)"] != "USD" || bribe["Listed on"] != "Arvid Kell" {
		t.Errorf("bribe row: %v", bribe)
	}
	// The amount is a number cell, as written: 2500000, not a text.
	col := 0
	rows, _ := f.GetRows("Money")
	for j, h := range rows[0] {
		if strings.HasPrefix(h, "Amount") {
			col = j + 1
		}
	}
	ref, _ := excelize.CoordinatesToCellName(col, row)
	if typ, _ := f.GetCellType("Money", ref); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("Money!%s is text, want a number", ref)
	}
	if v, _ := f.GetCellValue("Money", ref); v != "2500000" {
		t.Errorf("Money!%s = %q, want 2500000", ref, v)
	}
	spouse, _ := find("Relationships", "Is", "spouse")
	if spouse["Who"] != "Arvid Kell" || spouse["Of"] != "Mira Kell" || spouse["Immediate family"] != "yes" {
		t.Errorf("spouse row: %v", spouse)
	}
	share, _ := find("Relationships", "Is", "owner")
	if share["Share (%)"] != "60" {
		t.Errorf("owner row: %v", share)
	}
	conviction, _ := find("Proceedings", "Proceeding", "conviction")
	if conviction["Status"] != "under_appeal" || conviction["Court"] != "High Court of Veridia" {
		t.Errorf("conviction row: %v", conviction)
	}
	// Every link on the corruption sheets lands on a cell holding the
	// same id.
	links := 0
	for sheet := range want {
		rows, _ := f.GetRows(sheet)
		for r := range rows {
			for c := range rows[r] {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				// Links are HYPERLINK("#'Sheet'!A5","id") formulas.
				formula, _ := f.GetCellFormula(sheet, ref)
				m := hyperlinkFormula.FindStringSubmatch(formula)
				if m == nil {
					continue
				}
				target := strings.ReplaceAll(m[1], `""`, `"`)
				links++
				name, cell, _ := strings.Cut(target, "!")
				got, _ := f.GetCellValue(strings.Trim(name, "'"), cell)
				if v, _ := f.GetCellValue(sheet, ref); got != v {
					t.Errorf("%s!%s (%q) links to %s, which holds %q", sheet, ref, v, target, got)
				}
			}
		}
	}
	if links < 25 {
		t.Errorf("only %d links on the corruption sheets", links)
	}
}

// hyperlinkFormula matches a link of the workbook and its target.
var hyperlinkFormula = regexp.MustCompile(`^HYPERLINK\("#((?:[^"]|"")*)","(?:[^"]|"")*"\)$`)

// TestNoCorruptionOutputsWithoutRecords: a case without corruption
// records gets no corruption tables, sheets or JSON keys.
func TestNoCorruptionOutputsWithoutRecords(t *testing.T) {
	out := t.TempDir()
	if _, err := Case(filepath.Join("testdata", "leak"), Options{OutDir: out, Formats: []string{"csv", "xlsx", "json"}}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Join(out, "leak"))
	for _, e := range entries {
		for _, table := range []string{"companies", "relationships", "money", "assets", "flows", "proceedings"} {
			if strings.Contains(e.Name(), "-"+table+"-") {
				t.Errorf("corruption table %s in a case without corruption records", e.Name())
			}
		}
	}
	data, _ := os.ReadFile(filepath.Join(out, "leak", "leak-public.json"))
	if strings.Contains(string(data), `"companies"`) {
		t.Error("companies key in the JSON of a case without corruption records")
	}
	f, err := excelize.OpenFile(filepath.Join(out, "leak", "leak-public.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, s := range f.GetSheetList() {
		if s == "Companies" || s == "Money" {
			t.Errorf("sheet %s in a case without corruption records", s)
		}
	}
}

// TestCorruptionIDsNamingAWithheldPersonAreNeutral: an asset and a flow
// whose file names carry the withheld relative's name are shown under
// neutral ids ("asset-N", "flow-N"), and the CSV tables read back with
// one row per record.
func TestCorruptionIDsNamingAWithheldPersonAreNeutral(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corruption")
	copyDir(t, corruptionCase, dir)
	for _, mv := range [][2]string{{"assets/silver-heron.yaml", "assets/mira-kell-yacht.yaml"}, {"flows/bribe-transfer.yaml", "flows/mira-kell-transfer.yaml"}} {
		if err := os.Rename(filepath.Join(dir, mv[0]), filepath.Join(dir, mv[1])); err != nil {
			t.Fatal(err)
		}
	}
	c, ds := dossier.Open(dir)
	if ds.Errors() > 0 {
		t.Fatal(ds)
	}
	out := t.TempDir()
	if _, err := Case(dir, Options{OutDir: out, Formats: []string{"json", "csv"}, Audience: model.Public}); err != nil {
		t.Fatal(err)
	}
	found, err := leaktest.ScanDir(out, redact.NewInventory(c, model.Public).Matches)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range found {
		t.Errorf("leaked: %s", f)
	}
	read := func(table string) [][]string {
		data, err := os.ReadFile(filepath.Join(out, "corruption", "corruption-"+table+"-public.csv"))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		return rows
	}
	assets, flows := read("assets"), read("flows")
	if len(assets)-1 != 4 || len(flows)-1 != 2 {
		t.Fatalf("assets %d, flows %d rows", len(assets)-1, len(flows)-1)
	}
	ids := ""
	for _, r := range append(assets[1:], flows[1:]...) {
		ids += r[0] + " "
	}
	if !strings.Contains(ids, "asset-") || !strings.Contains(ids, "flow-") {
		t.Errorf("ids %q: want neutral asset- and flow- ids", ids)
	}
	for table, n := range map[string]int{"companies": 3, "relationships": 8, "money": 4, "proceedings": 5} {
		if got := len(read(table)) - 1; got != n {
			t.Errorf("%s: %d rows, want %d", table, got, n)
		}
	}
}
