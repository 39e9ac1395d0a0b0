package pdf

import (
	"strings"

	"github.com/dossier-project/dossier/dossier/model"
)

// concerned returns the victims named by the allegations of this
// dossier's officials, in order of first mention. The combined dossier
// lists every victim of the case: those of the officials addressed, and
// those no allegation names, whose timelines are evidence too.
func (dc *doc) concerned() []*model.Victim {
	if dc.concernedList == nil {
		dc.concernedList = dc.findConcerned()
	}
	return dc.concernedList
}

// findConcerned is concerned, computed.
func (dc *doc) findConcerned() []*model.Victim {
	out := []*model.Victim{}
	seen := map[string]bool{}
	officials := dc.officials
	if dc.combined {
		officials = append(append([]*model.Official{}, officials...), dc.spec.addressees...)
	}
	for _, o := range officials {
		for _, a := range o.Allegations {
			for _, ref := range a.Victims {
				if seen[ref.ID] {
					continue
				}
				seen[ref.ID] = true
				if v := dc.ix.victims[ref.ID]; v != nil {
					out = append(out, v)
				}
			}
		}
	}
	if dc.combined {
		for _, v := range dc.d.Victims {
			if !seen[v.ID] {
				seen[v.ID] = true
				out = append(out, v)
			}
		}
	}
	return out
}

// victims lays out the victims concerned: who they are (or their
// pseudonym), their status, the allegations that concern them and their
// timeline with citations.
func (dc *doc) victims(level int) {
	t := dc.t
	f := dc.f
	// The heading keeps with the first victim, whose entry asks for four
	// lines below the heading on its page.
	dc.heading(level, t.h("victims"), headingOpts{numbered: true, inTOC: true, keep: 6 * bodyLine})
	list := dc.concerned()
	if len(list) == 0 {
		dc.para(t.x("no_victims"))
		return
	}
	own := map[string]bool{}
	officials := dc.officials
	if dc.combined {
		officials = append(append([]*model.Official{}, officials...), dc.spec.addressees...)
	}
	for _, o := range officials {
		for _, a := range o.Allegations {
			own[a.ID] = true
		}
	}
	for _, v := range list {
		dc.ensure(4 * bodyLine)
		dc.font(sans, "B", bodySize)
		dc.color(ink)
		f.SetX(marginLeft)
		f.Write(bodyLine+0.4, oneLine(v.Name))
		dc.citeMarks(bodyLine+0.4, v.Evidence)
		f.Ln(bodyLine + 0.4)
		if v.Withheld {
			dc.font(sans, "", tinySize)
			dc.color(grey)
			f.MultiCell(0, 4, t.l("pseudonym"), "", "L", false)
			dc.color(ink)
		}
		var aliases []string
		for _, a := range v.Aliases {
			aliases = append(aliases, aliasText(a))
		}
		// Only this dossier's own allegations: a reader of one official's
		// dossier has no use for references into other dossiers.
		var refs []string
		for _, id := range v.Allegations {
			if ref, ok := dc.allegationRef[id]; ok && own[id] {
				refs = append(refs, ref)
			}
		}
		// The status as reported on a date, with the excerpts reporting it.
		status := t.l("status_undated", "status", v.Status.Label)
		switch {
		case v.Status.Value == "unknown":
			status = t.l("status_unknown")
		case !v.StatusAsOf.IsZero():
			status = t.l("status_as_of", "status", v.Status.Label, "date", dc.dateText(v.StatusAsOf))
		}
		fields := []struct {
			label, value string
			cites        []int
		}{
			{t.l("aliases"), strings.Join(aliases, "; "), nil},
			{t.l("occupation"), v.Occupation, nil},
			{t.l("status"), status, v.StatusEvidence},
			{t.l("concerned_by"), strings.Join(refs, "; "), nil},
		}
		for _, fl := range fields {
			if strings.TrimSpace(fl.value) == "" {
				continue
			}
			dc.font(sans, "B", smallSize)
			dc.color(grey)
			f.SetX(marginLeft)
			f.Write(smallLine, fl.label+": ")
			dc.font(sans, "", smallSize)
			dc.color(ink)
			f.Write(smallLine, oneLine(fl.value))
			dc.citeMarks(smallLine, fl.cites)
			f.Ln(smallLine)
		}
		if len(v.Events) > 0 {
			f.Ln(1)
			for _, e := range v.Events {
				text := e.Type.Label
				if !e.Date.IsZero() {
					text = dc.rangeText(e.Date) + " · " + text
				}
				if e.Place != "" {
					text += " (" + e.Place + ")"
				}
				text += ": " + e.Summary
				if terms := dc.sentenceText(e.Sentence); terms != "" {
					text += " " + t.l("sentence") + ": " + terms + "."
				}
				dc.ensure(2 * bodyLine)
				dc.bullet(func() { dc.writeCited(serif, "", bodySize-0.5, bodyLine-0.2, text, e.Evidence) })
			}
		}
		f.Ln(3)
	}
}

// sentenceText writes a sentence's terms as the source words them:
// "prison: 25 years; fine: …".
func (dc *doc) sentenceText(s *model.Sentence) string {
	if s == nil {
		return ""
	}
	var parts []string
	for _, p := range []struct{ key, v string }{
		{"sentence_prison", s.Prison}, {"sentence_fine", s.Fine}, {"sentence_ban", s.Ban}, {"sentence_other", s.Other},
	} {
		if strings.TrimSpace(p.v) != "" {
			parts = append(parts, dc.t.l(p.key, "v", p.v))
		}
	}
	return strings.Join(parts, "; ")
}
