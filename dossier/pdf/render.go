// Package pdf renders the redacted model as PDF dossiers: for each regime
// profile, one dossier per official and one combined dossier for the case.
//
// A dossier has a cover page, a table of contents, numbered sections with
// bookmarks, a running header, and a footer with the classification
// marking, the audience and "Page X of Y". Every statement of fact carries
// numbered citations that link to the sources annex, which gives each
// source's metadata and SHA-256 fingerprint and the exact passages cited.
// Internal editions add a readiness note. Headings and wording come from
// templates/text/pdf.yaml and the regime profile, never from this code.
//
// Each dossier is laid out twice: the first pass learns on which page each
// heading lands and how many pages there are, the second prints the table
// of contents and page numbers from that. Output is reproducible: dates
// come from the model and fpdf's catalogues are sorted.
package pdf

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/regime"
	"github.com/dossier-project/dossier/templates"
	"github.com/go-pdf/fpdf"
)

// Render returns the PDF dossiers of d for each regime of o: one per
// official and regime, and one for the whole case per regime. With no
// regime given, it renders for every profile in the templates.
func Render(d *model.Dossier, o model.Options) (files []model.File, err error) {
	defer func() {
		// fpdf reports some misuse by panicking; a broken dossier must
		// fail the build with a message, not crash it.
		if r := recover(); r != nil {
			files, err = nil, fmt.Errorf("pdf: internal error while laying out %s: %v", d.Case, r)
		}
	}()
	fsys := o.Templates
	if fsys == nil {
		fsys = templates.Embedded()
	}
	text, err := LoadText(fsys)
	if err != nil {
		return nil, err
	}
	ids := o.Regimes
	if len(ids) == 0 {
		if ids, err = regime.IDs(fsys); err != nil {
			return nil, err
		}
	}
	profiles, err := regime.LoadList(fsys, ids)
	if err != nil {
		return nil, err
	}
	for _, p := range profiles {
		t, err := text.withProfile(p)
		if err != nil {
			return nil, err
		}
		data, err := Dossier(d, p, t, nil)
		if err != nil {
			return nil, fmt.Errorf("%s dossier for %s: %w", p.ID, d.Case, err)
		}
		files = append(files, model.File{Name: model.FileName(d, "pdf", p.ID), Data: data})
		for _, off := range d.Officials {
			data, err := Dossier(d, p, t, off)
			if err != nil {
				return nil, fmt.Errorf("%s dossier for %s: %w", p.ID, off.ID, err)
			}
			files = append(files, model.File{Name: model.FileName(d, "pdf", off.ID, p.ID), Data: data})
		}
	}
	return files, nil
}

// Dossier renders one dossier under profile p: for official o, or for the
// whole case when o is nil. t is the wording, with p's overrides applied.
func Dossier(d *model.Dossier, p *regime.Profile, t *Text, o *model.Official) ([]byte, error) {
	s := spec{d: d, p: p, t: t, officials: d.Officials, combined: o == nil}
	if o != nil {
		s.officials = []*model.Official{o}
	}
	first, _, err := layout(s, nil)
	if err != nil {
		return nil, err
	}
	pl := &plan{entries: first.entries, tocPages: 1}
	bodyPages := first.total - 1 // the first pass has the cover and the body
	for try := 0; try < 4; try++ {
		pl.total = 1 + pl.tocPages + bodyPages
		got, data, err := layout(s, pl)
		if err != nil {
			return nil, err
		}
		if len(got.entries) != len(pl.entries) {
			return nil, fmt.Errorf("pdf: the layout changed between passes (%d headings, then %d)", len(pl.entries), len(got.entries))
		}
		if got.tocPages == pl.tocPages && got.total == pl.total {
			return data, nil
		}
		pl.tocPages = got.tocPages
		bodyPages = got.total - 1 - got.tocPages
	}
	return nil, fmt.Errorf("pdf: the table of contents did not settle after 4 passes")
}

// layout runs one pass. Without a plan it leaves out the contents page and
// only measures; with one, it prints the contents from the plan.
func layout(s spec, pl *plan) (*plan, []byte, error) {
	size := "A4"
	if s.p.Paper == "Letter" {
		size = "Letter"
	}
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: size})
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetAutoPageBreak(true, marginBottom)
	f.SetCatalogSort(true)
	f.SetCreationDate(s.d.BuildDate)
	f.SetModificationDate(s.d.BuildDate)
	f.SetCompression(true)
	registerFonts(f)
	dc := &doc{spec: s, f: f, plan: pl, cites: map[int]*citation{}}
	dc.pageW, dc.pageH = f.GetPageSize()
	dc.allegationRefs()
	dc.metadata()
	dc.pageMarks()

	dc.cover()
	tocPages := 0
	if pl != nil {
		before := f.PageCount()
		dc.contents()
		tocPages = f.PageCount() - before
	}
	dc.body()
	if dc.err != nil {
		return nil, nil, dc.err
	}
	if err := f.Error(); err != nil {
		return nil, nil, fmt.Errorf("pdf: %w", err)
	}
	got := &plan{entries: dc.entries, tocPages: tocPages, total: f.PageCount()}
	if pl == nil {
		return got, nil, nil
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, nil, fmt.Errorf("pdf: %w", err)
	}
	return got, buf.Bytes(), nil
}

// metadata sets the document information and language.
func (dc *doc) metadata() {
	f := dc.f
	title := oneLine(dc.title())
	f.SetTitle(title, true)
	if dc.d.Organisation != "" {
		f.SetAuthor(oneLine(dc.d.Organisation), true)
	}
	f.SetSubject(oneLine(dc.p.Name+" — "+dc.d.Title), true)
	subject := dc.d.Title
	if !dc.combined {
		subject = dc.officials[0].Name
	}
	f.SetKeywords(oneLine(dc.t.x("keywords", "regime", dc.p.ShortName, "country", dc.d.Country, "subject", subject)), true)
	f.SetCreator("dossier", true)
	f.SetLang(dc.p.Language)
	f.SetDisplayMode("fullwidth", "single")
	dc.header = oneLine(dc.p.ShortName + " · " + subject)
}

// allegationRefs names each allegation for cross-references: "Allegation
// 2" for the official of this dossier, "K. Kasymov, Allegation 2" in the
// combined dossier and for other officials.
func (dc *doc) allegationRefs() {
	dc.allegationRef = map[string]string{}
	dc.allegationNum = map[string]string{}
	own := map[string]bool{}
	for _, o := range dc.officials {
		own[o.ID] = true
	}
	for _, o := range dc.d.Officials {
		for i, a := range o.Allegations {
			num := dc.t.l("allegation_ref", "n", strconv.Itoa(i+1))
			dc.allegationNum[a.ID] = num
			ref := num
			if dc.combined || !own[o.ID] {
				ref = oneLine(o.Name) + ", " + num
			}
			dc.allegationRef[a.ID] = ref
		}
	}
}

// body lays out everything after the contents.
func (dc *doc) body() {
	dc.f.AddPage()
	dc.introduction()
	if dc.combined {
		for _, o := range dc.officials {
			dc.officialSection(o)
		}
		dc.victims(0)
		if dc.d.Audience == model.Internal {
			dc.readiness(0)
		}
	} else {
		dc.officialFlat(dc.officials[0])
	}
	dc.annex()
}
