package regime

import (
	"strings"

	"github.com/dossier-project/dossier/dossier/model"
)

// Decision is who goes to whom: whether an official gets a dossier under a
// profile, and whether it asks the recipient to act.
type Decision struct {
	// Send: the official gets a dossier of their own under the profile.
	Send bool `json:"send"`
	// Request: the dossier asks the recipient to designate the official.
	Request bool `json:"request"`
	// Reason says why an official is not sent, or not requested; empty
	// when both are true.
	Reason string `json:"reason,omitempty"`
	// Designated is the official's existing sanction under this profile:
	// the recipient already designated them, and is not asked again.
	Designated *model.Sanction `json:"designated,omitempty"`
}

// The reasons a Decision gives. Designated's reason names the authority,
// programme and date (see DesignatedReason).
const (
	NotSent    = "not sent: the case sends this official to other recipients only (regimes or exclude_regimes in the official's file)"
	NoCriteria = "not requested: none of the conduct alleged falls under this regime's criteria"
)

// Decide says whether official o of d goes to the recipient of p, and
// whether it is asked to act: not when the case sends the official
// elsewhere (regimes, exclude_regimes); for a sanctions regime, not when
// no conduct is alleged, not when the official's conduct meets none of the
// regime's limbs for the official's kind, and no request when the
// recipient already designated the official (an existing sanction under
// p). An advocacy brief goes to every official the case sends to it; it
// proposes those with conduct.
func Decide(d *model.Dossier, p *Profile, o *model.Official) Decision {
	if !o.SentTo(p.ID) {
		return Decision{Reason: NotSent}
	}
	if !o.HasConduct() {
		return Decision{Send: p.Kind != "sanctions", Reason: NoConduct}
	}
	if p.Kind != "sanctions" {
		return Decision{Send: true, Request: true}
	}
	if s := o.SanctionBy(p.ID); s != nil {
		return Decision{Send: true, Reason: DesignatedReason(s), Designated: s}
	}
	if len(p.ForKind(o.Kind.Value).CriteriaMet(d, o.Allegations)) == 0 {
		return Decision{Reason: NoCriteria}
	}
	return Decision{Send: true, Request: true}
}

// DesignatedReason words why an already designated official is not
// requested again.
func DesignatedReason(s *model.Sanction) string {
	parts := []string{"not requested again: already designated by " + s.Authority, "under " + s.Programme}
	if !s.Date.IsZero() {
		parts = append(parts, "on "+s.Date.String())
	}
	return strings.Join(parts, " ")
}
