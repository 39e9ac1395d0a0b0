package csvout

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier/model"
)

func TestNeutralise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")"},
		{"+7 700 000", "'+7 700 000"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tTAB", "'\tTAB"},
		{"\rCR", "'\rCR"},
		{"Jana Novák", "Jana Novák"},
		{"2020-02", "2020-02"},
		{"", ""},
		{"a=b", "a=b"},
		{"\n=1+1", "'\n=1+1"},
		{"\r\n@SUM(A1)", "'\r\n@SUM(A1)"},
		{"  =1+1", "'  =1+1"},
		{"a\x1b[31mred", "a\ufffd[31mred"},
		{"nul\x00del\x7fc1\u0085", "nul\ufffddel\ufffdc1\ufffd"},
		{"two\nlines", "two\nlines"},
	}
	for _, tt := range tests {
		if got := Neutralise(tt.in); got != tt.want {
			t.Errorf("Neutralise(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEncodeIsRFC4180(t *testing.T) {
	data, err := Encode([][]string{{"name", "quote"}, {"=cmd|' /C calc'!A0", "she said \"no\",\nthen left"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "name,quote\r\n'=cmd|' /C calc'!A0,\"she said \"\"no\"\",\r\nthen left\"\r\n"
	if string(data) != want {
		t.Errorf("got %q\nwant %q", data, want)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil || len(rows) != 2 || rows[1][1] != "she said \"no\",\nthen left" {
		t.Errorf("round trip: %q, %v", rows, err)
	}
}

func TestRenderTables(t *testing.T) {
	d := &model.Dossier{
		Case: "c", Audience: model.Public,
		Officials: []*model.Official{{ID: "o", Name: "=Evil Official", Kind: model.Label{Value: "person"},
			Allegations: []*model.Allegation{{ID: "o-1", Official: "o", Summary: "@summary", Violations: []model.Label{{Value: "torture"}},
				Victims: []model.VictimRef{{ID: "v-01", Name: "Victim V-01", Withheld: true}}, Evidence: []int{1}}}}},
		Victims:  []*model.Victim{{ID: "v-01", Name: "Victim V-01", Withheld: true, Status: model.Label{Value: "detained"}}},
		Sources:  []*model.Source{{ID: "s", Number: 1, Title: "Report", Excerpts: []int{1}}},
		Excerpts: []*model.Excerpt{{Number: 1, Source: "s", Quote: "-quoted", Paragraph: 2}},
	}
	files, err := Render(d, model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"c-officials-public.csv": 2, "c-allegations-public.csv": 2, "c-victims-public.csv": 2, "c-evidence-public.csv": 2, "c-sources-public.csv": 2,
		"c-existing-sanctions-public.csv": 1, "c-contrary-information-public.csv": 1, "c-associates-public.csv": 1}
	if len(files) != len(want) {
		t.Fatalf("files = %d", len(files))
	}
	for _, f := range files {
		rows, err := csv.NewReader(bytes.NewReader(f.Data)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if len(rows) != want[f.Name] {
			t.Errorf("%s: %d rows, want %d", f.Name, len(rows), want[f.Name])
		}
		for _, row := range rows[1:] {
			for _, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
					t.Errorf("%s: cell %q would run as a formula", f.Name, cell)
				}
			}
		}
	}
}

// TestAliasNotesTravel: an alias's script and note are in the CSV as in
// the PDF, so an added spelling never reads as a sourced fact.
func TestAliasNotesTravel(t *testing.T) {
	d := &model.Dossier{Case: "c", Audience: model.Public, Officials: []*model.Official{{ID: "o", Name: "Elena Semenova",
		Kind: model.Label{Value: "person"}, Aliases: []model.Alias{{Name: "Elena Semyenova", Script: "latin", Note: "spelling used in one source"}}}}}
	rows := officials(d)
	if got, want := rows[1][3], "Elena Semyenova (Latin; spelling used in one source)"; got != want {
		t.Errorf("aliases cell = %q, want %q", got, want)
	}
}

// TestOfficialContextTables: existing sanctions, contrary information and
// associates each get a table, a row per item, with their evidence.
func TestOfficialContextTables(t *testing.T) {
	date, _ := model.ParseDate("2020-07-09")
	d := &model.Dossier{Case: "c", Audience: model.Public, Officials: []*model.Official{{
		ID: "chen", Name: "Chen Quanguo",
		Sanctions:  []model.Sanction{{Authority: "US Treasury", Programme: "GLOMAG", Regime: "us-glomag", Date: date, Evidence: []int{3}}},
		Contrary:   []model.Contrary{{Summary: "Denies the allegations.", Evidence: []int{4}}},
		Associates: []model.Associate{{Name: "A. Relative", Relationship: "spouse", Evidence: []int{5}}},
	}}}
	got := map[string][][]string{}
	for _, tb := range Tables(d) {
		got[tb.Name] = tb.Rows
	}
	for name, want := range map[string][]string{
		"existing-sanctions":   {"chen", "Chen Quanguo", "US Treasury", "GLOMAG", "us-glomag", "2020-07-09", "E3"},
		"contrary-information": {"chen", "Chen Quanguo", "Denies the allegations.", "E4"},
		"associates":           {"chen", "Chen Quanguo", "A. Relative", "spouse", "E5"},
	} {
		rows := got[name]
		if len(rows) != 2 || strings.Join(rows[1], "|") != strings.Join(want, "|") {
			t.Errorf("%s = %q, want one row %q", name, rows, want)
		}
	}
}

// TestCaptureAndBundleColumns: a source's capture record and original,
// and an excerpt's place in the evidence bundle, are in their columns;
// a source without them, or an excerpt outside any bundle, leaves them
// empty.
func TestCaptureAndBundleColumns(t *testing.T) {
	d := &model.Dossier{Case: "c", Audience: model.Public,
		Sources: []*model.Source{
			{ID: "s", Number: 1, Capture: &model.Capture{By: "research team", Method: model.Label{Value: "browser_save"}, Extent: model.Label{Value: "complete"},
				ReprintOf:   &model.Reprint{Title: "Original story", URL: "https://example.org/a"},
				Translation: &model.Translation{Method: model.Label{Value: "person"}, FromLanguage: "ru"}},
				Original: &model.Original{File: "page.html", SHA256: "ab12", Withheld: true}},
			{ID: "t", Number: 2},
		},
		Excerpts: []*model.Excerpt{{Number: 1, Source: "s", Bundle: &model.BundlePlace{Page: "KZ-000012", Paragraph: 7}}, {Number: 2, Source: "t"}},
	}
	cells := func(rows [][]string, row int, keys ...string) []string {
		col := map[string]int{}
		for i, k := range rows[0] {
			col[k] = i
		}
		var out []string
		for _, k := range keys {
			if len(rows[row]) != len(rows[0]) {
				t.Fatalf("row %d has %d cells, the header %d", row, len(rows[row]), len(rows[0]))
			}
			out = append(out, rows[row][col[k]])
		}
		return out
	}
	tests := []struct {
		name string
		rows [][]string
		row  int
		keys []string
		want []string
	}{
		{"source with capture and original", sources(d), 1,
			[]string{"captured_by", "capture_method", "capture_extent", "reprint_of", "translation", "original_file", "original_sha256", "original_withheld"},
			[]string{"research team", "browser_save", "complete", "Original story; https://example.org/a", "person; ru", "page.html", "ab12", "true"}},
		{"source without", sources(d), 2,
			[]string{"captured_by", "capture_method", "reprint_of", "original_file", "original_withheld"},
			[]string{"", "", "", "", ""}},
		{"excerpt in the bundle", evidence(d), 1, []string{"bundle_page", "bundle_paragraph"}, []string{"KZ-000012", "7"}},
		{"excerpt outside", evidence(d), 2, []string{"bundle_page", "bundle_paragraph"}, []string{"", ""}},
	}
	for _, tt := range tests {
		if got := cells(tt.rows, tt.row, tt.keys...); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
