package dossier

// The records of a corruption case: companies and other legal persons,
// relationships between people and companies, amounts of money, assets,
// flows of money and proceedings. Companies, assets and flows are files of
// their own (companies/<id>.yaml, assets/<id>.yaml, flows/<id>.yaml);
// relationships, amounts and proceedings are lists on the official or
// company they belong to. The README describes every field.

// Company is a company or other legal person (a trust, a foundation, a
// partnership): companies/<id>.yaml.
type Company struct {
	// Kind is company (the default), trust, foundation, partnership,
	// state_owned_enterprise or other.
	Kind               string   `yaml:"kind" dossier:"vocab=legal_person_kinds"`
	Name               string   `yaml:"name" dossier:"required"`
	Aliases            []*Alias `yaml:"aliases"`
	Jurisdiction       string   `yaml:"jurisdiction"`
	RegistrationNumber string   `yaml:"registration_number"`
	Addresses          []string `yaml:"addresses"`
	Incorporated       Date     `yaml:"incorporated"`
	Dissolved          Date     `yaml:"dissolved"`
	Summary            string   `yaml:"summary"`
	// Evidence supports the company's identity facts.
	Evidence      []*Evidence     `yaml:"evidence"`
	Relationships []*Relationship `yaml:"relationships"`
	Amounts       []*Amount       `yaml:"amounts"`
	Proceedings   []*Proceeding   `yaml:"proceedings"`
	Notes         string          `yaml:"notes"`
	Meta          Meta            `yaml:"-"`

	ID   string `yaml:"-"`
	Path string `yaml:"-"`
}

// EffectiveKind is the company's kind, company when unset.
func (c *Company) EffectiveKind() string {
	if c.Kind == "" {
		return "company"
	}
	return c.Kind
}

// Relationship is one typed tie from the record that lists it to another
// record of the case, read "<this record> is <type> of <with>": an
// official with {type: owner, with: acme} owns Acme; {type: child, with:
// x} is x's child; {type: acting_for, with: x} acts for x.
type Relationship struct {
	Type string `yaml:"type" dossier:"required,vocab=relationship_types"`
	// With is the id of an official, company or person recorded under
	// victims/ (a relative, say).
	With string `yaml:"with" dossier:"required"`
	// Share is the percentage held, for owners, when a source gives it.
	Share    string      `yaml:"share"`
	From     Date        `yaml:"from"`
	Until    Date        `yaml:"until"`
	Evidence []*Evidence `yaml:"evidence" dossier:"required"`
	Note     string      `yaml:"note"`
	Meta     Meta        `yaml:"-"`
}

// Amount is a sum of money as a source states it: never converted, never
// added to another by the program.
type Amount struct {
	Kind string `yaml:"kind" dossier:"required,vocab=amount_kinds"`
	// Value is a plain decimal number: 321000000, 5300000000, 1.5.
	Value string `yaml:"value" dossier:"required"`
	// Currency is an ISO 4217 code (vocabulary currencies).
	Currency string `yaml:"currency" dossier:"required,vocab=currencies"`
	// Approximate marks a sum the source gives as "about" or "more than".
	Approximate bool   `yaml:"approximate"`
	Date        Date   `yaml:"date"`
	Description string `yaml:"description"`
	// Victim is the id of the victim (a state body, say) that lost it.
	Victim string `yaml:"victim"`
	// Evidence is required of an amount listed on its own; a flow's amount
	// or an asset's value rests on the flow's or asset's evidence.
	Evidence []*Evidence `yaml:"evidence"`
	Meta     Meta        `yaml:"-"`
}

// Asset is something that could be frozen: assets/<id>.yaml.
type Asset struct {
	Kind string `yaml:"kind" dossier:"required,vocab=asset_kinds"`
	Name string `yaml:"name" dossier:"required"`
	// Location is where the asset is (an address, a port, a bank's
	// branch); Country the country it is in, as a desk files it.
	Location string `yaml:"location"`
	Country  string `yaml:"country"`
	// Identifier is what a desk finds it by: a land title, an account,
	// a registration mark, an IMO number.
	Identifier string `yaml:"identifier"`
	// Holders are the ids of the officials or companies that hold it.
	Holders []string `yaml:"holders" dossier:"required"`
	// Company is the company whose shares the asset is (kind
	// company_shares).
	Company    string      `yaml:"company"`
	Value      *Amount     `yaml:"value"`
	Status     string      `yaml:"status" dossier:"vocab=asset_statuses"`
	StatusAsOf Date        `yaml:"status_as_of"`
	Evidence   []*Evidence `yaml:"evidence" dossier:"required"`
	Notes      string      `yaml:"notes"`
	Meta       Meta        `yaml:"-"`

	ID   string `yaml:"-"`
	Path string `yaml:"-"`
}

// Flow is money that moved from one party to another: flows/<id>.yaml.
type Flow struct {
	// From and To are ids of officials, companies, victims (a state body)
	// or assets (an account).
	From     string      `yaml:"from" dossier:"required"`
	To       string      `yaml:"to" dossier:"required"`
	Amount   *Amount     `yaml:"amount" dossier:"required"`
	Date     DateRange   `yaml:"date"`
	Summary  string      `yaml:"summary"`
	Evidence []*Evidence `yaml:"evidence" dossier:"required"`
	Notes    string      `yaml:"notes"`
	Meta     Meta        `yaml:"-"`

	ID   string `yaml:"-"`
	Path string `yaml:"-"`
}

// Proceeding is an investigation, charge, trial, conviction or acquittal
// concerning an official or company: what an authority did, never a
// finding of the case.
type Proceeding struct {
	Kind      string    `yaml:"kind" dossier:"required,vocab=proceeding_kinds"`
	Authority string    `yaml:"authority"`
	Court     string    `yaml:"court"`
	Country   string    `yaml:"country"`
	Reference string    `yaml:"reference"`
	Date      DateRange `yaml:"date"`
	Status    string    `yaml:"status" dossier:"vocab=proceeding_statuses"`
	// StatusAsOf is the date the status was reported.
	StatusAsOf Date        `yaml:"status_as_of"`
	Summary    string      `yaml:"summary" dossier:"required"`
	Evidence   []*Evidence `yaml:"evidence" dossier:"required"`
	Meta       Meta        `yaml:"-"`
}

// eachRecordEvidence calls fn for the evidence of the relationships,
// amounts and proceedings listed on an official or company.
func eachRecordEvidence(rels []*Relationship, amounts []*Amount, procs []*Proceeding, fn func(*Evidence)) {
	for _, r := range rels {
		for _, e := range r.Evidence {
			fn(e)
		}
	}
	for _, a := range amounts {
		for _, e := range a.Evidence {
			fn(e)
		}
	}
	for _, p := range procs {
		for _, e := range p.Evidence {
			fn(e)
		}
	}
}
