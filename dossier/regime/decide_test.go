package regime

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier/model"
)

// TestWhoGoesToWhom: an official is sent to a recipient, and asked for,
// only when the case sends them there, conduct is alleged, the conduct
// meets a limb, and the recipient has not designated them already.
func TestWhoGoesToWhom(t *testing.T) {
	designated := model.Sanction{Authority: "HM Treasury", Programme: "Global Human Rights sanctions", Regime: "uk-ghr", Date: date("2021-03-22"), Evidence: []int{3}}
	for _, tc := range []struct {
		name          string
		regime        string
		edit          func(o *model.Official)
		send, request bool
		reason        string
	}{
		{"plain request", "uk-ghr", func(*model.Official) {}, true, true, ""},
		{"regimes leaves the recipient out", "uk-ghr", func(o *model.Official) { o.Regimes = []string{"us-glomag"} }, false, false, NotSent},
		{"regimes names the recipient", "uk-ghr", func(o *model.Official) { o.Regimes = []string{"uk-ghr"} }, true, true, ""},
		{"exclude_regimes names the recipient", "uk-ghr", func(o *model.Official) { o.ExcludeRegimes = []string{"uk-ghr"} }, false, false, NotSent},
		{"no conduct", "uk-ghr", func(o *model.Official) { o.Allegations[0].Conduct = false }, false, false, NoConduct},
		{"no conduct, a brief still names them", "parliament", func(o *model.Official) { o.Allegations[0].Conduct = false }, true, false, NoConduct},
		{"human rights conduct under the anti-corruption regime", "uk-gacr", func(*model.Official) {}, false, false, NoCriteria},
		{"a body under an entry ban", "ee-entry-ban", func(o *model.Official) { o.Kind = model.Label{Value: "organisation"} }, false, false, NoCriteria},
		{"already designated by the recipient", "uk-ghr", func(o *model.Official) { o.Sanctions = []model.Sanction{designated} }, true, false, "already designated by HM Treasury under Global Human Rights sanctions on 2021-03-22"},
		{"designated by another recipient", "us-glomag", func(o *model.Official) { o.Sanctions = []model.Sanction{designated} }, true, true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, o := fixture()
			tc.edit(o)
			p := profile(t, tc.regime)
			dec := Decide(d, p, o)
			if dec.Send != tc.send || dec.Request != tc.request || !strings.Contains(dec.Reason, tc.reason) {
				t.Errorf("Decide = %+v, want send %v, request %v, reason %q", dec, tc.send, tc.request, tc.reason)
			}
			if tc.reason == "" && dec.Reason != "" {
				t.Errorf("reason %q, want none", dec.Reason)
			}
			r := OfficialReady(d, p, o)
			if r.Proposed != tc.request || (!tc.request && r.Ready) {
				t.Errorf("readiness proposed %v ready %v, want proposed %v", r.Proposed, r.Ready, tc.request)
			}
			if !tc.request && r.NotProposed != dec.Reason {
				t.Errorf("readiness says %q, decision %q", r.NotProposed, dec.Reason)
			}
		})
	}
}

// TestGapsRanked: a blocking gap (single source) comes before a
// strengthening one (no identity documents), in the gaps list, the JSON
// and the text, whatever the order of the elements.
func TestGapsRanked(t *testing.T) {
	d, o := fixture()
	o.Documents = nil                    // recommended: strengthens
	o.Allegations[0].Evidence = []int{1} // single source: blocks
	o.Gender, o.GenderEvidence = "", nil // recommended, listed before corroboration in Elements
	r := Readiness(d, profile(t, "uk-ghr"))
	gaps := r.Officials[0].Gaps
	var got []string
	for _, g := range gaps {
		got = append(got, string(g.Severity)+":"+g.Element)
	}
	want := []string{"blocking:corroboration", "strengthening:gender", "strengthening:documents"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("gaps %v, want %v", got, want)
	}
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	js := string(data)
	if i, j := strings.Index(js, `"severity":"blocking"`), strings.Index(js, `"severity":"strengthening"`); i < 0 || j < 0 || i > j {
		t.Errorf("JSON does not rank the blocking gap first: %s", js)
	}
	var b bytes.Buffer
	if err := WriteText(&b, r); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	if i, j := strings.Index(text, "blocking      missing  Each allegation"), strings.Index(text, "strengthening missing  Gender"); i < 0 || j < 0 || i > j {
		t.Errorf("text does not rank the blocking gap first:\n%s", text)
	}
}

// TestBlockingOrder: no conduct, no position at the time and a single
// source come first, in that order, before other required elements.
func TestBlockingOrder(t *testing.T) {
	d, o := fixture()
	o.Name = "K. Kasymov"                                              // required, full_name: blocks, but after the three
	o.Positions = nil                                                  // position
	o.Allegations[0].Evidence = []int{1}                               // corroboration
	o.Allegations[0].Violations = []model.Label{{Value: "corruption"}} // conduct outside uk-ghr
	r := OfficialReady(d, profile(t, "uk-ghr"), o)
	var got []string
	for _, g := range r.Gaps {
		if g.Severity == Blocking {
			got = append(got, g.Element)
		}
	}
	if want := "conduct position corroboration full_name"; strings.Join(got, " ") != want {
		t.Errorf("blocking gaps %v, want %s", got, want)
	}
}

// TestSubmitterRequired: sanctions profiles require the submitting
// organisation; a contact is part of it.
func TestSubmitterRequired(t *testing.T) {
	for _, tc := range []struct {
		org, contact string
		want         Status
	}{{"Rights Watch", "desk@example.org", Present}, {"Rights Watch", "", Partial}, {"", "", Missing}} {
		d, o := fixture()
		d.Organisation, d.Contact = tc.org, tc.contact
		r := OfficialReady(d, profile(t, "eu-ghrsr"), o)
		if got, _ := status(r, "submitting_organisation"); got != tc.want {
			t.Errorf("%q/%q: %s, want %s", tc.org, tc.contact, got, tc.want)
		}
	}
	for _, p := range []string{"us-glomag", "uk-ghr", "uk-gacr", "eu-ghrsr", "ca-magnitsky", "ee-entry-ban", "lv-entry-ban", "lt-entry-ban"} {
		if pr := profile(t, p); !strings.Contains(strings.Join(pr.Required, " "), "submitting_organisation") {
			t.Errorf("%s does not require the submitting organisation", p)
		}
	}
}
