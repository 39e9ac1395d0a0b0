package pdf

import (
	"math"
	"strconv"
	"strings"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/regime"
)

// Page geometry, in millimetres.
const (
	marginLeft   = 25.0
	marginRight  = 22.0
	marginTop    = 24.0
	marginBottom = 22.0
	headerY      = 11.0
	footerY      = 14.0 // from the bottom edge
)

// Type sizes in points, and line heights in millimetres.
const (
	bodySize  = 10.5
	bodyLine  = 5.2
	smallSize = 9.0
	smallLine = 4.5
	tinySize  = 8.0
)

// rgb is a colour.
type rgb struct{ r, g, b int }

var (
	ink      = rgb{0x1a, 0x1a, 0x1a}
	navy     = rgb{0x1f, 0x3a, 0x5f}
	grey     = rgb{0x5f, 0x63, 0x68}
	rule     = rgb{0xb0, 0xb7, 0xc0}
	linkBlue = rgb{0x1a, 0x4f, 0x9c}
	shade    = rgb{0xec, 0xf0, 0xf4}
	marking  = rgb{0x9b, 0x1c, 0x1c}
)

// spec is one dossier to render: a regime, and one official or the case.
type spec struct {
	d         *model.Dossier
	p         *regime.Profile
	t         *Text
	officials []*model.Official
	// addressees are, in a sanctions regime's combined dossier, the
	// officials with no conduct alleged: listed apart, not proposed.
	addressees []*model.Official
	combined   bool
	ix         *index // shared by every dossier of a render
}

// tocEntry is a heading, where it landed and the link to it.
type tocEntry struct {
	level  int
	number string
	title  string
	page   int
	link   int
	inTOC  bool
}

// citation is a cited passage as this document numbers it: citations are
// numbered from 1 in order of first use, and link to the annex entry.
// Excerpts quoting the same passage of the same source share one citation,
// so the annex prints each passage once, with every claim it supports.
type citation struct {
	local    int
	excerpt  *model.Excerpt   // the first excerpt met
	excerpts []*model.Excerpt // every excerpt citing this passage
	link     int
}

// passageKey identifies a passage of a source.
type passageKey struct {
	source         string
	offset, length int
}

// doc is one layout of one dossier.
type doc struct {
	spec
	f *writer

	entries   []tocEntry
	counters  [3]int
	cites     map[int]*citation
	passages  map[passageKey]*citation
	citeOrder []*citation
	// allegationRef names each allegation: "Allegation 2" or, in the
	// combined dossier, "K. Kasymov, allegation 2".
	allegationRef map[string]string
	// allegationNum is "Allegation 2", without the official's name.
	allegationNum map[string]string
	header        string
	pageW, pageH  float64
	// readAt is, by fpdf's number of a page, its number as read (see
	// pageorder.go); set once the body is laid out.
	readAt []int
	cur    fontState
	err    error // the first problem met while laying out

	// Computed once per layout, on first use.
	concernedList []*model.Victim
	withheld      *string
}

// contentW is the width between the margins.
func (dc *doc) contentW() float64 { return dc.pageW - marginLeft - marginRight }

// bottom is the lowest y that text may reach.
func (dc *doc) bottom() float64 { return dc.pageH - marginBottom }

// fontState is a font selection.
type fontState struct {
	family, style string
	size          float64
}

func (dc *doc) font(family, style string, size float64) {
	dc.cur = fontState{family, style, size}
	dc.f.SetFont(family, style, size)
}

func (dc *doc) color(c rgb) { dc.f.SetTextColor(c.r, c.g, c.b) }

// ensure starts a new page unless h millimetres fit below the cursor.
func (dc *doc) ensure(h float64) {
	if dc.f.GetY()+h > dc.bottom() {
		dc.f.AddPage()
	}
}

// pageMarks draws the running header and the footer onto every page, once
// the number of pages is known. fpdf emits font, colour and line state on
// each call, so drawing on an earlier page is safe; the fill colour is
// made to differ from every text colour so that text colour is explicit.
func (dc *doc) pageMarks(total int) {
	f := dc.f
	f.SetAutoPageBreak(false, 0)
	f.SetFillColor(255, 255, 255)
	w := dc.contentW()
	mark := oneLine(dc.d.Classification)
	audience := "· " + dc.t.Audiences[string(dc.d.Audience)]
	for p := 1; p <= total; p++ {
		f.SetPage(p)
		f.SetDrawColor(rule.r, rule.g, rule.b)
		f.SetLineWidth(0.2)
		if p > 1 { // the cover carries its own marking
			dc.font(sans, "", tinySize)
			dc.color(grey)
			f.SetXY(marginLeft, headerY)
			f.CellFormat(w*0.68, 4, fitText(f, dc.header, w*0.68), "", 0, "L", false, 0, "")
			dc.font(sans, "B", tinySize)
			dc.color(marking)
			f.CellFormat(w*0.32, 4, fitText(f, mark, w*0.32), "", 0, "R", false, 0, "")
			f.Line(marginLeft, headerY+5, marginLeft+w, headerY+5)
		}
		y := dc.pageH - footerY
		f.Line(marginLeft, y-1.5, marginLeft+w, y-1.5)
		f.SetXY(marginLeft, y)
		dc.font(sans, "B", tinySize)
		dc.color(marking)
		mw := math.Min(f.GetStringWidth(mark)+2, w*0.4)
		f.CellFormat(mw, 4, fitText(f, mark, mw), "", 0, "L", false, 0, "")
		dc.font(sans, "", tinySize)
		dc.color(grey)
		f.CellFormat(w*0.75-mw, 4, fitText(f, audience, w*0.75-mw), "", 0, "L", false, 0, "")
		page := dc.t.l("page", "page", strconv.Itoa(dc.readAt[p]), "pages", strconv.Itoa(total))
		f.CellFormat(w*0.25, 4, page, "", 0, "R", false, 0, "")
	}
	dc.color(ink)
}

// fitText shortens s with an ellipsis to fit w.
func fitText(f interface{ GetStringWidth(string) float64 }, s string, w float64) string {
	if f.GetStringWidth(s) <= w-1 {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && f.GetStringWidth(string(r)+"…") > w-1 {
		r = r[:len(r)-1]
	}
	return strings.TrimSpace(string(r)) + "…"
}

// headingOpts say how a heading behaves.
type headingOpts struct {
	newPage  bool // start on a fresh page
	numbered bool // carries a section number
	inTOC    bool // listed in the table of contents (all are bookmarked)
	// keep is how many millimetres of what follows must fit on the
	// heading's page; zero keeps three lines of body text.
	keep float64
}

// heading prints a section heading at level 0, 1 or 2, records it for the
// table of contents, marks its link target and bookmarks it.
func (dc *doc) heading(level int, title string, o headingOpts) {
	f := dc.f
	title = oneLine(title)
	number := ""
	if o.numbered {
		dc.counters[level]++
		for i := level + 1; i < len(dc.counters); i++ {
			dc.counters[i] = 0
		}
		parts := make([]string, level+1)
		for i := 0; i <= level; i++ {
			parts[i] = strconv.Itoa(dc.counters[i])
		}
		number = strings.Join(parts, ".")
	}
	size := []float64{14, 11.5, 10.5}[level]
	before := []float64{5, 4, 3}[level]
	if o.newPage && f.GetY() > marginTop+1 {
		f.AddPage()
	} else if f.GetY() > marginTop+1 {
		// Keep a heading with the first lines of what follows it.
		keep := o.keep
		if keep == 0 {
			keep = 3 * bodyLine
		}
		dc.ensure(before + 8 + keep)
		if f.GetY() > marginTop+1 {
			f.Ln(before)
		}
	}
	y := f.GetY()
	link := f.AddLink()
	f.SetLink(link, y, -1)
	dc.entries = append(dc.entries, tocEntry{level: level, number: number, title: title, page: f.PageNo(), link: link, inTOC: o.inTOC})
	label := title
	if number != "" {
		label = number + "  " + title
	}
	f.Bookmark(label, level, y)
	dc.font(sans, "B", size)
	dc.color(navy)
	f.SetX(marginLeft)
	f.MultiCell(0, size*0.5, label, "", "L", false)
	if level == 0 {
		f.SetDrawColor(navy.r, navy.g, navy.b)
		f.SetLineWidth(0.4)
		f.Line(marginLeft, f.GetY()+0.8, marginLeft+dc.contentW(), f.GetY()+0.8)
		f.Ln(3)
	} else {
		f.Ln(1.5)
	}
	dc.color(ink)
}

// para prints a paragraph of body text.
func (dc *doc) para(s string) {
	s = strings.TrimSpace(clean(s))
	if s == "" {
		return
	}
	dc.font(serif, "", bodySize)
	dc.color(ink)
	dc.f.SetX(dc.f.GetX())
	dc.f.MultiCell(0, bodyLine, s, "", "L", false)
	dc.f.Ln(2)
}

// note prints a small grey paragraph.
func (dc *doc) note(s string) {
	s = strings.TrimSpace(clean(s))
	if s == "" {
		return
	}
	dc.font(sans, "", smallSize)
	dc.color(grey)
	dc.f.MultiCell(0, smallLine, s, "", "L", false)
	dc.color(ink)
	dc.f.Ln(1.5)
}

// label prints a small bold run-in label on its own line.
func (dc *doc) label(s string) {
	dc.ensure(smallLine + 4*bodyLine)
	dc.font(sans, "B", smallSize)
	dc.color(navy)
	dc.f.CellFormat(0, smallLine+0.5, oneLine(s), "", 1, "L", false, 0, "")
	dc.color(ink)
}

// cite returns the citation of excerpt n, numbering it on first use.
func (dc *doc) cite(n int) *citation {
	if c, ok := dc.cites[n]; ok {
		return c
	}
	x := dc.d.Excerpt(n)
	if x == nil {
		return nil
	}
	key := passageKey{x.Source, x.Offset, x.Length}
	if x.Length == 0 {
		key = passageKey{source: x.Source, offset: -n} // not found: its own
	}
	if dc.passages == nil {
		dc.passages = map[passageKey]*citation{}
	}
	if c, ok := dc.passages[key]; ok {
		c.excerpts = append(c.excerpts, x)
		dc.cites[n] = c
		return c
	}
	c := &citation{local: len(dc.citeOrder) + 1, excerpt: x, excerpts: []*model.Excerpt{x}, link: dc.f.AddLink()}
	dc.cites[n] = c
	dc.passages[key] = c
	dc.citeOrder = append(dc.citeOrder, c)
	return c
}

// paragraphText is "paragraph 4", or "paragraphs 6–7" for a passage that
// spans paragraphs.
func (dc *doc) paragraphText(x *model.Excerpt) string {
	if x.EndParagraph > x.Paragraph {
		return dc.t.l("paragraph_span", "from", strconv.Itoa(x.Paragraph), "to", strconv.Itoa(x.EndParagraph))
	}
	return dc.t.l("paragraph_one", "n", strconv.Itoa(x.Paragraph))
}

// writeCited writes text as flowing body text followed by citation marks
// linked to the annex, from the current position.
func (dc *doc) writeCited(family, style string, size, lh float64, text string, excerpts []int) {
	f := dc.f
	dc.font(family, style, size)
	dc.color(ink)
	text = strings.TrimSpace(clean(text))
	if text != "" {
		f.Write(lh, text)
	}
	dc.citeMarks(lh, excerpts)
	f.Ln(lh)
}

// citeMarks writes " [1] [2]" as links, continuing the current line.
func (dc *doc) citeMarks(lh float64, excerpts []int) {
	f := dc.f
	saved := dc.cur
	for _, n := range excerpts {
		c := dc.cite(n)
		if c == nil {
			continue
		}
		mark := "[" + strconv.Itoa(c.local) + "]"
		dc.font(sans, "", smallSize)
		if f.GetX()+f.GetStringWidth(" "+mark) > marginLeft+dc.contentW() {
			f.Ln(lh)
		} else {
			f.Write(lh, " ")
		}
		dc.color(linkBlue)
		f.WriteLinkID(lh, mark, c.link)
		dc.color(ink)
	}
	dc.font(saved.family, saved.style, saved.size)
}

// dateText formats a time in the profile's language.
func (dc *doc) date() string {
	return dc.d.BuildDate.UTC().Format(dc.t.dateLayout(dc.p.Language))
}

// orNotKnown returns s, or the "Not known" label when s is empty.
func (dc *doc) orNotKnown(s string) string {
	if strings.TrimSpace(s) == "" {
		return dc.t.l("not_known")
	}
	return s
}

// lines returns how many lines s takes at width w in the current font.
func (dc *doc) lines(s string, w float64) int {
	n := len(dc.f.SplitText(s, w))
	return int(math.Max(1, float64(n)))
}

// subject is what the dossier is about: the official, or the case.
func (dc *doc) subject() string {
	if dc.combined {
		return dc.t.x("subject_case")
	}
	return dc.t.x("subject_official", "official", dc.nameInText(dc.officials[0]))
}

// vars are the placeholders of the profile's wording.
func (dc *doc) vars() map[string]string {
	org := dc.d.Organisation
	if org == "" {
		org = dc.t.x("organisation_unknown")
	}
	official := ""
	if !dc.combined {
		official = dc.nameInText(dc.officials[0])
	}
	return map[string]string{
		"official": official, "case": dc.d.Title, "organisation": org,
		"country": dc.d.Country, "subject": dc.subject(), "regime": dc.p.Name,
	}
}

// withheldNote says how many people this dossier names by pseudonym, with
// one of the pseudonyms as an example; empty when nobody in it is
// withheld. A person counts when this dossier's allegations concern them,
// or their pseudonym stands in a passage it quotes.
func (dc *doc) withheldNote() string {
	if dc.withheld == nil {
		note := dc.findWithheldNote()
		dc.withheld = &note
	}
	return *dc.withheld
}

// findWithheldNote is withheldNote, computed.
func (dc *doc) findWithheldNote() string {
	concerned := map[string]bool{}
	for _, v := range dc.concerned() {
		concerned[v.ID] = true
	}
	named := make([]bool, len(dc.d.Victims)) // by a passage this dossier quotes
	mentions := dc.ix.mentions()
	for _, n := range dc.evidenceOfOfficials() {
		if n >= 1 && n <= len(mentions) {
			for _, i := range mentions[n-1] {
				named[i] = true
			}
		}
	}
	var names []string
	for i, v := range dc.d.Victims {
		if v.Withheld && (concerned[v.ID] || named[i]) {
			names = append(names, v.Name)
		}
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return dc.t.x("withheld_one", "example", names[0])
	}
	return dc.t.x("withheld", "n", strconv.Itoa(len(names)), "example", names[0])
}

// evidenceOfOfficials lists the excerpts cited for this dossier's
// officials, their positions and their allegations, each once.
func (dc *doc) evidenceOfOfficials() []int {
	var ns []int
	seen := map[int]bool{}
	add := func(list []int) {
		for _, n := range list {
			if !seen[n] {
				seen[n] = true
				ns = append(ns, n)
			}
		}
	}
	for _, o := range dc.officials {
		add(o.Evidence)
		for _, p := range o.Positions {
			add(p.Evidence)
		}
		for _, a := range o.Allegations {
			add(a.Evidence)
		}
	}
	return ns
}

// nameInText is an official's name as it reads inside a sentence: an
// organisation takes the article ("the Basmanny District Court").
func (dc *doc) nameInText(o *model.Official) string {
	if o.Kind.Value != "organisation" {
		return o.Name
	}
	lower := strings.ToLower(o.Name)
	if strings.HasPrefix(lower, "the ") {
		return o.Name
	}
	return dc.t.x("organisation_in_text", "name", o.Name)
}

// title is the dossier's title, from the profile.
func (dc *doc) title() string {
	if dc.combined {
		return regime.Fill(dc.p.Wording.CaseTitle, dc.vars())
	}
	return regime.Fill(dc.p.Wording.Title, dc.vars())
}
