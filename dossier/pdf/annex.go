package pdf

import (
	"sort"
	"strconv"
	"strings"

	"github.com/dossier-project/dossier/dossier/model"
)

// annex lays out the sources annex: every source this dossier cites (the
// combined dossier lists every source of the case), with its metadata and
// fingerprint, then each passage cited, which the citations link to.
func (dc *doc) annex() {
	t := dc.t
	f := dc.f
	dc.heading(0, t.h("sources"), headingOpts{newPage: true, inTOC: true})
	dc.note(t.x("sources_intro"))
	if b, example := dc.d.Bundle, dc.bundleExample(); b != nil && example != "" {
		dc.note(t.x("bundle_intro", "file", b.File, "fingerprint", b.ManifestSHA256, "example", example))
	}
	bySource := map[string][]*citation{}
	for _, c := range dc.citeOrder {
		bySource[c.excerpt.Source] = append(bySource[c.excerpt.Source], c)
	}
	for _, s := range dc.d.Sources {
		cited := bySource[s.ID]
		if len(cited) == 0 && !dc.combined {
			continue
		}
		sort.SliceStable(cited, func(i, j int) bool { return cited[i].local < cited[j].local })
		dc.heading(1, t.h("source", "n", strconv.Itoa(s.Number), "title", s.Title), headingOpts{inTOC: true})
		dc.sourceTable(s)
		if len(cited) == 0 {
			continue
		}
		dc.label(t.l("passages"))
		for _, c := range cited {
			dc.passage(c)
		}
		f.Ln(2)
	}
	if withheld := bySource[""]; len(withheld) > 0 {
		sort.SliceStable(withheld, func(i, j int) bool { return withheld[i].local < withheld[j].local })
		dc.heading(1, t.h("withheld_sources"), headingOpts{inTOC: true})
		dc.note(t.x("withheld_sources_intro"))
		for _, c := range withheld {
			dc.passage(c)
		}
		f.Ln(2)
	}
}

// sourceTable prints a source's metadata; unknown values say so.
func (dc *doc) sourceTable(s *model.Source) {
	t := dc.t
	w := dc.contentW()
	tb := dc.newTable([]float64{w * 0.24, w * 0.76})
	row := func(label, value string) { tb.row(labelCell(label), textCell(dc.orNotKnown(value))) }
	link := func(label, url string) {
		c := textCell(dc.orNotKnown(url))
		if model.LinkableURL(url) {
			c.url = url // anything but http, https and mailto stays text
		}
		tb.row(labelCell(label), c)
	}
	row(t.l("source_type"), s.Type.Label)
	row(t.l("publisher"), s.Publisher)
	row(t.l("author"), s.Author)
	row(t.l("published"), dc.dateText(s.Published))
	link(t.l("url"), s.URL)
	link(t.l("archive_url"), s.ArchiveURL)
	row(t.l("retrieved"), dc.dateText(s.Retrieved))
	row(t.l("language"), s.Language)
	row(t.l("file"), s.File)
	row(t.l("size"), t.l("size_bytes", "n", strconv.Itoa(s.Size)))
	hash := cell{text: dc.orNotKnown(s.SHA256), family: sans, size: tinySize}
	tb.row(labelCell(t.l("sha256")), hash)
	if s.Notes != "" {
		row(t.l("note"), s.Notes)
	}
	tb.end()
}

// passage prints one cited passage as the archived source has it: the
// target of the citation links in the body.
func (dc *doc) passage(c *citation) {
	t := dc.t
	f := dc.f
	x := c.excerpt
	dc.ensure(4 * bodyLine)
	f.SetLink(c.link, f.GetY(), -1)
	dc.font(sans, "B", smallSize)
	dc.color(navy)
	f.SetX(marginLeft)
	head := t.l("passage", "n", strconv.Itoa(c.local), "paragraph", dc.paragraphText(x))
	if x.SourceWithheld {
		head = t.l("passage_withheld", "n", strconv.Itoa(c.local))
	} else if ref := dc.bundleRef(x); ref != "" {
		head += " · " + ref
	}
	f.CellFormat(0, smallLine+0.5, head, "", 1, "L", false, 0, "")
	dc.font(sans, "", tinySize)
	dc.color(grey)
	// Every claim this passage supports, each once.
	var what []string
	seen := map[string]bool{}
	for _, e := range c.excerpts {
		if w := dc.supports(e); !seen[w] {
			seen[w] = true
			what = append(what, w)
		}
	}
	f.MultiCell(0, 4, clean(t.l("supports", "what", strings.Join(what, "; "))), "", "L", false)
	if label := dc.hedgeLabel(x); label != "" {
		f.MultiCell(0, 4, clean(label), "", "L", false)
	}
	text := x.Passage
	if strings.TrimSpace(text) == "" {
		text = x.Quote
	}
	f.SetLeftMargin(marginLeft + 6)
	f.SetX(marginLeft + 6)
	dc.font(serif, "I", bodySize-0.5)
	dc.color(ink)
	f.MultiCell(0, bodyLine-0.2, "“"+strings.TrimSpace(clean(text))+"”", "", "L", false)
	if x.Redacted && !x.SourceWithheld { // the section's introduction says it for those
		dc.font(sans, "", tinySize)
		dc.color(grey)
		f.MultiCell(0, 4, clean(t.l("redacted")), "", "L", false)
	}
	f.SetLeftMargin(marginLeft)
	f.SetX(marginLeft)
	dc.color(ink)
	f.Ln(2.5)
}

// supports says what an excerpt is evidence of.
func (dc *doc) supports(x *model.Excerpt) string {
	t := dc.t
	name := oneLine(x.OwnerName)
	if s := dc.supportsCorruption(x); s != "" {
		return s
	}
	switch x.Supports {
	case "allegation":
		return t.l("supports_allegation", "allegation", dc.allegationNum[x.Target], "name", name)
	case "position":
		return t.l("supports_position", "name", name)
	case "document":
		return t.l("supports_document", "name", name)
	case "event":
		return t.l("supports_event", "name", name)
	case "status":
		return t.l("supports_status", "name", name)
	case "sanction":
		return t.l("supports_sanction", "name", name)
	case "contrary":
		return t.l("supports_contrary", "name", name)
	case "associate":
		return t.l("supports_associate", "name", name)
	}
	return t.l("supports_identity", "name", name)
}

// bundleRef is where an excerpt's passage stands in the evidence bundle
// built with this dossier ("Evidence bundle: KZ-000123, para 7"), or ""
// when none was built or the passage is in no exhibit.
func (dc *doc) bundleRef(x *model.Excerpt) string {
	if x.Bundle == nil || x.SourceWithheld {
		return ""
	}
	return dc.t.l("bundle_ref", "page", x.Bundle.Page, "paragraph", strconv.Itoa(x.Bundle.Paragraph))
}

// bundleExample is the first reference this dossier makes into the
// bundle, to show a reader what they look like; "" when it makes none.
func (dc *doc) bundleExample() string {
	for _, c := range dc.citeOrder {
		if ref := dc.bundleRef(c.excerpt); ref != "" {
			return ref
		}
	}
	return ""
}
