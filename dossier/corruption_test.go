package dossier

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/currency"
)

const corruptionCase = "testdata/corruption"

// TestCorruptionCaseIsValid: the worked example of the README loads with
// every new record kind, no error and no warning.
func TestCorruptionCaseIsValid(t *testing.T) {
	c, ds := Open(corruptionCase)
	if len(ds) > 0 {
		t.Fatalf("want no diagnostic, got:\n%v", ds)
	}
	if len(c.Companies) != 3 || len(c.Assets) != 5 || len(c.Flows) != 2 {
		t.Fatalf("companies %d, assets %d, flows %d", len(c.Companies), len(c.Assets), len(c.Flows))
	}
	var brandt *Official
	for _, o := range c.Officials {
		if o.ID == "tomas-brandt" {
			brandt = o
		}
	}
	if brandt == nil || len(brandt.Relationships) != 3 || brandt.Relationships[1].Share != "60" || len(brandt.Proceedings) != 1 {
		t.Fatalf("tomas-brandt's relationships or proceedings not loaded: %+v", brandt)
	}
	// Every evidence item of the new records was found in its source.
	c.EachEvidence(func(e *Evidence, owner string) {
		if !e.Found {
			t.Errorf("%s: quote %q not linked", owner, e.Quote)
		}
	})
}

// TestCorruptionErrors: each rule of the new records, reported at the
// file and line of the value at fault. The case is copied and one file
// changed (old → new); the diagnostic must sit on the line where new
// starts.
func TestCorruptionErrors(t *testing.T) {
	for _, tc := range []struct {
		name, file, old, new, rule, message string
		at                                  string // where the error belongs, when not at new
	}{
		{"unknown key in a company", "companies/harbour-trust.yaml", "jurisdiction:", "jurisdicton:", "unknown-field", `did you mean`, ""},
		{"unknown key in a relationship", "officials/tomas-brandt.yaml", "    share: 60", "    shares: 60", "unknown-field", `unknown field "shares"`, ""},
		{"unknown key in an asset", "assets/silver-heron.yaml", "status: frozen", "state: frozen", "unknown-field", `unknown field "state"`, ""},
		{"unknown key in a flow", "flows/bribe-transfer.yaml", "summary:", "purpose:", "unknown-field", `unknown field "purpose"`, ""},
		{"unknown key in a proceeding", "officials/tomas-brandt.yaml", "    court:", "    tribunal:", "unknown-field", `unknown field "tribunal"`, ""},
		{"relationship to a missing company", "officials/tomas-brandt.yaml", "with: lumen-holdings\n    share", "with: lumen-holding\n    share", "unknown-reference", `with "lumen-holding" does not exist`, ""},
		{"relationship to a missing person", "officials/lena-kell.yaml", "with: arvid-kell", "with: arvid-kel", "unknown-reference", `did you mean "arvid-kell"`, ""},
		{"asset holder missing", "assets/silver-heron.yaml", "holders: [harbour-trust]", "holders: [harbor-trust]", "unknown-reference", `holder "harbor-trust" does not exist`, ""},
		{"flow to a missing party", "flows/bribe-transfer.yaml", "to: harbour-trust", "to: nobody", "unknown-reference", `to "nobody" does not exist`, ""},
		{"amount for a missing victim", "companies/lumen-holdings.yaml", "victim: veridia-rail", "victim: veridia-railway", "unknown-reference", `victim "veridia-railway" does not exist`, ""},
		{"currency not in ISO 4217", "officials/arvid-kell.yaml", "currency: USD", "currency: USS", "vocabulary", `currency: "USS" is not an allowed value`, ""},
		{"currency in lowercase", "flows/bribe-transfer.yaml", "currency: USD", "currency: usd", "vocabulary", `"usd" is not an allowed value`, ""},
		{"value with separators", "officials/arvid-kell.yaml", "value: 2500000", "value: 2,500,000", "amount-value", `not a plain decimal number`, ""},
		{"amount without evidence", "officials/northgate-logistics.yaml", "    evidence:\n      - source: bureau\n        quote: \"received a fee of EUR 300,000\"\n", "", "required", `an amount needs evidence`, "kind: fee"},
		{"share over 100", "officials/tomas-brandt.yaml", "share: 60", "share: 160", "share", `not a percentage`, ""},
		{"share on a director", "officials/lena-kell.yaml", "with: pellet-nominees\n", "with: pellet-nominees\n    share: 10\n", "share", `a director has no share`, ""},
		{"director of a person", "companies/pellet-nominees.yaml", "type: nominee", "type: director", "relationship-kind", `"arvid-kell" is not a company`, "with: arvid-kell"},
		{"family with a company", "officials/lena-kell.yaml", "type: child\n    with: arvid-kell", "type: child\n    with: lumen-holdings", "relationship-kind", `are not both people`, ""},
		{"relationship with itself", "officials/lena-kell.yaml", "with: arvid-kell", "with: lena-kell", "relationship-self", `child of itself`, ""},
		{"unknown relationship type", "officials/lena-kell.yaml", "type: child", "type: daughter", "vocabulary", `"daughter" is not an allowed value`, ""},
		{"company of a non-share asset", "assets/silver-heron.yaml", "holders:", "company: lumen-holdings\nholders:", "asset-company", `kind company_shares`, ""},
		{"flow to itself", "flows/bribe-transfer.yaml", "to: harbour-trust", "to: lumen-account", "flow-self", `to itself`, ""},
		{"a body cannot be detained", "victims/veridia-rail.yaml", "status: harmed", "status: detained", "victim-status", `is for a person`, ""},
		{"proceeding kind", "officials/tomas-brandt.yaml", "kind: conviction", "kind: verdict", "vocabulary", `"verdict" is not an allowed value`, ""},
		{"proceeding without evidence", "officials/northgate-logistics.yaml", "    summary: Under investigation for its invoices.\n    evidence:", "    summary: Under investigation for its invoices.\n    evidence: []\n    x_evidence:", "required", `"evidence"`, "evidence: []"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "corruption")
			copyTree(t, corruptionCase, dir)
			path := filepath.Join(dir, filepath.FromSlash(tc.file))
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			i := strings.Index(string(data), tc.old)
			if i < 0 {
				t.Fatalf("%q not in %s", tc.old, tc.file)
			}
			changed := string(data[:i]) + tc.new + string(data[i+len(tc.old):])
			if err := os.WriteFile(path, []byte(changed), 0o644); err != nil {
				t.Fatal(err)
			}
			line := strings.Count(changed[:i], "\n") + 1
			if tc.at != "" {
				line = strings.Count(changed[:strings.Index(changed, tc.at)], "\n") + 1
			}
			_, ds := Open(dir)
			for _, d := range ds {
				if d.Rule == tc.rule && d.File == path && d.Severity == Error && strings.Contains(d.Message+" "+d.Hint, tc.message) {
					if d.Line < line || d.Line > line+strings.Count(tc.new, "\n") {
						t.Errorf("%s reported at line %d, want %d", tc.rule, d.Line, line)
					}
					return
				}
			}
			t.Fatalf("want %s error in %s at line %d (%q), got:\n%v", tc.rule, tc.file, line, tc.message, ds)
		})
	}
}

// TestCircularOwnership: A owns B owns A is reported once, at the
// relationship that closes the circle, with the chain.
func TestCircularOwnership(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corruption")
	copyTree(t, corruptionCase, dir)
	path := filepath.Join(dir, "companies", "lumen-holdings.yaml")
	data, _ := os.ReadFile(path)
	extra := "relationships:\n  - type: owner\n    with: pellet-nominees\n    evidence:\n      - source: bureau\n        quote: \"which holds shares in Lumen Holdings Ltd\"\n"
	if err := os.WriteFile(path, append(data, extra...), 0o644); err != nil {
		t.Fatal(err)
	}
	want := strings.Count(string(data), "\n") + 3 // the line of "with: pellet-nominees"
	_, ds := Open(dir)
	var found []Diagnostic
	for _, d := range ds {
		if d.Rule == "circular-ownership" {
			found = append(found, d)
		}
	}
	if len(found) != 1 {
		t.Fatalf("want one circular-ownership error, got:\n%v", ds)
	}
	d := found[0]
	if !strings.Contains(d.Message, "lumen-holdings owns pellet-nominees owns lumen-holdings") && !strings.Contains(d.Message, "pellet-nominees owns lumen-holdings owns pellet-nominees") {
		t.Errorf("message does not give the chain: %s", d.Message)
	}
	if d.Severity != Error || (d.File == path && d.Line != want) {
		t.Errorf("reported at %s, want an error at %s:%d or on the other side of the circle", d.Pos, path, want)
	}
}

// TestCurrenciesAreISO4217: every code of the currencies vocabulary is an
// ISO 4217 code known to golang.org/x/text.
func TestCurrenciesAreISO4217(t *testing.T) {
	cur := Vocab()["currencies"]
	if len(cur.Values) < 150 {
		t.Fatalf("only %d currencies", len(cur.Values))
	}
	// Codes introduced after golang.org/x/text's table was made: Ouguiya
	// (2018), Bolivar Soberano (2018), Leone (2022).
	newer := map[string]bool{"MRU": true, "VES": true, "SLE": true}
	for _, code := range cur.Values {
		if _, err := currency.ParseISO(code); err != nil && !newer[code] {
			t.Errorf("currency %s: %v", code, err)
		}
	}
}

// TestBodyAndPublicAreNeverWithheld: victims of kind body or public are
// public whatever their sensitivity.
func TestBodyAndPublicAreNeverWithheld(t *testing.T) {
	for _, k := range []string{"body", "public", "group"} {
		v := &Victim{Kind: k, Sensitivity: "confidential"}
		if got := v.EffectiveSensitivity(); got != "public" {
			t.Errorf("kind %s: sensitivity %s, want public", k, got)
		}
	}
	if got := (&Victim{}).EffectiveSensitivity(); got != "restricted" {
		t.Errorf("a person defaults to %s", got)
	}
}

// TestRelationshipVocabularies: every relationship type has a phrase, and
// the control, family and immediate-family lists name only types.
func TestRelationshipVocabularies(t *testing.T) {
	v := Vocab()
	for _, typ := range v["relationship_types"].Values {
		if !v["relationship_phrases"].Has(typ) {
			t.Errorf("relationship type %s has no phrase", typ)
		}
	}
	for _, list := range []string{"relationship_phrases", "control_relationships", "family_relationships", "immediate_family"} {
		for _, typ := range v[list].Values {
			if !v["relationship_types"].Has(typ) {
				t.Errorf("%s lists %s, which is not a relationship type", list, typ)
			}
		}
	}
	for _, s := range v["person_only_statuses"].Values {
		if !v["victim_statuses"].Has(s) {
			t.Errorf("person_only_statuses lists %s, not a victim status", s)
		}
	}
}

// TestOldTemplatesVocabulary: a --templates vocabulary.yaml written
// before the corruption records (no currencies, no relationship lists)
// gives an error at each value it cannot check, never a panic.
func TestOldTemplatesVocabulary(t *testing.T) {
	old := Vocabulary{}
	for name, terms := range Vocab() {
		switch name {
		case "currencies", "relationship_types", "control_relationships", "family_relationships", "person_only_statuses":
		default:
			old[name] = terms
		}
	}
	_, ds := OpenWith(corruptionCase, old)
	found := 0
	for _, d := range ds {
		if d.Rule == "vocabulary" && strings.Contains(d.Message, `no list "currencies"`) && d.Line > 0 {
			found++
		}
	}
	if found == 0 {
		t.Fatalf("want vocabulary errors naming the missing list, got:\n%v", ds)
	}
}
