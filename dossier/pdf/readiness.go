package pdf

import (
	"strings"

	"github.com/dossier-project/dossier/dossier/regime"
)

// readiness lays out the internal readiness note: for each official, what
// the regime requires or recommends and whether the case establishes it.
// The model must be the internal one: a redacted model would hide facts
// and make an official look less ready than the case is.
func (dc *doc) readiness(level int) {
	if !dc.d.Show.Readiness {
		return
	}
	t := dc.t
	dc.heading(level, t.h("readiness"), headingOpts{numbered: true, inTOC: true, newPage: dc.combined})
	dc.note(t.x("readiness_intro"))
	reports := make([]regime.OfficialReadiness, len(dc.officials))
	for i, o := range dc.officials {
		reports[i] = regime.OfficialReady(dc.d, dc.p, o)
	}
	if dc.combined {
		dc.readinessSummary(reports)
	}
	for i, o := range dc.officials {
		r := reports[i]
		if dc.combined {
			// Keep the name with its verdict, the table header and a row or two.
			ho := numbered
			ho.keep = 2*bodyLine + 4*smallLine + 12
			dc.heading(level+1, o.Name, ho)
		}
		verdict := t.l("ready")
		switch {
		case r.Designated != nil:
			verdict = t.l("designated_verdict", "authority", r.Designated.Authority)
		case !r.Proposed:
			verdict = t.l("not_proposed")
		case !r.Ready:
			verdict = t.l("not_ready", "missing", strings.Join(r.Blocking(), "; "))
		}
		dc.ensure(4 * bodyLine)
		dc.font(sans, "B", smallSize+0.5)
		if r.Ready {
			dc.color(navy)
		} else {
			dc.color(marking)
		}
		dc.f.MultiCell(0, bodyLine, oneLine(verdict), "", "L", false)
		dc.color(ink)
		dc.f.Ln(1)
		w := dc.contentW()
		tb := dc.newTable([]float64{w * 0.31, w * 0.17, w * 0.15, w * 0.37},
			labelCell(t.l("element")), labelCell(t.l("level")), labelCell(t.l("state")), labelCell(t.l("detail")))
		tb.begin()
		for _, c := range r.Checks {
			if c.Status == regime.NotApplicable {
				continue // an organisation has no date of birth: not worth a row
			}
			status := textCell(t.Statuses[string(c.Status)])
			if c.Level == regime.Required && (c.Status == regime.Missing || c.Status == regime.Partial) {
				status.style = "B"
				status.color = &marking
			}
			tb.row(textCell(c.Label), textCell(t.Levels[string(c.Level)]), status, textCell(c.Detail))
		}
		tb.end()
	}
}

// readinessSummary gives one row per official: the verdict and what the
// recipient requires that is missing.
func (dc *doc) readinessSummary(reports []regime.OfficialReadiness) {
	t := dc.t
	w := dc.contentW()
	tb := dc.newTable([]float64{w * 0.3, w * 0.15, w * 0.55},
		labelCell(t.l("subjects")), labelCell(t.l("verdict")), labelCell(t.l("missing_required")))
	tb.begin()
	for _, r := range reports {
		verdict := textCell(t.l("verdict_ready"))
		switch {
		case !r.Proposed:
			verdict = textCell(t.l("verdict_not_proposed"))
		case !r.Ready:
			verdict = textCell(t.l("verdict_not_ready"))
			verdict.style, verdict.color = "B", &marking
		}
		tb.row(textCell(r.Name), verdict, textCell(strings.Join(r.Blocking(), "\n")))
	}
	tb.end()
}
