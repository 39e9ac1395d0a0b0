package dossier

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// decimalPattern is the form of an amount's value: digits, optionally a
// point and more digits. No thousands separators, no exponent.
var decimalPattern = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)

// vocab is the vocabularies the case was read with: the embedded ones,
// or those of --templates.
func (v *validator) vocab() Vocabulary {
	if v.c.Vocabulary != nil {
		return v.c.Vocabulary
	}
	return Vocab()
}

// party is a record a relationship, flow or asset may point at.
type party struct {
	kind   string // "official", "company", "victim" or "asset"
	person bool   // a natural person
}

// parties indexes every record a corruption record may name by id.
func (v *validator) parties() map[string]party {
	if v.partyIndex != nil {
		return v.partyIndex
	}
	m := map[string]party{}
	for _, o := range v.c.Officials {
		m[o.ID] = party{kind: "official", person: o.Kind == "person"}
	}
	for _, co := range v.c.Companies {
		m[co.ID] = party{kind: "company"}
	}
	for _, vic := range v.c.Victims {
		m[vic.ID] = party{kind: "victim", person: vic.EffectiveKind() == "person"}
	}
	for _, a := range v.c.Assets {
		m[a.ID] = party{kind: "asset"}
	}
	v.partyIndex = m
	return m
}

// partyRef checks that id names a record of one of the kinds allowed;
// field says what refers to it, for the message.
func (v *validator) partyRef(p Pos, field, id string, kinds ...string) (party, bool) {
	all := v.parties()
	pt, ok := all[id]
	if !ok {
		var ids []string
		for k, x := range all {
			for _, want := range kinds {
				if x.kind == want {
					ids = append(ids, k)
				}
			}
		}
		sort.Strings(ids)
		hint := fmt.Sprintf("%s names an id of: %s", field, strings.Join(plural(kinds), ", "))
		if s := nearest(id, ids); s != "" {
			hint = fmt.Sprintf("did you mean %q?", s)
		}
		v.sink.errorf(p, "unknown-reference", hint, "%s %q does not exist", field, id)
		return party{}, false
	}
	for _, want := range kinds {
		if pt.kind == want {
			return pt, true
		}
	}
	v.sink.errorf(p, "reference-kind", fmt.Sprintf("%s names one of: %s", field, strings.Join(plural(kinds), ", ")), "%s %q is a %s", field, id, pt.kind)
	return pt, false
}

func plural(kinds []string) []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		switch k {
		case "company":
			out[i] = "companies (companies/)"
		case "official":
			out[i] = "officials (officials/)"
		case "victim":
			out[i] = "victims and other protected people (victims/)"
		case "asset":
			out[i] = "assets (assets/)"
		}
	}
	return out
}

// corruption checks the companies, assets and flows of the case and the
// relationships, amounts and proceedings on officials and companies.
func (v *validator) corruption() {
	for _, o := range v.c.Officials {
		self := party{kind: "official", person: o.Kind == "person"}
		v.relationships(o.ID, self, o.Relationships)
		v.amounts(o.Amounts)
		v.proceedings(o.Proceedings)
	}
	for _, co := range v.c.Companies {
		v.notFuture(co.Incorporated, co.Meta.At("incorporated"), "incorporated")
		v.notFuture(co.Dissolved, co.Meta.At("dissolved"), "dissolved")
		if !co.Incorporated.IsZero() && !co.Dissolved.IsZero() && co.Dissolved.Last().Before(co.Incorporated.First()) {
			v.sink.errorf(co.Meta.At("dissolved"), "date-order", "swap them, or correct one", "dissolved %s is before incorporated %s", co.Dissolved, co.Incorporated)
		}
		v.evidenceRefs(co.Evidence)
		v.relationships(co.ID, party{kind: "company"}, co.Relationships)
		v.amounts(co.Amounts)
		v.proceedings(co.Proceedings)
	}
	for _, a := range v.c.Assets {
		for i, h := range a.Holders {
			v.partyRef(a.Meta.At(fmt.Sprintf("holders.%d", i)), "holder", h, "official", "company", "victim")
		}
		if a.Company != "" {
			v.partyRef(a.Meta.At("company"), "company", a.Company, "company")
			if a.Kind != "company_shares" {
				v.sink.errorf(a.Meta.At("company"), "asset-company", "set kind: company_shares, or remove company:", "company: is for an asset of kind company_shares, not %s", a.Kind)
			}
		}
		if a.Value != nil {
			v.amount(a.Value, false)
		}
		v.notFuture(a.StatusAsOf, a.Meta.At("status_as_of"), "status_as_of")
		v.evidenceRefs(a.Evidence)
	}
	for _, f := range v.c.Flows {
		v.partyRef(f.Meta.At("from"), "from", f.From, "official", "company", "victim", "asset")
		v.partyRef(f.Meta.At("to"), "to", f.To, "official", "company", "victim", "asset")
		if f.From != "" && f.From == f.To {
			v.sink.errorf(f.Meta.At("to"), "flow-self", "a flow goes from one party to another", "flow goes from %q to itself", f.From)
		}
		if f.Amount != nil {
			v.amount(f.Amount, false)
		}
		v.notFuture(f.Date.End, f.Meta.At("date"), "date")
		v.evidenceRefs(f.Evidence)
	}
	v.circularOwnership()
}

func (v *validator) relationships(selfID string, self party, list []*Relationship) {
	voc := v.vocab()
	for _, r := range list {
		if r.With == "" || r.Type == "" {
			continue // reported as missing
		}
		v.evidenceRefs(r.Evidence)
		v.notFuture(r.From, r.Meta.At("from"), "from")
		v.notFuture(r.Until, r.Meta.At("until"), "until")
		if !r.From.IsZero() && !r.Until.IsZero() && r.Until.Last().Before(r.From.First()) {
			v.sink.errorf(r.Meta.At("until"), "date-order", "swap from and until, or correct one", "relationship ends (%s) before it starts (%s)", r.Until, r.From)
		}
		if r.With == selfID {
			v.sink.errorf(r.Meta.At("with"), "relationship-self", "name the other party's id", "a record cannot be %s of itself", r.Type)
			continue
		}
		other, ok := v.partyRef(r.Meta.At("with"), "with", r.With, "official", "company", "victim")
		if !ok {
			continue
		}
		switch {
		case voc["control_relationships"].Has(r.Type) && other.kind != "company" && !(other.kind == "official" && !other.person):
			v.sink.errorf(r.Meta.At("with"), "relationship-kind", "owner, beneficial_owner and director name a company (companies/) or an official of kind organisation under with:",
				"%s of %q: %q is not a company", r.Type, r.With, r.With)
		case voc["family_relationships"].Has(r.Type) && (!self.person || !other.person):
			v.sink.errorf(r.Meta.At("type"), "relationship-kind", "family relationships are between people: an official of kind person and a person (an official, or someone recorded under victims/)",
				"%s: %q and %q are not both people", r.Type, selfID, r.With)
		}
		if r.Share != "" {
			v.share(r)
		}
	}
}

func (v *validator) share(r *Relationship) {
	p := r.Meta.At("share")
	if r.Type != "owner" && r.Type != "beneficial_owner" {
		v.sink.errorf(p, "share", "share: is for owner and beneficial_owner", "a %s has no share", r.Type)
		return
	}
	s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(r.Share), "%"))
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || !decimalPattern.MatchString(s) || f <= 0 || f > 100 {
		v.sink.errorf(p, "share", "write the percentage as a number above 0 and at most 100, e.g. share: 50 or share: 33.3", "share %q is not a percentage", r.Share)
	}
}

func (v *validator) amounts(list []*Amount) {
	for _, a := range list {
		v.amount(a, true)
	}
}

// amount checks one amount; alone says it stands on its own evidence.
func (v *validator) amount(a *Amount, alone bool) {
	if a.Value != "" && !decimalPattern.MatchString(a.Value) {
		v.sink.errorf(a.Meta.At("value"), "amount-value", "write the number in full with no separators or currency sign, e.g. value: 1500000000 (mark approximate: true when the source says \"about\")",
			"value %q is not a plain decimal number", a.Value)
	}
	if alone && len(a.Evidence) == 0 {
		v.sink.errorf(a.Meta.Pos, "required", "add evidence: a quote that states the amount", "an amount needs evidence")
	}
	if a.Victim != "" {
		v.partyRef(a.Meta.At("victim"), "victim", a.Victim, "victim")
	}
	v.notFuture(a.Date, a.Meta.At("date"), "date")
	v.evidenceRefs(a.Evidence)
}

func (v *validator) proceedings(list []*Proceeding) {
	for _, p := range list {
		v.notFuture(p.Date.End, p.Meta.At("date"), "date")
		v.notFuture(p.StatusAsOf, p.Meta.At("status_as_of"), "status_as_of")
		v.evidenceRefs(p.Evidence)
	}
}

// circularOwnership reports a chain of companies that own one another
// (A owns B owns A): it is reported once, at the relationship that closes
// the circle, with the chain.
func (v *validator) circularOwnership() {
	type edge struct {
		to string
		r  *Relationship
	}
	owns := map[string][]edge{}
	for _, co := range v.c.Companies {
		for _, r := range co.Relationships {
			if r.Type == "owner" || r.Type == "beneficial_owner" {
				owns[co.ID] = append(owns[co.ID], edge{r.With, r})
			}
		}
	}
	const (
		unseen = iota
		active
		done
	)
	state := map[string]int{}
	var stack []string
	var walk func(id string)
	walk = func(id string) {
		state[id] = active
		stack = append(stack, id)
		for _, e := range owns[id] {
			switch state[e.to] {
			case active:
				i := len(stack) - 1
				for i > 0 && stack[i] != e.to {
					i--
				}
				chain := append(append([]string{}, stack[i:]...), e.to)
				v.sink.errorf(e.r.Meta.At("with"), "circular-ownership", "check which company owns which: a company cannot own itself through others",
					"circular ownership: %s", strings.Join(chain, " owns "))
			case unseen:
				walk(e.to)
			}
		}
		stack = stack[:len(stack)-1]
		state[id] = done
	}
	for _, co := range v.c.Companies {
		if state[co.ID] == unseen {
			walk(co.ID)
		}
	}
}

// victimKind checks a victim that is a body or the public: it has no
// status only a person can have, and no sensitivity.
func (v *validator) victimKind(vic *Victim) {
	k := vic.EffectiveKind()
	if k != "body" && k != "public" {
		return
	}
	if v.vocab()["person_only_statuses"].Has(vic.Status) {
		v.sink.errorf(vic.Meta.At("status"), "victim-status", "a body or the public can be harmed (status: harmed) or unknown; record people detained as persons of their own",
			"status %q is for a person, not a victim of kind %s", vic.Status, k)
	}
	if vic.Sensitivity != "" && vic.Sensitivity != "public" {
		v.sink.warnf(vic.Meta.At("sensitivity"), "group-sensitivity", "remove sensitivity",
			"a victim of kind %s is never pseudonymised: sensitivity %q has no effect", k, vic.Sensitivity)
	}
}

// referenced returns the ids that relationships, amounts, assets and flows
// name: a relative named in a relationship is part of the case even when
// no allegation concerns them.
func (v *validator) referenced() map[string]bool {
	out := map[string]bool{}
	rec := func(rels []*Relationship, amounts []*Amount) {
		for _, r := range rels {
			out[r.With] = true
		}
		for _, a := range amounts {
			out[a.Victim] = true
		}
	}
	for _, o := range v.c.Officials {
		rec(o.Relationships, o.Amounts)
	}
	for _, co := range v.c.Companies {
		rec(co.Relationships, co.Amounts)
	}
	for _, a := range v.c.Assets {
		for _, h := range a.Holders {
			out[h] = true
		}
	}
	for _, f := range v.c.Flows {
		out[f.From], out[f.To] = true, true
	}
	return out
}
