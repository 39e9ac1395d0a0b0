package redact

import (
	"fmt"
	"path"
	"sort"
	"time"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/model"
)

// Redact turns a linked, valid case into the model for one audience. It is
// the only place that decides what an audience may see: every string that
// reaches the model passes through the inventory of withheld terms; ids
// and file names that carry a withheld term become neutral ones; notes
// reach internal builds only; withheld victims keep only a pseudonym, their
// status, events and the evidence of those; withheld people who are not
// victims are left out; and an excerpt that had to be redacted loses its
// source and locator, which would lead a reader to the name.
func Redact(c *dossier.Case, a model.Audience, buildDate time.Time) (*model.Dossier, error) {
	if _, ok := model.ParseAudience(string(a)); !ok {
		return nil, fmt.Errorf("unknown audience %q", a)
	}
	inv := NewInventory(c, a)
	r := func(s string) string { out, _ := inv.Replace(s); return out }
	show := decisions(a)
	notes := func(s string) string {
		if !show.Notes {
			return ""
		}
		return r(s)
	}
	ids := neutralIDs(c, inv)
	v := c.Vocabulary // the labels of the templates the case was read with
	if v == nil {
		v = dossier.Vocab()
	}
	label := func(list, value string) model.Label {
		if value == "" {
			return model.Label{}
		}
		return model.Label{Value: value, Label: v[list].Label(value)}
	}
	d := &model.Dossier{
		Case: ids.caseID, Title: r(c.Title), Country: r(c.Country), Date: c.Date,
		BuildDate: buildDate, Audience: a, Regimes: append([]string{}, c.Regimes...),
		Summary: r(c.Summary), NationalInterest: r(c.NationalInterest), Confidentiality: r(c.Confidentiality), Show: show,
	}
	d.Classification = r(c.Classification)
	if d.Classification == "" {
		d.Classification = map[model.Audience]string{
			model.Public: "PUBLIC", model.Partner: "RESTRICTED — PARTNERS ONLY", model.Internal: "CONFIDENTIAL — INTERNAL",
		}[a]
	}
	if c.SubmittedBy != nil {
		d.Organisation, d.Contact = r(c.SubmittedBy.Organisation), r(c.SubmittedBy.Contact)
		d.SubmitterDescription = r(c.SubmittedBy.Description)
	}
	d.Notes = notes(c.Notes)

	// People as the audience sees them.
	nums := Pseudonyms(c)
	type view struct {
		id, name     string
		hidden, gone bool // gone: a withheld person who is not a victim
	}
	views := map[string]view{}
	for _, vic := range c.Victims {
		switch {
		case !withheldPerson(vic, a):
			views[vic.ID] = view{id: vic.ID, name: vic.Name}
		case vic.EffectiveRole() != "victim":
			views[vic.ID] = view{hidden: true, gone: true}
		default:
			name, id := pseudonym(nums[vic.ID], len(c.Victims))
			views[vic.ID] = view{id: id, name: name, hidden: true}
			d.Withheld++
		}
	}

	sourceNum := map[string]int{}
	for i, s := range c.Sources {
		sourceNum[s.ID] = i + 1
		ms := &model.Source{
			ID: ids.source[s.ID], Number: i + 1, Title: r(s.Title), Type: label("source_types", s.Type),
			Publisher: r(s.Publisher), Origin: label("source_origins", s.Origin), AccountOf: r(s.AccountOf),
			Author: r(s.Author), Published: s.Published,
			URL: url(s.URL, inv), ArchiveURL: url(s.ArchiveURL, inv), Retrieved: s.Retrieved, Language: s.Language,
			File: ids.file[s.ID], SHA256: s.ComputedSHA256, Size: len(s.Text), Notes: notes(s.Notes),
			Excerpts: []int{},
		}
		ms.Text, ms.TextRedacted = inv.Replace(string(s.Text))
		if ms.TextRedacted && a != model.Internal {
			ms.Text, ms.TextWithheld = "", true
		}
		ms.Capture = capture(s.Capture, r, inv, label)
		ms.Original = original(s, i+1, ms.TextWithheld, inv, a)
		d.Sources = append(d.Sources, ms)
	}
	sources := map[string]*dossier.Source{}
	for _, s := range c.Sources {
		sources[s.ID] = s
	}

	// excerpts numbers each evidence item as it is met, in case order.
	excerpts := func(list []*dossier.Evidence, owner, ownerKind, ownerName, supports, target string) []int {
		out := []int{}
		for _, e := range list {
			s := sources[e.SourceID]
			quote, q := inv.Replace(e.Quote)
			passage := ""
			if s != nil && e.Found {
				passage = string(s.Text[e.Offset : e.Offset+e.Length])
			}
			passage, p := inv.Replace(passage)
			x := &model.Excerpt{
				Number: len(d.Excerpts) + 1, Source: ids.source[e.SourceID], Quote: quote, Passage: passage,
				Paragraph: e.Paragraph, EndParagraph: max(e.EndParagraph, e.Paragraph), Offset: e.Offset, Length: e.Length, Note: r(e.Note),
				Redacted: q || p, Owner: owner, OwnerKind: ownerKind, OwnerName: ownerName,
				Supports: supports, Target: target,
				Hedged: e.IsHedged(), ReportsOnly: e.ReportsOnly,
			}
			if x.Hedged && e.Hedged == nil {
				x.Hedge = dossier.HedgeIn(e.Quote)
			}
			if x.Redacted {
				// The source and the place in it would lead a reader to
				// the name the quote no longer shows.
				x.Source, x.Paragraph, x.EndParagraph, x.Offset, x.Length, x.SourceWithheld = "", 0, 0, 0, 0, true
			}
			d.Excerpts = append(d.Excerpts, x)
			if n := sourceNum[e.SourceID]; n > 0 && !x.SourceWithheld {
				d.Sources[n-1].Excerpts = append(d.Sources[n-1].Excerpts, x.Number)
			}
			out = append(out, x.Number)
		}
		return out
	}

	concerns := map[string][]string{}
	for _, o := range c.Officials {
		name := r(o.Name)
		mo := &model.Official{
			ID: o.ID, Kind: label("official_kinds", o.Kind), Name: name, Aliases: aliases(o.Aliases, r),
			BirthDate: o.BirthDate, BirthPlace: r(o.BirthPlace), Nationality: append([]string{}, o.Nationality...),
			Gender: o.Gender, Summary: r(o.Summary), Notes: notes(o.Notes),
			Documents: []model.Document{}, Positions: []model.Position{}, Allegations: []*model.Allegation{},
			Sanctions: []model.Sanction{}, Contrary: []model.Contrary{}, Associates: []model.Associate{},
			Regimes: append([]string{}, o.Regimes...), ExcludeRegimes: append([]string{}, o.ExcludeRegimes...),
		}
		for _, doc := range o.Documents {
			mo.Documents = append(mo.Documents, model.Document{
				Type: label("document_types", doc.Type), Number: r(doc.Number), Country: r(doc.Country),
				Evidence: excerpts(doc.Evidence, o.ID, "official", name, "document", ""),
			})
		}
		for _, p := range o.Positions {
			mo.Positions = append(mo.Positions, model.Position{
				Title: r(p.Title), Body: r(p.Body), From: p.From, To: p.To, AsOf: p.AsOf,
				Evidence: excerpts(p.Evidence, o.ID, "official", name, "position", ""),
			})
		}
		mo.BirthDateEvidence = excerpts(o.BirthDateEvidence, o.ID, "official", name, "identity", "")
		mo.BirthPlaceEvidence = excerpts(o.BirthPlaceEvidence, o.ID, "official", name, "identity", "")
		mo.NationalityEvidence = excerpts(o.NationalityEvidence, o.ID, "official", name, "identity", "")
		mo.GenderEvidence = excerpts(o.GenderEvidence, o.ID, "official", name, "identity", "")
		mo.Evidence = excerpts(o.Evidence, o.ID, "official", name, "identity", "")
		if o.Photo != nil {
			mo.Photo = &model.Photo{File: ids.photo[o.ID], Credit: r(o.Photo.Credit), Data: o.Photo.Data}
		}
		for _, al := range o.Allegations {
			aid := ids.allegation[al.ID]
			ma := &model.Allegation{
				ID: aid, Official: o.ID, Summary: r(al.Summary), Date: al.Date, Place: r(al.Place),
				Role: label("roles", al.Role), Conduct: dossier.IsConductRole(al.Role), Victims: []model.VictimRef{},
				Evidence: excerpts(al.Evidence, o.ID, "official", name, "allegation", aid),
			}
			for _, vt := range al.Violations {
				ma.Violations = append(ma.Violations, label("violations", vt))
			}
			for _, id := range al.VictimIDs {
				vw := views[id]
				if vw.gone {
					continue
				}
				ma.Victims = append(ma.Victims, model.VictimRef{ID: vw.id, Name: vw.name, Withheld: vw.hidden})
				concerns[id] = append(concerns[id], aid)
			}
			distinct := map[string]bool{}
			for _, e := range al.Evidence {
				distinct[e.SourceID] = true
			}
			ma.Sources = len(distinct)
			mo.Allegations = append(mo.Allegations, ma)
		}
		for _, s := range o.ExistingSanctions {
			mo.Sanctions = append(mo.Sanctions, model.Sanction{
				Authority: r(s.Authority), Programme: r(s.Programme), Regime: s.Regime, Date: s.Date,
				Evidence: excerpts(s.Evidence, o.ID, "official", name, "sanction", ""),
			})
		}
		for _, x := range o.ContraryInformation {
			mo.Contrary = append(mo.Contrary, model.Contrary{
				Summary: r(x.Summary), Evidence: excerpts(x.Evidence, o.ID, "official", name, "contrary", ""),
			})
		}
		for _, x := range o.Associates {
			aname, withheld := inv.Replace(x.Name)
			mo.Associates = append(mo.Associates, model.Associate{
				Name: aname, Relationship: r(x.Relationship), Withheld: withheld,
				Evidence: excerpts(x.Evidence, o.ID, "official", name, "associate", ""),
			})
		}
		d.Officials = append(d.Officials, mo)
	}

	for _, vic := range c.Victims {
		vw := views[vic.ID]
		if vw.gone {
			continue
		}
		mv := &model.Victim{
			ID: vw.id, Name: vw.name, Withheld: vw.hidden, Aliases: []model.Alias{},
			Role: label("person_roles", vic.EffectiveRole()),
			Kind: label("victim_kinds", vic.EffectiveKind()), StatusAsOf: vic.StatusAsOf,
			Status: label("victim_statuses", vic.Status), Sensitivity: label("sensitivities", vic.EffectiveSensitivity()),
			Consent: label("consents", vic.Consent), Events: []model.Event{},
			Allegations: append([]string{}, concerns[vic.ID]...),
		}
		for _, ev := range vic.Events {
			me := model.Event{
				Date: ev.Date, Type: label("event_types", ev.Type), Summary: r(ev.Summary), Place: r(ev.Place),
				Evidence: excerpts(ev.Evidence, vw.id, "victim", vw.name, "event", ""),
			}
			if s := ev.Sentence; s != nil {
				me.Sentence = &model.Sentence{Prison: r(s.Prison), Fine: r(s.Fine), Ban: r(s.Ban), Other: r(s.Other)}
			}
			mv.Events = append(mv.Events, me)
		}
		mv.StatusEvidence = excerpts(vic.StatusEvidence, vw.id, "victim", vw.name, "status", "")
		if !vw.hidden {
			// Identifying details, and the evidence of who the person is,
			// only for people the audience may know.
			mv.Aliases = aliases(vic.Aliases, r)
			mv.Occupation = r(vic.Occupation)
			mv.BirthDate, mv.BirthPlace = vic.BirthDate, r(vic.BirthPlace)
			mv.Notes = notes(vic.Notes)
			mv.Evidence = excerpts(vic.Evidence, vw.id, "victim", vw.name, "identity", "")
		} else {
			mv.Evidence = []int{}
		}
		d.Victims = append(d.Victims, mv)
	}
	people := map[string]model.Ref{}
	for _, o := range c.Officials {
		people[o.ID] = model.Ref{ID: o.ID, Name: r(o.Name), Kind: "official"}
	}
	for _, vic := range c.Victims {
		if vw := views[vic.ID]; !vw.gone {
			people[vic.ID] = model.Ref{ID: vw.id, Name: vw.name, Kind: "victim", Withheld: vw.hidden}
		}
	}
	corruption(c, d, corruptionEnv{inv: inv, vocab: v, r: r, notes: notes, label: label, excerpts: excerpts, people: people})

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

func aliases(list []*dossier.Alias, r func(string) string) []model.Alias {
	out := []model.Alias{}
	for _, a := range list {
		out = append(out, model.Alias{Name: r(a.Name), Script: a.Script, ScriptLabel: dossier.Vocab()["scripts"].Label(a.Script), Note: r(a.Note)})
	}
	return out
}

// url keeps a link only when it names no withheld person: a slug such as
// ".../kara-murze" would name them to anyone who reads it.
func url(u string, inv *Inventory) string {
	if inv.IdentifiesStrictly(u) {
		return ""
	}
	return u
}

// ids are the identifiers an audience sees: the user's own, or neutral
// ones where the user's would name a withheld person.
type ids struct {
	caseID     string
	source     map[string]string // source id → id shown
	file       map[string]string // source id → archived file name shown
	photo      map[string]string // official id → photo file name shown
	allegation map[string]string // allegation id → id shown
}

// neutralIDs replaces every identifier the user wrote that mentions a
// withheld person by a neutral one, stable across builds: the case folder
// by "case", a source by "source-N", its file by "source-N.txt", an
// allegation by "allegation-N" (N counting the case's allegations in
// order), a photo by "<official>-photo".
func neutralIDs(c *dossier.Case, inv *Inventory) ids {
	out := ids{caseID: c.ID, source: map[string]string{}, file: map[string]string{}, photo: map[string]string{}, allegation: map[string]string{}}
	if inv.IdentifiesStrictly(c.ID) {
		out.caseID = "case"
	}
	for i, s := range c.Sources {
		out.source[s.ID], out.file[s.ID] = s.ID, s.File
		if inv.IdentifiesStrictly(s.ID) {
			out.source[s.ID] = fmt.Sprintf("source-%d", i+1)
		}
		if inv.IdentifiesStrictly(s.File) {
			out.file[s.ID] = fmt.Sprintf("source-%d%s", i+1, path.Ext(s.File))
		}
	}
	n := 0 // allegations are numbered across the case, in case order
	for _, o := range c.Officials {
		if o.Photo != nil {
			out.photo[o.ID] = o.Photo.File
			if inv.IdentifiesStrictly(o.Photo.File) {
				out.photo[o.ID] = o.ID + "-photo" + path.Ext(o.Photo.File)
			}
		}
		for _, al := range o.Allegations {
			n++
			out.allegation[al.ID] = al.ID
			if inv.IdentifiesStrictly(al.ID) {
				out.allegation[al.ID] = fmt.Sprintf("allegation-%d", n)
			}
		}
	}
	return out
}
