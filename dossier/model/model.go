// Package model is the linked, redacted case that renderers consume: the
// output of the redact stage for one audience.
//
// Everything here is already safe for its audience. A withheld victim
// appears only as a pseudonym (Name "Victim V-07", ID "v-07"), in every
// field and inside every quote; facts that would identify them are gone.
// Renderers import this package and never the dossier package, so they
// cannot reach a withheld name (a test enforces the import rule).
//
// The JSON output of dossier build is this model marshalled as is; its
// field names are part of dossier's interface.
package model

import (
	"io/fs"
	"time"
)

// Audience is who an output is for; it decides what is withheld.
type Audience string

// The audiences, from the most to the least restricted.
const (
	Public   Audience = "public"   // only people marked public
	Partner  Audience = "partner"  // public and restricted people
	Internal Audience = "internal" // everyone
)

// Audiences lists the audiences in order of increasing access.
var Audiences = []Audience{Public, Partner, Internal}

// ParseAudience returns the audience named s.
func ParseAudience(s string) (Audience, bool) {
	for _, a := range Audiences {
		if string(a) == s {
			return a, true
		}
	}
	return "", false
}

// Dossier is one case, linked and redacted for one audience.
type Dossier struct {
	Case           string    `json:"case"` // the case folder's name
	Title          string    `json:"title"`
	Country        string    `json:"country"`
	Date           Date      `json:"date"`       // the case's own date
	BuildDate      time.Time `json:"build_date"` // SOURCE_DATE_EPOCH, or the case's date
	Audience       Audience  `json:"audience"`
	Classification string    `json:"classification"` // the marking printed on every page
	Organisation   string    `json:"submitted_by,omitempty"`
	Contact        string    `json:"contact,omitempty"`
	// SubmitterDescription says who the submitting organisation is.
	SubmitterDescription string   `json:"submitter_description,omitempty"`
	Regimes              []string `json:"regimes"`
	Summary              string   `json:"summary,omitempty"`
	// NationalInterest is why the recipient should act (case field
	// national_interest); Confidentiality the submitter's request not to
	// publish (case field confidentiality). Empty when not given.
	NationalInterest string `json:"national_interest,omitempty"`
	Confidentiality  string `json:"confidentiality,omitempty"`
	Notes            string `json:"notes,omitempty"`
	// Withheld counts the victims this audience sees only as pseudonyms.
	Withheld int `json:"withheld_victims"`
	// Show records what else the audience may see, decided in redaction.
	Show Visibility `json:"show"`

	Officials []*Official `json:"officials"`
	Victims   []*Victim   `json:"victims"`
	Sources   []*Source   `json:"sources"`
	// Excerpts is every quoted excerpt of the case, numbered from 1 in
	// case order; Evidence fields elsewhere point into it.
	Excerpts []*Excerpt `json:"excerpts"`

	// The corruption records (corruption.go): a record that would name a
	// person withheld from this audience is not here at all. Left out of
	// the JSON when the case has none.
	Companies     []*Company      `json:"companies,omitempty"`
	Relationships []*Relationship `json:"relationships,omitempty"`
	Amounts       []*Amount       `json:"amounts,omitempty"`
	Assets        []*Asset        `json:"assets,omitempty"`
	Flows         []*Flow         `json:"flows,omitempty"`
	Proceedings   []*Proceeding   `json:"proceedings,omitempty"`

	// Bundle is the evidence bundle built for this audience together with
	// the outputs, which the excerpts' Bundle places point into; nil when
	// no bundle was built with them (see bundleref.go).
	Bundle *BundleFile `json:"bundle,omitempty"`
}

// Visibility records the audience decisions besides names, taken once in
// redaction, so that no renderer compares the audience itself.
type Visibility struct {
	Readiness bool `json:"readiness"` // the readiness check and its notes
	Notes     bool `json:"notes"`     // the case's internal notes fields
}

// Label is a controlled-vocabulary value with its printable label.
type Label struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// Alias is another spelling or script of a name.
type Alias struct {
	Name   string `json:"name"`
	Script string `json:"script,omitempty"`
	// ScriptLabel is the script's printable label from the vocabulary
	// ("Georgian" for Geor); the JSON keeps the code alone.
	ScriptLabel string `json:"-"`
	Note        string `json:"note,omitempty"`
}

// Official is a person or organisation proposed for sanctions. Officials
// are never withheld: they are the subjects of the submission.
type Official struct {
	ID          string   `json:"id"`
	Kind        Label    `json:"kind"`
	Name        string   `json:"name"`
	Aliases     []Alias  `json:"aliases"`
	BirthDate   Date     `json:"birth_date"`
	BirthPlace  string   `json:"birth_place,omitempty"`
	Nationality []string `json:"nationality"`
	Gender      string   `json:"gender,omitempty"`
	// Evidence for single identity facts (excerpt numbers); empty means
	// the fact is unsourced.
	BirthDateEvidence   []int         `json:"birth_date_evidence"`
	BirthPlaceEvidence  []int         `json:"birth_place_evidence"`
	NationalityEvidence []int         `json:"nationality_evidence"`
	GenderEvidence      []int         `json:"gender_evidence"`
	Documents           []Document    `json:"documents"`
	Positions           []Position    `json:"positions"`
	Photo               *Photo        `json:"photo,omitempty"`
	Summary             string        `json:"summary,omitempty"`
	Evidence            []int         `json:"evidence"` // excerpt numbers
	Allegations         []*Allegation `json:"allegations"`
	// Sanctions are the measures already imposed on the official.
	Sanctions []Sanction `json:"existing_sanctions"`
	// Contrary is evidence that cuts the other way, printed, not hidden.
	Contrary []Contrary `json:"contrary_information"`
	// Associates are family members and known associates, printed where a
	// regime reaches them.
	Associates []Associate `json:"associates"`
	// Regimes, when not empty, are the only regime profiles the official
	// is sent to; ExcludeRegimes those the official is not sent to.
	Regimes        []string `json:"regimes"`
	ExcludeRegimes []string `json:"exclude_regimes"`
	Notes          string   `json:"notes,omitempty"`
}

// Sanction is a measure an authority already imposed on an official
// (case field existing_sanctions): the authority, the programme or
// instrument, the date, and the excerpts that evidence it. Regime is the
// id of the regime profile it was imposed under, when it is one of the
// recipients (that recipient is then not asked again); empty otherwise.
type Sanction struct {
	Authority string `json:"authority"`
	Programme string `json:"programme"`
	Regime    string `json:"regime,omitempty"`
	Date      Date   `json:"date"`
	Evidence  []int  `json:"evidence"`
}

// Associate is a family member or known associate of an official.
// Withheld says the name is (or names) a person this audience may not
// see: Name then holds the pseudonym, and outputs that build an entity
// graph leave the associate out, as they leave out withheld victims.
type Associate struct {
	Name         string `json:"name"`
	Relationship string `json:"relationship"`
	Withheld     bool   `json:"withheld,omitempty"`
	Evidence     []int  `json:"evidence"`
}

// Contrary is information that cuts against the case made about an
// official, with its evidence.
type Contrary struct {
	Summary  string `json:"summary"`
	Evidence []int  `json:"evidence"`
}

// SanctionBy returns the official's existing sanction imposed under the
// regime profile id, or nil.
func (o *Official) SanctionBy(regime string) *Sanction {
	for i := range o.Sanctions {
		if o.Sanctions[i].Regime == regime {
			return &o.Sanctions[i]
		}
	}
	return nil
}

// SentTo reports whether the case sends the official to the regime
// profile id: not when the official's regimes list leaves it out or its
// exclude_regimes names it.
func (o *Official) SentTo(regime string) bool {
	for _, r := range o.ExcludeRegimes {
		if r == regime {
			return false
		}
	}
	if len(o.Regimes) == 0 {
		return true
	}
	for _, r := range o.Regimes {
		if r == regime {
			return true
		}
	}
	return false
}

// Document is an identity document of an official.
type Document struct {
	Type     Label  `json:"type"`
	Number   string `json:"number"`
	Country  string `json:"country,omitempty"`
	Evidence []int  `json:"evidence"`
}

// Position is an office an official held.
type Position struct {
	Title string `json:"title"`
	Body  string `json:"body,omitempty"`
	From  Date   `json:"from"`
	To    Date   `json:"to"`
	// AsOf is a date on which the sources show the position held.
	AsOf     Date  `json:"as_of"`
	Evidence []int `json:"evidence"`
}

// Photo is a portrait of an official; Data holds the image file's bytes.
type Photo struct {
	File   string `json:"file"`
	Credit string `json:"credit"`
	Data   []byte `json:"-"`
}

// Allegation is one act of conduct attributed to an official.
type Allegation struct {
	ID         string    `json:"id"`
	Official   string    `json:"official"` // the official's id
	Summary    string    `json:"summary"`
	Date       DateRange `json:"date"`
	Place      string    `json:"place,omitempty"`
	Violations []Label   `json:"violations"`
	Role       Label     `json:"role"`
	// Conduct says the role alleges conduct of the official; an
	// allegation whose role is addressee (asked to act, or answerable)
	// does not, and never counts toward a regime's criteria.
	Conduct  bool        `json:"conduct"`
	Victims  []VictimRef `json:"victims"`
	Evidence []int       `json:"evidence"`
	// Sources counts the distinct sources behind the evidence.
	Sources int `json:"sources"`
}

// Hedged reports whether every excerpt that evidences the allegation's
// conduct is hedged ("reportedly", "allegations of"), or there is none:
// the conduct is then only reported.
func (a *Allegation) Hedged(d *Dossier) bool {
	for _, n := range a.Evidence {
		if x := d.Excerpt(n); x != nil && !x.Hedged && !x.ReportsOnly {
			return false
		}
	}
	return true
}

// HasConduct reports whether any of the official's allegations alleges
// conduct; an official with none is not proposed for designation.
func (o *Official) HasConduct() bool {
	for _, a := range o.Allegations {
		if a.Conduct {
			return true
		}
	}
	return false
}

// ConductAllegations returns the allegations that allege conduct.
func (o *Official) ConductAllegations() []*Allegation {
	var out []*Allegation
	for _, a := range o.Allegations {
		if a.Conduct {
			out = append(out, a)
		}
	}
	return out
}

// VictimRef names a victim from elsewhere in the model.
type VictimRef struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Withheld bool   `json:"withheld"`
}

// Victim is a person harmed by the conduct alleged. When Withheld is true,
// ID and Name are a pseudonym and identifying fields are empty.
type Victim struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	Withheld   bool    `json:"withheld"`
	Kind       Label   `json:"kind"` // person or group
	Role       Label   `json:"role"` // victim, or a witness, lawyer, relative, … recorded to be protected
	Aliases    []Alias `json:"aliases"`
	Occupation string  `json:"occupation,omitempty"`
	Status     Label   `json:"status"`
	// StatusAsOf is when the status was reported; StatusEvidence the
	// excerpts reporting it.
	StatusAsOf     Date     `json:"status_as_of"`
	StatusEvidence []int    `json:"status_evidence"`
	Sensitivity    Label    `json:"sensitivity"`
	Consent        Label    `json:"consent"`
	BirthDate      Date     `json:"birth_date"`
	BirthPlace     string   `json:"birth_place,omitempty"`
	Events         []Event  `json:"events"`
	Evidence       []int    `json:"evidence"`
	Allegations    []string `json:"allegations"` // ids of the allegations that concern the victim
	Notes          string   `json:"notes,omitempty"`
}

// Event is one step in a victim's timeline.
type Event struct {
	Date     DateRange `json:"date"`
	Type     Label     `json:"type"`
	Summary  string    `json:"summary"`
	Place    string    `json:"place,omitempty"`
	Sentence *Sentence `json:"sentence,omitempty"`
	Evidence []int     `json:"evidence"`
}

// Sentence is the terms of a sentence, as the source words them.
type Sentence struct {
	Prison string `json:"prison,omitempty"`
	Fine   string `json:"fine,omitempty"`
	Ban    string `json:"ban,omitempty"`
	Other  string `json:"other,omitempty"`
}

// Source is an archived document that excerpts quote from.
type Source struct {
	ID        string `json:"id"`
	Number    int    `json:"number"` // 1-based, in id order: "[S2]"
	Title     string `json:"title"`
	Type      Label  `json:"type"`
	Publisher string `json:"publisher,omitempty"`
	// Origin is whose account the source carries (government, NGO, media,
	// …); AccountOf the body whose account it is, when not the publisher.
	Origin     Label  `json:"origin"`
	AccountOf  string `json:"account_of,omitempty"`
	Author     string `json:"author,omitempty"`
	Published  Date   `json:"published"`
	URL        string `json:"url,omitempty"`
	ArchiveURL string `json:"archive_url,omitempty"`
	Retrieved  Date   `json:"retrieved"`
	Language   string `json:"language,omitempty"`
	File       string `json:"file"`
	SHA256     string `json:"sha256"` // of the archived file as captured
	Size       int    `json:"size"`   // bytes of the archived file
	Notes      string `json:"notes,omitempty"`
	Excerpts   []int  `json:"excerpts"` // numbers of the excerpts quoting it
	// Text is the archived text as this audience may read it: withheld
	// names replaced by pseudonyms. The evidence bundle lays it out in
	// full; other outputs leave it out.
	Text string `json:"-"`
	// TextRedacted says Text differs from the archived file because a
	// withheld name was replaced.
	TextRedacted bool `json:"-"`
	// TextWithheld says the text names a person this audience may not
	// see, so Text is empty: laid out with pseudonyms in place of the
	// names, it would show which pseudonym stands for which name to anyone
	// who reads the published original beside it.
	TextWithheld bool `json:"-"`
	// Capture is how the source was obtained; nil when not recorded.
	Capture *Capture `json:"capture,omitempty"`
	// Original is the file as captured and whether this audience gets
	// it; nil when the source has none.
	Original *Original `json:"original,omitempty"`
}

// Excerpt is one quoted piece of evidence, found in its source.
type Excerpt struct {
	Number    int    `json:"number"`
	Source    string `json:"source"`  // source id
	Quote     string `json:"quote"`   // as written in the case file, redacted
	Passage   string `json:"passage"` // the archived text the quote matched, redacted
	Paragraph int    `json:"paragraph"`
	// EndParagraph is the paragraph where the passage ends: a passage over
	// paragraphs 6 and 7 is cited "paragraphs 6–7".
	EndParagraph int `json:"end_paragraph"`
	// Hedged: the quote reports rather than states ("reportedly"); Hedge
	// is the phrase found, when detected.
	Hedged bool   `json:"hedged"`
	Hedge  string `json:"hedge,omitempty"`
	// ReportsOnly: the quote only reports a designation, sanction or
	// accusation; it does not evidence the conduct itself.
	ReportsOnly bool   `json:"reports_only"`
	Offset      int    `json:"offset"` // byte offset of the passage in the archived file
	Length      int    `json:"length"`
	Note        string `json:"note,omitempty"`
	// Redacted says a withheld name inside the quote was replaced, so the
	// quote no longer reads exactly as the archived source does.
	Redacted bool `json:"redacted"`
	// SourceWithheld says the excerpt's source and place in it are not
	// given to this audience (Source is "", Paragraph, Offset and Length
	// are 0): they would lead a reader to the name the quote withholds.
	SourceWithheld bool `json:"source_withheld"`
	// What the excerpt supports.
	Owner     string `json:"owner"`      // id of the official, victim, company, asset or flow
	OwnerKind string `json:"owner_kind"` // "official", "victim", "company", "asset" or "flow"
	OwnerName string `json:"owner_name"`
	// Supports is "allegation", "position", "document", "identity",
	// "event", "status", "sanction", "contrary", "associate",
	// "relationship", "amount", "proceeding", "asset" or "flow".
	Supports string `json:"supports"`
	// Target is the id of the allegation, relationship, amount or
	// proceeding the excerpt supports.
	Target string `json:"target,omitempty"`
	// Bundle is where the excerpt's passage stands in the evidence bundle
	// built with this output (Dossier.Bundle): its bundle page and
	// paragraph. Nil when no bundle was built with it, or the passage is
	// in no exhibit of it (its source is withheld from this audience).
	Bundle *BundlePlace `json:"bundle,omitempty"`
}

// File is one output a renderer produces; the build writes it atomically.
type File struct {
	Name string // file name inside the case's output folder
	Data []byte
	// Warnings are problems the renderer worked around (text cut to a
	// format's limit, say); the build reports them.
	Warnings []string
}

// Excerpt returns the excerpt numbered n (1-based), or nil.
func (d *Dossier) Excerpt(n int) *Excerpt {
	if n < 1 || n > len(d.Excerpts) {
		return nil
	}
	return d.Excerpts[n-1]
}

// SourcesByID maps each source id to its source (the first, should two
// share one). A renderer that looks sources up per excerpt takes it once:
// Source scans the list, which makes a loop over the excerpts quadratic.
func (d *Dossier) SourcesByID() map[string]*Source {
	m := make(map[string]*Source, len(d.Sources))
	for _, s := range d.Sources {
		if _, dup := m[s.ID]; !dup {
			m[s.ID] = s
		}
	}
	return m
}

// Source returns the source with the given id, or nil.
func (d *Dossier) Source(id string) *Source {
	for _, s := range d.Sources {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// Victim returns the victim with the given id, or nil.
func (d *Dossier) Victim(id string) *Victim {
	for _, v := range d.Victims {
		if v.ID == id {
			return v
		}
	}
	return nil
}

// Allegations returns every allegation of the case, official by official.
func (d *Dossier) Allegations() []*Allegation {
	var out []*Allegation
	for _, o := range d.Officials {
		out = append(out, o.Allegations...)
	}
	return out
}

// Options are the settings of a build that renderers may need beyond the
// model: the templates to use and the regime profiles to render for.
type Options struct {
	Templates fs.FS    // templates folder: embedded, or --templates DIR
	Regimes   []string // regime profile ids, e.g. "us-glomag"; the case's own when empty
	// SignManifest, when set, returns a detached signature of an evidence
	// bundle's MANIFEST.sha256 (dossier build --sign).
	SignManifest func(manifest []byte) ([]byte, error)
	// Emit, when set, is handed each file as soon as the renderer has
	// finished it, in the order the files would have been returned, so
	// that the caller can write it and drop it rather than hold them all.
	// A renderer that emits returns no files; one that makes a single
	// file may ignore Emit and return it. An error from Emit stops the
	// renderer, which returns it.
	Emit func(File) error
}

// FileName names an output of a case for its audience: the parts joined by
// hyphens, then the extension: FileName(d, "json") is
// "kazakhstan-public.json"; FileName(d, "pdf", "k-kasymov", "uk-ghr") is
// "kazakhstan-k-kasymov-uk-ghr-public.pdf".
func FileName(d *Dossier, ext string, parts ...string) string {
	name := d.Case
	for _, p := range parts {
		name += "-" + p
	}
	return name + "-" + string(d.Audience) + "." + ext
}
