package regime

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/templates"
)

var update = flag.Bool("update", false, "rewrite the golden criteria tables in testdata/criteria")

// criteriaTable writes a profile's addressee, evidence standard and limbs
// as a desk officer would check them: instrument, title, the violation
// types, conduct roles and official kinds each limb takes, and its
// condition.
func criteriaTable(p *Profile) string {
	var b strings.Builder
	line := func(format string, args ...string) {
		s := format
		for _, a := range args {
			s = strings.Replace(s, "%s", a, 1)
		}
		b.WriteString(strings.TrimRight(s, " ") + "\n")
	}
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	list := func(xs []string, none string) string {
		if len(xs) == 0 {
			return none
		}
		return strings.Join(xs, ", ")
	}
	line("# %s: %s", p.ID, p.Name)
	line("paper: %s", p.Paper)
	line("addressee: %s", strings.Join(p.Recipient, " / "))
	for _, c := range p.LegalBasis.Citations {
		line("cites: %s", flat(c.Text))
	}
	line("evidence standard: %s", flat(p.LegalBasis.EvidenceStandard))
	for _, kind := range []string{"person", "organisation"} {
		if na := p.NotApplicable[kind]; len(na) > 0 {
			line("not expected of kind %s: %s", kind, strings.Join(na, ", "))
		}
	}
	for _, kind := range []string{"person", "organisation"} {
		if w, ok := p.KindWording[kind]; ok {
			line("request for kind %s: %s", kind, flat(w.Request))
		}
	}
	for _, c := range p.Criteria {
		line("")
		line("limb %s | %s | %s", c.ID, c.Instrument, c.Title)
		line("  violations: %s", list(c.Violations, "none"))
		switch {
		case len(c.Roles) > 0:
			line("  roles: only %s", strings.Join(c.Roles, ", "))
		case len(c.ExceptRoles) > 0:
			line("  roles: any conduct role except %s", strings.Join(c.ExceptRoles, ", "))
		default:
			line("  roles: any conduct role")
		}
		line("  kinds: %s", list(c.Kinds, "any"))
		if c.Condition != "" {
			line("  condition: %s", flat(c.Condition))
		}
	}
	return b.String()
}

// TestCriteriaTablesGolden pins each shipped profile's criteria table: a
// change to a limb, an instrument reference, a role mapping or an
// addressee shows in review as a change to testdata/criteria/<id>.txt
// (go test ./dossier/regime -run Golden -update rewrites them).
func TestCriteriaTablesGolden(t *testing.T) {
	ps, err := All(templates.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "criteria", "*.txt"))
	if !*update && len(files) != len(ps) {
		t.Errorf("%d golden tables for %d profiles: run with -update and review", len(files), len(ps))
	}
	for _, p := range ps {
		got := criteriaTable(p)
		file := filepath.Join("testdata", "criteria", p.ID+".txt")
		if *update {
			os.MkdirAll(filepath.Dir(file), 0o755)
			if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Errorf("%s: %v (run with -update)", p.ID, err)
			continue
		}
		if got != string(want) {
			t.Errorf("%s: criteria table differs from %s (run with -update and review the diff):\n%s", p.ID, file, got)
		}
	}
}
