package pdf

import (
	"bytes"
	"fmt"
	"image"
	_ "image/gif" // photos may be GIF, JPEG or PNG
	_ "image/jpeg"
	_ "image/png"
	"strconv"
	"strings"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/regime"
	"github.com/go-pdf/fpdf"
)

var numbered = headingOpts{numbered: true, inTOC: true}

// introduction lays out the opening sections: introduction, request and
// legal basis.
func (dc *doc) introduction() {
	vars := dc.vars()
	dc.heading(0, dc.t.h("introduction"), numbered)
	dc.para(regime.Fill(dc.p.Wording.Introduction, vars))
	if dc.combined && dc.d.Summary != "" {
		dc.para(dc.d.Summary)
	}
	dc.note(dc.withheldNote())

	dc.heading(0, dc.t.h("request"), numbered)
	request := dc.p.Wording.Request
	if dc.combined && dc.p.Kind == "sanctions" && len(dc.officials) == 0 {
		// Nobody in the case is asked for under this regime: say so
		// rather than ask for "the persons described".
		request = dc.t.x("none_requested")
	} else if dc.combined {
		request = dc.p.Wording.CaseRequest
	} else if !dc.officials[0].HasConduct() {
		// The profile's request speaks of the official's conduct; none
		// is alleged, so the brief asks only what the sources ask.
		request = dc.t.x("addressee_request", "official", vars["official"])
	} else if s := dc.officials[0].SanctionBy(dc.p.ID); s != nil && dc.p.Kind == "sanctions" {
		// The recipient designated the official already: not asked again.
		request = ""
		dc.designatedRequest(dc.officials[0], s)
	}
	dc.para(regime.Fill(request, vars))

	dc.heading(0, dc.t.h("legal_basis"), numbered)
	f := dc.f
	for _, c := range dc.p.LegalBasis.Citations {
		dc.ensure(2 * bodyLine)
		dc.bullet(func() {
			dc.font(serif, "", bodySize)
			f.Write(bodyLine, oneLine(c.Text))
			if c.URL != "" {
				f.Ln(bodyLine)
				dc.font(sans, "", tinySize)
				dc.color(linkBlue)
				if model.LinkableURL(c.URL) {
					f.WriteLinkString(smallLine, c.URL, c.URL)
				} else {
					f.Write(smallLine, c.URL) // only http, https and mailto become links
				}
				dc.color(ink)
			}
			f.Ln(bodyLine)
		})
	}
	f.Ln(1)
	dc.para(regime.Fill(dc.p.LegalBasis.Description, vars))
	dc.caseSections()
}

// bullet lays out a list item: a bullet, and content drawn by fn with a
// hanging indent.
func (dc *doc) bullet(fn func()) {
	f := dc.f
	dc.font(serif, "", bodySize)
	dc.color(grey)
	f.SetX(marginLeft + 1)
	f.CellFormat(5, bodyLine, "•", "", 0, "L", false, 0, "")
	dc.color(ink)
	f.SetLeftMargin(marginLeft + 6)
	f.SetX(marginLeft + 6)
	fn()
	f.SetLeftMargin(marginLeft)
	f.SetX(marginLeft)
	f.Ln(0.8)
}

// officialFlat lays out the sections of an official's own dossier.
func (dc *doc) officialFlat(o *model.Official) {
	dc.identification(o, 0)
	dc.positions(o, 0)
	dc.sanctions(o, 0)
	dc.associates(o, 0)
	dc.summary(o, 0)
	if o.HasConduct() || len(o.Allegations) == 0 {
		dc.heading(0, dc.t.h("allegations"), numbered)
	} else {
		dc.heading(0, dc.t.h("addressed_matters"), numbered)
	}
	if len(o.Allegations) == 0 {
		dc.para(dc.t.x("no_allegations"))
	}
	if !o.HasConduct() && len(o.Allegations) > 0 {
		dc.para(dc.t.x("not_proposed", "official", dc.nameInText(o)))
	}
	for i, a := range o.Allegations {
		dc.allegation(i, a, 1)
	}
	dc.contrary(o, 0)
	dc.corruption(o, 0)
	dc.victims(0)
	dc.criteria(o, 0)
	dc.statementOfReasons(o, 0)
	if dc.d.Show.Readiness {
		dc.readiness(0)
	}
}

// officialSection lays out one official's part of the combined dossier.
func (dc *doc) officialSection(o *model.Official) {
	dc.heading(0, o.Name, headingOpts{numbered: true, inTOC: true, newPage: true})
	dc.designatedNote(o)
	dc.identification(o, 1)
	dc.positions(o, 1)
	dc.sanctions(o, 1)
	dc.associates(o, 1)
	dc.summary(o, 1)
	if len(o.Allegations) == 0 {
		dc.para(dc.t.x("no_allegations"))
	}
	if !o.HasConduct() && len(o.Allegations) > 0 {
		dc.para(dc.t.x("not_proposed", "official", dc.nameInText(o)))
	}
	for i, a := range o.Allegations {
		dc.allegation(i, a, 1)
	}
	dc.contrary(o, 1)
	dc.corruption(o, 1)
	dc.criteria(o, 1)
	dc.statementOfReasons(o, 1)
}

// addressees lays out, in a sanctions regime's combined dossier, the
// officials against whom no conduct is alleged: who they are, and what the
// sources ask of them. They are not proposed, and no criterion is stated.
func (dc *doc) addressees(list []*model.Official) {
	if len(list) == 0 {
		return
	}
	dc.heading(0, dc.t.h("addressees"), headingOpts{numbered: true, inTOC: true, newPage: true})
	dc.note(dc.t.x("addressees_intro"))
	for _, o := range list {
		dc.heading(1, o.Name, numbered)
		dc.positions(o, 2)
		for i, a := range o.Allegations {
			dc.allegation(i, a, 2)
		}
	}
}

// identification lays out the identification table, photo and the
// sources on identity.
func (dc *doc) identification(o *model.Official, level int) {
	t := dc.t
	// Keep the heading with the photo, or with the first rows of the table.
	ph := dc.registerPhoto(o)
	ho := numbered
	ho.keep = 3 * 7
	if ph != nil {
		ho.keep = ph.h + 12
	}
	dc.heading(level, t.h("identification"), ho)
	rows := [][2]string{{t.l("name"), o.Name}, {t.l("kind"), o.Kind.Label}}
	var aliases []string
	for _, a := range o.Aliases {
		aliases = append(aliases, aliasText(a))
	}
	rows = append(rows, [2]string{t.l("aliases"), dc.orNotKnown(strings.Join(aliases, "\n"))})
	// An identity fact is shown with its sources below the table, or as
	// unsourced: the sources rarely give a nationality or a gender, and a
	// reader must not take the submitter's word for a cited fact.
	fact := func(value string, ev []int) string {
		if strings.TrimSpace(value) == "" {
			return dc.orNotKnown("")
		}
		if len(ev) == 0 {
			return t.l("unsourced", "value", value)
		}
		return value
	}
	type sourced struct {
		label string
		ev    []int
	}
	var facts []sourced
	if o.Kind.Value != "organisation" {
		rows = append(rows,
			[2]string{t.l("birth_date"), fact(dc.dateText(o.BirthDate), o.BirthDateEvidence)},
			[2]string{t.l("birth_place"), fact(o.BirthPlace, o.BirthPlaceEvidence)},
			[2]string{t.l("nationality"), fact(strings.Join(o.Nationality, ", "), o.NationalityEvidence)},
			[2]string{t.l("gender"), fact(capitalise(o.Gender), o.GenderEvidence)},
		)
		facts = []sourced{{t.l("birth_date"), o.BirthDateEvidence}, {t.l("birth_place"), o.BirthPlaceEvidence},
			{t.l("nationality"), o.NationalityEvidence}, {t.l("gender"), o.GenderEvidence}}
	}
	var docs []string
	var evidence []int
	for _, d := range o.Documents {
		s := d.Type.Label + " " + d.Number
		if d.Country != "" {
			s += " (" + d.Country + ")"
		}
		docs = append(docs, s)
		evidence = append(evidence, d.Evidence...)
	}
	rows = append(rows, [2]string{t.l("documents"), dc.orNotKnown(strings.Join(docs, "\n"))})
	f := dc.f
	width := dc.contentW()
	top := f.GetY()
	photoBottom := 0.0
	if ph != nil {
		// The photo sits to the right of the table, on the same page.
		dc.ensure(ph.h + 12)
		top = f.GetY()
		width -= ph.w + 5
		photoBottom = dc.drawPhoto(o, ph, marginLeft+width+5, top)
		f.SetXY(marginLeft, top)
	}
	dc.kvTableW(rows, width)
	if ph != nil && f.PageNo() == ph.onPage && f.GetY() < photoBottom+3 {
		f.SetY(photoBottom + 3)
	}
	evidence = append(append([]int{}, o.Evidence...), evidence...)
	if len(evidence) > 0 {
		dc.font(sans, "", smallSize)
		dc.color(grey)
		f.SetX(marginLeft)
		f.Write(smallLine, t.l("identity_sources"))
		dc.citeMarks(smallLine, evidence)
		f.Ln(smallLine + 2)
	}
	for _, s := range facts {
		if len(s.ev) == 0 {
			continue
		}
		dc.font(sans, "", smallSize)
		dc.color(grey)
		f.SetX(marginLeft)
		f.Write(smallLine, s.label+":")
		dc.citeMarks(smallLine, s.ev)
		f.Ln(smallLine + 1)
	}
	dc.color(ink)
}

// capitalise writes a free-text value such as a gender as a label: "male"
// prints "Male".
func capitalise(s string) string {
	s = strings.TrimSpace(s)
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// aliasText is an alias with its script and note, as every output writes
// it (model.Alias.Text).
func aliasText(a model.Alias) string { return a.Text() }

// photoBox is a registered photo and the size it is drawn at.
type photoBox struct {
	name   string
	opts   fpdf.ImageOptions
	w, h   float64
	onPage int
}

// registerPhoto reads the official's photograph, if any, into the
// document. A photo that cannot be read fails the dossier with a clear
// error rather than printing a broken image.
func (dc *doc) registerPhoto(o *model.Official) *photoBox {
	if o.Photo == nil || len(o.Photo.Data) == 0 || dc.err != nil {
		return nil
	}
	f := dc.f
	cfg, format, err := image.DecodeConfig(bytes.NewReader(o.Photo.Data))
	if err != nil || cfg.Width == 0 || cfg.Height == 0 {
		dc.err = fmt.Errorf("photo of %s (%s) is not a readable GIF, JPEG or PNG image: %v", o.ID, o.Photo.File, err)
		return nil
	}
	types := map[string]string{"jpeg": "JPG", "png": "PNG", "gif": "GIF"}
	p := &photoBox{name: "photo-" + o.ID, opts: fpdf.ImageOptions{ImageType: types[format]}}
	f.RegisterImageOptionsReader(p.name, p.opts, bytes.NewReader(o.Photo.Data))
	if err := f.Error(); err != nil {
		dc.err = fmt.Errorf("photo of %s (%s): %v", o.ID, o.Photo.File, err)
		f.ClearError()
		return nil
	}
	p.w = 34.0
	p.h = p.w * float64(cfg.Height) / float64(cfg.Width)
	if p.h > 46 {
		p.h, p.w = 46, 46*float64(cfg.Width)/float64(cfg.Height)
	}
	return p
}

// drawPhoto draws a registered photo at x, y with its credit below, and
// returns the y below the credit.
func (dc *doc) drawPhoto(o *model.Official, p *photoBox, x, y float64) float64 {
	f := dc.f
	p.onPage = f.PageNo()
	f.ImageOptions(p.name, x, y, p.w, p.h, false, p.opts, 0, "")
	f.SetDrawColor(rule.r, rule.g, rule.b)
	f.SetLineWidth(0.15)
	f.Rect(x, y, p.w, p.h, "D")
	bottom := y + p.h
	if o.Photo.Credit != "" {
		dc.font(sans, "", 7)
		dc.color(grey)
		credit := clean(dc.t.x("photo_credit", "credit", o.Photo.Credit))
		lines := f.SplitText(credit, p.w)
		for i, line := range lines {
			f.SetXY(x, bottom+1+float64(i)*3.2)
			f.CellFormat(p.w, 3.2, line, "", 0, "L", false, 0, "")
		}
		bottom += 1 + float64(len(lines))*3.2
		dc.color(ink)
	}
	return bottom
}

// positions lists the offices held, with their dates and sources.
func (dc *doc) positions(o *model.Official, level int) {
	t := dc.t
	dc.heading(level, t.h("positions"), numbered)
	if len(o.Positions) == 0 {
		dc.para(t.x("no_positions"))
		return
	}
	for _, p := range o.Positions {
		text := p.Title
		if p.Body != "" {
			text += ", " + p.Body
		}
		switch {
		case !p.From.IsZero() && !p.To.IsZero():
			text += " (" + t.l("position_dates", "from", dc.dateText(p.From), "to", dc.dateText(p.To)) + ")"
		case !p.From.IsZero():
			text += " (" + t.l("position_from", "from", dc.dateText(p.From)) + ")"
		case !p.To.IsZero():
			text += " (" + t.l("position_to", "to", dc.dateText(p.To)) + ")"
		case !p.AsOf.IsZero():
			text += " (" + t.l("position_as_of", "date", dc.dateText(p.AsOf)) + ")"
		}
		dc.ensure(2 * bodyLine)
		dc.bullet(func() { dc.writeCited(serif, "", bodySize, bodyLine, text, p.Evidence) })
	}
	dc.f.Ln(2)
}

// summary prints the official's summary of conduct, if any.
func (dc *doc) summary(o *model.Official, level int) {
	if strings.TrimSpace(o.Summary) == "" {
		return
	}
	dc.heading(level, dc.t.h("summary"), numbered)
	dc.note(dc.t.x("summary_note"))
	dc.para(o.Summary)
}

// allegation lays out one allegation: particulars, summary with its
// citations, and each cited passage.
func (dc *doc) allegation(i int, a *model.Allegation, level int) {
	t := dc.t
	var violations []string
	for _, v := range a.Violations {
		violations = append(violations, v.Label)
	}
	heading := "allegation"
	if !a.Conduct {
		heading = "addressed"
	}
	dc.heading(level, t.h(heading, "n", strconv.Itoa(i+1), "violations", strings.Join(violations, "; ")), numbered)
	if !a.Conduct {
		dc.note(t.x("addressee_note"))
	}
	var victims []string
	for _, v := range a.Victims {
		victims = append(victims, v.Name)
	}
	corroboration := t.l("single_source")
	if n := regime.IndependentSources(dc.d, a); n >= 2 {
		corroboration = t.l("independent_sources", "n", strconv.Itoa(n))
	}
	if a.Conduct && a.Hedged(dc.d) {
		corroboration = t.l("reported") + "; " + corroboration
	}
	rows := [][2]string{
		{t.l("reference"), a.ID},
		{t.l("date"), dc.orNotKnown(dc.rangeText(a.Date))},
		{t.l("place"), dc.orNotKnown(a.Place)},
		{t.l("violations"), strings.Join(violations, "\n")},
		{t.l("role"), a.Role.Label},
		{t.l("victims"), dc.orNotKnown(strings.Join(victims, "\n"))},
	}
	if a.Conduct {
		rows = append(rows, [2]string{t.l("corroboration"), corroboration})
	}
	dc.kvTable(rows)
	dc.ensure(3 * bodyLine)
	dc.writeCited(serif, "", bodySize, bodyLine, a.Summary, a.Evidence)
	dc.f.Ln(2)
	if len(a.Evidence) > 0 {
		dc.label(t.l("evidence"))
		for _, n := range a.Evidence {
			dc.evidence(n)
		}
	}
}

// evidence prints one cited passage: its number (a link to the annex), the
// quotation, and where it is in its source.
func (dc *doc) evidence(n int) {
	c := dc.cite(n)
	if c == nil {
		return
	}
	f := dc.f
	x := c.excerpt
	dc.ensure(3 * bodyLine)
	indent := 11.0
	y := f.GetY()
	dc.font(sans, "B", smallSize)
	dc.color(linkBlue)
	f.SetXY(marginLeft, y)
	f.CellFormat(indent, bodyLine, "["+strconv.Itoa(c.local)+"]", "", 0, "L", false, c.link, "")
	dc.color(ink)
	f.SetLeftMargin(marginLeft + indent)
	f.SetXY(marginLeft+indent, y)
	dc.font(serif, "I", bodySize-0.5)
	f.MultiCell(0, bodyLine-0.2, "“"+strings.TrimSpace(clean(x.Quote))+"”", "", "L", false)
	dc.font(sans, "", tinySize)
	dc.color(grey)
	f.MultiCell(0, 4, dc.sourceRef(x), "", "L", false)
	if ref := dc.bundleRef(x); ref != "" {
		f.MultiCell(0, 4, ref, "", "L", false)
	}
	if label := dc.hedgeLabel(x); label != "" {
		f.MultiCell(0, 4, clean(label), "", "L", false)
	}
	if x.Redacted {
		f.MultiCell(0, 4, clean(dc.t.l("redacted")), "", "L", false)
	}
	if x.Note != "" {
		f.MultiCell(0, 4, clean(dc.t.l("note")+": "+x.Note), "", "L", false)
	}
	dc.color(ink)
	f.SetLeftMargin(marginLeft)
	f.SetX(marginLeft)
	f.Ln(2)
}

// hedgeLabel says when an excerpt only reports: a designation or an
// accusation (reports-only), or something the source does not state as
// fact (hedged). Empty for a plain statement.
func (dc *doc) hedgeLabel(x *model.Excerpt) string {
	switch {
	case x.ReportsOnly:
		return dc.t.l("reports_only")
	case x.Hedged && x.Hedge != "":
		return dc.t.l("hedged", "hedge", x.Hedge)
	case x.Hedged:
		return dc.t.l("hedged_marked")
	}
	return ""
}

// sourceRef is "S2 · Title (Publisher, date), paragraph 4".
func (dc *doc) sourceRef(x *model.Excerpt) string {
	if x.SourceWithheld {
		return dc.t.l("source_withheld")
	}
	s := dc.ix.sources[x.Source]
	if s == nil {
		return x.Source
	}
	title := oneLine(s.Title)
	var meta []string
	if s.Publisher != "" {
		meta = append(meta, oneLine(s.Publisher))
	}
	if !s.Published.IsZero() {
		meta = append(meta, dc.dateText(s.Published))
	}
	if len(meta) > 0 {
		title += " (" + strings.Join(meta, ", ") + ")"
	}
	return dc.t.l("source_ref", "source", "S"+strconv.Itoa(s.Number), "title", title, "paragraph", dc.paragraphText(x))
}

// criteria lays out the limbs of the regime's criteria that the official's
// conduct meets.
func (dc *doc) criteria(o *model.Official, level int) {
	t := dc.t
	if !o.HasConduct() && len(o.Allegations) > 0 {
		return // an addressee: no conduct, so no section on criteria
	}
	dc.heading(level, t.h("criteria"), numbered)
	met := dc.p.ForKind(o.Kind.Value).CriteriaMet(dc.d, o.Allegations) // a body meets no limb for persons
	if len(met) == 0 {
		dc.para(t.x("no_criteria"))
		return
	}
	dc.para(t.x("criteria_intro"))
	w := dc.contentW()
	tb := dc.newTable([]float64{w * 0.22, w * 0.4, w * 0.38},
		labelCell(t.l("instrument")), labelCell(t.l("limb")), labelCell(t.l("conduct")))
	tb.begin()
	for _, m := range met {
		limb := m.Title
		if m.Condition != "" {
			limb += "\n" + t.l("condition", "condition", m.Condition)
		}
		var refs []string
		for _, id := range m.Allegations {
			refs = append(refs, dc.allegationRef[id])
		}
		conduct := strings.Join(m.Violations, "; ")
		if m.Reported {
			conduct = t.l("criteria_reported", "violations", conduct)
		}
		tb.row(labelCell(m.Instrument), textCell(limb), textCell(strings.Join(refs, "\n")+"\n"+conduct))
	}
	tb.end()
}
