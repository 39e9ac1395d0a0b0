package regime

import (
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier/model"
)

// TestAssetsInJurisdiction: readiness lists the assets an official holds,
// directly or through a company they control, in the recipient's
// jurisdiction; says when the known ones lie elsewhere; and does not ask
// for assets where no corruption is alleged.
func TestAssetsInJurisdiction(t *testing.T) {
	corrupt := &model.Allegation{Violations: []model.Label{{Value: "corruption"}}}
	abuse := &model.Allegation{Violations: []model.Label{{Value: "torture"}}}
	off := model.Ref{ID: "o", Kind: "official"}
	co := model.Ref{ID: "c", Kind: "company"}
	villa := &model.Asset{ID: "villa", Name: "Villa", Country: "Isle of Corran", Holders: []model.Ref{off}}
	flat := &model.Asset{ID: "flat", Name: "Flat in Mayfair", Country: "United Kingdom", Holders: []model.Ref{co}}
	owns := &model.Relationship{Subject: off, Object: co, Group: "control"}
	uk := []string{"United Kingdom", "UK"}
	tests := []struct {
		name   string
		alleg  *model.Allegation
		assets []*model.Asset
		rels   []*model.Relationship
		want   Status
		detail string
	}{
		{"held through a company, in the jurisdiction", corrupt, []*model.Asset{villa, flat}, []*model.Relationship{owns}, Present, "Flat in Mayfair (United Kingdom)"},
		{"known, but elsewhere", corrupt, []*model.Asset{villa, flat}, nil, Partial, "Villa (Isle of Corran)"},
		{"corruption alleged, no asset known", corrupt, nil, nil, Missing, "no asset"},
		{"no corruption, no asset", abuse, nil, nil, NotApplicable, "no corruption alleged"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := &model.Official{ID: "o", Allegations: []*model.Allegation{tt.alleg}}
			d := &model.Dossier{Officials: []*model.Official{o}, Assets: tt.assets, Relationships: tt.rels}
			got, detail := assetsIn(d, o, uk)
			if got != tt.want || !strings.Contains(detail, tt.detail) {
				t.Errorf("assetsIn = %s, %q; want %s with %q", got, detail, tt.want, tt.detail)
			}
		})
	}
}
