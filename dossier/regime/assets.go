package regime

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dossier-project/dossier/dossier/internal/fold"
	"github.com/dossier-project/dossier/dossier/model"
)

// assetsIn reports the assets an official holds, directly or through a
// company they own, direct or beneficially own, that lie in one of the
// recipient's jurisdictions: what a desk that freezes assets asks first.
// It does not apply to an official with no asset recorded and no
// corruption alleged.
func assetsIn(d *model.Dossier, o *model.Official, jurisdictions []string) (Status, string) {
	assets := heldBy(d, o.ID)
	if len(assets) == 0 {
		if !corruptionAlleged(o) {
			return NotApplicable, "no corruption alleged and no asset recorded"
		}
		return Missing, "no asset of this official is recorded"
	}
	if len(jurisdictions) == 0 {
		return NotApplicable, "the profile names no jurisdiction"
	}
	in := map[string]bool{}
	for _, j := range jurisdictions {
		in[fold.String(j)] = true
	}
	var found, elsewhere []string
	for _, a := range assets {
		label := a.Name
		if a.Country != "" {
			label += " (" + a.Country + ")"
		}
		if in[fold.String(a.Country)] {
			found = append(found, label)
		} else {
			elsewhere = append(elsewhere, label)
		}
	}
	if len(found) == 0 {
		return Partial, fmt.Sprintf("%d asset(s) known, none in the recipient's jurisdiction: %s", len(elsewhere), strings.Join(elsewhere, "; "))
	}
	return Present, "in the recipient's jurisdiction: " + strings.Join(found, "; ")
}

// heldBy returns the assets held by id, or by a company id controls
// (owner, beneficial owner, director, nominee), each once, in id order.
func heldBy(d *model.Dossier, id string) []*model.Asset {
	holders := map[string]bool{id: true}
	for _, r := range d.RelationshipsOf(id) {
		if r.Group == "control" && r.Subject.ID == id && r.Object.Kind == "company" {
			holders[r.Object.ID] = true
		}
	}
	seen := map[string]bool{}
	var out []*model.Asset
	for h := range holders {
		for _, a := range d.AssetsOf(h) {
			if !seen[a.ID] {
				seen[a.ID] = true
				out = append(out, a)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// corruptionAlleged reports whether an allegation of the official names
// corruption.
func corruptionAlleged(o *model.Official) bool {
	for _, a := range o.Allegations {
		for _, v := range a.Violations {
			if v.Value == "corruption" {
				return true
			}
		}
	}
	return false
}
