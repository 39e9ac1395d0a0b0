package pdf_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/pdf"
)

// synthetic is a minimal valid model with one official, one source and
// one allegation, for tests that need odd data.
func synthetic() *model.Dossier {
	src := &model.Source{ID: "report", Number: 1, Title: "Report", Type: model.Label{Value: "report", Label: "Report"},
		Publisher: "Monitor", File: "report.txt", SHA256: strings.Repeat("ab", 32), Excerpts: []int{1}}
	x := &model.Excerpt{Number: 1, Source: "report", Quote: "the police detained her", Passage: "the police detained her",
		Paragraph: 3, Owner: "o", OwnerKind: "official", OwnerName: "Officer", Supports: "allegation", Target: "o-1"}
	o := &model.Official{ID: "o", Kind: model.Label{Value: "person", Label: "Person"}, Name: "Officer",
		Allegations: []*model.Allegation{{ID: "o-1", Official: "o", Summary: "Detained her.",
			Violations: []model.Label{{Value: "arbitrary_detention", Label: "Arbitrary detention"}, {Value: "ill_treatment", Label: "Ill-treatment"}},
			Role:       model.Label{Value: "perpetrated", Label: "Perpetrated"}, Conduct: true, Evidence: []int{1}, Sources: 1}}}
	return &model.Dossier{Case: "edge", Title: "Edge case", Country: "Examplestan", BuildDate: buildDate,
		Audience: model.Partner, Classification: "RESTRICTED", Officials: []*model.Official{o},
		Sources: []*model.Source{src}, Excerpts: []*model.Excerpt{x}}
}

// TestLongValuesBreakAcrossPages: a table cell far taller than a page (a
// person with 150 recorded spellings) and a very long quotation break
// across pages line by line; nothing is cut off.
func TestLongValuesBreakAcrossPages(t *testing.T) {
	need(t, "pdftotext")
	d := synthetic()
	o := d.Officials[0]
	for i := 1; i <= 150; i++ {
		o.Aliases = append(o.Aliases, model.Alias{Name: fmt.Sprintf("Spelling number %03d Ауэзов", i), Script: "latin"})
	}
	long := strings.Repeat("a long passage that goes on and on ", 300) + "THE END"
	d.Excerpts[0].Quote, d.Excerpts[0].Passage = long, long
	files := render(t, d, "uk-ghr")
	got := squash(text(t, files["edge-o-uk-ghr-partner.pdf"]))
	for _, want := range []string{"Spelling number 001 Ауэзов", "Spelling number 150 Ауэзов", "THE END”"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q is missing: the content ran off a page", want)
		}
	}
	if n := strings.Count(got, "Page "); n < 6 {
		t.Errorf("only %d pages for a very long dossier", n)
	}
}

func TestBrokenPhotoFailsClearly(t *testing.T) {
	d := synthetic()
	d.Officials[0].Photo = &model.Photo{File: "officials/o.png", Data: []byte("\x89PNG not really")}
	_, err := pdf.Render(d, model.Options{Regimes: []string{"uk-ghr"}})
	if err == nil || !strings.Contains(err.Error(), "photo of o (officials/o.png)") {
		t.Errorf("err = %v", err)
	}
}

// TestAwkwardText: characters outside the fonts' plane, control
// characters and empty fields must neither crash nor corrupt the file.
func TestAwkwardText(t *testing.T) {
	need(t, "qpdf")
	d := synthetic()
	d.Title = "Edge 😀 case\twith\x07 controls"
	d.Officials[0].Name = "Officer 𝒳"
	d.Officials[0].Allegations[0].Summary = ""
	d.Organisation, d.Country = "", ""
	data := render(t, d, "us-glomag")["edge-o-us-glomag-partner.pdf"]
	run(t, nil, "qpdf", "--check", withFile(t, data))
}
