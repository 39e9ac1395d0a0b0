package pdf

import (
	"strings"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/regime"
)

// readiness lays out the internal readiness note: for each official, what
// the regime requires or recommends and whether the case establishes it.
// The model must be the internal one: a redacted model would hide facts
// and make an official look less ready than the case is.
func (dc *doc) readiness(level int) {
	if dc.d.Audience != model.Internal {
		return
	}
	t := dc.t
	dc.heading(level, t.h("readiness"), headingOpts{numbered: true, inTOC: true, newPage: dc.combined})
	dc.note(t.x("readiness_intro"))
	for _, o := range dc.officials {
		r := regime.OfficialReady(dc.d, dc.p, o)
		if dc.combined {
			dc.heading(level+1, o.Name, numbered)
		}
		verdict := t.l("ready")
		if !r.Ready {
			verdict = t.l("not_ready", "missing", strings.Join(r.Missing(regime.Required), "; "))
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
