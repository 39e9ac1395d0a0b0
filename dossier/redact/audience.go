package redact

import (
	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/model"
)

// Withheld reports whether a person of the given sensitivity is withheld
// from an audience: public sees only public people, partner adds
// restricted ones, internal sees everyone. An unset sensitivity counts as
// restricted (see dossier.Victim.EffectiveSensitivity).
func Withheld(sensitivity string, a model.Audience) bool {
	switch a {
	case model.Internal:
		return false
	case model.Partner:
		return sensitivity == "confidential"
	}
	return sensitivity != "public"
}

// withheldPerson reports whether v is withheld from a.
func withheldPerson(v *dossier.Victim, a model.Audience) bool {
	return Withheld(v.EffectiveSensitivity(), a)
}

// decisions are everything besides names that an audience may or may not
// see. They are recorded in the model so that no renderer compares the
// audience itself.
func decisions(a model.Audience) model.Visibility {
	internal := a == model.Internal
	return model.Visibility{Readiness: internal, Notes: internal}
}
