package pdf_test

import (
	"bytes"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier/internal/leaktest"
	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/pdf"
	"github.com/dossier-project/dossier/dossier/redact"
	"github.com/dossier-project/dossier/dossier/regime"
	"github.com/dossier-project/dossier/templates"
)

func TestFilesPerOfficialAndRegime(t *testing.T) {
	files := steppeFiles(t, model.Public)
	var names []string
	for name := range files {
		names = append(names, name)
	}
	want := []string{
		"steppe-eu-ghrsr-public.pdf", "steppe-a-b-serikbayev-eu-ghrsr-public.pdf",
		"steppe-almaty-police-eu-ghrsr-public.pdf", "steppe-qairat-nurlanov-eu-ghrsr-public.pdf",
		"steppe-us-glomag-public.pdf", "steppe-a-b-serikbayev-us-glomag-public.pdf",
		"steppe-almaty-police-us-glomag-public.pdf", "steppe-qairat-nurlanov-us-glomag-public.pdf",
	}
	if len(files) != len(want) {
		t.Fatalf("files %v, want %v", names, want)
	}
	for _, w := range want {
		if !bytes.HasPrefix(files[w], []byte("%PDF-")) {
			t.Errorf("%s missing or not a PDF (have %v)", w, names)
		}
	}
}

func TestNamesInEveryScriptSurvive(t *testing.T) {
	need(t, "pdftotext")
	files := steppeFiles(t, model.Internal)
	all := squash(text(t, files["steppe-eu-ghrsr-internal.pdf"]))
	for _, name := range []string{
		"Bożena Kowalska", "Божена Ковальска", // Polish, and in Cyrillic
		"Petras Auštrevičius", "Fionnuala Ní Aoláin", // Lithuanian, Irish
		"Қайрат Нұрланов", "Әйгерім Тлеуова", "Азаттық радиосы", // Kazakh Cyrillic
		"Алматыда митингіге қатысқандар ұсталды",
	} {
		if !strings.Contains(all, name) {
			t.Errorf("pdftotext does not find %q in the combined dossier", name)
		}
	}
	one := squash(text(t, files["steppe-qairat-nurlanov-eu-ghrsr-internal.pdf"]))
	if !strings.Contains(one, "Қайрат Нұрланов (Cyrillic; Kazakh spelling)") {
		t.Error("the official's Cyrillic alias is not in his dossier")
	}
}

// stripMarks removes the running header and footer lines from pdftotext
// output, so that a passage running across a page break reads whole.
func stripMarks(s string, d *model.Dossier, header string) string {
	page := regexp.MustCompile(`^Page \d+ of \d+$`)
	var keep []string
	for _, line := range strings.Split(s, "\n") {
		l := strings.TrimSpace(line)
		if page.MatchString(l) || l == header || strings.HasPrefix(l, d.Classification) || strings.HasPrefix(l, "\f") {
			continue
		}
		keep = append(keep, l)
	}
	return strings.Join(keep, "\n")
}

// TestEveryCitedPassageIsInTheAnnex: each excerpt the official's dossier
// cites is quoted in full in the sources annex, after its citation number
// and paragraph.
func TestEveryCitedPassageIsInTheAnnex(t *testing.T) {
	need(t, "pdftotext")
	for _, a := range []model.Audience{model.Public, model.Internal} {
		_, d := loadModel(t, steppe, a)
		files := steppeFiles(t, a)
		for _, o := range d.Officials {
			name := model.FileName(d, "pdf", o.ID, "eu-ghrsr")
			raw := text(t, files[name])
			header := "EU Global Human Rights Sanctions Regime · " + o.Name
			body := squash(stripMarks(raw, d, header))
			i := strings.LastIndex(body, "Annex A: Sources")
			if i < 0 {
				t.Fatalf("%s: no annex", name)
			}
			annex := body[i:]
			var cited []int
			cited = append(cited, o.Evidence...)
			for _, p := range o.Positions {
				cited = append(cited, p.Evidence...)
			}
			for _, al := range o.Allegations {
				cited = append(cited, al.Evidence...)
			}
			for _, n := range cited {
				x := d.Excerpt(n)
				if !strings.Contains(annex, "“"+squash(x.Passage)+"”") {
					t.Errorf("%s: the annex lacks excerpt %d: %q", name, n, x.Passage)
				}
			}
			// Allegations quote their evidence in the body too.
			for _, al := range o.Allegations {
				for _, n := range al.Evidence {
					if !strings.Contains(body[:i], "“"+squash(d.Excerpt(n).Quote)+"”") {
						t.Errorf("%s: the body lacks the quote of excerpt %d", name, n)
					}
				}
			}
			for _, n := range cited {
				if x := d.Excerpt(n); !x.SourceWithheld {
					if want := fmt.Sprintf("paragraph %d", x.Paragraph); !strings.Contains(annex, want) {
						t.Errorf("%s: the annex does not give %q", name, want)
					}
					break
				}
			}
		}
	}
}

func TestPageXOfYOnEveryPage(t *testing.T) {
	need(t, "pdftotext", "pdfinfo")
	for name, data := range steppeFiles(t, model.Partner) {
		if !strings.Contains(name, "us-glomag") {
			continue
		}
		info := run(t, nil, "pdfinfo", withFile(t, data))
		m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
		if m == nil {
			t.Fatalf("%s: pdfinfo gives no page count:\n%s", name, info)
		}
		pages, _ := strconv.Atoi(m[1])
		for _, p := range []int{1, 2, pages} {
			n := strconv.Itoa(p)
			got := text(t, data, "-f", n, "-l", n)
			if want := fmt.Sprintf("Page %d of %d", p, pages); !strings.Contains(got, want) {
				t.Errorf("%s page %d lacks %q", name, p, want)
			}
		}
	}
}

func TestPaperFollowsTheRegime(t *testing.T) {
	need(t, "pdfinfo")
	files := steppeFiles(t, model.Public)
	for name, want := range map[string]string{
		"steppe-eu-ghrsr-public.pdf":                  "(A4)",
		"steppe-qairat-nurlanov-eu-ghrsr-public.pdf":  "(A4)",
		"steppe-us-glomag-public.pdf":                 "(letter)",
		"steppe-qairat-nurlanov-us-glomag-public.pdf": "(letter)",
	} {
		info := run(t, nil, "pdfinfo", withFile(t, files[name]))
		if !regexp.MustCompile(`Page size:.*` + regexp.QuoteMeta(want)).MatchString(info) {
			t.Errorf("%s: want page size %s:\n%s", name, want, info)
		}
	}
}

func TestQpdfCheck(t *testing.T) {
	need(t, "qpdf")
	for _, a := range model.Audiences {
		for name, data := range steppeFiles(t, a) {
			cmd := exec.Command("qpdf", "--check", withFile(t, data))
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("qpdf --check %s: %v\n%s", name, err, out)
			}
		}
	}
}

func TestRendersAreByteIdentical(t *testing.T) {
	first := steppeFiles(t, model.Internal)
	// A fresh model, so nothing is shared with the first render.
	_, d := loadModel(t, steppe, model.Internal)
	for name, data := range render(t, d, "eu-ghrsr", "us-glomag") {
		if !bytes.Equal(first[name], data) {
			t.Errorf("%s differs between renders", name)
		}
	}
}

func TestReadinessOnlyInInternalEditions(t *testing.T) {
	need(t, "pdftotext")
	for _, a := range model.Audiences {
		_, d := loadModel(t, steppe, a)
		files := steppeFiles(t, a)
		for _, name := range []string{model.FileName(d, "pdf", "eu-ghrsr"), model.FileName(d, "pdf", "qairat-nurlanov", "eu-ghrsr")} {
			got := text(t, files[name])
			has := strings.Contains(got, "Readiness (internal working note)")
			if has != (a == model.Internal) {
				t.Errorf("%s: readiness shown = %v", name, has)
			}
		}
	}
}

// TestNoWithheldNameInPublicEdition runs the project's leak scanner over
// each public and partner dossier: inflated streams, metadata and
// pdftotext, for every name and alias of every withheld victim.
func TestNoWithheldNameInPublicEdition(t *testing.T) {
	for _, a := range []model.Audience{model.Public, model.Partner} {
		c, d := loadModel(t, steppe, a)
		inv := redact.NewInventory(c, a)
		if len(inv.People) == 0 {
			t.Fatalf("%s: nobody is withheld; the test proves nothing", a)
		}
		// The case's dossier and that of the official whose allegation
		// names the withheld victim; dossier/build scans every file.
		for _, name := range []string{model.FileName(d, "pdf", "eu-ghrsr"), model.FileName(d, "pdf", "qairat-nurlanov", "us-glomag")} {
			data := steppeFiles(t, a)[name]
			found, err := leaktest.Scan(name, data, inv.Matches)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range found {
				t.Errorf("withheld name leaked: %s", f)
			}
		}
	}
}

func TestBookmarksAndCitationLinks(t *testing.T) {
	need(t, "qpdf", "pdftotext")
	data := steppeFiles(t, model.Internal)["steppe-qairat-nurlanov-eu-ghrsr-internal.pdf"]
	marks := outlines(t, data)
	titles := map[string]int{}
	for _, o := range marks {
		titles[o.Title] = o.Page
	}
	for _, want := range []string{"Cover", "Contents", "1  Introduction", "4  Submitting organisation", "8  Allegations", "Annex A: Sources", "[S1] Алматыда митингіге қатысқандар ұсталды"} {
		if _, ok := titles[want]; !ok {
			t.Errorf("no bookmark %q in %v", want, titles)
		}
	}
	annex := titles["Annex A: Sources"]
	// The contents give each section the page its bookmark points to.
	contents := squash(text(t, data, "-f", "2", "-l", "2"))
	if !strings.Contains(contents, fmt.Sprintf("Annex A: Sources %s %d", strings.Repeat(". ", 1)[:0], annex)) &&
		!regexp.MustCompile(`Annex A: Sources[ .]*`+strconv.Itoa(annex)).MatchString(contents) {
		t.Errorf("contents do not give the annex page %d:\n%s", annex, contents)
	}
	// Every citation links into the annex: count links whose destination
	// is an annex page, less the contents' own links to annex entries.
	pageObj := map[string]int{}
	for _, m := range regexp.MustCompile(`/Dest \[(\d+) 0 R`).FindAllSubmatch(data, -1) {
		pageObj[string(m[1])]++
	}
	toAnnex := 0
	for obj, n := range pageObj {
		num, _ := strconv.Atoi(obj)
		if (num-1)/2 >= annex { // fpdf numbers page n's object 2n+1
			toAnnex += n
		}
	}
	annexEntries := 0
	for _, o := range marks {
		if o.Page >= annex {
			annexEntries++
		}
	}
	citations := len(regexp.MustCompile(`\[\d+\] paragraph \d+`).FindAllString(text(t, data), -1))
	if citations == 0 || toAnnex-annexEntries < citations {
		t.Errorf("%d links into the annex (less %d contents entries) for %d cited passages", toAnnex, annexEntries, citations)
	}
}

func TestMetadata(t *testing.T) {
	need(t, "pdfinfo")
	data := steppeFiles(t, model.Public)["steppe-qairat-nurlanov-eu-ghrsr-public.pdf"]
	info := run(t, nil, "pdfinfo", withFile(t, data))
	for _, want := range []string{
		"Title:           Proposal for the listing of Qairat Nurlanov",
		"Author:          Steppe Rights Monitor (test case)",
		"Subject:         European Union — Global Human Rights Sanctions Regime — Detentions after the Almaty gathering of 6 June 2020",
		"Keywords:        sanctions; human rights; EU Global Human Rights Sanctions Regime; Kazakhstan; Qairat Nurlanov",
		"CreationDate:    Mon Mar  1 00:00:00 2021 UTC",
	} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	if !bytes.Contains(data, []byte("/Lang (en)")) {
		t.Error("the document language is not set")
	}
}

func TestSubmitterNotStated(t *testing.T) {
	need(t, "pdftotext")
	_, d := loadModel(t, "../build/testdata/leak", model.Public)
	got := squash(text(t, render(t, d, "uk-ghr")["leak-uk-ghr-public.pdf"], "-f", "1", "-l", "1"))
	if !strings.Contains(got, "SUBMITTED BY Not stated") {
		t.Errorf("cover:\n%s", got)
	}
}

func TestUnknownRegime(t *testing.T) {
	_, d := loadModel(t, steppe, model.Public)
	_, err := pdf.Render(d, model.Options{Regimes: []string{"xx-nowhere"}})
	if err == nil || !strings.Contains(err.Error(), `no regime profile "xx-nowhere"`) {
		t.Errorf("err = %v", err)
	}
}

func TestEveryProfileRendersWithoutRegimes(t *testing.T) {
	_, d := loadModel(t, "../build/testdata/leak", model.Partner)
	files, err := pdf.Render(d, model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Nine profiles, each with the case dossier; the one official, a
	// police department, has a dossier of its own only where its conduct
	// meets a limb for bodies, and the case dossier's warnings say why
	// where it has none.
	names := map[string]model.File{}
	for _, f := range files {
		names[f.Name] = f
	}
	ids, _ := regime.IDs(templates.Embedded())
	for _, id := range ids {
		all, ok := names[model.FileName(d, "pdf", id)]
		if !ok {
			t.Errorf("%s: no case dossier", id)
			continue
		}
		p, err := regime.Load(templates.Embedded(), id)
		if err != nil {
			t.Fatal(err)
		}
		o := d.Officials[0]
		_, has := names[model.FileName(d, "pdf", o.ID, id)]
		dec := regime.Decide(d, p, o)
		if has != dec.Send {
			t.Errorf("%s: dossier of %s %v, decision %+v", id, o.ID, has, dec)
		}
		said := strings.Contains(strings.Join(all.Warnings, "\n"), "no "+id+" dossier for "+o.ID)
		if said == has {
			t.Errorf("%s: dossier %v, but the warnings say %q", id, has, all.Warnings)
		}
	}
	for _, id := range []string{"ee-entry-ban", "uk-gacr"} { // entry bans are for persons; no corruption alleged
		if _, ok := names[model.FileName(d, "pdf", d.Officials[0].ID, id)]; ok {
			t.Errorf("%s: a dossier for the police department", id)
		}
	}
}

// TestDatesReadAsWritten: dates print in words at the precision known, in
// the profile's language (US: month first), never as ISO codes. (The
// internal readiness note keeps ISO dates, as validate prints them, so the
// public edition is checked.)
func TestDatesReadAsWritten(t *testing.T) {
	need(t, "pdftotext")
	files := steppeFiles(t, model.Public)
	for name, want := range map[string][]string{
		"steppe-qairat-nurlanov-eu-ghrsr-public.pdf":  {"14 May 1971", "(January 2019 – February 2021)", "6 June 2020", "July 2020"},
		"steppe-qairat-nurlanov-us-glomag-public.pdf": {"May 14, 1971", "(January 2019 – February 2021)", "June 6, 2020"},
	} {
		got := squash(text(t, files[name]))
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %q", name, w)
			}
		}
		if m := regexp.MustCompile(`\b(19|20)\d\d-\d\d\b`).FindString(got); m != "" {
			t.Errorf("%s prints an ISO date %q", name, m)
		}
	}
}

// TestBodyIsAskedForNoVisaRestriction: the US dossier of a police
// department asks Treasury to consider it under Executive Order 13818 and
// asks the State Department for nothing: section 7031(c) restricts the
// entry of persons. A person's dossier still asks for both.
func TestBodyIsAskedForNoVisaRestriction(t *testing.T) {
	files := steppeFiles(t, model.Internal)
	var body, person, combined string
	for name, data := range files {
		switch {
		case strings.HasSuffix(name, "-us-glomag-internal.pdf") && strings.Count(name, "-") == strings.Count("steppe-us-glomag-internal.pdf", "-"):
			combined = squash(text(t, data))
		case strings.Contains(name, "almaty-police-us-glomag"):
			body = squash(text(t, data))
		case strings.Contains(name, "nurlanov-us-glomag"):
			person = squash(text(t, data))
		}
	}
	if body == "" || person == "" || combined == "" {
		t.Fatalf("dossiers not found among %d files", len(files))
	}
	between := func(s, from, to string) string {
		i := strings.LastIndex(s, from) // the section, not its line in the contents
		j := strings.Index(s[i+1:], to)
		if i < 0 || j < 0 {
			t.Fatalf("no section %q … %q in:\n%s", from, to, s)
		}
		return s[i : i+1+j]
	}
	request := between(body, "2 Request", "3 Legal basis")
	if strings.Contains(request, "7031(c)") || !strings.Contains(request, "Almaty city police department for designation under Executive Order 13818.") {
		t.Errorf("the body's request asks for a visa restriction, or not for a designation: %s", request)
	}
	if criteria := between(body, "Criteria met", "Readiness"); strings.Contains(criteria, "Section 7031(c)") {
		t.Errorf("the body is put under section 7031(c): %s", criteria)
	}
	// In the combined dossier, the body's own criteria table (after its
	// identification, the only one of kind Organisation).
	i := strings.Index(combined, "Kind Organisation")
	if i < 0 {
		t.Fatal("the combined dossier has no section for the body")
	}
	rest := combined[i:]
	j := strings.Index(rest, "Criteria met The conduct")
	k := strings.Index(rest, "Identification Full name") // the next official's section
	if j < 0 || k < j {
		t.Fatalf("no criteria table for the body in the combined dossier: %s", rest)
	}
	if strings.Contains(rest[j:k], "7031(c)") {
		t.Errorf("the combined dossier puts the body under section 7031(c): %s", rest[j:k])
	}
	if !strings.Contains(between(person, "2 Request", "3 Legal basis"), "for a visa restriction under section 7031(c)") {
		t.Errorf("the person's dossier no longer asks for a visa restriction:\n%s", person)
	}
}
