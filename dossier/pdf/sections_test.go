package pdf_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/pdf"
)

// filled is the synthetic case with every section's field filled.
func filled() *model.Dossier {
	d := synthetic()
	d.Organisation, d.Contact = "Steppe Rights Monitor", "desk@steppe-rights.example"
	d.SubmitterDescription = "A monitoring group that documents detentions."
	d.NationalInterest = "Designation would support the recipient's stated policy on peaceful assembly."
	d.Confidentiality = "We ask that this submission not be published."
	o := d.Officials[0]
	for i, q := range []struct{ quote, supports string }{{"Canada listed the officer", "sanction"}, {"the police called it lawful", "contrary"}} {
		d.Excerpts = append(d.Excerpts, &model.Excerpt{Number: i + 2, Source: "report", Quote: q.quote, Passage: q.quote,
			Paragraph: 4 + i, Offset: 100 * (i + 1), Length: len(q.quote), Owner: "o", OwnerKind: "official", OwnerName: "Officer", Supports: q.supports})
		d.Sources[0].Excerpts = append(d.Sources[0].Excerpts, i+2)
	}
	o.Positions = []model.Position{{Title: "Head", Body: "City Police", Evidence: []int{1}}}
	r, err := model.ParseDateRange("2020-06-06")
	if err != nil {
		panic(err)
	}
	o.Allegations[0].Date, o.Allegations[0].Place = r, "Riverton"
	o.Sanctions = []model.Sanction{{Authority: "Government of Canada", Programme: "Special Economic Measures Regulations", Date: mustDate("2022-03-01"), Evidence: []int{2}}}
	o.Contrary = []model.Contrary{{Summary: "The police said the detention was lawful.", Evidence: []int{3}}}
	o.Associates = []model.Associate{{Name: "Marta Officer", Relationship: "spouse", Evidence: []int{1}}}
	return d
}

func mustDate(s string) model.Date {
	d, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// TestSectionsRender: each section a profile asks for is printed, with
// its citations, for a case that fills it; absent where the profile does
// not ask for it; and "Not provided." where the profile requires it and
// the case leaves it empty.
func TestSectionsRender(t *testing.T) {
	need(t, "pdftotext")
	cite := `\[\d+\]`
	full := map[string]string{}
	for name, data := range render(t, filled(), "us-glomag", "uk-ghr", "parliament") {
		full[name] = squash(text(t, data))
	}
	empty := map[string]string{}
	for name, data := range render(t, synthetic(), "us-glomag", "uk-ghr", "parliament") {
		empty[name] = squash(text(t, data))
	}
	for _, tc := range []struct {
		file    string
		m       map[string]string
		want    []string // regular expressions
		without []string // plain text
	}{
		{"edge-o-us-glomag-partner.pdf", full, []string{
			`Why the recipient should act Designation would support the recipient's stated policy on peaceful assembly\.`,
			`Submitting organisation Organisation Steppe Rights Monitor Who we are A monitoring group that documents detentions\. Contact desk@steppe-rights\.example`,
			`Request for confidentiality We ask that this submission not be published\.`,
			`Existing sanctions • Government of Canada: Special Economic Measures Regulations, March 1, 2022 ` + cite,
			`Contrary information .*• The police said the detention was lawful\. ` + cite,
			`an existing sanction of Officer`, `contrary information on Officer`,
			`Immediate family members and known associates .*• Marta Officer \(spouse\) ` + cite,
		}, []string{"Draft statement of reasons", "Not provided"}},
		{"edge-o-uk-ghr-partner.pdf", full, []string{
			`Draft statement of reasons .* Officer held the position of Head, City Police\. ` + cite + ` • 6 June 2020, Riverton: Detained her\. ` + cite,
			`Existing sanctions • Government of Canada: Special Economic Measures Regulations, 1 March 2022 ` + cite,
			`Contrary information`, `Submitting organisation Organisation Steppe Rights Monitor`,
		}, []string{"Why the recipient should act", "Marta Officer"}},
		{"edge-uk-ghr-partner.pdf", full, []string{`Existing sanctions`, `Contrary information`, `Draft statement of reasons`}, nil},
		{"edge-o-parliament-partner.pdf", full, []string{`Submitting organisation`, `Existing sanctions`, `Contrary information`, `Request for confidentiality`},
			[]string{"Draft statement of reasons", "Why the recipient should act"}},
		{"edge-o-us-glomag-partner.pdf", empty, []string{`Why the recipient should act Not provided\.`, `Submitting organisation Not provided\.`},
			[]string{"Existing sanctions", "Contrary information", "Request for confidentiality", "Draft statement of reasons", "Immediate family"}},
		{"edge-o-uk-ghr-partner.pdf", empty, []string{`Submitting organisation Not provided\.`, `Draft statement of reasons .* • Detained her\. ` + cite},
			[]string{"held the position", "Existing sanctions", "Contrary information", "Request for confidentiality"}},
		{"edge-o-parliament-partner.pdf", empty, nil,
			[]string{"Submitting organisation", "Not provided", "Existing sanctions", "Contrary information", "Request for confidentiality"}},
	} {
		got, ok := tc.m[tc.file]
		if !ok {
			t.Errorf("%s: not rendered", tc.file)
			continue
		}
		for _, w := range tc.want {
			if !regexp.MustCompile(w).MatchString(got) {
				t.Errorf("%s lacks %s", tc.file, w)
			}
		}
		for _, w := range tc.without {
			if strings.Contains(got, w) {
				t.Errorf("%s has %q", tc.file, w)
			}
		}
	}
}

// TestDesignatedNotAskedAgain: an official the recipient already
// designated is not asked for again; the dossier says who designated them
// and when, with the citation, and the other recipients' dossiers show the
// sanction among the existing ones and still ask.
func TestDesignatedNotAskedAgain(t *testing.T) {
	need(t, "pdftotext")
	d := filled()
	o := d.Officials[0]
	o.Sanctions = append(o.Sanctions, model.Sanction{Authority: "the Foreign Secretary", Programme: "the Global Human Rights Sanctions Regulations 2020", Regime: "uk-ghr", Date: mustDate("2021-02-01"), Evidence: []int{1}})
	d.Show.Readiness = true // the internal working note, to check its verdict
	files := render(t, d, "uk-ghr", "us-glomag")
	uk := squash(text(t, files["edge-o-uk-ghr-partner.pdf"]))
	for _, want := range []string{"Information on Officer, already designated", "Not requested again: already designated by the Foreign Secretary."} {
		if !strings.Contains(uk, want) {
			t.Errorf("the UK dossier lacks %q", want)
		}
	}
	if !regexp.MustCompile(`Request Officer was designated by the Foreign Secretary under the Global Human Rights Sanctions Regulations 2020 on 1 February 2021\. .*asks that the designation be maintained\. \[\d+\]`).MatchString(uk) {
		t.Errorf("the UK dossier does not say the official was designated, with a citation:\n%s", uk)
	}
	if strings.Contains(uk, "We respectfully ask the Foreign Secretary") {
		t.Error("the UK dossier asks again for a designation the UK made")
	}
	all := squash(text(t, files["edge-uk-ghr-partner.pdf"]))
	if !regexp.MustCompile(`Already designated by the Foreign Secretary under the Global Human Rights Sanctions Regulations 2020 on 1 February 2021: not requested again\. \[\d+\]`).MatchString(all) {
		t.Errorf("the UK case dossier does not say the official is designated:\n%s", all)
	}
	us := squash(text(t, files["edge-o-us-glomag-partner.pdf"]))
	if !strings.Contains(us, "We respectfully request that the Department of the Treasury consider") ||
		!strings.Contains(us, "The Foreign Secretary: the Global Human Rights Sanctions Regulations 2020, February 1, 2021") {
		t.Errorf("the US dossier does not ask, or does not show the UK designation:\n%s", us)
	}
}

// TestSentOnlyWhereTheCaseSays: an official whose regimes list leaves a
// recipient out gets no dossier from it, is not in its case dossier, and
// the build's warnings say why.
func TestSentOnlyWhereTheCaseSays(t *testing.T) {
	d := synthetic()
	d.Officials[0].Regimes = []string{"us-glomag"}
	files, err := pdf.Render(d, model.Options{Regimes: []string{"us-glomag", "uk-ghr"}})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]model.File{}
	for _, f := range files {
		names[f.Name] = f
	}
	if _, ok := names["edge-o-uk-ghr-partner.pdf"]; ok {
		t.Error("a UK dossier for an official the case sends to the US only")
	}
	if _, ok := names["edge-o-us-glomag-partner.pdf"]; !ok {
		t.Error("no US dossier")
	}
	if w := strings.Join(names["edge-uk-ghr-partner.pdf"].Warnings, "\n"); !strings.Contains(w, "no uk-ghr dossier for o: not sent") {
		t.Errorf("warnings %q do not say why", w)
	}
}

// TestNoneRequested: when no official of the case is asked for under a
// sanctions regime, its case dossier says so instead of asking for "the
// persons described".
func TestNoneRequested(t *testing.T) {
	need(t, "pdftotext")
	d := synthetic()
	d.Officials[0].Allegations[0].Violations = []model.Label{{Value: "freedom_of_expression", Label: "Freedom of expression"}}
	got := squash(text(t, render(t, d, "uk-ghr")["edge-uk-ghr-partner.pdf"]))
	if !strings.Contains(got, "This submission requests no designation under this regime") || strings.Contains(got, "consider designating them") {
		t.Errorf("the case dossier asks for designations though nobody is proposed:\n%s", got)
	}
}
