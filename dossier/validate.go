package dossier

import (
	"fmt"
	"strings"
	"time"

	"github.com/dossier-project/dossier/dossier/model"
)

// now is the clock the validator compares dates with; tests replace it.
var now = time.Now

// Validate checks the rules that span fields and files: unique ids,
// references, date order and future dates, and the warnings that tell an
// author where a submission is weak. Quote and hash checks are Link's.
func Validate(c *Case) Diagnostics {
	v := &validator{c: c, sink: &diagSink{}, today: now().UTC()}
	v.ids()
	v.caseFile()
	for _, s := range c.Sources {
		v.source(s)
	}
	for _, o := range c.Officials {
		v.official(o)
	}
	for _, vic := range c.Victims {
		v.victim(vic)
		v.victimKind(vic)
	}
	v.corruption()
	v.coverage()
	v.duplicatePeople()
	v.scripts()
	return settle(c, v.sink.list)
}

// settle gives every warning about a whole file the line of the record's
// name (or first field), and drops the warnings that a file which could
// not be read would make up: a broken official file leaves its victims
// "unmentioned" and its sources "uncited", and the broken file itself
// looks empty. The syntax error is what the author must fix; the rest
// would only bury it.
func settle(c *Case, ds Diagnostics) Diagnostics {
	at := map[string]Pos{}
	broken := map[string]bool{}
	anyBroken := false
	record := func(path string, m Meta, key string) {
		if m.Pos.File == "" { // never decoded: a syntax error or not a mapping
			broken[path] = true
			anyBroken = true
			return
		}
		at[path] = m.At(key)
	}
	record(c.Meta.Pos.File, c.Meta, "title")
	for _, s := range c.Sources {
		record(s.Path, s.Meta, "title")
	}
	for _, o := range c.Officials {
		record(o.Path, o.Meta, "name")
	}
	for _, v := range c.Victims {
		record(v.Path, v.Meta, "name")
	}
	out := ds[:0]
	for _, d := range ds {
		if d.Severity == Warning {
			if broken[d.File] {
				continue
			}
			if anyBroken && (d.Rule == "victim-unmentioned" || d.Rule == "source-uncited") {
				continue
			}
			if d.Line == 0 {
				if p, ok := at[d.File]; ok {
					d.Pos = p
				}
			}
		}
		out = append(out, d)
	}
	return out
}

type validator struct {
	c     *Case
	sink  *diagSink
	today time.Time

	partyIndex map[string]party   // built on first use by parties()
	victims    map[string]*Victim // by id, built on first use by victimByID
	sources    map[string]*Source // by id, built on first use by sourceByID
}

func (v *validator) ids() {
	seen := map[string]string{} // id → file that defines it
	define := func(id, path string, p Pos) {
		if other, ok := seen[id]; ok {
			v.sink.errorf(p, "duplicate-id", "rename one of the two files; ids must be unique across sources, officials, victims, companies, assets and flows", "id %q is already used by %s", id, other)
			return
		}
		seen[id] = path
	}
	for _, s := range v.c.Sources {
		define(s.ID, s.Path, Pos{File: s.Path})
	}
	for _, o := range v.c.Officials {
		define(o.ID, o.Path, Pos{File: o.Path})
	}
	for _, vic := range v.c.Victims {
		define(vic.ID, vic.Path, Pos{File: vic.Path})
	}
	for _, co := range v.c.Companies {
		define(co.ID, co.Path, Pos{File: co.Path})
	}
	for _, a := range v.c.Assets {
		define(a.ID, a.Path, Pos{File: a.Path})
	}
	for _, f := range v.c.Flows {
		define(f.ID, f.Path, Pos{File: f.Path})
	}
	allegations := map[string]Pos{}
	for _, o := range v.c.Officials {
		for _, a := range o.Allegations {
			p := a.Meta.At("id")
			if a.Meta.Has("id") && !validID(a.ID) {
				v.sink.errorf(p, "id-format", idHint(a.ID), "allegation id %q is not a valid id", a.ID)
			}
			if first, ok := allegations[a.ID]; ok {
				v.sink.errorf(p, "duplicate-id", "give each allegation its own id", "allegation id %q is already used at %s", a.ID, first)
				continue
			}
			allegations[a.ID] = p
		}
	}
}

func (v *validator) caseFile() {
	c := v.c
	v.notFuture(c.Date, c.Meta.At("date"), "date")
	for i, r := range c.Regimes {
		if !validID(r) {
			v.sink.errorf(c.Meta.At(fmt.Sprintf("regimes.%d", i)), "id-format", "regime ids look like us-glomag, uk-ghr, eu-ghrsr, ca-magnitsky, parliament", "regime %q is not a valid id", r)
		}
	}
	if len(c.Sources) == 0 {
		v.sink.warnf(Pos{File: c.Meta.Pos.File}, "empty-case", "add archived sources under sources/", "the case has no sources")
	}
}

func (v *validator) source(s *Source) {
	v.notFuture(s.Published, s.Meta.At("published"), "published")
	v.notFuture(s.Retrieved, s.Meta.At("retrieved"), "retrieved")
	if !s.Published.IsZero() && !s.Retrieved.IsZero() && s.Retrieved.Last().Before(s.Published.First()) {
		v.sink.errorf(s.Meta.At("retrieved"), "date-order", "", "retrieved %s is before published %s", s.Retrieved, s.Published)
	}
	for _, f := range []struct{ key, url string }{{"url", s.URL}, {"archive_url", s.ArchiveURL}} {
		if f.url != "" && !model.LinkableURL(f.url) {
			v.sink.warnf(s.Meta.At(f.key), "url-scheme", "write the full address, starting with https:// or http://",
				"%s %q is not an http, https or mailto address; outputs print it as text, not as a link", f.key, f.url)
		}
	}
	if s.SHA256 != "" && !isHex64(s.SHA256) {
		v.sink.errorf(s.Meta.At("sha256"), "source-hash", "run: sha256sum "+s.File, "sha256 %q is not 64 lowercase hex digits", s.SHA256)
	}
}

func isHex64(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

func (v *validator) official(o *Official) {
	v.notFuture(o.BirthDate, o.Meta.At("birth_date"), "birth_date")
	v.evidenceRefs(o.Evidence)
	for _, list := range [][]*Evidence{o.BirthDateEvidence, o.BirthPlaceEvidence, o.NationalityEvidence, o.GenderEvidence} {
		v.evidenceRefs(list)
	}
	for _, d := range o.Documents {
		v.evidenceRefs(d.Evidence)
	}
	for _, p := range o.Positions {
		v.notFuture(p.From, p.Meta.At("from"), "from")
		v.notFuture(p.To, p.Meta.At("to"), "to")
		v.notFuture(p.AsOf, p.Meta.At("as_of"), "as_of")
		v.afterBirth(o.BirthDate, p.AsOf, p.Meta.At("as_of"), "position "+p.Title)
		if !p.From.IsZero() && !p.To.IsZero() && p.To.Last().Before(p.From.First()) {
			v.sink.errorf(p.Meta.At("to"), "date-order", "swap from and to, or correct one of them", "position %q ends (%s) before it starts (%s)", p.Title, p.To, p.From)
		}
		v.afterBirth(o.BirthDate, p.From, p.Meta.At("from"), "position "+p.Title)
		v.evidenceRefs(p.Evidence)
	}
	if o.Photo != nil {
		v.photo(o.Photo)
	}
	v.distinct(o.ID, o.DistinctFrom)
	for _, s := range o.ExistingSanctions {
		v.notFuture(s.Date, s.Meta.At("date"), "date")
		if s.Regime != "" && !validID(s.Regime) {
			v.sink.errorf(s.Meta.At("regime"), "id-format", "write the id of the regime profile the sanction was imposed under, e.g. us-glomag, or leave regime out", "regime %q is not a valid id", s.Regime)
		}
		v.evidenceRefs(s.Evidence)
	}
	for _, x := range o.ContraryInformation {
		v.evidenceRefs(x.Evidence)
	}
	for _, x := range o.Associates {
		v.evidenceRefs(x.Evidence)
	}
	for _, f := range []struct {
		key string
		ids []string
	}{{"regimes", o.Regimes}, {"exclude_regimes", o.ExcludeRegimes}} {
		for i, r := range f.ids {
			if !validID(r) {
				v.sink.errorf(o.Meta.At(fmt.Sprintf("%s.%d", f.key, i)), "id-format", "regime ids look like us-glomag, uk-ghr, eu-ghrsr, ca-magnitsky, parliament", "regime %q is not a valid id", r)
			}
		}
	}
	if len(o.Regimes) > 0 && len(o.ExcludeRegimes) > 0 {
		v.sink.errorf(o.Meta.At("exclude_regimes"), "regimes-and-exclude", "keep regimes (the only recipients) or exclude_regimes (recipients to leave out), not both", "official %s has both regimes and exclude_regimes", o.ID)
	}
	for _, a := range o.Allegations {
		v.notFuture(a.Date.End, a.Meta.At("date"), "date")
		v.afterBirth(o.BirthDate, a.Date.Start, a.Meta.At("date"), "allegation "+a.ID)
		for i, id := range a.VictimIDs {
			if v.victimByID(id) == nil {
				v.unknownRef(a.Meta.At(fmt.Sprintf("victims.%d", i)), "victim", id, v.victimIDs())
			}
		}
		v.evidenceRefs(a.Evidence)
	}
}

func (v *validator) victim(vic *Victim) {
	if vic.Sensitivity == "" && vic.Meta.Pos.File != "" && vic.EffectiveKind() == "person" { // a group, body or the public is never withheld
		v.sink.warnf(vic.Meta.At("name"), "sensitivity-default",
			"write \"sensitivity: restricted\" to confirm, or \"sensitivity: public\" if the sources and the person's consent allow naming them",
			"%q has no sensitivity, so counts as restricted: withheld from public outputs", vic.Name)
	}
	v.notFuture(vic.BirthDate, vic.Meta.At("birth_date"), "birth_date")
	for _, ev := range vic.Events {
		v.notFuture(ev.Date.End, ev.Meta.At("date"), "date")
		v.afterBirth(vic.BirthDate, ev.Date.Start, ev.Meta.At("date"), "event")
		v.evidenceRefs(ev.Evidence)
	}
	v.notFuture(vic.StatusAsOf, vic.Meta.At("status_as_of"), "status_as_of")
	v.afterBirth(vic.BirthDate, vic.StatusAsOf, vic.Meta.At("status_as_of"), "status")
	v.evidenceRefs(vic.StatusEvidence)
	v.evidenceRefs(vic.Evidence)
	if vic.Kind == "group" && vic.Sensitivity != "" && vic.Sensitivity != "public" {
		v.sink.warnf(vic.Meta.At("sensitivity"), "group-sensitivity", "remove sensitivity, or record the people who must be protected as persons of their own",
			"a group is never pseudonymised: sensitivity %q has no effect", vic.Sensitivity)
	}
	v.distinct(vic.ID, vic.DistinctFrom)
}

func (v *validator) notFuture(d Date, p Pos, field string) {
	if !d.IsZero() && d.First().After(v.today) {
		v.sink.errorf(p, "date-future", "check the year; dates record what has happened", "%s %s is in the future", field, d)
	}
}

func (v *validator) afterBirth(birth, d Date, p Pos, what string) {
	if !birth.IsZero() && !d.IsZero() && d.Last().Before(birth.First()) {
		v.sink.errorf(p, "date-impossible", "check this date and the birth date", "%s is dated %s, before the birth date %s", what, d, birth)
	}
}

func (v *validator) evidenceRefs(list []*Evidence) {
	for _, e := range list {
		if e.SourceID != "" && v.sourceByID(e.SourceID) == nil {
			ids := make([]string, len(v.c.Sources))
			for i, s := range v.c.Sources {
				ids[i] = s.ID
			}
			v.unknownRef(e.Meta.At("source"), "source", e.SourceID, ids)
		}
	}
}

func (v *validator) unknownRef(p Pos, kind, id string, existing []string) {
	hint := fmt.Sprintf("no %s file %ss/%s.yaml exists", kind, kind, id)
	if kind == "person" {
		hint = fmt.Sprintf("no official or victim has the id %s", id)
	}
	if s := nearest(id, existing); s != "" {
		hint = fmt.Sprintf("did you mean %q?", s)
	} else if len(existing) == 0 {
		hint = fmt.Sprintf("the case has no %ss yet", kind)
	}
	v.sink.errorf(p, "unknown-reference", hint, "%s %q does not exist", kind, id)
}

// accountKey names the account a source carries: its origin and the body
// whose account it is (account_of, else publisher), or the source itself.
func (v *validator) accountKey(id string) string {
	s := v.sourceByID(id)
	if s == nil {
		return model.AccountKey(id, "", "", "")
	}
	return model.AccountKey(id, s.Origin, s.AccountOf, s.Publisher)
}

// sourceByID returns the first source with the id, or nil, from an index
// built once: every evidence item names its source.
func (v *validator) sourceByID(id string) *Source {
	if v.sources == nil {
		v.sources = firstByID(v.c.Sources, func(s *Source) string { return s.ID })
	}
	return v.sources[id]
}

// victimByID returns the first victim with the id, or nil: a lookup in an
// index built once, since every allegation names its victims.
func (v *validator) victimByID(id string) *Victim {
	if v.victims == nil {
		v.victims = firstByID(v.c.Victims, func(vic *Victim) string { return vic.ID })
	}
	return v.victims[id]
}

// firstByID maps each item's id to the item, the first of those that
// share an id winning, as a scan of the list would find it.
func firstByID[T any](items []T, id func(T) string) map[string]T {
	m := make(map[string]T, len(items))
	for _, x := range items {
		if _, dup := m[id(x)]; !dup {
			m[id(x)] = x
		}
	}
	return m
}

func (v *validator) victimIDs() []string {
	ids := make([]string, len(v.c.Victims))
	for i, vic := range v.c.Victims {
		ids[i] = vic.ID
	}
	return ids
}

// coverage warns about parts of the case that nothing connects: officials
// without allegations, victims no allegation concerns, sources never cited,
// and allegations that rest on a single source.
func (v *validator) coverage() {
	mentioned := map[string]bool{}
	for _, o := range v.c.Officials {
		if len(o.Allegations) == 0 && len(o.Relationships) == 0 && len(o.Proceedings) == 0 {
			v.sink.warnf(Pos{File: o.Path}, "no-allegation", "add an allegation with evidence, or remove the official", "official %q has no allegation", nameOr(o.Name, o.ID))
		}
		for _, a := range o.Allegations {
			accounts := map[string]bool{}
			for _, e := range a.Evidence {
				if !e.ReportsOnly {
					accounts[v.accountKey(e.SourceID)] = true
				}
			}
			for _, id := range a.VictimIDs {
				mentioned[id] = true
			}
			if IsConductRole(a.Role) && len(accounts) <= 1 {
				v.sink.warnf(a.Meta.At("evidence"), "single-source", "sanctions desks ask for corroboration: add a quote from a second, independent account (another origin or publisher); quotes marked reports_only do not count", "allegation %s rests on one independent account only", a.ID)
			}
		}
	}
	for id := range v.referenced() {
		mentioned[id] = true
	}
	for _, vic := range v.c.Victims {
		if !mentioned[vic.ID] {
			v.sink.warnf(Pos{File: vic.Path}, "victim-unmentioned", "list the victim under an allegation's victims: (or name them in a relationship, amount, asset or flow), or remove the file", "no allegation or corruption record concerns victim %q", nameOr(vic.Name, vic.ID))
		}
	}
	cited := map[string]bool{}
	v.c.EachEvidence(func(e *Evidence, _ string) { cited[e.SourceID] = true })
	for _, s := range v.c.Sources {
		if !cited[s.ID] {
			v.sink.warnf(Pos{File: s.Path}, "source-uncited", "quote it as evidence, or remove it", "source %q is never cited", s.ID)
		}
	}
}

// CheckRegimes reports the regimes named in case.yaml that no profile
// defines; known lists the profile ids of the templates in use.
func CheckRegimes(c *Case, known []string) Diagnostics {
	sink := &diagSink{}
	have := map[string]bool{}
	for _, k := range known {
		have[k] = true
	}
	for i, r := range c.Regimes {
		if have[r] || !validID(r) {
			continue // a malformed id is reported by Validate
		}
		hint := "profiles: " + strings.Join(known, ", ")
		if s := nearest(r, known); s != "" {
			hint = fmt.Sprintf("did you mean %q? (%s)", s, hint)
		}
		sink.errorf(c.Meta.At(fmt.Sprintf("regimes.%d", i)), "unknown-regime", hint, "regime %q has no profile in templates/regimes", r)
	}
	// An official's regimes, exclude_regimes and the regime of an
	// existing sanction name profiles too.
	unknown := func(p Pos, r string) {
		if have[r] || !validID(r) {
			return
		}
		hint := "profiles: " + strings.Join(known, ", ")
		if s := nearest(r, known); s != "" {
			hint = fmt.Sprintf("did you mean %q? (%s)", s, hint)
		}
		sink.errorf(p, "unknown-regime", hint, "regime %q has no profile in templates/regimes", r)
	}
	for _, o := range c.Officials {
		for _, f := range []struct {
			key string
			ids []string
		}{{"regimes", o.Regimes}, {"exclude_regimes", o.ExcludeRegimes}} {
			for i, r := range f.ids {
				unknown(o.Meta.At(fmt.Sprintf("%s.%d", f.key, i)), r)
			}
		}
		for _, s := range o.ExistingSanctions {
			if s.Regime != "" {
				unknown(s.Meta.At("regime"), s.Regime)
			}
		}
	}
	return sink.list
}

// nameOr returns name, or the id when the file gave no name.
func nameOr(name, id string) string {
	if name == "" {
		return id
	}
	return name
}
