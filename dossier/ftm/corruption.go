package ftm

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dossier-project/dossier/dossier/model"
)

// isA lists, for each FtM schema dossier writes, the schemata it is (its
// own name and its ancestors that matter for an entity property's range).
var isA = map[string][]string{
	"Person":       {"Person", "LegalEntity"},
	"LegalEntity":  {"LegalEntity"},
	"Organization": {"Organization", "LegalEntity"},
	"PublicBody":   {"PublicBody", "Organization", "LegalEntity"},
	"Company":      {"Company", "Organization", "LegalEntity", "Asset"},
	"RealEstate":   {"RealEstate", "Asset"},
	"BankAccount":  {"BankAccount", "Asset"},
	"Vehicle":      {"Vehicle", "Asset"},
	"Airplane":     {"Airplane", "Vehicle", "Asset"},
	"Vessel":       {"Vessel", "Vehicle", "Asset"},
	"Asset":        {"Asset"},
}

// propRange is the schema an entity property of the corruption mapping
// must point at.
var propRange = map[string]string{
	"owner": "LegalEntity", "asset": "Asset", "director": "LegalEntity", "organization": "Organization",
	"person": "Person", "relative": "Person", "associate": "Person", "agent": "LegalEntity",
	"client": "LegalEntity", "payer": "LegalEntity", "beneficiary": "LegalEntity",
	"payerAccount": "BankAccount", "beneficiaryAccount": "BankAccount",
}

// fits reports whether entity id was exported with a schema within prop's
// range.
func (b *builder) fits(id, prop string) bool {
	s, ok := b.schema[id]
	if !ok {
		return false
	}
	for _, x := range isA[s] {
		if x == propRange[prop] {
			return true
		}
	}
	return false
}

// ref returns the entity id a reference points at, or "" when nothing was
// exported for it (a withheld victim).
func (b *builder) ref(r model.Ref) string {
	if r.Withheld || r.ID == "" || r.Kind == "" {
		return ""
	}
	id := b.id(r.Kind, r.ID)
	if !b.seen[id] {
		return ""
	}
	return id
}

func (b *builder) company(c *model.Company) error {
	schema := b.m.CompanySchemata[c.Kind.Value]
	if c.Kind.Value == "" {
		schema = b.m.CompanySchemata["company"]
	}
	if schema == "" {
		return fmt.Errorf("templates/%s: company_schemata has no schema for kind %q", textPath, c.Kind.Value)
	}
	id := b.id("company", c.ID)
	e := b.entity(id, schema)
	b.set(e, "name", c.Name)
	b.set(e, "alias", aliasNames(c.Aliases)...)
	b.set(e, "legalForm", c.Kind.Label)
	b.countries(e, "jurisdiction", "jurisdiction", c.Jurisdiction)
	b.set(e, "registrationNumber", c.RegistrationNumber)
	b.set(e, "address", c.Addresses...)
	b.set(e, "incorporationDate", c.Incorporated.String())
	b.set(e, "dissolutionDate", c.Dissolved.String())
	b.set(e, "summary", c.Summary)
	b.set(e, "notes", c.Notes) // empty unless the audience may see notes
	b.proof(e, c.Evidence)
	b.documents(id, c.Evidence)
	return nil
}

func (b *builder) asset(a *model.Asset) error {
	id := b.id("asset", a.ID)
	if a.Kind.Value == b.m.SharesKind {
		// Shares are an Ownership of the company, one per holder.
		if a.Company != nil {
			if c := b.ref(*a.Company); c != "" {
				b.holdings(a, id, c)
			}
		}
		return nil
	}
	am, ok := b.m.AssetSchemata[a.Kind.Value]
	if !ok {
		am = b.m.AssetSchemata["other"]
	}
	if am.Schema == "" {
		return fmt.Errorf("templates/%s: asset_schemata has no schema for kind %q", textPath, a.Kind.Value)
	}
	e := b.entity(id, am.Schema)
	b.set(e, "name", a.Name)
	b.set(e, "address", a.Location)
	b.countries(e, "country", "asset country", a.Country)
	if am.Identifier != "" {
		b.set(e, am.Identifier, a.Identifier)
	}
	if v := a.Value; v != nil {
		b.set(e, "amount", v.Value)
		b.set(e, "currency", v.Currency.Value)
	}
	status := a.Status.Label
	if status != "" && !a.StatusAsOf.IsZero() {
		status = fill(b.m.Wording.VictimStatusAsOf, "status", status, "date", a.StatusAsOf.String())
	}
	b.set(e, "description", status)
	b.set(e, "notes", a.Notes) // empty unless the audience may see notes
	b.proof(e, a.Evidence)
	b.documents(id, a.Evidence)
	if v := a.Value; v != nil {
		b.documents(id, v.Evidence)
	}
	b.holdings(a, id, id)
	return nil
}

// holdings adds an Ownership of target for each holder of the asset.
func (b *builder) holdings(a *model.Asset, assetID, target string) {
	for i, h := range a.Holders {
		owner := b.ref(h)
		if owner == "" || !b.fits(owner, "owner") || !b.fits(target, "asset") {
			continue
		}
		e := b.entity(b.id("asset", a.ID, "holder", strconv.Itoa(i+1)), "Ownership")
		b.set(e, "owner", owner)
		b.set(e, "asset", target)
		b.set(e, "role", a.Kind.Label)
		b.proof(e, a.Evidence)
		b.documents(target, a.Evidence)
	}
}

func (b *builder) relationship(r *model.Relationship) {
	rm, ok := b.m.RelationshipSchemata[r.Type.Value]
	subject, object := b.ref(r.Subject), b.ref(r.Object)
	if !ok || subject == "" || object == "" {
		return
	}
	if !b.fits(subject, rm.Subject) || !b.fits(object, rm.Object) {
		b.warnings = append(b.warnings, fmt.Sprintf("%s: FtM's %s cannot join %s and %s; left out", r.ID, rm.Schema, b.schema[subject], b.schema[object]))
		return
	}
	// By its parties and type, not the model's "relationship-N", which
	// counts only the relationships the audience sees.
	id := b.id("relationship", r.Subject.ID, r.Type.Value, r.Object.ID)
	if b.seen[id] {
		id = b.id("relationship", r.Subject.ID, r.Type.Value, r.Object.ID, r.ID)
	}
	e := b.entity(id, rm.Schema)
	b.set(e, rm.Subject, subject)
	b.set(e, rm.Object, object)
	b.set(e, rm.Type, r.Type.Label)
	if rm.Share != "" && r.Share != "" {
		b.set(e, rm.Share, r.Share)
	}
	b.set(e, "summary", fill(b.m.Wording.Relationship, "subject", r.Subject.Name, "phrase", r.Phrase, "object", r.Object.Name))
	b.set(e, "startDate", r.From.String())
	b.set(e, "endDate", r.Until.String())
	b.set(e, "description", r.Note)
	b.proof(e, r.Evidence)
	b.documents(subject, r.Evidence) // Documentation documents a Thing, not an interval
}

// party returns the LegalEntity that pays or is paid, and the BankAccount
// when the flow names an account: its first exported holder pays.
func (b *builder) party(r model.Ref) (entity, account string) {
	id := b.ref(r)
	if id == "" {
		return "", ""
	}
	if b.fits(id, "payer") {
		return id, ""
	}
	if r.Kind == "asset" && b.fits(id, "payerAccount") {
		if a := b.d.Asset(r.ID); a != nil {
			for _, h := range a.Holders {
				if hid := b.ref(h); hid != "" && b.fits(hid, "payer") {
					return hid, id
				}
			}
		}
	}
	return "", ""
}

func (b *builder) flow(f *model.Flow) {
	payer, payerAccount := b.party(f.From)
	beneficiary, beneficiaryAccount := b.party(f.To)
	if payer == "" || beneficiary == "" {
		if !f.From.Withheld && !f.To.Withheld {
			b.warnings = append(b.warnings, fmt.Sprintf("flow %s: FtM's Payment needs a person or organisation on both sides; left out", f.ID))
		}
		return
	}
	id := b.id("flow", f.ID)
	e := b.entity(id, "Payment")
	b.set(e, "payer", payer)
	b.set(e, "payerAccount", payerAccount)
	b.set(e, "beneficiary", beneficiary)
	b.set(e, "beneficiaryAccount", beneficiaryAccount)
	b.set(e, "amount", f.Amount.Value)
	b.set(e, "currency", f.Amount.Currency.Value)
	b.set(e, "purpose", f.Amount.Kind.Label)
	b.dates(e, f.Date)
	b.set(e, "summary", f.Summary)
	desc := f.Amount.Description
	if f.Amount.Approximate {
		desc = strings.TrimSpace(b.m.Wording.Approximate + " " + desc)
	}
	b.set(e, "description", desc)
	b.set(e, "notes", f.Notes) // empty unless the audience may see notes
	for _, ev := range [][]int{f.Evidence, f.Amount.Evidence} {
		b.proof(e, ev)
		b.documents(payer, ev) // Documentation documents a Thing, not an interval
	}
}

func (b *builder) proceeding(p *model.Proceeding) {
	subject := b.ref(p.Subject)
	if subject == "" {
		return
	}
	id := b.id("proceeding", p.ID)
	e := b.entity(id, "CourtCase")
	b.set(e, "name", fill(b.m.Wording.ProceedingName, "kind", p.Kind.Label, "subject", p.Subject.Name))
	b.set(e, "category", p.Kind.Label)
	b.set(e, "court", p.Court)
	b.set(e, "description", p.Authority)
	b.countries(e, "country", "proceeding country", p.Country)
	b.set(e, "caseNumber", p.Reference)
	b.set(e, "fileDate", p.Date.Start.String())
	if p.Date.IsRange() {
		b.set(e, "closeDate", p.Date.End.String())
	}
	status := p.Status.Label
	if status != "" && !p.StatusAsOf.IsZero() {
		status = fill(b.m.Wording.VictimStatusAsOf, "status", status, "date", p.StatusAsOf.String())
	}
	b.set(e, "status", status)
	b.set(e, "summary", p.Summary)
	b.proof(e, p.Evidence)
	b.documents(id, p.Evidence)
	pe := b.entity(b.id("proceeding", p.ID, "party"), "CourtCaseParty")
	b.set(pe, "case", id)
	b.set(pe, "party", subject)
	b.set(pe, "role", b.m.Wording.ProceedingParty)
	b.proof(pe, p.Evidence)
}
