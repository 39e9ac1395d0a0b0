package dossier

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/dossier-project/dossier/dossier/internal/fold"
	"github.com/dossier-project/dossier/dossier/model"
)

// withheld reports whether a victim of the given sensitivity is withheld
// from an audience: public sees only public people, partner adds
// restricted ones, internal sees everyone.
func withheld(sensitivity string, a model.Audience) bool {
	switch a {
	case model.Internal:
		return false
	case model.Partner:
		return sensitivity == "confidential"
	}
	return sensitivity != "public"
}

// Pseudonyms assigns every victim of the case a stable pseudonym number.
// Victims are numbered in the order the case's allegations first name them
// (officials by id, allegations in file order), then the others by id.
// Numbering all victims, not only withheld ones, keeps a person's
// pseudonym the same for every audience; numbering by mention rather than
// by name keeps the number from hinting at the name.
func Pseudonyms(c *Case) map[string]int {
	nums := map[string]int{}
	next := 1
	assign := func(id string) {
		if _, ok := nums[id]; !ok {
			nums[id] = next
			next++
		}
	}
	known := map[string]bool{}
	for _, v := range c.Victims {
		known[v.ID] = true
	}
	for _, o := range c.Officials {
		for _, a := range o.Allegations {
			for _, id := range a.VictimIDs {
				if known[id] {
					assign(id)
				}
			}
		}
	}
	for _, v := range c.Victims {
		assign(v.ID)
	}
	return nums
}

// pseudonym formats a victim's pseudonym: name and id.
func pseudonym(n, total int) (name, id string) {
	width := 2
	if total >= 100 {
		width = len(fmt.Sprint(total))
	}
	code := fmt.Sprintf("%0*d", width, n)
	return "Victim V-" + code, "v-" + code
}

// WithheldNames returns every name, alias and id of the victims withheld
// from an audience: what must appear in none of its outputs.
func WithheldNames(c *Case, a model.Audience) []string {
	var out []string
	for _, v := range c.Victims {
		if withheld(v.EffectiveSensitivity(), a) {
			out = append(out, nameForms(v.Name, v.Aliases)...)
			out = append(out, v.ID)
		}
	}
	return out
}

// redactor replaces every mention of a withheld person in a text by their
// pseudonym.
type redactor struct {
	patterns []pattern
}

type pattern struct {
	folded      string // the name form, folded for comparison
	replacement string
}

func newRedactor(c *Case, a model.Audience, nums map[string]int) *redactor {
	r := &redactor{}
	seen := map[string]bool{}
	add := func(needle, replacement string) {
		if f := fold.String(needle); f != "" && !seen[f] {
			seen[f] = true
			r.patterns = append(r.patterns, pattern{f, replacement})
		}
	}
	for _, v := range c.Victims {
		if !withheld(v.EffectiveSensitivity(), a) {
			continue
		}
		name, _ := pseudonym(nums[v.ID], len(c.Victims))
		for _, form := range nameForms(v.Name, v.Aliases) {
			add(form, name)
			// Sources often name a person by surname alone ("wrote
			// Semenova"), so the last word of each form is withheld too.
			words := strings.Fields(form)
			if last := words[len(words)-1]; len(words) > 1 && len([]rune(last)) >= 3 && !strings.HasSuffix(last, ".") {
				add(last, name)
			}
		}
		add(v.ID, name)
	}
	return r
}

// text returns s with every withheld name replaced, and whether anything
// was replaced. Where mentions overlap ("Jana Novák" and "Novák"), the
// longest wins.
func (r *redactor) text(s string) (string, bool) {
	if len(r.patterns) == 0 || s == "" {
		return s, false
	}
	type hit struct {
		fold.Span
		replacement string
	}
	ft := fold.New(s)
	var hits []hit
	for _, p := range r.patterns {
		if !strings.Contains(ft.Folded, p.folded) {
			continue
		}
		for _, sp := range ft.FindFoldedWords(p.folded) {
			hits = append(hits, hit{sp, p.replacement})
		}
	}
	if len(hits) == 0 {
		return s, false
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Start != hits[j].Start {
			return hits[i].Start < hits[j].Start
		}
		return hits[i].End > hits[j].End
	})
	var b strings.Builder
	last := 0
	for _, h := range hits {
		if h.Start < last {
			continue // inside a longer mention already replaced
		}
		b.WriteString(s[last:h.Start])
		b.WriteString(h.replacement)
		last = h.End
	}
	b.WriteString(s[last:])
	return b.String(), true
}

// t is text() without the flag, for fields where it does not matter.
func (r *redactor) t(s string) string { out, _ := r.text(s); return out }

// BuildDate is the date stamped into outputs: SOURCE_DATE_EPOCH when set,
// so that builds are reproducible on demand, otherwise the case's own date.
func BuildDate(c *Case) (time.Time, error) {
	if v := os.Getenv("SOURCE_DATE_EPOCH"); v != "" {
		var secs int64
		if _, err := fmt.Sscan(v, &secs); err != nil || secs < 0 {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", v)
		}
		return time.Unix(secs, 0).UTC(), nil
	}
	return c.Date.First(), nil
}

// Redact turns a linked, valid case into the model for one audience. It is
// the only place that decides what an audience may see: every string that
// reaches the model passes through the redactor, and withheld victims keep
// only a pseudonym, their status, events and evidence.
func Redact(c *Case, a model.Audience, buildDate time.Time) (*model.Dossier, error) {
	if _, ok := model.ParseAudience(string(a)); !ok {
		return nil, fmt.Errorf("unknown audience %q", a)
	}
	nums := Pseudonyms(c)
	r := newRedactor(c, a, nums)
	v := Vocab()
	label := func(list, value string) model.Label {
		if value == "" {
			return model.Label{}
		}
		return model.Label{Value: value, Label: v[list].Label(value)}
	}
	d := &model.Dossier{
		Case: c.ID, Title: r.t(c.Title), Country: c.Country, Date: c.Date,
		BuildDate: buildDate, Audience: a, Regimes: append([]string{}, c.Regimes...),
		Summary: r.t(c.Summary),
	}
	d.Classification = c.Classification
	if d.Classification == "" {
		d.Classification = map[model.Audience]string{
			model.Public: "PUBLIC", model.Partner: "RESTRICTED — PARTNERS ONLY", model.Internal: "CONFIDENTIAL — INTERNAL",
		}[a]
	}
	if c.SubmittedBy != nil {
		d.Organisation, d.Contact = c.SubmittedBy.Organisation, c.SubmittedBy.Contact
	}
	d.Notes = r.t(c.Notes)

	// Victim identities as the audience sees them.
	type view struct {
		id, name string
		hidden   bool
	}
	views := map[string]view{}
	for _, vic := range c.Victims {
		if withheld(vic.EffectiveSensitivity(), a) {
			name, id := pseudonym(nums[vic.ID], len(c.Victims))
			views[vic.ID] = view{id, name, true}
			d.Withheld++
		} else {
			views[vic.ID] = view{vic.ID, vic.Name, false}
		}
	}

	sourceNum := map[string]int{}
	for i, s := range c.Sources {
		sourceNum[s.ID] = i + 1
		d.Sources = append(d.Sources, &model.Source{
			ID: s.ID, Number: i + 1, Title: r.t(s.Title), Type: label("source_types", s.Type),
			Publisher: r.t(s.Publisher), Author: r.t(s.Author), Published: s.Published,
			URL: s.URL, ArchiveURL: s.ArchiveURL, Retrieved: s.Retrieved, Language: s.Language,
			File: s.File, SHA256: s.ComputedSHA256, Size: len(s.Text), Notes: r.t(s.Notes),
			Excerpts: []int{},
		})
	}
	sources := map[string]*Source{}
	for _, s := range c.Sources {
		sources[s.ID] = s
	}

	// excerpts numbers each evidence item as it is met, in case order.
	excerpts := func(list []*Evidence, owner, ownerKind, ownerName, supports, target string) []int {
		nums := []int{}
		for _, e := range list {
			s := sources[e.SourceID]
			quote, q := r.text(e.Quote)
			passage := ""
			if s != nil && e.Found {
				passage = string(s.Text[e.Offset : e.Offset+e.Length])
			}
			passage, p := r.text(passage)
			x := &model.Excerpt{
				Number: len(d.Excerpts) + 1, Source: e.SourceID, Quote: quote, Passage: passage,
				Paragraph: e.Paragraph, Offset: e.Offset, Length: e.Length, Note: r.t(e.Note),
				Redacted: q || p, Owner: owner, OwnerKind: ownerKind, OwnerName: ownerName,
				Supports: supports, Target: target,
			}
			d.Excerpts = append(d.Excerpts, x)
			if n := sourceNum[e.SourceID]; n > 0 {
				d.Sources[n-1].Excerpts = append(d.Sources[n-1].Excerpts, x.Number)
			}
			nums = append(nums, x.Number)
		}
		return nums
	}

	concerns := map[string][]string{}
	for _, o := range c.Officials {
		name := r.t(o.Name)
		mo := &model.Official{
			ID: o.ID, Kind: label("official_kinds", o.Kind), Name: name, Aliases: aliases(o.Aliases, r),
			BirthDate: o.BirthDate, BirthPlace: r.t(o.BirthPlace), Nationality: append([]string{}, o.Nationality...),
			Gender: o.Gender, Summary: r.t(o.Summary), Notes: r.t(o.Notes),
			Documents: []model.Document{}, Positions: []model.Position{}, Allegations: []*model.Allegation{},
		}
		for _, doc := range o.Documents {
			mo.Documents = append(mo.Documents, model.Document{
				Type: label("document_types", doc.Type), Number: doc.Number, Country: doc.Country,
				Evidence: excerpts(doc.Evidence, o.ID, "official", name, "document", ""),
			})
		}
		for _, p := range o.Positions {
			mo.Positions = append(mo.Positions, model.Position{
				Title: r.t(p.Title), Body: r.t(p.Body), From: p.From, To: p.To,
				Evidence: excerpts(p.Evidence, o.ID, "official", name, "position", ""),
			})
		}
		mo.Evidence = excerpts(o.Evidence, o.ID, "official", name, "identity", "")
		if o.Photo != nil {
			data, err := readPhoto(c, o.Photo.File)
			if err != nil {
				return nil, fmt.Errorf("%s: photo: %w", o.Path, err)
			}
			mo.Photo = &model.Photo{File: o.Photo.File, Credit: r.t(o.Photo.Credit), Data: data}
		}
		for _, al := range o.Allegations {
			ma := &model.Allegation{
				ID: al.ID, Official: o.ID, Summary: r.t(al.Summary), Date: al.Date, Place: r.t(al.Place),
				Role: label("roles", al.Role), Victims: []model.VictimRef{},
				Evidence: excerpts(al.Evidence, o.ID, "official", name, "allegation", al.ID),
			}
			for _, vt := range al.Violations {
				ma.Violations = append(ma.Violations, label("violations", vt))
			}
			for _, id := range al.VictimIDs {
				vw := views[id]
				ma.Victims = append(ma.Victims, model.VictimRef{ID: vw.id, Name: vw.name, Withheld: vw.hidden})
				concerns[id] = append(concerns[id], al.ID)
			}
			distinct := map[string]bool{}
			for _, e := range al.Evidence {
				distinct[e.SourceID] = true
			}
			ma.Sources = len(distinct)
			mo.Allegations = append(mo.Allegations, ma)
		}
		d.Officials = append(d.Officials, mo)
	}

	for _, vic := range c.Victims {
		vw := views[vic.ID]
		mv := &model.Victim{
			ID: vw.id, Name: vw.name, Withheld: vw.hidden, Aliases: []model.Alias{},
			Status: label("victim_statuses", vic.Status), Sensitivity: label("sensitivities", vic.EffectiveSensitivity()),
			Consent: label("consents", vic.Consent), Events: []model.Event{},
			Allegations: append([]string{}, concerns[vic.ID]...),
		}
		if !vw.hidden {
			// Identifying details are kept only for people the audience may know.
			mv.Aliases = aliases(vic.Aliases, r)
			mv.Occupation = r.t(vic.Occupation)
			mv.BirthDate, mv.BirthPlace = vic.BirthDate, r.t(vic.BirthPlace)
			mv.Notes = r.t(vic.Notes)
		}
		for _, ev := range vic.Events {
			mv.Events = append(mv.Events, model.Event{
				Date: ev.Date, Type: label("event_types", ev.Type), Summary: r.t(ev.Summary), Place: r.t(ev.Place),
				Evidence: excerpts(ev.Evidence, vw.id, "victim", vw.name, "event", ""),
			})
		}
		mv.Evidence = excerpts(vic.Evidence, vw.id, "victim", vw.name, "identity", "")
		d.Victims = append(d.Victims, mv)
	}
	// Pseudonymous victims are listed by pseudonym, so their place in the
	// list does not betray the alphabetical order of their real ids.
	sort.SliceStable(d.Victims, func(i, j int) bool {
		a, b := d.Victims[i], d.Victims[j]
		if a.Withheld != b.Withheld {
			return !a.Withheld
		}
		return a.ID < b.ID
	})
	return d, nil
}

func aliases(list []*Alias, r *redactor) []model.Alias {
	out := []model.Alias{}
	for _, a := range list {
		out = append(out, model.Alias{Name: r.t(a.Name), Script: a.Script, Note: r.t(a.Note)})
	}
	return out
}

// readPhoto reads a photo file from inside the case folder.
func readPhoto(c *Case, file string) ([]byte, error) {
	clean := filepath.Clean(file)
	if filepath.IsAbs(clean) || strings.HasPrefix(clean, "..") {
		return nil, fmt.Errorf("%q is outside the case folder", file)
	}
	return os.ReadFile(filepath.Join(c.Dir, clean))
}
