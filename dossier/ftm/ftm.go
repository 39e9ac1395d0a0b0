// Package ftm renders the linked, redacted model as FollowTheMoney (FtM)
// entities, one JSON object per line, the format Aleph and OpenSanctions
// read. The mapping (which schema each record becomes) is
// templates/text/ftm.yaml and is documented in the README.
//
// Entity ids are derived from the case's name and the ids written in the
// case, so two builds of one case give byte-identical files and an
// entity keeps its id from one build to the next. Withheld victims are
// not exported at all: their pseudonyms carry nothing for an entity graph.
package ftm

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dossier-project/dossier/dossier/internal/fold"
	"github.com/dossier-project/dossier/dossier/model"
)

// Entity is one FtM entity as the JSON-lines format writes it.
type Entity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
}

// Render returns <case>-<audience>.ftm.json.
func Render(d *model.Dossier, o model.Options) ([]model.File, error) {
	entities, warnings, err := Entities(d, o)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, e := range entities {
		if err := enc.Encode(e); err != nil {
			return nil, err
		}
	}
	return []model.File{{Name: model.FileName(d, "ftm.json"), Data: b.Bytes(), Warnings: warnings}}, nil
}

// Entities maps the model onto FtM entities, in a fixed order: each
// official with their documents, positions and allegations; the victims
// the audience may see, with their events; the sources; then one
// Documentation per quoted excerpt. The warnings name values FtM cannot
// hold (a country or gender outside its code lists, text past a length
// limit), which are left out or cut.
func Entities(d *model.Dossier, o model.Options) ([]*Entity, []string, error) {
	m, err := loadMapping(o.Templates)
	if err != nil {
		return nil, nil, err
	}
	b := &builder{d: d, sources: d.SourcesByID(), m: m, seen: map[string]bool{}, schema: map[string]string{}, target: map[int]string{}, bodies: map[string]string{}}
	for _, off := range d.Officials {
		if m.OfficialSchemata[off.Kind.Value] != "Person" {
			b.bodies[fold.String(off.Name)] = b.id("official", off.ID)
		}
	}
	for _, off := range d.Officials {
		if err := b.official(off); err != nil {
			return nil, nil, err
		}
	}
	for _, v := range d.Victims {
		if !v.Withheld {
			if err := b.victim(v); err != nil {
				return nil, nil, err
			}
		}
	}
	for _, c := range d.Companies {
		if err := b.company(c); err != nil {
			return nil, nil, err
		}
	}
	for _, a := range d.Assets {
		if err := b.asset(a); err != nil {
			return nil, nil, err
		}
	}
	for _, r := range d.Relationships {
		b.relationship(r)
	}
	for _, f := range d.Flows {
		b.flow(f)
	}
	for _, p := range d.Proceedings {
		b.proceeding(p)
	}
	// An amount listed on an official or company is no FtM entity of its
	// own; its evidence documents the holder.
	for _, a := range d.Amounts {
		if a.Holder != nil {
			if h := b.ref(*a.Holder); h != "" {
				b.documents(h, a.Evidence)
			}
		}
	}
	for _, s := range d.Sources {
		b.source(s)
	}
	for _, e := range d.Excerpts {
		b.excerpt(e)
	}
	return b.out, b.warnings, nil
}

type builder struct {
	d        *model.Dossier
	sources  map[string]*model.Source // d.SourcesByID()
	m        *mapping
	out      []*Entity
	seen     map[string]bool   // ids emitted
	schema   map[string]string // id emitted → its schema
	target   map[int]string    // excerpt number → the entity it documents
	bodies   map[string]string // folded body name → entity id
	warnings []string
}

var idRE = regexp.MustCompile(`^[0-9a-z]([0-9a-z.\-]*[0-9a-z])?$`)

// id derives a stable entity id from the case's name and parts written in
// the case: "kazakhstan.official.k-kasymov". FtM ids are letters, digits,
// dots and hyphens; anything else, or an id past FtM's length limit,
// becomes a hash of the same parts, as stable.
func (b *builder) id(parts ...string) string {
	all := append([]string{b.d.Case}, parts...)
	for i, p := range all {
		all[i] = slug(p)
	}
	s := strings.Join(all, ".")
	if len(s) <= 120 && idRE.MatchString(s) {
		return s
	}
	sum := sha256.Sum256([]byte(strings.Join(append([]string{b.d.Case}, parts...), "\x00")))
	return all[0][:min(len(all[0]), 40)] + ".h" + hex.EncodeToString(sum[:16])
}

// slug lowercases s and turns any run of characters FtM ids do not allow
// into one hyphen.
func slug(s string) string {
	var sb strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			sb.WriteRune(r)
			dash = false
		} else if !dash && sb.Len() > 0 {
			sb.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(sb.String(), "-")
	if out == "" {
		return "x"
	}
	return out
}

// hashed returns a short stable digest of values, for entities that the
// case gives no id (positions, bodies).
func hashed(values ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(values, "\x00")))
	return hex.EncodeToString(sum[:8])
}

// entity starts an entity and appends it to the output.
func (b *builder) entity(id, schema string) *Entity {
	e := &Entity{ID: id, Schema: schema, Properties: map[string][]string{}}
	b.out = append(b.out, e)
	b.seen[id] = true
	b.schema[id] = schema
	return e
}

// maxLength is FtM's limit, in characters, for each property type.
var maxLength = map[string]int{
	"name": 384, "string": 1024, "text": 65000, "identifier": 64, "address": 250,
	"url": 4096, "entity": 200, "date": 32, "country": 16, "language": 16,
	"gender": 16, "number": 250,
}

// propType is the FtM type of each property dossier writes; the test
// against the FtM model checks that the model agrees.
var propType = map[string]string{
	"name": "name", "alias": "name", "birthDate": "date", "birthPlace": "string",
	"nationality": "country", "gender": "gender", "summary": "text", "notes": "text",
	"description": "text", "holder": "entity", "number": "identifier", "type": "string",
	"country": "country", "organization": "entity", "post": "entity", "date": "date",
	"startDate": "date", "endDate": "date", "proof": "entity", "location": "address",
	"involved": "entity", "keywords": "string", "title": "string", "author": "string",
	"publisher": "string", "publishedAt": "date", "sourceUrl": "url", "retrievedAt": "date",
	"language": "language", "fileName": "string", "fileSize": "number", "document": "entity",
	"entity": "entity", "role": "string", "authority": "string", "program": "string", "profession": "string", "status": "string",
	"jurisdiction": "country", "registrationNumber": "identifier", "address": "address",
	"incorporationDate": "date", "dissolutionDate": "date", "owner": "entity", "asset": "entity",
	"percentage": "string", "director": "entity", "person": "entity", "relative": "entity",
	"relationship": "string", "associate": "entity", "agent": "entity", "client": "entity",
	"payer": "entity", "payerAccount": "entity", "beneficiary": "entity", "beneficiaryAccount": "entity",
	"amount": "number", "currency": "string", "purpose": "text", "accountNumber": "identifier",
	"caseNumber": "identifier", "court": "string", "category": "string", "fileDate": "date",
	"closeDate": "date", "case": "entity", "party": "entity", "legalForm": "string",
	"subject": "entity", "object": "entity",
}

// set adds the non-empty values to a property, each cut to FtM's length
// limit for the property's type.
func (b *builder) set(e *Entity, prop string, values ...string) {
	typ, ok := propType[prop]
	if !ok {
		panic("ftm: property " + prop + " has no type in propType")
	}
	for _, v := range values {
		v = strings.TrimSpace(v)
		if v == "" || contains(e.Properties[prop], v) {
			continue
		}
		if limit := maxLength[typ]; utf8.RuneCountInString(v) > limit {
			v = string([]rune(v)[:limit])
			b.warnings = append(b.warnings, fmt.Sprintf("%s %s: %s cut to FtM's limit of %d characters", e.Schema, e.ID, prop, limit))
		}
		e.Properties[prop] = append(e.Properties[prop], v)
	}
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// dates sets a date range as date (one date) or startDate and endDate.
func (b *builder) dates(e *Entity, r model.DateRange) {
	if r.IsZero() {
		return
	}
	if !r.IsRange() {
		b.set(e, "date", r.Start.String())
		return
	}
	b.set(e, "startDate", r.Start.String())
	b.set(e, "endDate", r.End.String())
}

// proof points an entity at the sources of its evidence, where the
// audience may see them.
func (b *builder) proof(e *Entity, evidence []int) {
	var ids []string
	for _, n := range evidence {
		if x := b.d.Excerpt(n); x != nil && !x.SourceWithheld && x.Source != "" && b.sources[x.Source] != nil {
			ids = append(ids, b.id("source", x.Source))
		}
	}
	sort.Strings(ids)
	b.set(e, "proof", ids...)
}

// documents records that the excerpts document entity id, unless an
// earlier record claimed them.
func (b *builder) documents(id string, evidence []int) {
	for _, n := range evidence {
		if _, ok := b.target[n]; !ok {
			b.target[n] = id
		}
	}
}

func (b *builder) countries(e *Entity, prop, what string, values ...string) {
	for _, v := range values {
		if strings.TrimSpace(v) == "" {
			continue
		}
		code, ok := b.m.country(v)
		if !ok {
			b.warnings = append(b.warnings, fmt.Sprintf("%s %s: %s %q is not a country FtM knows (templates/%s lists them); left out", e.Schema, e.ID, what, v, textPath))
			continue
		}
		b.set(e, prop, code)
	}
}

func aliasNames(list []model.Alias) []string {
	out := make([]string, len(list))
	for i, a := range list {
		out[i] = a.Name
	}
	return out
}

func (b *builder) official(off *model.Official) error {
	schema := b.m.OfficialSchemata[off.Kind.Value]
	if schema == "" {
		return fmt.Errorf("templates/%s: official_schemata has no schema for kind %q", textPath, off.Kind.Value)
	}
	id := b.id("official", off.ID)
	e := b.entity(id, schema)
	person := schema == "Person"
	b.set(e, "name", off.Name)
	b.set(e, "alias", aliasNames(off.Aliases)...)
	b.set(e, "summary", off.Summary)
	b.set(e, "notes", off.Notes) // empty unless the audience may see notes
	if person {
		b.set(e, "birthDate", off.BirthDate.String())
		b.set(e, "birthPlace", off.BirthPlace)
		b.countries(e, "nationality", "nationality", off.Nationality...)
		if off.Gender != "" {
			if g, ok := b.m.gender(off.Gender); ok {
				b.set(e, "gender", g)
			} else {
				b.warnings = append(b.warnings, fmt.Sprintf("%s %s: gender %q is not one FtM knows (templates/%s lists them); left out", schema, id, off.Gender, textPath))
			}
		}
	} else {
		b.countries(e, "country", "nationality", off.Nationality...)
	}
	for _, ev := range [][]int{off.Evidence, off.BirthDateEvidence, off.BirthPlaceEvidence, off.NationalityEvidence, off.GenderEvidence} {
		b.proof(e, ev)
		b.documents(id, ev)
	}

	for i, doc := range off.Documents {
		ds := b.m.DocumentSchemata[doc.Type.Value]
		if ds == "" {
			ds = "Identification"
		}
		de := b.entity(b.id("official", off.ID, "document", strconv.Itoa(i+1)), ds)
		b.set(de, "holder", id)
		b.set(de, "number", doc.Number)
		b.set(de, "type", doc.Type.Label)
		b.countries(de, "country", "document country", doc.Country)
		b.proof(de, doc.Evidence)
		b.documents(id, doc.Evidence)
	}

	for i, p := range off.Positions {
		post := b.position(p)
		if !person {
			// FtM's Occupancy holds a Person only; a body's position is
			// recorded as the Position alone.
			b.documents(id, p.Evidence)
			continue
		}
		oc := b.entity(b.id("official", off.ID, "position", strconv.Itoa(i+1)), "Occupancy")
		b.set(oc, "holder", id)
		b.set(oc, "post", post)
		b.set(oc, "startDate", p.From.String())
		b.set(oc, "endDate", p.To.String())
		b.set(oc, "date", p.AsOf.String()) // a date the sources show the position held
		b.proof(oc, p.Evidence)
		b.documents(id, p.Evidence)
	}

	// Measures other authorities already imposed (existing_sanctions); a
	// designation the case only requests is never a Sanction.
	for i, sa := range off.Sanctions {
		se := b.entity(b.id("official", off.ID, "sanction", strconv.Itoa(i+1)), "Sanction")
		b.set(se, "entity", id)
		b.set(se, "authority", sa.Authority)
		b.set(se, "program", sa.Programme)
		b.set(se, "startDate", sa.Date.String())
		b.proof(se, sa.Evidence)
		b.documents(id, sa.Evidence)
	}

	for i, as := range off.Associates {
		b.associate(off, id, person, i, as)
	}
	// Contrary information: a Note on the official (FtM: "an annotation
	// that applies to a document or entity"), its summary the Note's
	// description.
	for i, x := range off.Contrary {
		ne := b.entity(b.id("official", off.ID, "contrary", strconv.Itoa(i+1)), b.m.ContrarySchema)
		b.set(ne, "name", fill(b.m.Wording.ContraryName, "official", off.Name))
		b.set(ne, "description", x.Summary)
		b.set(ne, "entity", id)
		b.proof(ne, x.Evidence)
		b.documents(ne.ID, x.Evidence)
	}

	for _, a := range off.Allegations {
		b.allegation(off, id, a)
	}
	return nil
}

// associate adds an official's associate as a Person and the interval
// that joins them (templates: associate_schemata). An associate whose
// name is a pseudonym for this audience is left out, like a withheld
// victim: the pseudonym carries nothing for an entity graph, and the tie
// would tell who it stands for.
func (b *builder) associate(off *model.Official, officialID string, person bool, i int, as model.Associate) {
	if as.Withheld {
		return
	}
	n := strconv.Itoa(i + 1)
	aid := b.id("official", off.ID, "associate", n)
	pe := b.entity(aid, "Person")
	b.set(pe, "name", as.Name)
	b.proof(pe, as.Evidence)
	kind := "associate"
	switch {
	case !person:
		kind = "body"
	case b.m.family(as.Relationship):
		kind = "family"
	}
	sc := b.m.AssociateSchemata[kind]
	le := b.entity(b.id("official", off.ID, "associate", n, "link"), sc.Schema)
	b.set(le, sc.Official, officialID)
	b.set(le, sc.Associate, aid)
	b.set(le, sc.Relationship, as.Relationship)
	b.proof(le, as.Evidence)
	// Documentation documents a Thing, which an interval is not: the
	// quotes document the associate.
	b.documents(aid, as.Evidence)
}

// position returns the id of the Position for a title at a body, adding
// it (and the body, unless an official of the case bears its name) the
// first time.
func (b *builder) position(p model.Position) string {
	id := b.id("position", hashed(p.Title, p.Body))
	if b.seen[id] {
		return id
	}
	var body string
	if p.Body != "" {
		body = b.bodies[fold.String(p.Body)]
		if body == "" {
			body = b.id("body", hashed(p.Body))
			be := b.entity(body, b.m.BodySchema)
			b.set(be, "name", p.Body)
			b.bodies[fold.String(p.Body)] = body
		}
	}
	e := b.entity(id, "Position")
	b.set(e, "name", p.Title)
	b.set(e, "organization", body)
	return id
}

func (b *builder) allegation(off *model.Official, officialID string, a *model.Allegation) {
	id := b.id("allegation", a.ID)
	e := b.entity(id, "Event")
	labels := make([]string, len(a.Violations))
	for i, v := range a.Violations {
		labels[i] = v.Label
	}
	name := fill(b.m.Wording.AllegationName, "violations", strings.Join(labels, ", "), "official", off.Name, "role", a.Role.Label)
	if strings.TrimSpace(name) == "" {
		name = a.Summary
	}
	b.set(e, "name", name)
	b.set(e, "summary", a.Summary)
	b.set(e, "description", fill(b.m.Wording.AllegationDescription, "official", off.Name, "role", a.Role.Label, "violations", strings.Join(labels, ", ")))
	b.dates(e, a.Date)
	b.set(e, "location", a.Place)
	b.set(e, "involved", officialID)
	for _, ref := range a.Victims {
		if v := b.d.Victim(ref.ID); v != nil && !v.Withheld && !ref.Withheld {
			b.set(e, "involved", b.id("victim", v.ID))
		}
	}
	b.proof(e, a.Evidence)
	b.documents(id, a.Evidence)
}

func (b *builder) victim(v *model.Victim) error {
	schema := b.m.VictimSchemata[v.Kind.Value]
	if v.Kind.Value == "" {
		schema = b.m.VictimSchemata["person"]
	}
	if schema == "" {
		return fmt.Errorf("templates/%s: victim_schemata has no schema for kind %q", textPath, v.Kind.Value)
	}
	id := b.id("victim", v.ID)
	e := b.entity(id, schema)
	b.set(e, "name", v.Name)
	b.set(e, "alias", aliasNames(v.Aliases)...)
	if schema == "Person" {
		b.set(e, "birthDate", v.BirthDate.String())
		b.set(e, "birthPlace", v.BirthPlace)
		b.set(e, "profession", v.Occupation)
	}
	status := v.Status.Label
	if status != "" && !v.StatusAsOf.IsZero() {
		status = fill(b.m.Wording.VictimStatusAsOf, "status", status, "date", v.StatusAsOf.String())
	}
	b.set(e, "status", status)
	b.set(e, "keywords", v.Role.Label)
	b.set(e, "notes", v.Notes) // empty unless the audience may see notes
	for _, ev := range [][]int{v.Evidence, v.StatusEvidence} {
		b.proof(e, ev)
		b.documents(id, ev)
	}
	for i, ev := range v.Events {
		ee := b.entity(b.id("victim", v.ID, "event", strconv.Itoa(i+1)), "Event")
		b.set(ee, "name", fill(b.m.Wording.VictimEventName, "type", ev.Type.Label, "victim", v.Name))
		b.set(ee, "summary", ev.Summary)
		if s := ev.Sentence; s != nil {
			var terms []string
			for _, t := range [][2]string{{"prison", s.Prison}, {"fine", s.Fine}, {"ban", s.Ban}, {"other", s.Other}} {
				if t[1] != "" {
					terms = append(terms, fill(b.m.Wording.Sentence[t[0]], "value", t[1]))
				}
			}
			b.set(ee, "description", strings.Join(terms, "; "))
		}
		b.dates(ee, ev.Date)
		b.set(ee, "location", ev.Place)
		b.set(ee, "involved", id)
		b.proof(ee, ev.Evidence)
		b.documents(ee.ID, ev.Evidence)
	}
	return nil
}

func (b *builder) source(s *model.Source) {
	schema := b.m.SourceSchemata[s.Type.Value]
	if schema == "" {
		schema = "Document"
	}
	e := b.entity(b.id("source", s.ID), schema)
	b.set(e, "title", s.Title)
	b.set(e, "author", s.Author)
	b.set(e, "publisher", s.Publisher)
	b.set(e, "publishedAt", s.Published.String())
	b.set(e, "sourceUrl", s.URL, s.ArchiveURL)
	b.set(e, "retrievedAt", s.Retrieved.String())
	if s.Language != "" {
		if code, ok := b.m.language(s.Language); ok {
			b.set(e, "language", code)
		} else {
			b.warnings = append(b.warnings, fmt.Sprintf("%s %s: language %q is not one FtM knows (templates/%s lists them); left out", schema, e.ID, s.Language, textPath))
		}
	}
	b.set(e, "fileName", s.File)
	if s.Size > 0 {
		b.set(e, "fileSize", strconv.Itoa(s.Size))
	}
	// FtM's contentHash is SHA-1; the archived copy's SHA-256 goes in
	// keywords, prefixed as in "sha256:…", where Aleph indexes it.
	if s.SHA256 != "" {
		b.set(e, "keywords", "sha256:"+s.SHA256)
	}
	b.set(e, "notes", s.Notes) // empty unless the audience may see notes
}

// excerpt adds a Documentation linking the excerpt's source to the entity
// it supports, with the quote. An excerpt whose source the audience may
// not see, or which supports no exported entity (a withheld victim), has
// nothing to link and is left out.
func (b *builder) excerpt(x *model.Excerpt) {
	target, ok := b.target[x.Number]
	if !ok {
		// Evidence of a fact the mapping does not know yet documents its
		// owner.
		target, ok = b.id(x.OwnerKind, x.Owner), x.OwnerKind != ""
	}
	if !ok || x.SourceWithheld || x.Source == "" || b.sources[x.Source] == nil || !b.seen[target] {
		return
	}
	e := b.entity(b.id("excerpt", strconv.Itoa(x.Number)), "Documentation")
	b.set(e, "document", b.id("source", x.Source))
	b.set(e, "entity", target)
	b.set(e, "role", fill(b.m.Wording.ExcerptRole, "number", strconv.Itoa(x.Number)))
	b.set(e, "summary", x.Quote)
	b.set(e, "description", x.Note)
}
