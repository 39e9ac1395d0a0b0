package regime

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dossier-project/dossier/dossier/model"
)

// Level is how much a recipient needs an element.
type Level string

// The levels of an element.
const (
	Required    Level = "required"
	Recommended Level = "recommended"
)

// Status says whether the case establishes an element for an official.
type Status string

// The statuses of an element.
const (
	Present       Status = "present"
	Partial       Status = "partial" // something is there, but not enough (see Detail)
	Missing       Status = "missing"
	NotApplicable Status = "not_applicable" // e.g. a date of birth for an organisation
)

// Check is the state of one element for one official.
type Check struct {
	Element string `json:"element"`
	Label   string `json:"label"`
	Level   Level  `json:"level"`
	Status  Status `json:"status"`
	Detail  string `json:"detail,omitempty"`
}

// Match is one limb of a regime's criteria that an official's conduct
// meets, and the allegations that meet it.
type Match struct {
	Criterion   string   `json:"criterion"`
	Instrument  string   `json:"instrument"`
	Title       string   `json:"title"`
	Condition   string   `json:"condition,omitempty"`
	Violations  []string `json:"violations"`  // labels of the violation types that meet the limb
	Allegations []string `json:"allegations"` // allegation ids
	// Reported says every allegation meeting the limb rests on hedged or
	// reports-only evidence: the conduct is reported, not established.
	Reported bool `json:"reported"`
}

// OfficialReadiness is how ready the case is for one official under one
// regime.
type OfficialReadiness struct {
	Official string `json:"official"`
	Name     string `json:"name"`
	Ready    bool   `json:"ready"` // proposed, and every required element is present
	// Proposed is false for an official against whom no conduct is
	// alleged (only addressee allegations): such an official is never
	// proposed for designation, and NotProposed says why.
	Proposed    bool    `json:"proposed"`
	NotProposed string  `json:"not_proposed,omitempty"`
	Checks      []Check `json:"elements"`
	// Gaps are the elements still missing or partial, ranked: what blocks
	// a submission first (conduct, position at the time, corroboration,
	// then any other required element), then what would strengthen it.
	Gaps     []Gap   `json:"gaps"`
	Criteria []Match `json:"criteria_met"`
	// Designated is the existing sanction under this regime, when the
	// recipient already designated the official.
	Designated *model.Sanction `json:"designated,omitempty"`
}

// Severity is how much a gap matters to a submission.
type Severity string

// The severities of a gap, from the most to the least serious.
const (
	Blocking      Severity = "blocking"      // a required element: the submission cannot go without it
	Strengthening Severity = "strengthening" // a recommended element: it would make the submission stronger
)

// Gap is one element that is missing or partial, with how much it matters.
type Gap struct {
	Element  string   `json:"element"`
	Label    string   `json:"label"`
	Severity Severity `json:"severity"`
	Status   Status   `json:"status"`
	Detail   string   `json:"detail,omitempty"`
}

// blockingFirst are the required elements whose absence blocks a
// submission outright, in the order they are reported.
var blockingFirst = []string{"conduct", "position", "corroboration"}

// rankGaps lists the checks that are missing or partial: required ones
// (blocking) before recommended ones (strengthening); among the required,
// conduct, position and corroboration first.
func rankGaps(checks []Check) []Gap {
	rank := func(c Check) int {
		if c.Level != Required {
			return 100
		}
		for i, k := range blockingFirst {
			if c.Element == k {
				return i
			}
		}
		return len(blockingFirst)
	}
	gaps := []Gap{}
	for r := 0; r <= 100; r++ {
		for _, c := range checks {
			if rank(c) != r || (c.Status != Missing && c.Status != Partial) {
				continue
			}
			sev := Blocking
			if c.Level != Required {
				sev = Strengthening
			}
			gaps = append(gaps, Gap{Element: c.Element, Label: c.Label, Severity: sev, Status: c.Status, Detail: c.Detail})
		}
	}
	return gaps
}

// NoConduct is the reason given for not proposing an official.
const NoConduct = "not proposed: no conduct alleged (the sources only address this official, or name them as answerable)"

// Missing returns the labels of the elements of a level that are missing
// or only partly there.
func (r *OfficialReadiness) Missing(l Level) []string {
	var out []string
	for _, c := range r.Checks {
		if c.Level == l && (c.Status == Missing || c.Status == Partial) {
			out = append(out, c.Label)
		}
	}
	return out
}

// Blocking returns the labels of the gaps that block a submission, most
// serious first (see Gaps).
func (r *OfficialReadiness) Blocking() []string {
	var out []string
	for _, g := range r.Gaps {
		if g.Severity == Blocking {
			out = append(out, g.Label)
		}
	}
	return out
}

// Report is the readiness of a case's officials under one regime.
type Report struct {
	Case       string              `json:"case"`
	Regime     string              `json:"regime"`
	RegimeName string              `json:"regime_name"`
	Officials  []OfficialReadiness `json:"officials"`
}

// Readiness measures, for every official of d, which elements p requires
// or recommends are present. Build d for the internal audience: readiness
// is an internal working note, and a redacted model hides what exists.
func Readiness(d *model.Dossier, p *Profile) Report {
	r := Report{Case: d.Case, Regime: p.ID, RegimeName: p.Name, Officials: []OfficialReadiness{}}
	for _, o := range d.Officials {
		r.Officials = append(r.Officials, OfficialReady(d, p, o))
	}
	return r
}

// OfficialReady measures one official's readiness under p.
func OfficialReady(d *model.Dossier, p *Profile, o *model.Official) OfficialReadiness {
	p = p.ForKind(o.Kind.Value)
	or := OfficialReadiness{Official: o.ID, Name: o.Name, Ready: true, Proposed: true, Checks: []Check{}, Criteria: p.CriteriaMet(d, o.Allegations)}
	if dec := Decide(d, p, o); !dec.Request {
		or.Ready, or.Proposed, or.NotProposed, or.Designated = false, false, dec.Reason, dec.Designated
	}
	levels := map[string]Level{}
	for _, k := range p.Required {
		levels[k] = Required
	}
	for _, k := range p.Recommended {
		levels[k] = Recommended
	}
	person := o.Kind.Value != "organisation"
	for _, e := range Elements {
		level, ok := levels[e.Key]
		if !ok {
			continue
		}
		c := Check{Element: e.Key, Label: e.Label, Level: level}
		if e.PersonOnly && !person {
			c.Status, c.Detail = NotApplicable, "not applicable to an organisation"
		} else if !p.IsApplicable(o.Kind.Value, e.Key) {
			c.Status, c.Detail = NotApplicable, "not expected of an official of this kind"
		} else if e.Key == "assets_in_jurisdiction" {
			c.Status, c.Detail = assetsIn(d, o, p.Jurisdictions)
		} else {
			c.Status, c.Detail = check(e.Key, d, o, or.Criteria)
		}
		if level == Required && c.Status != Present && c.Status != NotApplicable {
			or.Ready = false
		}
		or.Checks = append(or.Checks, c)
	}
	or.Gaps = rankGaps(or.Checks)
	return or
}

// CriteriaMet returns the limbs of p that the allegations meet, in the
// profile's order. Only allegations of conduct count: an addressee's never
// do. A limb met only by allegations on hedged evidence is marked Reported.
func (p *Profile) CriteriaMet(d *model.Dossier, allegations []*model.Allegation) []Match {
	out := []Match{}
	var conduct []*model.Allegation
	for _, a := range allegations {
		if a.Conduct {
			conduct = append(conduct, a)
		}
	}
	allegations = conduct
	for _, cr := range p.Criteria {
		in := map[string]bool{}
		for _, v := range cr.Violations {
			in[v] = true
		}
		m := Match{Criterion: cr.ID, Instrument: cr.Instrument, Title: cr.Title, Condition: cr.Condition, Violations: []string{}, Allegations: []string{}, Reported: true}
		seen := map[string]bool{}
		for _, a := range allegations {
			if !cr.FitsRole(a.Role.Value) {
				continue
			}
			hit := false
			for _, v := range a.Violations {
				if in[v.Value] {
					hit = true
					if !seen[v.Value] {
						seen[v.Value] = true
						m.Violations = append(m.Violations, v.Label)
					}
				}
			}
			if hit {
				m.Allegations = append(m.Allegations, a.ID)
				if !a.Hedged(d) {
					m.Reported = false
				}
			}
		}
		if len(m.Allegations) > 0 {
			out = append(out, m)
		}
	}
	return out
}

// check computes one element's status for an official.
func check(key string, d *model.Dossier, o *model.Official, met []Match) (Status, string) {
	switch key {
	case "full_name":
		return fullName(o)
	case "aliases":
		if len(o.Aliases) == 0 {
			return Missing, ""
		}
		return Present, plural(len(o.Aliases), "other name")
	case "birth_date":
		switch o.BirthDate.Precision {
		case 0:
			return Missing, ""
		case model.Day:
			return sourced(o.BirthDate.String(), o.BirthDateEvidence)
		}
		return Partial, "only " + o.BirthDate.String() + " is known; a full date is expected"
	case "birth_place":
		if o.BirthPlace == "" {
			return Missing, ""
		}
		return sourced(o.BirthPlace, o.BirthPlaceEvidence)
	case "nationality":
		if len(o.Nationality) == 0 {
			return Missing, ""
		}
		return sourced(strings.Join(o.Nationality, ", "), o.NationalityEvidence)
	case "gender":
		if o.Gender == "" {
			return Missing, ""
		}
		return sourced(o.Gender, o.GenderEvidence)
	case "documents":
		var types []string
		for _, doc := range o.Documents {
			types = append(types, doc.Type.Label)
		}
		return presence(len(types) > 0, strings.Join(types, ", "))
	case "photo":
		return presence(o.Photo != nil, "")
	case "position":
		return position(o)
	case "identity_evidence":
		n := len(o.Evidence) + len(o.BirthDateEvidence) + len(o.BirthPlaceEvidence) + len(o.NationalityEvidence) + len(o.GenderEvidence)
		for _, p := range o.Positions {
			n += len(p.Evidence)
		}
		for _, doc := range o.Documents {
			n += len(doc.Evidence)
		}
		return presence(n > 0, plural(n, "excerpt"))
	case "conduct":
		return conduct(o, met)
	case "corroboration":
		return corroboration(d, o)
	case "submitting_organisation":
		switch {
		case strings.TrimSpace(d.Organisation) == "":
			return Missing, "case.yaml gives no submitted_by.organisation"
		case strings.TrimSpace(d.Contact) == "":
			return Partial, d.Organisation + ", with no contact"
		}
		return Present, d.Organisation
	case "victims":
		ids := map[string]bool{}
		for _, a := range o.Allegations {
			for _, v := range a.Victims {
				ids[v.ID] = true
			}
		}
		return presence(len(ids) > 0, plural(len(ids), "victim"))
	}
	return Missing, "unknown element"
}

// sourced is present for an identity fact backed by evidence, and partial
// for one the case states without a source: a recipient cannot rely on it.
func sourced(value string, evidence []int) (Status, string) {
	if len(evidence) == 0 {
		return Partial, value + ", with no source given"
	}
	return Present, value
}

func presence(ok bool, detail string) (Status, string) {
	if ok {
		return Present, detail
	}
	return Missing, ""
}

// fullName wants a person's name whole: two or more words, none an initial.
func fullName(o *model.Official) (Status, string) {
	words := strings.Fields(o.Name)
	if len(words) == 0 {
		return Missing, ""
	}
	if o.Kind.Value == "organisation" {
		return Present, ""
	}
	var initials []string
	for _, w := range words {
		if strings.HasSuffix(w, ".") && utf8.RuneCountInString(w) <= 3 || utf8.RuneCountInString(w) == 1 {
			initials = append(initials, w)
		}
	}
	switch {
	case len(initials) > 0:
		return Partial, "the sources give initials only (" + strings.Join(initials, " ") + ")"
	case len(words) < 2:
		return Partial, "only one name is known"
	}
	return Present, ""
}

// position wants an office held when the conduct took place.
func position(o *model.Official) (Status, string) {
	if len(o.Positions) == 0 {
		return Missing, ""
	}
	var dated []model.DateRange
	for _, a := range o.Allegations {
		if !a.Date.IsZero() {
			dated = append(dated, a.Date)
		}
	}
	describe := func(p model.Position) string {
		if p.Body != "" {
			return p.Title + ", " + p.Body
		}
		return p.Title
	}
	if len(dated) == 0 {
		return Present, describe(o.Positions[0]) + " (the conduct is undated)"
	}
	anyDated := false
	for _, p := range o.Positions {
		if p.From.IsZero() && p.To.IsZero() {
			continue
		}
		anyDated = true
		for _, r := range dated {
			if overlaps(p, r) {
				return Present, describe(p)
			}
		}
	}
	if !anyDated {
		return Partial, "no position is dated, so none can be shown to cover the conduct"
	}
	return Partial, "no dated position covers the dates of the conduct"
}

// PositionCovers reports whether a dated position overlaps a date range
// (open-ended where a bound is not given); an undated position covers
// nothing.
func PositionCovers(p model.Position, r model.DateRange) bool {
	if p.From.IsZero() && p.To.IsZero() {
		return false
	}
	return overlaps(p, r)
}

// overlaps reports whether a position (open-ended where a bound is not
// given) overlaps a date range.
func overlaps(p model.Position, r model.DateRange) bool {
	start, end := r.Start.First(), r.End.Last()
	from, to := time.Time{}, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	if !p.From.IsZero() {
		from = p.From.First()
	}
	if !p.To.IsZero() {
		to = p.To.Last()
	}
	return !from.After(end) && !to.Before(start)
}

func conduct(o *model.Official, met []Match) (Status, string) {
	if len(o.Allegations) == 0 {
		return Missing, "no allegation"
	}
	if !o.HasConduct() {
		return Missing, "no conduct alleged: the official is only an addressee"
	}
	var plain, conditional, reported []string
	for _, m := range met {
		switch {
		case m.Reported:
			reported = append(reported, m.Title)
		case m.Condition == "":
			plain = append(plain, m.Title)
		default:
			conditional = append(conditional, m.Title)
		}
	}
	switch {
	case len(plain) > 0:
		return Present, strings.Join(plain, "; ")
	case len(conditional) > 0:
		return Partial, "only under limbs with a further condition: " + strings.Join(conditional, "; ")
	case len(reported) > 0:
		return Partial, "only reported (hedged or reports-only evidence): " + strings.Join(reported, "; ")
	}
	return Missing, "no allegation's violation types fall under the criteria"
}

// corroboration wants every allegation of conduct backed by two or more
// independent accounts (see IndependentSources).
func corroboration(d *model.Dossier, o *model.Official) (Status, string) {
	all := o.ConductAllegations()
	if len(all) == 0 {
		return Missing, "no conduct alleged"
	}
	var weak []string
	for _, a := range all {
		if IndependentSources(d, a) < 2 {
			weak = append(weak, a.ID)
		}
	}
	switch {
	case len(weak) == 0:
		return Present, plural(len(all), "allegation")
	case len(weak) == len(all):
		return Missing, "one independent account only: " + strings.Join(weak, ", ")
	}
	return Partial, fmt.Sprintf("%d of %d allegations rest on one independent account: %s", len(weak), len(all), strings.Join(weak, ", "))
}

// IndependentSources counts the independent accounts behind an
// allegation's conduct. Two sources carry one account when they share an
// origin and the body whose account it is (account_of, else the
// publisher); a source with neither counts on its own. Excerpts that only
// report a designation or accusation are not evidence of the conduct and
// are not counted.
func IndependentSources(d *model.Dossier, a *model.Allegation) int {
	seen := map[string]bool{}
	for _, n := range a.Evidence {
		x := d.Excerpt(n)
		if x == nil || x.ReportsOnly {
			continue
		}
		seen[AccountKey(d.Source(x.Source), x.Source)] = true
	}
	return len(seen)
}

// AccountKey names the account a source carries (model.AccountKey).
func AccountKey(s *model.Source, id string) string {
	if s == nil {
		return model.AccountKey(id, "", "", "")
	}
	return model.AccountKey(id, s.Origin.Value, s.AccountOf, s.Publisher)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
