package regime_test

import (
	"strings"
	"testing"
	"time"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/redact"
	"github.com/dossier-project/dossier/dossier/regime"
	"github.com/dossier-project/dossier/templates"
)

// TestCorruptionLimbs: in the fictional corruption case, each corruption
// limb of the UK anti-corruption regime, US Global Magnitsky and Canada is
// met by the conduct role that fits it — the official who took a bribe,
// the businessman who acted for the official, the company that materially
// assisted — and the family member with no conduct of her own is not
// proposed under any.
func TestCorruptionLimbs(t *testing.T) {
	c, ds := dossier.Open("../testdata/corruption")
	if ds.Errors() > 0 {
		t.Fatal(ds)
	}
	d, err := redact.Redact(c, model.Internal, time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		regime, official string
		want             string // limbs met, in profile order; "" = not proposed
	}{
		{"uk-gacr", "arvid-kell", "involved-in-serious-corruption"},
		{"uk-gacr", "tomas-brandt", "involved-in-serious-corruption"},
		{"uk-gacr", "northgate-logistics", "involved-in-serious-corruption"},
		{"uk-gacr", "lena-kell", ""},
		{"us-glomag", "arvid-kell", "eo13818-corruption 7031c-corruption"},
		{"us-glomag", "tomas-brandt", "eo13818-corruption"},                 // acting for an official; not 7031(c), which is for officials
		{"us-glomag", "northgate-logistics", "eo13818-material-assistance"}, // material assistance, not corruption itself
		{"us-glomag", "lena-kell", ""},
		{"ca-magnitsky", "arvid-kell", "significant-corruption"},
		{"ca-magnitsky", "tomas-brandt", "significant-corruption"}, // "an associate of" an official
		{"ca-magnitsky", "northgate-logistics", "material-assistance"},
		{"ca-magnitsky", "lena-kell", ""},
		{"uk-ghr", "arvid-kell", ""}, // a human-rights regime: no corruption limb
	} {
		t.Run(tc.regime+"/"+tc.official, func(t *testing.T) {
			p, err := regime.Load(templates.Embedded(), tc.regime)
			if err != nil {
				t.Fatal(err)
			}
			var o *model.Official
			for _, x := range d.Officials {
				if x.ID == tc.official {
					o = x
				}
			}
			if o == nil {
				t.Fatalf("no official %s", tc.official)
			}
			r := regime.OfficialReady(d, p, o)
			var got []string
			for _, m := range r.Criteria {
				got = append(got, m.Criterion)
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("limbs met %q, want %q", strings.Join(got, " "), tc.want)
			}
			if tc.official == "lena-kell" && r.Proposed {
				t.Errorf("a family member without conduct is proposed")
			}
		})
	}
}
