package model

// The corruption records of a case, as the audience sees them. Each is
// flat in the Dossier (one list per kind) and names the records it joins
// by Ref, so that tables, the FtM export and the PDF's per-person sections
// read them the same way. No renderer adds amounts up: there is no total
// anywhere in the model.

// Ref names a record of the case from another one.
type Ref struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Kind is "official", "company", "victim" or "asset".
	Kind string `json:"kind"`
	// Withheld: the record is a pseudonymised victim.
	Withheld bool `json:"withheld,omitempty"`
}

// Company is a company or other legal person (FtM: Company,
// LegalEntity).
type Company struct {
	ID                 string   `json:"id"`
	Kind               Label    `json:"kind"`
	Name               string   `json:"name"`
	Aliases            []Alias  `json:"aliases"`
	Jurisdiction       string   `json:"jurisdiction,omitempty"`
	RegistrationNumber string   `json:"registration_number,omitempty"`
	Addresses          []string `json:"addresses"`
	Incorporated       Date     `json:"incorporated"`
	Dissolved          Date     `json:"dissolved"`
	Summary            string   `json:"summary,omitempty"`
	Evidence           []int    `json:"evidence"`
	Notes              string   `json:"notes,omitempty"`
}

// Relationship is one typed tie, read "Subject is Type of Object": an
// owner (with Share), director, beneficial owner, nominee, a relative or
// an associate (FtM: Ownership, Directorship, Family, Associate).
type Relationship struct {
	ID      string `json:"id"` // "relationship-N", in case order
	Subject Ref    `json:"subject"`
	Type    Label  `json:"type"`
	// Phrase says the type in a sentence: Subject Phrase Object ("owns",
	// "is a child of").
	Phrase string `json:"phrase"`
	Object Ref    `json:"object"`
	// Group is control, family or associate.
	Group string `json:"group"`
	// ImmediateFamily: spouse or child, the "immediate family" of
	// section 7031(c).
	ImmediateFamily bool   `json:"immediate_family"`
	Share           string `json:"share,omitempty"` // percent, as written
	From            Date   `json:"from"`
	Until           Date   `json:"until"`
	Evidence        []int  `json:"evidence"`
	Note            string `json:"note,omitempty"`
}

// Amount is a sum of money as a source states it, in its own currency,
// never converted (FtM: a Payment's amount and currency).
type Amount struct {
	ID string `json:"id"` // "amount-N", in case order
	// Holder is the official or company the amount is listed on; empty
	// for a flow's amount and an asset's value.
	Holder      *Ref   `json:"holder,omitempty"`
	Kind        Label  `json:"kind"`
	Value       string `json:"value"`    // a plain decimal number
	Currency    Label  `json:"currency"` // ISO 4217 code and name
	Approximate bool   `json:"approximate"`
	Date        Date   `json:"date"`
	Description string `json:"description,omitempty"`
	Victim      *Ref   `json:"victim,omitempty"`
	Evidence    []int  `json:"evidence"`
}

// Asset is something that could be frozen (FtM: RealEstate, BankAccount,
// Vessel, Airplane, Vehicle, or an Ownership of a Company's shares).
type Asset struct {
	ID         string  `json:"id"`
	Kind       Label   `json:"kind"`
	Name       string  `json:"name"`
	Location   string  `json:"location,omitempty"`
	Country    string  `json:"country,omitempty"`
	Identifier string  `json:"identifier,omitempty"`
	Holders    []Ref   `json:"holders"`
	Company    *Ref    `json:"company,omitempty"`
	Value      *Amount `json:"value,omitempty"`
	Status     Label   `json:"status"`
	StatusAsOf Date    `json:"status_as_of"`
	Evidence   []int   `json:"evidence"`
	Notes      string  `json:"notes,omitempty"`
}

// Flow is money that moved from one party to another (FtM: Payment).
type Flow struct {
	ID       string    `json:"id"`
	From     Ref       `json:"from"`
	To       Ref       `json:"to"`
	Amount   Amount    `json:"amount"`
	Date     DateRange `json:"date"`
	Summary  string    `json:"summary,omitempty"`
	Evidence []int     `json:"evidence"`
	Notes    string    `json:"notes,omitempty"`
}

// Proceeding is an investigation, charge, trial, conviction or acquittal
// of an official or company: what an authority did, never a finding of
// the case.
type Proceeding struct {
	ID         string    `json:"id"` // "proceeding-N", in case order
	Subject    Ref       `json:"subject"`
	Kind       Label     `json:"kind"`
	Authority  string    `json:"authority,omitempty"`
	Court      string    `json:"court,omitempty"`
	Country    string    `json:"country,omitempty"`
	Reference  string    `json:"reference,omitempty"`
	Date       DateRange `json:"date"`
	Status     Label     `json:"status"`
	StatusAsOf Date      `json:"status_as_of"`
	Summary    string    `json:"summary"`
	Evidence   []int     `json:"evidence"`
}

// Text is the amount as a sentence prints it: "USD 2500000", with
// "about" when approximate. The value is written as the case gives it.
func (a Amount) Text() string {
	s := a.Currency.Value + " " + GroupDigits(a.Value)
	if a.Approximate {
		s = "about " + s
	}
	return s
}

// GroupDigits writes a plain decimal with thin groups of three digits
// ("2,500,000.50"), for reading; it changes no digit.
func GroupDigits(v string) string {
	intPart, frac := v, ""
	for i := 0; i < len(v); i++ {
		if v[i] == '.' {
			intPart, frac = v[:i], v[i:]
			break
		}
	}
	if len(intPart) <= 3 {
		return v
	}
	out := make([]byte, 0, len(intPart)+len(intPart)/3)
	for i := 0; i < len(intPart); i++ {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, intPart[i])
	}
	return string(out) + frac
}

// RelationshipsOf returns the relationships that id is a party to, on
// either side.
func (d *Dossier) RelationshipsOf(id string) []*Relationship {
	var out []*Relationship
	for _, r := range d.Relationships {
		if r.Subject.ID == id || r.Object.ID == id {
			out = append(out, r)
		}
	}
	return out
}

// AmountsOf returns the amounts listed on the official or company id.
func (d *Dossier) AmountsOf(id string) []*Amount {
	var out []*Amount
	for _, a := range d.Amounts {
		if a.Holder != nil && a.Holder.ID == id {
			out = append(out, a)
		}
	}
	return out
}

// AssetsOf returns the assets id holds.
func (d *Dossier) AssetsOf(id string) []*Asset {
	var out []*Asset
	for _, a := range d.Assets {
		for _, h := range a.Holders {
			if h.ID == id {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

// FlowsOf returns the flows from or to id.
func (d *Dossier) FlowsOf(id string) []*Flow {
	var out []*Flow
	for _, f := range d.Flows {
		if f.From.ID == id || f.To.ID == id {
			out = append(out, f)
		}
	}
	return out
}

// ProceedingsOf returns the proceedings concerning id.
func (d *Dossier) ProceedingsOf(id string) []*Proceeding {
	var out []*Proceeding
	for _, p := range d.Proceedings {
		if p.Subject.ID == id {
			out = append(out, p)
		}
	}
	return out
}

// Company returns the company with the given id, or nil.
func (d *Dossier) Company(id string) *Company {
	for _, c := range d.Companies {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// Asset returns the asset with the given id, or nil.
func (d *Dossier) Asset(id string) *Asset {
	for _, a := range d.Assets {
		if a.ID == id {
			return a
		}
	}
	return nil
}

// HasCorruption reports whether the dossier holds any corruption record;
// outputs add their corruption tables, sheets and sections only then.
func (d *Dossier) HasCorruption() bool {
	return len(d.Companies)+len(d.Relationships)+len(d.Amounts)+len(d.Assets)+len(d.Flows)+len(d.Proceedings) > 0
}

// RefNames lists references' names for one table cell.
func RefNames(list []Ref) string {
	out := make([]string, len(list))
	for i, r := range list {
		out[i] = r.Name
	}
	return JoinList(out)
}

// RefIDs lists references' ids for one table cell.
func RefIDs(list []Ref) string {
	out := make([]string, len(list))
	for i, r := range list {
		out[i] = r.ID
	}
	return JoinList(out)
}
