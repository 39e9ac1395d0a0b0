package pdf

import (
	"strconv"

	"github.com/dossier-project/dossier/dossier/model"
)

// dateText writes a possibly partial date the way a reader of the
// profile's language expects ("4 April 2022", "June 2022", "2022"), using
// the layouts of pdf.yaml. The zero date gives "".
func (dc *doc) dateText(d model.Date) string {
	switch d.Precision {
	case model.Year:
		return strconv.Itoa(d.Year)
	case model.Month:
		return d.First().Format(dc.t.layout(dc.t.MonthFormats, dc.p.Language))
	case model.Day:
		return d.First().Format(dc.t.layout(dc.t.DateFormats, dc.p.Language))
	}
	return ""
}

// rangeText writes a date or a span of dates ("May 2022 – June 2022").
func (dc *doc) rangeText(r model.DateRange) string {
	if !r.IsRange() {
		return dc.dateText(r.Start)
	}
	return dc.t.l("date_range", "from", dc.dateText(r.Start), "to", dc.dateText(r.End))
}
