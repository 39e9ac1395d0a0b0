package pdf_test

import (
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
