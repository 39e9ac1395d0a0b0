package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
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
	file, f := render(t, sample())
	links := checkLinks(t, file, f)
	// 1 official + 2 concerns×2 + 2 violations + 2 excerpts×3 links.
	if len(links) != 13 {
		t.Errorf("checked %d links, want 13", len(links))
	}
	for _, l := range links {
		if l.sheet == "Evidence" && l.ref == "B2" && (l.text != "report" || l.target != "'Sources'!B2") {
			t.Errorf("Evidence!B2 = %+v, want a link to source report at 'Sources'!B2", l)
		}
	}
}

// formulaCell is a cell of a worksheet that holds a formula, as the file
// has it.
type formulaCell struct {
	sheet, ref string
	formula    string // without the leading "="
	typ        string // the cell's t attribute
	cached     string // the result written with the formula
}

// formulaCells opens the workbook as a zip and returns every cell that
// holds a formula, naming its sheet from the workbook's relationships.
func formulaCells(t testing.TB, data []byte) []formulaCell {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) []byte {
		for _, zf := range zr.File {
			if zf.Name == name {
				rc, err := zf.Open()
				if err != nil {
					t.Fatal(err)
				}
				defer rc.Close()
				b, err := io.ReadAll(rc)
				if err != nil {
					t.Fatal(err)
				}
				return b
			}
		}
		t.Fatalf("no %s in the workbook", name)
		return nil
	}
	var book struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(read("xl/workbook.xml"), &book); err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(read("xl/_rels/workbook.xml.rels"), &rels); err != nil {
		t.Fatal(err)
	}
	var out []formulaCell
	for _, sh := range book.Sheets {
		target := ""
		for _, r := range rels.Rels {
			if r.ID == sh.RID {
				target = "xl/" + strings.TrimPrefix(r.Target, "/xl/")
			}
		}
		var ws struct {
			Cells []struct {
				R string  `xml:"r,attr"`
				T string  `xml:"t,attr"`
				F *string `xml:"f"`
				V string  `xml:"v"`
			} `xml:"sheetData>row>c"`
		}
		if err := xml.Unmarshal(read(target), &ws); err != nil {
			t.Fatal(err)
		}
		for _, c := range ws.Cells {
			if c.F != nil {
				out = append(out, formulaCell{sheet: sh.Name, ref: c.R, formula: *c.F, typ: c.T, cached: c.V})
			}
		}
	}
	return out
}

// link is a HYPERLINK formula read back: the text it shows and the cell
// it jumps to.
type link struct {
	sheet, ref   string
	text, target string
}

// parseHyperlink reads HYPERLINK("#location","text") the way a
// spreadsheet does, text constants ending at a double quote that is not
// doubled; anything else, or anything after, fails.
func parseHyperlink(formula string) (location, text string, ok bool) {
	constant := func(s string) (value, rest string, ok bool) {
		if !strings.HasPrefix(s, `"`) {
			return "", "", false
		}
		var b strings.Builder
		for i := 1; i < len(s); i++ {
			if s[i] != '"' {
				b.WriteByte(s[i])
			} else if i+1 < len(s) && s[i+1] == '"' {
				b.WriteByte('"')
				i++
			} else {
				return b.String(), s[i+1:], true
			}
		}
		return "", "", false
	}
	rest, ok := strings.CutPrefix(formula, "HYPERLINK(")
	if !ok {
		return "", "", false
	}
	if location, rest, ok = constant(rest); !ok {
		return "", "", false
	}
	if rest, ok = strings.CutPrefix(rest, ","); !ok {
		return "", "", false
	}
	if text, rest, ok = constant(rest); !ok || rest != ")" {
		return "", "", false
	}
	return location, text, true
}

// parseLocation splits "#'Sheet'!A5" into the sheet and the cell, single
// quotes doubled inside the sheet name.
func parseLocation(loc string) (sheet, cell string, ok bool) {
	rest, ok := strings.CutPrefix(loc, "#'")
	if !ok {
		return "", "", false
	}
	var b strings.Builder
	for i := 0; i < len(rest); i++ {
		if rest[i] != '\'' {
			b.WriteByte(rest[i])
		} else if i+1 < len(rest) && rest[i+1] == '\'' {
			b.WriteByte('\'')
			i++
		} else {
			cell, ok := strings.CutPrefix(rest[i+1:], "!")
			if _, _, err := excelize.CellNameToCoordinates(cell); !ok || err != nil {
				return "", "", false
			}
			return b.String(), cell, true
		}
	}
	return "", "", false
}

// checkLinks checks every formula of a workbook: each is a HYPERLINK made
// by the renderer, whose result is written with it as a string, equal to
// the text it shows and to the cell it jumps to. It returns the links.
func checkLinks(t *testing.T, file model.File, f *excelize.File) []link {
	t.Helper()
	var links []link
	for _, c := range formulaCells(t, file.Data) {
		loc, text, ok := parseHyperlink(c.formula)
		if !ok {
			t.Errorf("%s!%s holds a formula that is not one HYPERLINK of two texts: %q", c.sheet, c.ref, c.formula)
			continue
		}
		if c.typ != "str" || c.cached != text {
			t.Errorf("%s!%s: formula %q has result %q of type %q, want the string %q written with it", c.sheet, c.ref, c.formula, c.cached, c.typ, text)
		}
		sheet, ref, ok := parseLocation(loc)
		if !ok {
			t.Errorf("%s!%s links to %q, not a cell of a sheet", c.sheet, c.ref, loc)
			continue
		}
		if got, err := f.GetCellValue(sheet, ref); err != nil || got != text {
			t.Errorf("%s!%s (%q) links to %s!%s, which holds %q (%v)", c.sheet, c.ref, text, sheet, ref, got, err)
		}
		links = append(links, link{sheet: c.sheet, ref: c.ref, text: text, target: loc[1:]})
	}
	return links
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
	// The only formulas are the 13 links the renderer made (checkLinks
	// fails on any other formula).
	if n := len(checkLinks(t, file, f)); n != 13 {
		t.Errorf("%d formulas, want the 13 links", n)
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

// TestDesignLimits: a sheet past the row limit still builds, with the
// records past it left out; every id links, however many (past
// excelize's and Excel's 65,530 hyperlink relationships a sheet, as
// formulas); an id that cannot be a formula's text (over 255 characters)
// is plain text. What is left out is said in a warning and on the
// Summary sheet.
func TestDesignLimits(t *testing.T) {
	summaryText := func(f *excelize.File) string {
		rows, _ := f.GetRows("Summary")
		var text []string
		for _, r := range rows {
			text = append(text, strings.Join(r, " "))
		}
		return strings.Join(text, "\n")
	}
	t.Run("rows", func(t *testing.T) {
		defer func(r int) { maxRows = r }(maxRows)
		maxRows = 1
		d := sample()
		file, f := render(t, d)
		rows, _ := f.GetRows("Evidence")
		if len(rows) != 1+maxRows || len(d.Excerpts) <= maxRows {
			t.Errorf("Evidence has %d rows for %d excerpts, want header + %d", len(rows), len(d.Excerpts), maxRows)
		}
		if warned := strings.Join(file.Warnings, "\n"); !strings.Contains(warned, "records beyond the first 1 rows") {
			t.Errorf("no warning of the rows left out in:\n%s", warned)
		}
		if s := summaryText(f); !strings.Contains(s, "Sheet Evidence: only the first 1 records fit") {
			t.Errorf("the Summary sheet does not say what was left out:\n%s", s)
		}
	})
	t.Run("every id links", func(t *testing.T) {
		d := sample()
		const excerpts = 23_000 // 69,000 links on sheet Evidence
		d.Excerpts = nil
		for i := 1; i <= excerpts; i++ {
			d.Excerpts = append(d.Excerpts, &model.Excerpt{Number: i, Source: "report", Quote: fmt.Sprintf("Quote %d", i), Owner: "formula-man", OwnerKind: "official", Supports: "allegation", Target: "formula-man-1"})
		}
		file, _ := render(t, d)
		links := 0
		for _, c := range formulaCells(t, file.Data) {
			if c.sheet == "Evidence" {
				links++
			}
		}
		if links != 3*excerpts {
			t.Errorf("sheet Evidence has %d links, want %d (source, what it supports, whose)", links, 3*excerpts)
		}
		if len(file.Warnings) != 0 {
			t.Errorf("warnings: %q", file.Warnings)
		}
	})
	t.Run("id too long for a formula", func(t *testing.T) {
		d := sample()
		long := strings.Repeat("r", maxFormulaText+1)
		d.Sources[0].ID, d.Excerpts[0].Source = long, long
		file, f := render(t, d)
		if got, _ := f.GetCellValue("Evidence", "B2"); got != long {
			t.Errorf("Evidence!B2 = %q, want the id as text", got)
		}
		if formula, _ := f.GetCellFormula("Evidence", "B2"); formula != "" {
			t.Errorf("Evidence!B2 links: %q", formula)
		}
		if n := len(checkLinks(t, file, f)); n != 12 {
			t.Errorf("%d links, want the other 12", n)
		}
		if warned := strings.Join(file.Warnings, "\n"); !strings.Contains(warned, "sheet Evidence: 1 ids are plain text, not links") {
			t.Errorf("no warning of the id left unlinked in:\n%s", warned)
		}
		if s := summaryText(f); !strings.Contains(s, "Sheet Evidence: 1 ids are plain text, not links") {
			t.Errorf("the Summary sheet does not say which ids do not link:\n%s", s)
		}
	})
}

// TestHostileLinkText: sheet names (from the templates) and ids (from the
// model, whatever validation allows) with single and double quotes,
// parentheses and commas stay inside the text constants of their
// HYPERLINK formula: each formula reads back as one HYPERLINK of two
// texts, shows the id and jumps to the cell that holds it, and
// LibreOffice shows the same ids.
func TestHostileLinkText(t *testing.T) {
	dir := filepath.Join("..", "..", "templates")
	xlsxYAML, err := os.ReadFile(filepath.Join(dir, "text", "xlsx.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	vocabulary, err := os.ReadFile(filepath.Join(dir, "vocabulary.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	const allegations = `All"),HYPERLINK("x`
	sheets := map[string]string{ // YAML single-quoted: '' is one quote
		"  officials: Officials\n":     `  officials: 'O"ff''i,cials'` + "\n",
		"  allegations: Allegations\n": `  allegations: '` + allegations + `'` + "\n",
		"  victims: Victims\n":         `  victims: 'Vic''''tims"""'` + "\n",
		"  sources: Sources\n":         `  sources: 'S"o''u!rce'` + "\n",
	}
	text := string(xlsxYAML)
	for from, to := range sheets {
		if !strings.Contains(text, from) {
			t.Fatalf("templates/text/xlsx.yaml has no %q", from)
		}
		text = strings.Replace(text, from, to, 1)
	}
	fsys := fstest.MapFS{"text/xlsx.yaml": {Data: []byte(text)}, "vocabulary.yaml": {Data: vocabulary}}

	d := sample()
	official := `x"),HYPERLINK("http://evil","y`
	source := `it's "quoted"`
	victim := `o'brien""`
	escaped := "v_x0022_),1+(_x0022_"
	d.Officials[0].ID, d.Officials[0].Allegations[0].Official = official, official
	for _, e := range d.Excerpts {
		e.Owner = official
	}
	d.Sources[0].ID, d.Excerpts[0].Source = source, source
	d.Victims[0].ID, d.Officials[0].Allegations[0].Victims[0].ID = victim, victim
	d.Victims[1].ID, d.Officials[0].Allegations[0].Victims[1].ID = escaped, escaped

	files, err := Render(d, model.Options{Templates: fsys})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(files[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	links := checkLinks(t, files[0], f)
	shown := map[string]int{}
	for _, l := range links {
		shown[l.text]++
	}
	// The official: from its allegation and as the owner of both excerpts;
	// the source: from excerpt 1; the victim: from its concern.
	for id, n := range map[string]int{official: 3, source: 1, victim: 1} {
		if shown[id] != n {
			t.Errorf("%d links show %q, want %d", shown[id], id, n)
		}
	}
	// An id holding an _xHHHH_ escape, which a reader may decode inside a
	// formula, is text, not a link.
	if shown[escaped] != 0 {
		t.Errorf("%q is a link", escaped)
	}
	lo := libreOfficeCSV(t, files[0])
	for sheet, want := range map[string]map[string]bool{
		allegations:         {official: true},
		"Victims concerned": {victim: true, escaped: true},
		"Evidence":          {source: true, official: true},
	} {
		found := map[string]bool{}
		for _, row := range lo[sheet] {
			for _, v := range row {
				if want[v] {
					found[v] = true
				}
			}
		}
		if len(found) != len(want) {
			t.Errorf("LibreOffice's sheet %q shows %v of %v", sheet, found, want)
		}
	}
}
