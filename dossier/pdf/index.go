package pdf

import (
	"sync"

	"github.com/dossier-project/dossier/dossier/model"
)

// index finds a case's victims and sources by id. It is built once per
// render and read, never written, by the dossiers laid out in parallel:
// the model's own look-ups scan the lists, which made a dossier's layout
// quadratic in the number of victims.
type index struct {
	d       *model.Dossier
	victims map[string]*model.Victim
	sources map[string]*model.Source

	mentionsOnce sync.Once
	mentioned    [][]int32 // see mentions
}

// mentions lists, for each excerpt (by number - 1), the indexes in
// d.Victims of the withheld victims it names; computed on first use.
func (ix *index) mentions() [][]int32 {
	ix.mentionsOnce.Do(func() { ix.mentioned = excerptMentions(ix.d) })
	return ix.mentioned
}

// newIndex indexes d. Where two entries share an id, the first wins, as
// with the model's look-ups.
func newIndex(d *model.Dossier) *index {
	ix := &index{d: d, victims: make(map[string]*model.Victim, len(d.Victims)), sources: d.SourcesByID()}
	for _, v := range d.Victims {
		if _, ok := ix.victims[v.ID]; !ok {
			ix.victims[v.ID] = v
		}
	}
	return ix
}
