package dossier

// The types below are the case-file format. Field tags name the YAML keys
// (README.md, "The case-file format"; `dossier schema` generates the JSON
// Schema from these tags); `dossier:"required"` marks required fields and
// `dossier:"vocab=NAME"` ties a field to a controlled vocabulary in
// templates/vocabulary.yaml. Fields tagged `yaml:"-"` are filled by the
// loader and linker, never read from YAML.

// Meta records where a value was written, so diagnostics can point at it.
type Meta struct {
	Pos    Pos
	fields map[string]Pos
}

// At returns the position of a field's value (or of list item "field.N"),
// falling back to the position of the enclosing mapping.
func (m Meta) At(field string) Pos {
	if p, ok := m.fields[field]; ok {
		return p
	}
	return m.Pos
}

// Has reports whether a field was written in the file.
func (m Meta) Has(field string) bool {
	_, ok := m.fields[field]
	return ok
}

// Case is one case folder: the submission and everything it holds.
type Case struct {
	Title          string     `yaml:"title" dossier:"required"`
	Country        string     `yaml:"country" dossier:"required"`
	Date           Date       `yaml:"date" dossier:"required"`
	SubmittedBy    *Submitter `yaml:"submitted_by"`
	Regimes        []string   `yaml:"regimes"`
	Classification string     `yaml:"classification"`
	Summary        string     `yaml:"summary"`
	// NationalInterest says why the recipient should act: the section a
	// profile asks for under sections.national_interest (US).
	NationalInterest string `yaml:"national_interest"`
	// Confidentiality is the submitter's request that the submission, or
	// parts of it, not be published: printed where a profile's recipient
	// may publish submissions.
	Confidentiality string `yaml:"confidentiality"`
	Notes           string `yaml:"notes"`
	Meta            Meta   `yaml:"-"`

	ID      string    `yaml:"-"` // the folder's name
	Dir     string    `yaml:"-"` // the folder, as given to Load
	Sources []*Source `yaml:"-"` // sorted by id
	// Vocabulary is the controlled vocabularies the case was read with
	// (the embedded ones, or those of --templates); outputs take their
	// labels from it.
	Vocabulary Vocabulary  `yaml:"-"`
	Officials  []*Official `yaml:"-"` // sorted by id
	Victims    []*Victim   `yaml:"-"` // sorted by id
	Companies  []*Company  `yaml:"-"` // sorted by id
	Assets     []*Asset    `yaml:"-"` // sorted by id
	Flows      []*Flow     `yaml:"-"` // sorted by id
}

// Submitter is the organisation that submits the case.
type Submitter struct {
	Organisation string `yaml:"organisation"`
	Contact      string `yaml:"contact"`
	// Description says who the organisation is, for a recipient who does
	// not know it.
	Description string `yaml:"description"`
	Meta        Meta   `yaml:"-"`
}

// Source is one archived document that evidence quotes from.
type Source struct {
	Title     string `yaml:"title" dossier:"required"`
	Type      string `yaml:"type" dossier:"required,vocab=source_types"`
	Publisher string `yaml:"publisher"`
	// Origin is whose account the source carries (government, ngo, media,
	// victim_or_family, court, parliament, un, other).
	Origin string `yaml:"origin" dossier:"vocab=source_origins"`
	// AccountOf names the body whose account it is when that is not the
	// publisher (three press releases of one government: one account).
	AccountOf  string    `yaml:"account_of"`
	Author     string    `yaml:"author"`
	Published  Date      `yaml:"published"`
	URL        string    `yaml:"url"`
	ArchiveURL string    `yaml:"archive_url"`
	Retrieved  Date      `yaml:"retrieved"`
	Language   string    `yaml:"language"`
	File       string    `yaml:"file" dossier:"required"`
	SHA256     string    `yaml:"sha256" dossier:"required"`
	Original   *Original `yaml:"original"`
	// Capture is how the source was obtained: by whom, how, whether in
	// full, whether a reprint or a translation (the Berkeley Protocol's
	// capture record, beside url, archive_url and retrieved).
	Capture *Capture `yaml:"capture"`
	Notes   string   `yaml:"notes"`
	Meta    Meta     `yaml:"-"`

	ID   string `yaml:"-"`
	Path string `yaml:"-"` // the metadata file
	// Text is the archived file's content; nil when it could not be read.
	Text []byte `yaml:"-"`
	// ComputedSHA256 is the hash of Text as read.
	ComputedSHA256 string `yaml:"-"`
	index          *textIndex
}

// Original is a source's file as it was captured (a PDF, a saved web
// page), kept unmodified beside the text that quotes are checked against.
type Original struct {
	File   string `yaml:"file" dossier:"required"`
	SHA256 string `yaml:"sha256" dossier:"required"`
	Meta   Meta   `yaml:"-"`

	// ComputedSHA256 is the hash of the file as read; "" when unread.
	ComputedSHA256 string `yaml:"-"`
	// Data is the file as read (nil when unread), for redaction to judge
	// and the bundle to carry; it is never modified.
	Data []byte `yaml:"-"`
}

// Capture records how a source was obtained, in the spirit of the
// Berkeley Protocol on Digital Open Source Investigations. Unknown stays
// empty: never guess.
type Capture struct {
	// By is who captured it: a role or an organisation, not necessarily a
	// person's name.
	By     string `yaml:"by"`
	Method string `yaml:"method" dossier:"vocab=capture_methods"`
	// Extent says whether the capture holds the whole document or an
	// excerpt of it.
	Extent      string       `yaml:"extent" dossier:"vocab=capture_extents"`
	ReprintOf   *Reprint     `yaml:"reprint_of"`
	Translation *Translation `yaml:"translation"`
	Meta        Meta         `yaml:"-"`
}

// Reprint names the publication a source reprints.
type Reprint struct {
	Publisher string `yaml:"publisher"`
	Title     string `yaml:"title"`
	URL       string `yaml:"url"`
	Meta      Meta   `yaml:"-"`
}

// Translation says a source's text is a translation, by whom and how.
type Translation struct {
	By     string `yaml:"by"`
	Method string `yaml:"method" dossier:"vocab=translation_methods"`
	// FromLanguage is the language translated from, a BCP 47 code.
	FromLanguage string `yaml:"from_language"`
	Meta         Meta   `yaml:"-"`
}

// Evidence is a claim's support: an exact quote from an archived source.
type Evidence struct {
	SourceID string `yaml:"source" dossier:"required"`
	Quote    string `yaml:"quote" dossier:"required"`
	Note     string `yaml:"note"`
	// Hedged marks a quote that reports rather than states ("reportedly",
	// "allegations of"). Unset, hedging words in the quote decide.
	Hedged *bool `yaml:"hedged"`
	// ReportsOnly marks a quote that only reports a designation, sanction,
	// accusation or charge: it identifies, but does not evidence conduct.
	ReportsOnly bool `yaml:"reports_only"`
	Meta        Meta `yaml:"-"`

	// Set by the linker when the quote is found.
	Found     bool `yaml:"-"`
	Paragraph int  `yaml:"-"` // 1-based, counting non-blank lines of the source
	// EndParagraph is the paragraph of the quote's end (equal to Paragraph
	// unless the quote spans paragraphs).
	EndParagraph int `yaml:"-"`
	Offset       int `yaml:"-"` // byte offset of the quote in the archived file
	Length       int `yaml:"-"` // byte length of the quoted passage in the archived file
}

// Alias is another spelling or script of a name.
type Alias struct {
	Name   string `yaml:"name" dossier:"required"`
	Script string `yaml:"script" dossier:"vocab=scripts"`
	Note   string `yaml:"note"`
	Meta   Meta   `yaml:"-"`
}

// Document is an identity document of an official.
type Document struct {
	Type     string      `yaml:"type" dossier:"required,vocab=document_types"`
	Number   string      `yaml:"number" dossier:"required"`
	Country  string      `yaml:"country"`
	Evidence []*Evidence `yaml:"evidence"`
	Meta     Meta        `yaml:"-"`
}

// Position is an office an official held.
type Position struct {
	Title string `yaml:"title" dossier:"required"`
	Body  string `yaml:"body"`
	From  Date   `yaml:"from"`
	To    Date   `yaml:"to"`
	// AsOf is a date on which the source shows the position held, when
	// neither start nor end is known.
	AsOf     Date        `yaml:"as_of"`
	Evidence []*Evidence `yaml:"evidence"`
	Meta     Meta        `yaml:"-"`
}

// Photo is an optional portrait of an official.
type Photo struct {
	File   string `yaml:"file" dossier:"required"`
	Credit string `yaml:"credit" dossier:"required"`
	Meta   Meta   `yaml:"-"`

	// Data is the image file's bytes, read by the loader through the case
	// root; nil when it could not be read. Redaction copies it, and does no
	// file I/O of its own.
	Data []byte `yaml:"-"`
}

// Official is a person or organisation proposed for sanctions.
type Official struct {
	Kind        string   `yaml:"kind" dossier:"required,vocab=official_kinds"`
	Name        string   `yaml:"name" dossier:"required"`
	Aliases     []*Alias `yaml:"aliases"`
	BirthDate   Date     `yaml:"birth_date"`
	BirthPlace  string   `yaml:"birth_place"`
	Nationality []string `yaml:"nationality"`
	Gender      string   `yaml:"gender"`
	// Evidence for single identity facts; a fact without it prints as
	// unsourced.
	BirthDateEvidence   []*Evidence   `yaml:"birth_date_evidence"`
	BirthPlaceEvidence  []*Evidence   `yaml:"birth_place_evidence"`
	NationalityEvidence []*Evidence   `yaml:"nationality_evidence"`
	GenderEvidence      []*Evidence   `yaml:"gender_evidence"`
	Documents           []*Document   `yaml:"documents"`
	Positions           []*Position   `yaml:"positions"`
	Photo               *Photo        `yaml:"photo"`
	Summary             string        `yaml:"summary"`
	Evidence            []*Evidence   `yaml:"evidence"`
	Allegations         []*Allegation `yaml:"allegations"`
	// ExistingSanctions are measures other authorities (or a recipient)
	// already imposed on the official, each with its evidence.
	ExistingSanctions []*ExistingSanction `yaml:"existing_sanctions"`
	// ContraryInformation is evidence that cuts the other way: printed in
	// every dossier of the official, never hidden.
	ContraryInformation []*Contrary `yaml:"contrary_information"`
	// Associates are immediate family members and known associates, for
	// regimes that reach them (US section 7031(c): immediate family).
	Associates []*Associate `yaml:"associates"`
	// Regimes, when set, are the only regime profiles the official is sent
	// to; ExcludeRegimes are profiles the official is not sent to.
	Regimes        []string `yaml:"regimes"`
	ExcludeRegimes []string `yaml:"exclude_regimes"`
	Notes          string   `yaml:"notes"`
	// DistinctFrom records people checked and found not to be this one.
	DistinctFrom []*Distinct `yaml:"distinct_from"`
	// Relationships, Amounts and Proceedings are the corruption records
	// of the official (see corruption.go).
	Relationships []*Relationship `yaml:"relationships"`
	Amounts       []*Amount       `yaml:"amounts"`
	Proceedings   []*Proceeding   `yaml:"proceedings"`
	Meta          Meta            `yaml:"-"`

	ID   string `yaml:"-"`
	Path string `yaml:"-"`
}

// ExistingSanction is a measure an authority has already imposed on an
// official: who (authority), under what (programme), when, and the
// evidence. Regime, when set, is the id of the regime profile the measure
// was taken under: that recipient is not asked to designate the official
// again.
type ExistingSanction struct {
	Authority string      `yaml:"authority" dossier:"required"`
	Programme string      `yaml:"programme" dossier:"required"`
	Regime    string      `yaml:"regime"`
	Date      Date        `yaml:"date"`
	Evidence  []*Evidence `yaml:"evidence" dossier:"required"`
	Meta      Meta        `yaml:"-"`
}

// Associate is a family member or known associate of an official, as the
// sources name them.
type Associate struct {
	Name         string      `yaml:"name" dossier:"required"`
	Relationship string      `yaml:"relationship" dossier:"required"`
	Evidence     []*Evidence `yaml:"evidence" dossier:"required"`
	Meta         Meta        `yaml:"-"`
}

// Contrary is information that cuts against the case made about an
// official (a denial, an acquittal, a later release), with its evidence.
type Contrary struct {
	Summary  string      `yaml:"summary" dossier:"required"`
	Evidence []*Evidence `yaml:"evidence" dossier:"required"`
	Meta     Meta        `yaml:"-"`
}

// Allegation is one act of conduct attributed to an official.
type Allegation struct {
	ID         string      `yaml:"id"`
	Summary    string      `yaml:"summary" dossier:"required"`
	Date       DateRange   `yaml:"date"`
	Place      string      `yaml:"place"`
	Violations []string    `yaml:"violations" dossier:"required,vocab=violations"`
	Role       string      `yaml:"role" dossier:"required,vocab=roles"`
	VictimIDs  []string    `yaml:"victims"`
	Evidence   []*Evidence `yaml:"evidence" dossier:"required"`
	Meta       Meta        `yaml:"-"`
}

// Victim is a person, a group of people, a body (a state body or company)
// or the public, harmed by the conduct alleged.
type Victim struct {
	// Kind is person (the default), group, body or public; only a person
	// is ever pseudonymised.
	Kind       string   `yaml:"kind" dossier:"vocab=victim_kinds"`
	Name       string   `yaml:"name" dossier:"required"`
	Aliases    []*Alias `yaml:"aliases"`
	Occupation string   `yaml:"occupation"`
	Status     string   `yaml:"status" dossier:"required,vocab=victim_statuses"`
	// StatusAsOf is the date the status was reported; StatusEvidence the
	// quotes that report it.
	StatusAsOf     Date        `yaml:"status_as_of"`
	StatusEvidence []*Evidence `yaml:"status_evidence"`
	Sensitivity    string      `yaml:"sensitivity" dossier:"vocab=sensitivities"`
	// Role is what the person is to the case: a victim (the default), or a
	// witness, lawyer, relative or source of testimony, recorded here so
	// that they too are protected by their sensitivity.
	Role string `yaml:"role" dossier:"vocab=person_roles"`
	// IdentifyingTerms are further words that identify the person (a
	// nickname, a name part the redactor would otherwise only warn about):
	// withheld wherever they occur when the person is withheld.
	IdentifyingTerms []string `yaml:"identifying_terms"`
	// NonIdentifyingTerms are parts of the person's name that are also
	// ordinary words, places or bodies in the case and identify no one
	// alone ("Xinjiang"): replaced only as part of the full name.
	NonIdentifyingTerms []string    `yaml:"non_identifying_terms"`
	Consent             string      `yaml:"consent" dossier:"vocab=consents"`
	BirthDate           Date        `yaml:"birth_date"`
	BirthPlace          string      `yaml:"birth_place"`
	Events              []*Event    `yaml:"events"`
	Evidence            []*Evidence `yaml:"evidence"`
	Notes               string      `yaml:"notes"`
	// DistinctFrom records people checked and found not to be this one.
	DistinctFrom []*Distinct `yaml:"distinct_from"`
	Meta         Meta        `yaml:"-"`

	ID   string `yaml:"-"`
	Path string `yaml:"-"`
}

// EffectiveKind is the victim's kind, person when unset.
func (v *Victim) EffectiveKind() string {
	if v.Kind == "" {
		return "person"
	}
	return v.Kind
}

// Distinct records a human decision: the person with this id, whose name
// matches, is someone else. It silences the probable-duplicate warning for
// that pair.
type Distinct struct {
	ID     string `yaml:"id" dossier:"required"`
	Reason string `yaml:"reason" dossier:"required"`
	Meta   Meta   `yaml:"-"`
}

// EffectiveSensitivity is the victim's sensitivity, restricted when unset:
// an author who forgets to mark a victim must not expose them. A group of
// people ("protesters in Zhanaozen") is public: it names no one, and
// pseudonymising it would redact ordinary words across the case.
func (v *Victim) EffectiveSensitivity() string {
	if v.EffectiveKind() != "person" {
		return "public"
	}
	if v.Sensitivity == "" {
		return "restricted"
	}
	return v.Sensitivity
}

// EffectiveRole is the person's role in the case, victim when unset.
func (v *Victim) EffectiveRole() string {
	if v.Role == "" {
		return "victim"
	}
	return v.Role
}

// Event is one step in a victim's timeline.
type Event struct {
	Date    DateRange `yaml:"date"`
	Type    string    `yaml:"type" dossier:"required,vocab=event_types"`
	Summary string    `yaml:"summary" dossier:"required"`
	Place   string    `yaml:"place"`
	// Sentence holds a sentencing's terms, as the source words them.
	Sentence *Sentence   `yaml:"sentence"`
	Evidence []*Evidence `yaml:"evidence"`
	Meta     Meta        `yaml:"-"`
}

// Sentence is the terms of a sentence, each as the source words it
// ("25 years in a strict-regime colony").
type Sentence struct {
	Prison string `yaml:"prison"`
	Fine   string `yaml:"fine"`
	Ban    string `yaml:"ban"`
	Other  string `yaml:"other"`
	Meta   Meta   `yaml:"-"`
}

// Stats counts what a case holds.
type Stats struct {
	Officials   int `json:"officials"`
	Victims     int `json:"victims"`
	Sources     int `json:"sources"`
	Excerpts    int `json:"excerpts"`
	Allegations int `json:"allegations"`
}

// Stats counts the case's officials, victims, sources, evidence excerpts and
// allegations.
func (c *Case) Stats() Stats {
	s := Stats{Officials: len(c.Officials), Victims: len(c.Victims), Sources: len(c.Sources)}
	c.EachEvidence(func(*Evidence, string) { s.Excerpts++ })
	for _, o := range c.Officials {
		s.Allegations += len(o.Allegations)
	}
	return s
}

// EachEvidence calls fn for every evidence item of the case, in file order,
// with the id of the official, victim, company, asset or flow that holds
// it. Officials (with their relationships, amounts and proceedings) come
// first, then companies, assets, flows and victims.
func (c *Case) EachEvidence(fn func(e *Evidence, owner string)) {
	for _, o := range c.Officials {
		each := func(list []*Evidence) {
			for _, e := range list {
				fn(e, o.ID)
			}
		}
		for _, d := range o.Documents {
			each(d.Evidence)
		}
		for _, p := range o.Positions {
			each(p.Evidence)
		}
		each(o.BirthDateEvidence)
		each(o.BirthPlaceEvidence)
		each(o.NationalityEvidence)
		each(o.GenderEvidence)
		each(o.Evidence)
		for _, a := range o.Allegations {
			each(a.Evidence)
		}
		for _, s := range o.ExistingSanctions {
			each(s.Evidence)
		}
		for _, x := range o.ContraryInformation {
			each(x.Evidence)
		}
		for _, x := range o.Associates {
			each(x.Evidence)
		}
		eachRecordEvidence(o.Relationships, o.Amounts, o.Proceedings, func(e *Evidence) { fn(e, o.ID) })
	}
	for _, co := range c.Companies {
		for _, e := range co.Evidence {
			fn(e, co.ID)
		}
		eachRecordEvidence(co.Relationships, co.Amounts, co.Proceedings, func(e *Evidence) { fn(e, co.ID) })
	}
	for _, a := range c.Assets {
		for _, e := range a.Evidence {
			fn(e, a.ID)
		}
	}
	for _, f := range c.Flows {
		for _, e := range f.Evidence {
			fn(e, f.ID)
		}
	}
	for _, v := range c.Victims {
		for _, ev := range v.Events {
			for _, e := range ev.Evidence {
				fn(e, v.ID)
			}
		}
		for _, e := range v.StatusEvidence {
			fn(e, v.ID)
		}
		for _, e := range v.Evidence {
			fn(e, v.ID)
		}
	}
}
