package dossier

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckRegimesOfficials: an official's regimes and exclude_regimes,
// and the regime of an existing sanction, must name a profile; a typo is
// an error with the nearest profile.
func TestCheckRegimesOfficials(t *testing.T) {
	known := []string{"uk-ghr", "us-glomag"}
	for _, tc := range []struct {
		name string
		edit func(o *Official)
		want string
	}{
		{"regimes", func(o *Official) { o.Regimes = []string{"uk-ghx"} }, `regime "uk-ghx" has no profile`},
		{"exclude_regimes", func(o *Official) { o.ExcludeRegimes = []string{"us-glomagg"} }, `regime "us-glomagg" has no profile`},
		{"sanction", func(o *Official) {
			o.ExistingSanctions = []*ExistingSanction{{Authority: "A", Programme: "P", Regime: "uk-ghrs"}}
		}, `regime "uk-ghrs" has no profile`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, ds := Open(filepath.Join("testdata", "base"))
			if ds.Errors() > 0 {
				t.Fatal(ds)
			}
			if got := CheckRegimes(c, known); len(got) != 0 {
				t.Fatalf("the base case: %v", got)
			}
			tc.edit(c.Officials[0])
			got := CheckRegimes(c, known)
			if len(got) != 1 || got[0].Rule != "unknown-regime" || !strings.Contains(got[0].Message, tc.want) || !strings.Contains(got[0].Hint, "did you mean") {
				t.Errorf("got %v, want one unknown-regime error %q with a suggestion", got, tc.want)
			}
		})
	}
}
