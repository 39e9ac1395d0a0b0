package pdf_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier/model"
)

const corruptionCase = "../testdata/corruption"

// TestCorruptionSections: the dossiers of the fictional corruption case,
// read back with pdftotext, hold every corruption section with its cited
// lines, for the UK anti-corruption regime and US Global Magnitsky, in
// the official's own dossier and in the combined one; proceedings are
// printed as proceedings, under the note that they are not findings.
func TestCorruptionSections(t *testing.T) {
	need(t, "pdftotext")
	_, d := loadModel(t, corruptionCase, model.Public)
	files := render(t, d, "uk-gacr", "us-glomag")
	for _, tc := range []struct {
		file string
		want []string
	}{
		{"corruption-arvid-kell-uk-gacr-public.pdf", []string{
			"Companies and relationships", "Arvid Kell is the beneficial owner of Harbour Trust [",
			"Lena Kell is a child of Arvid Kell (immediate family) [", "Tomas Brandt acts or acted for or on behalf of Arvid Kell [",
			"Pellet Nominees Ltd is a nominee or front for Arvid Kell [",
			"Pellet Nominees Ltd: Company; registered in Isle of Corran; registration number IC-7731; incorporated 2020 [",
			"Money and assets", "none is converted, and none is added to another",
			"Bribe or kickback: USD 2,500,000 (2021): Bribe for the northern rail contract [",
			"USD 2,500,000 (bribe or kickback) from Account at Corran Commercial Bank to Harbour Trust (2021)",
			"Villa in Port Corran: Real estate; Port Corran; Isle of Corran; held by Harbour Trust; valued at EUR 4,200,000; Frozen (as of 20 March 2023) [",
			"Proceedings", "is not a finding of this submission",
			"Investigation (Veridia Anti-Corruption Bureau, Veridia, 15 March 2023). Status: Open.",
			"Charge or indictment (Prosecutor General of Veridia, Veridia, January 2024). Status: Pending. Charged with accepting a bribe. [",
			"Victims concerned", "Veridia Rail", "The public of Veridia", "Involvement in serious corruption",
			"Supports: a relationship of Arvid Kell", "Supports: a proceeding concerning Arvid Kell",
		}},
		{"corruption-tomas-brandt-us-glomag-public.pdf", []string{
			"Tomas Brandt owns Lumen Holdings Ltd (60%) [", "Tomas Brandt is a director or officer of Lumen Holdings Ltd [",
			"Lumen Holdings Ltd: Company; registered in Veridia; registration number VR-448812; incorporated 2019; 12 Quay Street, Port Corran [",
			"Contract value: USD 48,000,000 (May 2021; recorded for Lumen Holdings Ltd)",
			"Loss to a state body or company: about EUR 110,000,000 (recorded for Lumen Holdings Ltd; lost by Veridia Rail)",
			"USD 48,000,000 (contract value) from Veridia Rail to Lumen Holdings Ltd (May 2021)",
			"Account at Corran Commercial Bank: Bank account; Corran Commercial Bank; held by Lumen Holdings Ltd; Frozen [",
			"60 percent of Lumen Holdings Ltd: Shares or interest in a company; held by Tomas Brandt",
			"Conviction (High Court of Veridia, Veridia, February 28, 2024). Status: Under appeal (as of April 2, 2024). Convicted of bribery; appeal lodged. [",
			"Corruption, by or for a government official",
		}},
		{"corruption-northgate-logistics-us-glomag-public.pdf", []string{
			"Fee or commission: EUR 300,000: Fee for the invoices [", "Material assistance or support",
			"Investigation (Veridia Anti-Corruption Bureau). Status: Open. Under investigation for its invoices. [",
		}},
		{"corruption-uk-gacr-public.pdf", []string{
			"Arvid Kell is the beneficial owner of Harbour Trust [", "Tomas Brandt owns Lumen Holdings Ltd (60%) [",
			"Convicted of bribery; appeal lodged.", "Fee or commission: EUR 300,000",
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data, ok := files[tc.file]
			if !ok {
				t.Fatalf("no file %s", tc.file)
			}
			got := squash(text(t, data))
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q", w)
				}
			}
			// A proceeding is never a finding: no "convicted" in the
			// criteria or allegations of someone only charged.
			if strings.Contains(got, "Arvid Kell was convicted") {
				t.Errorf("a charge reads as a conviction")
			}
		})
	}
	// The family member without conduct gets no dossier of her own.
	for name := range files {
		if strings.Contains(name, "lena-kell") {
			t.Errorf("a dossier for a family member without conduct: %s", name)
		}
	}
}

// TestNoCorruptionSectionsWithoutRecords: a case without corruption
// records prints none of the corruption headings.
func TestNoCorruptionSectionsWithoutRecords(t *testing.T) {
	need(t, "pdftotext")
	for name, data := range steppeFiles(t, model.Public) {
		got := text(t, data)
		for _, h := range []string{"Companies and relationships", "Money and assets", "Proceedings"} {
			if strings.Contains(got, h) {
				t.Errorf("%s: heading %q in a case without corruption records", name, h)
			}
		}
	}
}

var wordBox = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)

// TestNetworkFigure: the network figure is drawn in each official's
// dossier of the corruption case, on both paper sizes; every box and
// every arrow's label is there as text, with its citations; and no word
// of the page is drawn over another (labels placed clear of boxes and of
// each other), which is what makes the figure legible when printed.
func TestNetworkFigure(t *testing.T) {
	need(t, "pdftotext")
	_, d := loadModel(t, corruptionCase, model.Public)
	files := render(t, d, "uk-gacr", "us-glomag")
	for _, tc := range []struct {
		file string
		want []string
	}{
		{"corruption-arvid-kell-uk-gacr-public.pdf", []string{"Arvid Kell", "Lena Kell", "Tomas Brandt", "Harbour Trust", "Pellet Nominees Ltd",
			"Yacht Silver Heron", "Villa in Port Corran", "Child", "Acting for or on behalf of", "Beneficial owner", "Nominee or front for",
			"Director or officer", "holds", "USD 2,500,000 (bribe or kickback)"}},
		{"corruption-tomas-brandt-us-glomag-public.pdf", []string{"Tomas Brandt", "Lumen Holdings Ltd", "Veridia Rail", "Owner (shareholder) 60%; Director or officer",
			"USD 48,000,000 (contract value)", "60 percent of Lumen Holdings Ltd"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data := files[tc.file]
			page := 0
			for p := 1; p <= 12 && page == 0; p++ {
				if strings.Contains(text(t, data, "-f", strconv.Itoa(p), "-l", strconv.Itoa(p)), "Figure:") {
					page = p
				}
			}
			if page == 0 {
				t.Fatal("no figure")
			}
			pg := strconv.Itoa(page)
			got := squash(text(t, data, "-f", pg, "-l", pg))
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("figure page lacks %q", w)
				}
			}
			if !regexp.MustCompile(`holds \[\d+\]`).MatchString(got) {
				t.Errorf("an arrow's label carries no citation")
			}
			type word struct {
				x0, y0, x1, y1 float64
				s              string
			}
			var words []word
			for _, m := range wordBox.FindAllStringSubmatch(run(t, data, "pdftotext", "-f", pg, "-l", pg, "-bbox", "-", "-"), -1) {
				var v [4]float64
				for i := range v {
					v[i], _ = strconv.ParseFloat(m[i+1], 64)
				}
				// The boxes pdftotext gives include the line's leading;
				// shrink them to the glyphs' core.
				words = append(words, word{v[0] + 0.5, v[1] + 1.5, v[2] - 0.5, v[3] - 1.5, m[5]})
			}
			if len(words) < 40 {
				t.Fatalf("only %d words on the figure page", len(words))
			}
			for i, a := range words {
				for _, b := range words[i+1:] {
					if a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1 {
						t.Errorf("%q and %q are drawn over each other", a.s, b.s)
					}
				}
			}
		})
	}
}
