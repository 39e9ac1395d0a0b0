package redact

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/model"
)

// strictPaths are the model's fields that hold ids, file names and
// addresses the author wrote: judged strictly, since a name part in them
// names the person even where it is also another's name.
var strictPaths = []string{"Dossier.Case", ".Allegations[].ID", "Dossier.Victims[].Allegations[]", ".Target",
	"Dossier.Sources[].ID", "Dossier.Sources[].File", "Dossier.Excerpts[].Source", "URL", ".Photo.File", ".Original.File"}

// leaks reports whether the string at path names a withheld person.
func leaks(inv *Inventory, path, s string) bool {
	for _, p := range strictPaths {
		if strings.HasSuffix(path, p) {
			return inv.IdentifiesStrictly(s)
		}
	}
	return inv.Identifies(s)
}

// everywhere is a case whose every free-text field, id and file name
// names its one confidential victim, in several of the ways texts do.
var everywhere = filepath.Join("testdata", "petrenko-case")

// strings walks v and calls fn with every string it holds and its path.
func walkStrings(v reflect.Value, path string, fn func(path, s string)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), path, fn)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				walkStrings(v.Field(i), path+"."+v.Type().Field(i).Name, fn)
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return // photo bytes
		}
		for i := range v.Len() {
			walkStrings(v.Index(i), path+"[]", fn)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			walkStrings(v.MapIndex(k), path+"{}", fn)
		}
	case reflect.String:
		fn(path, v.String())
	}
}

// TestEveryStringOfTheModelIsRedacted builds the public and partner models
// of the case and checks every string they hold, field by field.
func TestEveryStringOfTheModelIsRedacted(t *testing.T) {
	c, ds := dossier.Open(everywhere)
	if ds.Errors() > 0 {
		t.Fatal(ds)
	}
	for _, a := range []model.Audience{model.Public, model.Partner} {
		inv := NewInventory(c, a)
		if len(inv.People) != 2 {
			t.Fatalf("%s: %d people withheld, want 2 (the victim and her lawyer)", a, len(inv.People))
		}
		d, err := Redact(c, a, c.Date.First())
		if err != nil {
			t.Fatal(err)
		}
		checked := 0
		walkStrings(reflect.ValueOf(d), "Dossier", func(path, s string) {
			checked++
			if leaks(inv, path, s) {
				t.Errorf("%s: %s = %q names the withheld victim", a, path, s)
			}
			if strings.Contains(s, "1990") {
				t.Errorf("%s: %s = %q gives the withheld victim's birth year", a, path, s)
			}
		})
		if checked < 50 {
			t.Errorf("%s: only %d strings walked", a, checked)
		}
		if d.Case != "case" || d.Notes != "" || d.Sources[0].URL != "" || d.Sources[0].Notes != "" || d.Officials[0].Notes != "" {
			t.Errorf("%s: case %q, notes %q, url %q: ids, notes and addresses must not reach this audience", a, d.Case, d.Notes, d.Sources[0].URL)
		}
		for _, x := range d.Excerpts {
			if x.Redacted && (!x.SourceWithheld || x.Source != "" || x.Paragraph != 0 || x.Offset != 0) {
				t.Errorf("%s: redacted excerpt %d keeps its locator: %+v", a, x.Number, x)
			}
			if !x.Redacted && x.SourceWithheld {
				t.Errorf("%s: excerpt %d lost its source though nothing in it was withheld", a, x.Number)
			}
		}
		v := d.Victims[0]
		if len(v.Evidence) != 0 || v.BirthPlace != "" || v.Occupation != "" || len(v.Aliases) != 0 {
			t.Errorf("%s: the withheld victim keeps identifying details: %+v", a, v)
		}
	}
	// Internal sees everything, notes included.
	d, _ := Redact(c, model.Internal, c.Date.First())
	if d.Case != "petrenko-case" || d.Notes == "" || !d.Show.Notes || !d.Show.Readiness || d.Victim("olga-petrenko") == nil {
		t.Errorf("internal: %+v", d)
	}
}

// TestPseudonymsIgnoreNameOrder: victims no allegation names are numbered
// by where their evidence first appears, not by id or name.
func TestPseudonymsIgnoreNameOrder(t *testing.T) {
	mk := func(id, source string, offset int) *dossier.Victim {
		return &dossier.Victim{ID: id, Evidence: []*dossier.Evidence{{SourceID: source, Offset: offset}}}
	}
	c := &dossier.Case{ID: "x", Sources: []*dossier.Source{{ID: "s1"}, {ID: "s2"}},
		Victims: []*dossier.Victim{mk("aaron-abbot", "s2", 5), mk("zoe-zimmer", "s1", 900)}}
	nums := Pseudonyms(c)
	if nums["zoe-zimmer"] != 1 || nums["aaron-abbot"] != 2 {
		t.Errorf("numbers follow the alphabet, not the sources: %v", nums)
	}
}

// TestShippedCaseAnyVictimWithheld withholds each victim of the shipped
// case in turn and checks every string of the public model for every term
// that identifies them.
func TestShippedCaseAnyVictimWithheld(t *testing.T) {
	dir := filepath.Join("..", "..", "cases", "kazakhstan")
	c, ds := dossier.Open(dir)
	if ds.Errors() > 0 {
		t.Fatal(ds)
	}
	if len(c.Victims) < 10 {
		t.Fatalf("the shipped case has %d victims", len(c.Victims))
	}
	for _, withheld := range c.Victims {
		id := withheld.ID
		if withheld.EffectiveKind() == "group" {
			continue // a group names no one and is never withheld
		}
		for _, v := range c.Victims {
			v.Sensitivity = "public"
		}
		withheld.Sensitivity = "confidential"
		inv := NewInventory(c, model.Public)
		if len(inv.People) != 1 {
			t.Fatalf("%s: %d people withheld", id, len(inv.People))
		}
		d, err := Redact(c, model.Public, c.Date.First())
		if err != nil {
			t.Fatal(err)
		}
		walkStrings(reflect.ValueOf(d), "Dossier", func(path, s string) {
			if leaks(inv, path, s) {
				t.Errorf("%s withheld: %s = %q names them", id, path, s)
			}
		})
	}
}
