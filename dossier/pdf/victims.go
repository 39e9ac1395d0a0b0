package pdf

import (
	"strings"

	"github.com/dossier-project/dossier/dossier/model"
)

// concerned returns the victims named by the allegations of this
// dossier's officials, in order of first mention.
func (dc *doc) concerned() []*model.Victim {
	var out []*model.Victim
	seen := map[string]bool{}
	for _, o := range dc.officials {
		for _, a := range o.Allegations {
			for _, ref := range a.Victims {
				if seen[ref.ID] {
					continue
				}
				seen[ref.ID] = true
				if v := dc.d.Victim(ref.ID); v != nil {
					out = append(out, v)
				}
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
	dc.heading(level, t.h("victims"), numbered)
	list := dc.concerned()
	if len(list) == 0 {
		dc.para(t.x("no_victims"))
		return
	}
	own := map[string]bool{}
	for _, o := range dc.officials {
		for _, a := range o.Allegations {
			own[a.ID] = true
		}
	}
	for _, v := range list {
		dc.ensure(4 * bodyLine)
		dc.font(sans, "B", bodySize)
		dc.color(ink)
		f.SetX(marginLeft)
		f.MultiCell(0, bodyLine+0.4, oneLine(v.Name), "", "L", false)
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
		// This dossier's own allegations first, then the others.
		var refs, others []string
		for _, id := range v.Allegations {
			if ref, ok := dc.allegationRef[id]; ok && own[id] {
				refs = append(refs, ref)
			} else if ok {
				others = append(others, ref)
			}
		}
		refs = append(refs, others...)
		fields := [][2]string{
			{t.l("aliases"), strings.Join(aliases, "; ")},
			{t.l("occupation"), v.Occupation},
			{t.l("status"), v.Status.Label},
			{t.l("concerned_by"), strings.Join(refs, "; ")},
		}
		for _, fl := range fields {
			if strings.TrimSpace(fl[1]) == "" {
				continue
			}
			dc.font(sans, "B", smallSize)
			dc.color(grey)
			f.SetX(marginLeft)
			f.Write(smallLine, fl[0]+": ")
			dc.font(sans, "", smallSize)
			dc.color(ink)
			f.Write(smallLine, oneLine(fl[1]))
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
				dc.ensure(2 * bodyLine)
				dc.bullet(func() { dc.writeCited(serif, "", bodySize-0.5, bodyLine-0.2, text, e.Evidence) })
			}
		}
		f.Ln(3)
	}
}
