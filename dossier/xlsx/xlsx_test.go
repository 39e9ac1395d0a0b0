package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/xuri/excelize/v2"
)

// sample is a small redacted model with the awkward values a workbook must
// survive: formula-like text, a withheld victim, partial dates and ranges.
func sample() *model.Dossier {
	date := func(s string) model.Date { d, _ := model.ParseDate(s); return d }
	rng := func(s string) model.DateRange { r, _ := model.ParseDateRange(s); return r }
	return &model.Dossier{
		Case: "sample", Title: "Sample case", Country: "Examplestan", Audience: model.Partner,
		Classification: "RESTRICTED", BuildDate: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), Withheld: 1,
		Officials: []*model.Official{
			{ID: "formula-man", Kind: model.Label{Value: "person", Label: "Person"}, Name: "=HYPERLINK(\"http://evil\",\"x\")",
				BirthDate: date("1970-02"), Evidence: []int{}, Allegations: []*model.Allegation{
					{ID: "formula-man-1", Official: "formula-man", Summary: "@SUM(A1:A9) and more", Date: rng("2020-07-30/2020-09-27"),
						Violations: []model.Label{{Value: "torture", Label: "Torture"}, {Value: "arbitrary_detention", Label: "Arbitrary detention"}},
						Role:       model.Label{Value: "perpetrated", Label: "Perpetrated"},
						Victims:    []model.VictimRef{{ID: "jana-novak", Name: "Jana Novák"}, {ID: "v-02", Name: "Victim V-02", Withheld: true}},
						Evidence:   []int{1, 2}, Sources: 2},
				}},
			{ID: "police", Kind: model.Label{Value: "organisation", Label: "Organisation"}, Name: "Police", Evidence: []int{}},
		},
		Victims: []*model.Victim{
			{ID: "jana-novak", Name: "Jana Novák", Status: model.Label{Value: "detained", Label: "Detained"}, Sensitivity: model.Label{Value: "public"},
				Occupation: "-blogger", Allegations: []string{"formula-man-1"}, Evidence: []int{}},
			{ID: "v-02", Name: "Victim V-02", Withheld: true, Status: model.Label{Value: "harassed", Label: "Harassed"}, Sensitivity: model.Label{Value: "restricted"},
				Allegations: []string{"formula-man-1"}, Evidence: []int{}},
		},
		Sources: []*model.Source{
			{ID: "report", Number: 1, Title: "+Report", Type: model.Label{Value: "report"}, Published: date("2021"), SHA256: strings.Repeat("a", 64), Excerpts: []int{1}},
			{ID: "letter", Number: 2, Title: "Letter", Type: model.Label{Value: "open_letter"}, Published: date("2021-03-10"), SHA256: strings.Repeat("b", 64), Excerpts: []int{2}},
		},
		Excerpts: []*model.Excerpt{
			{Number: 1, Source: "report", Quote: "=cmd|' /C calc'!A0", Paragraph: 2, Owner: "formula-man", OwnerKind: "official", OwnerName: "F", Supports: "allegation", Target: "formula-man-1"},
			{Number: 2, Source: "letter", Quote: "Victim V-02 was beaten", Paragraph: 1, Redacted: true, Owner: "formula-man", OwnerKind: "official", OwnerName: "F", Supports: "allegation", Target: "formula-man-1"},
		},
	}
}

func render(t testing.TB, d *model.Dossier) (model.File, *excelize.File) {
	t.Helper()
	files, err := Render(d, model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Name != "sample-partner.xlsx" {
		t.Fatalf("files = %v", files)
	}
	f, err := excelize.OpenReader(bytes.NewReader(files[0].Data))
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return files[0], f
}

func TestWorkbookMatchesModel(t *testing.T) {
	d := sample()
	_, f := render(t, d)
	txt, _ := loadText(os.DirFS(filepath.Join("..", "..", "templates")))
	wantSheets := []string{"Summary", "Officials", "Allegations", "Victims concerned", "Violations", "Victims", "Evidence", "Sources", "Lists"}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(wantSheets, "|") {
		t.Errorf("sheets = %v", got)
	}
	wantRows := map[string]int{"officials": 2, "allegations": 1, "concerns": 2, "violations": 2, "victims": 2, "evidence": 2, "sources": 2}
	for key, n := range wantRows {
		rows, err := f.GetRows(txt.Sheets[key])
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != n+1 {
			t.Errorf("%s: %d rows, want header + %d", key, len(rows), n)
			continue
		}
		for i, c := range txt.Columns[key] {
			if rows[0][i] != c.Header {
				t.Errorf("%s: header %d = %q, want %q", key, i, rows[0][i], c.Header)
			}
		}
		panes, _ := f.GetPanes(txt.Sheets[key])
		if !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header row is not frozen: %+v", key, panes)
		}
		tables, _ := f.GetTables(txt.Sheets[key])
		if len(tables) != 1 {
			t.Errorf("%s: want one Excel table with filter buttons, got %d", key, len(tables))
		}
	}
	// The pseudonym, never the name, stands for the withheld victim.
	if v, _ := f.GetCellValue("Victims", "B3"); v != "Victim V-02" {
		t.Errorf("Victims!B3 = %q", v)
	}
}

func TestHyperlinksResolve(t *testing.T) {
	_, f := render(t, sample())
	checked := 0
	for _, sheet := range []string{"Allegations", "Victims concerned", "Violations", "Evidence"} {
		rows, _ := f.GetRows(sheet)
		for r := range rows {
			for c := range rows[r] {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				ok, target, err := f.GetCellHyperLink(sheet, ref)
				if err != nil || !ok {
					continue
				}
				checked++
				sheetName, cellRef, found := strings.Cut(target, "!")
				if !found {
					t.Errorf("%s!%s links to %q, not a cell", sheet, ref, target)
					continue
				}
				sheetName = strings.Trim(sheetName, "'")
				got, err := f.GetCellValue(sheetName, cellRef)
				want, _ := f.GetCellValue(sheet, ref)
				if err != nil || got != want {
					t.Errorf("%s!%s (%q) links to %s, which holds %q", sheet, ref, want, target, got)
				}
			}
		}
	}
	// 1 official + 2 concerns×2 + 2 violations + 2 excerpts×3 links.
	if checked != 13 {
		t.Errorf("checked %d links, want 13", checked)
	}
}

func TestValidationsAndDates(t *testing.T) {
	_, f := render(t, sample())
	for sheet, col := range map[string]string{"Victims": "D", "Allegations": "G", "Violations": "C", "Sources": "D"} {
		dvs, err := f.GetDataValidations(sheet)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, dv := range dvs {
			if strings.HasPrefix(dv.Sqref, col+"2") && dv.Type == "list" && strings.Contains(dv.Formula1, "Lists") {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no drop-down list on column %s: %+v", sheet, col, dvs)
		}
	}
	// A range's date cell holds its start as a number; the text beside it is as written.
	raw, _ := f.GetCellValue("Allegations", "D2", excelize.Options{RawCellValue: true})
	serial, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		t.Fatalf("Allegations!D2 = %q is not a date cell", raw)
	}
	if got, _ := excelize.ExcelDateToTime(serial, false); !got.Equal(time.Date(2020, 7, 30, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("range start = %v", got)
	}
	if shown, _ := f.GetCellValue("Allegations", "D2"); shown != "2020-07-30" {
		t.Errorf("shown as %q", shown)
	}
	if text, _ := f.GetCellValue("Allegations", "E2"); text != "2020-07-30/2020-09-27" {
		t.Errorf("as written = %q", text)
	}
	// A year-only date shows as the year alone.
	if shown, _ := f.GetCellValue("Sources", "G2"); shown != "2021" {
		t.Errorf("a year-only date shows as %q", shown)
	}
}

func TestTextIsNeverAFormula(t *testing.T) {
	file, f := render(t, sample())
	for ref, want := range map[string]string{"Officials!B2": "=HYPERLINK(\"http://evil\",\"x\")", "Evidence!E2": "=cmd|' /C calc'!A0",
		"Sources!C2": "+Report", "Victims!F2": "-blogger", "Allegations!J2": "@SUM(A1:A9) and more"} {
		sheet, cell, _ := strings.Cut(ref, "!")
		got, _ := f.GetCellValue(sheet, cell)
		formula, _ := f.GetCellFormula(sheet, cell)
		if got != want || formula != "" {
			t.Errorf("%s = %q (formula %q), want the text %q", ref, got, formula, want)
		}
	}
	zr, _ := zip.NewReader(bytes.NewReader(file.Data), int64(len(file.Data)))
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") {
			continue
		}
		rc, _ := zf.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		if bytes.Contains(data, []byte("<f>")) || bytes.Contains(data, []byte("<f ")) {
			t.Errorf("%s holds a formula", zf.Name)
		}
	}
}

func TestLongTextIsCutVisibly(t *testing.T) {
	d := sample()
	d.Excerpts[1].Quote = strings.Repeat("Жана ", 9000) // 45,000 characters
	file, f := render(t, d)
	got, _ := f.GetCellValue("Evidence", "E3")
	if n := len(utf16.Encode([]rune(got))); n > maxCellChars {
		t.Errorf("cell holds %d characters, over Excel's limit", n)
	}
	if !strings.Contains(got, "[truncated: ") || !strings.HasPrefix(got, "Жана Жана") {
		t.Errorf("no visible marker: …%q", got[len(got)-120:])
	}
	if len(file.Warnings) != 1 || !strings.Contains(file.Warnings[0], "Evidence!E3") {
		t.Errorf("warnings = %q", file.Warnings)
	}
	if files := libreOfficeCSV(t, file); files != nil && len(files["Evidence"]) != 3 {
		t.Errorf("LibreOffice reads %d Evidence rows", len(files["Evidence"]))
	}
}

func TestRenderIsReproducible(t *testing.T) {
	a, _ := render(t, sample())
	b, _ := render(t, sample())
	if !bytes.Equal(a.Data, b.Data) {
		t.Error("two renders of one model differ")
	}
}

// libreOfficeCSV converts every sheet to CSV with LibreOffice, as a
// partner's office suite would open the file, and returns the rows by
// sheet name. Without LibreOffice it skips, except on CI.
func libreOfficeCSV(t *testing.T, file model.File) map[string][][]string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("LibreOffice is not installed (apt-get install libreoffice-calc)")
		}
		t.Skip("LibreOffice is not installed")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "book.xlsx")
	os.WriteFile(in, file.Data, 0o644)
	out := filepath.Join(dir, "csv")
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", out, in)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice failed: %v\n%s", err, msg)
	}
	sheets := map[string][][]string{}
	matches, _ := filepath.Glob(filepath.Join(out, "book-*.csv"))
	for _, m := range matches {
		data, _ := os.ReadFile(m)
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		sheets[strings.TrimSuffix(strings.TrimPrefix(filepath.Base(m), "book-"), ".csv")] = rows
	}
	if len(sheets) == 0 {
		t.Fatalf("LibreOffice wrote no CSV")
	}
	return sheets
}

func TestLibreOfficeReadsEverySheet(t *testing.T) {
	d := sample()
	file, _ := render(t, d)
	sheets := libreOfficeCSV(t, file)
	want := map[string]int{"Officials": 3, "Allegations": 2, "Victims concerned": 3, "Violations": 3, "Victims": 3, "Evidence": 3, "Sources": 3}
	for name, n := range want {
		if len(sheets[name]) != n {
			t.Errorf("%s: LibreOffice reads %d rows, want %d", name, len(sheets[name]), n)
		}
	}
	if got := sheets["Victims"][1][1]; got != "Jana Novák" {
		t.Errorf("Victims row 1 name = %q", got)
	}
	if got := sheets["Officials"][1][1]; got != d.Officials[0].Name {
		t.Errorf("formula-like name became %q in LibreOffice", got)
	}
	if got := sheets["Allegations"][1][4]; got != "2020-07-30/2020-09-27" {
		t.Errorf("date as written = %q", got)
	}
}

// BenchmarkRenderXLSX renders a model with 5,000 excerpts, 500 victims and
// 250 allegations.
func BenchmarkRenderXLSX(b *testing.B) {
	d := sample()
	d.Excerpts = nil
	for i := 1; i <= 5000; i++ {
		d.Excerpts = append(d.Excerpts, &model.Excerpt{Number: i, Source: "report", Quote: fmt.Sprintf("Excerpt %d quoting a passage of moderate length about a detention.", i), Paragraph: i % 40, Owner: "police", OwnerKind: "official", Supports: "allegation"})
	}
	for i := 0; i < 500; i++ {
		d.Victims = append(d.Victims, &model.Victim{ID: fmt.Sprintf("v-%03d", i), Name: fmt.Sprintf("Victim V-%03d", i), Withheld: true, Status: model.Label{Value: "detained"}})
	}
	for i := 0; i < 250; i++ {
		d.Officials[1].Allegations = append(d.Officials[1].Allegations, &model.Allegation{ID: fmt.Sprintf("police-%d", i), Official: "police", Summary: "Detention.", Violations: []model.Label{{Value: "arbitrary_detention"}}, Victims: []model.VictimRef{{ID: fmt.Sprintf("v-%03d", i)}, {ID: fmt.Sprintf("v-%03d", i+250)}}})
	}
	var size int
	for b.Loop() {
		files, err := Render(d, model.Options{})
		if err != nil {
			b.Fatal(err)
		}
		size = len(files[0].Data)
	}
	b.ReportMetric(float64(size)/1024, "KiB")
}

// TestDesignLimits: a sheet past the link or row limit still builds; ids
// past the link limit are plain text, records past the row limit are left
// out, and both are said in a warning and on the Summary sheet.
func TestDesignLimits(t *testing.T) {
	defer func(l, r int) { maxLinks, maxRows = l, r }(maxLinks, maxRows)
	maxLinks, maxRows = 1, 1
	d := sample()
	file, f := render(t, d)
	rows, _ := f.GetRows("Evidence")
	if len(rows) != 1+maxRows || len(d.Excerpts) <= maxRows {
		t.Errorf("Evidence has %d rows for %d excerpts, want header + %d", len(rows), len(d.Excerpts), maxRows)
	}
	for _, sheet := range []string{"Evidence", "Allegations"} {
		links := 0
		rows, _ := f.GetRows(sheet)
		for r := range rows {
			for c := range rows[r] {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if ok, _, _ := f.GetCellHyperLink(sheet, ref); ok {
					links++
				}
			}
		}
		if links > maxLinks {
			t.Errorf("sheet %s has %d links, over the limit of %d", sheet, links, maxLinks)
		}
	}
	warned := strings.Join(file.Warnings, "\n")
	for _, want := range []string{"plain text, not links", "records beyond the first 1 rows"} {
		if !strings.Contains(warned, want) {
			t.Errorf("no warning %q in:\n%s", want, warned)
		}
	}
	summary, _ := f.GetRows("Summary")
	var text []string
	for _, r := range summary {
		text = append(text, strings.Join(r, " "))
	}
	if s := strings.Join(text, "\n"); !strings.Contains(s, "Sheet Evidence: only the first 1 records fit") || !strings.Contains(s, "ids link to the row of their record for the first 1 links only") {
		t.Errorf("the Summary sheet does not say what was left out:\n%s", s)
	}
}
