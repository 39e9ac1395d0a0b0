package redact

import (
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/model"
)

// TestCheckWarnsAboutResidualRisks: every route the author creates is
// reported with its file and line, for the audience that withholds.
func TestCheckWarnsAboutResidualRisks(t *testing.T) {
	c, ds := dossier.Open(everywhere)
	if ds.Errors() > 0 {
		t.Fatal(ds)
	}
	got := map[string]int{}
	for _, d := range Check(c, model.Public) {
		got[d.Rule]++
		if d.File == "" || d.Line == 0 {
			t.Errorf("no file:line: %s", d)
		}
	}
	for rule, n := range map[string]int{"withheld-in-identifier": 3, "withheld-in-url": 2} {
		if got[rule] != n {
			t.Errorf("%s: %d warnings, want %d (all: %v)", rule, got[rule], n, got)
		}
	}
	if ds := Check(c, model.Internal); len(ds) != 0 {
		t.Errorf("internal withholds no one, yet: %v", ds)
	}

	// A relative named beside a withheld name, and a name part that is
	// also a place of the case.
	tc := testCase()
	tc.Officials[0].Allegations[0].Evidence = []*dossier.Evidence{{Quote: "his son Zhanbolat Agadil was questioned"}}
	var rules []string
	for _, d := range Check(tc, model.Public) {
		rules = append(rules, d.Rule+": "+d.Message)
	}
	all := strings.Join(rules, "\n")
	for _, want := range []string{`withheld-name-nearby: "Zhanbolat"`, `withheld-term-ambiguous: "xinjiang"`} {
		if !strings.Contains(all, want) {
			t.Errorf("no %s in:\n%s", want, all)
		}
	}
}

// TestWithheldNonVictimLeavesNoRow: a confidential lawyer is not a row, a
// reference or a count anywhere in the public model.
func TestWithheldNonVictimLeavesNoRow(t *testing.T) {
	c, _ := dossier.Open(everywhere)
	d, err := Redact(c, model.Public, c.Date.First())
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Victims) != 1 || d.Withheld != 1 {
		t.Errorf("public model lists %d people, %d withheld; the withheld lawyer must leave no row", len(d.Victims), d.Withheld)
	}
	internal, _ := Redact(c, model.Internal, c.Date.First())
	if len(internal.Victims) != 2 {
		t.Errorf("internal model lists %d people, want 2", len(internal.Victims))
	}
}
