package pdf

import (
	"strings"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/regime"
)

// The sections a profile asks for (regime.SectionKeys): the submitting
// organisation, national interest, confidentiality, existing sanctions,
// contrary information and a draft statement of reasons. Each is printed
// as the profile's sections rule says: required (marked "not provided"
// when the case leaves it empty), optional (printed when filled), or not
// at all.

// The pdf.yaml keys these sections use, added to the lists LoadText checks.
func init() {
	textKeys["headings"] = append(textKeys["headings"], "submitting_organisation", "national_interest", "confidentiality",
		"existing_sanctions", "contrary_information", "statement_of_reasons", "associates")
	textKeys["labels"] = append(textKeys["labels"], "organisation", "about", "sanction", "sanction_dated",
		"supports_sanction", "supports_contrary", "supports_associate", "associate", "designated_verdict", "statement_conduct")
	textKeys["text"] = append(textKeys["text"], "not_provided", "no_sanctions", "no_contrary", "contrary_intro",
		"statement_intro", "statement_position", "designated_request", "designated_request_undated", "designated_note",
		"designated_note_undated", "none_requested", "no_associates", "associates_intro", "designated_title")
}

// shows reports whether a section is printed, given whether the case
// fills it: a required section always, an optional one when filled.
func (dc *doc) shows(key string, filled bool) bool {
	switch dc.p.Section(key) {
	case regime.SectionRequired:
		return true
	case regime.SectionOptional:
		return filled
	}
	return false
}

// notProvided marks a required section the case leaves empty.
func (dc *doc) notProvided() { dc.para(dc.t.x("not_provided")) }

// caseSections lays out the case-level sections after the legal basis:
// national interest, submitting organisation, confidentiality.
func (dc *doc) caseSections() {
	d, t := dc.d, dc.t
	if text := strings.TrimSpace(d.NationalInterest); dc.shows("national_interest", text != "") {
		dc.heading(0, t.h("national_interest"), numbered)
		if text == "" {
			dc.notProvided()
		} else {
			dc.para(text)
		}
	}
	org := strings.TrimSpace(d.Organisation)
	if dc.shows("submitting_organisation", org != "") {
		dc.heading(0, t.h("submitting_organisation"), numbered)
		if org == "" {
			dc.notProvided()
		} else {
			rows := [][2]string{{t.l("organisation"), org}}
			if s := strings.TrimSpace(d.SubmitterDescription); s != "" {
				rows = append(rows, [2]string{t.l("about"), s})
			}
			rows = append(rows, [2]string{t.l("contact"), dc.orNotKnown(oneLine(d.Contact))})
			dc.kvTable(rows)
			dc.f.Ln(2)
		}
	}
	if text := strings.TrimSpace(d.Confidentiality); dc.shows("confidentiality", text != "") {
		dc.heading(0, t.h("confidentiality"), numbered)
		if text == "" {
			dc.notProvided()
		} else {
			dc.para(text)
		}
	}
}

// designatedRequest is the request of an official's dossier when the
// recipient already designated the official: it says so, with the
// citation, and asks for no designation.
func (dc *doc) designatedRequest(o *model.Official, s *model.Sanction) {
	key := "designated_request"
	if s.Date.IsZero() {
		key += "_undated"
	}
	text := dc.t.x(key, "official", dc.nameInText(o), "authority", s.Authority, "programme", s.Programme, "date", dc.dateText(s.Date))
	dc.ensure(3 * bodyLine)
	dc.writeCited(serif, "", bodySize, bodyLine, text, s.Evidence)
	dc.f.Ln(2)
}

// designatedNote says, in the combined dossier, that the recipient
// already designated an official.
func (dc *doc) designatedNote(o *model.Official) {
	if dc.p.Kind != "sanctions" {
		return
	}
	s := o.SanctionBy(dc.p.ID)
	if s == nil {
		return
	}
	key := "designated_note"
	if s.Date.IsZero() {
		key += "_undated"
	}
	text := dc.t.x(key, "official", dc.nameInText(o), "authority", s.Authority, "programme", s.Programme, "date", dc.dateText(s.Date))
	dc.ensure(3 * bodyLine)
	dc.writeCited(serif, "", bodySize, bodyLine, text, s.Evidence)
	dc.f.Ln(2)
}

// sanctions lists the measures already imposed on the official, by any
// authority: shown in every dossier of the official that has them.
func (dc *doc) sanctions(o *model.Official, level int) {
	if !dc.shows("existing_sanctions", len(o.Sanctions) > 0) {
		return
	}
	t := dc.t
	dc.heading(level, t.h("existing_sanctions"), numbered)
	if len(o.Sanctions) == 0 {
		dc.para(t.x("no_sanctions"))
		return
	}
	for _, s := range o.Sanctions {
		text := t.l("sanction", "authority", s.Authority, "programme", s.Programme)
		if !s.Date.IsZero() {
			text = t.l("sanction_dated", "authority", s.Authority, "programme", s.Programme, "date", dc.dateText(s.Date))
		}
		dc.ensure(2 * bodyLine)
		dc.bullet(func() { dc.writeCited(serif, "", bodySize, bodyLine, capitalise(text), s.Evidence) })
	}
	dc.f.Ln(2)
}

// contrary prints the information that cuts against the case made about
// the official, with its sources: printed, never hidden.
func (dc *doc) contrary(o *model.Official, level int) {
	if !dc.shows("contrary_information", len(o.Contrary) > 0) {
		return
	}
	t := dc.t
	dc.heading(level, t.h("contrary_information"), numbered)
	if len(o.Contrary) == 0 {
		dc.para(t.x("no_contrary"))
		return
	}
	dc.note(t.x("contrary_intro"))
	for _, x := range o.Contrary {
		dc.ensure(2 * bodyLine)
		dc.bullet(func() { dc.writeCited(serif, "", bodySize, bodyLine, x.Summary, x.Evidence) })
	}
	dc.f.Ln(2)
}

// statementOfReasons drafts, for a recipient that publishes one, a short
// statement of reasons: the official's position at the time, then the
// summary of each allegation of conduct that meets the regime's criteria,
// each sentence with its citations. Nothing is stated that the allegations
// and positions do not already state with their sources.
func (dc *doc) statementOfReasons(o *model.Official, level int) {
	var met []*model.Allegation
	if o.HasConduct() {
		in := map[string]bool{}
		for _, m := range dc.p.ForKind(o.Kind.Value).CriteriaMet(dc.d, o.Allegations) {
			for _, id := range m.Allegations {
				in[id] = true
			}
		}
		for _, a := range o.Allegations {
			if in[a.ID] {
				met = append(met, a)
			}
		}
	}
	if !dc.shows("statement_of_reasons", len(met) > 0) {
		return
	}
	t := dc.t
	dc.heading(level, t.h("statement_of_reasons"), numbered)
	if len(met) == 0 {
		dc.notProvided()
		return
	}
	dc.note(t.x("statement_intro"))
	if p := sourcedPosition(o, met); p != nil {
		title := p.Title
		if p.Body != "" {
			title += ", " + p.Body
		}
		dc.ensure(2 * bodyLine)
		dc.writeCited(serif, "", bodySize, bodyLine, t.x("statement_position", "official", o.Name, "position", title), p.Evidence)
		dc.f.Ln(1)
	}
	for _, a := range met {
		// Each act as the allegation states it, introduced by when and
		// where: "17 April 2023, Moscow: Presided over …".
		text := strings.TrimSpace(a.Summary)
		if a.Hedged(dc.d) {
			text += " (" + t.l("reported") + ")"
		}
		var when []string
		if r := dc.rangeText(a.Date); r != "" {
			when = append(when, r)
		}
		if a.Place != "" {
			when = append(when, a.Place)
		}
		if len(when) > 0 {
			text = t.l("statement_conduct", "when", strings.Join(when, ", "), "summary", text)
		}
		dc.ensure(2 * bodyLine)
		dc.bullet(func() { dc.writeCited(serif, "", bodySize, bodyLine, text, a.Evidence) })
	}
	dc.f.Ln(1)
}

// sourcedPosition is the official's position with evidence that covers
// the first dated allegation, else the first position with evidence; nil
// when no position has a source (the statement then says nothing of it).
func sourcedPosition(o *model.Official, met []*model.Allegation) *model.Position {
	var first *model.Position
	for i := range o.Positions {
		p := &o.Positions[i]
		if len(p.Evidence) == 0 {
			continue
		}
		if first == nil {
			first = p
		}
		for _, a := range met {
			if !a.Date.IsZero() && regime.PositionCovers(*p, a.Date) {
				return p
			}
		}
	}
	return first
}

// associates lists the official's immediate family members and known
// associates, where the regime reaches them (US section 7031(c)).
func (dc *doc) associates(o *model.Official, level int) {
	if !dc.shows("associates", len(o.Associates) > 0) {
		return
	}
	t := dc.t
	dc.heading(level, t.h("associates"), numbered)
	if len(o.Associates) == 0 {
		dc.para(t.x("no_associates"))
		return
	}
	dc.note(t.x("associates_intro"))
	for _, x := range o.Associates {
		text := t.l("associate", "name", x.Name, "relationship", x.Relationship)
		dc.ensure(2 * bodyLine)
		dc.bullet(func() { dc.writeCited(serif, "", bodySize, bodyLine, text, x.Evidence) })
	}
	dc.f.Ln(2)
}
