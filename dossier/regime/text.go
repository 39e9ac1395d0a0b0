package regime

import (
	"fmt"
	"io"
	"strings"
)

// WriteText prints a readiness report for people: one block per official,
// the verdict first, then what is missing and the limbs the conduct meets.
func WriteText(w io.Writer, r Report) error {
	ready, proposed := 0, 0
	for _, o := range r.Officials {
		if o.Ready {
			ready++
		}
		if o.Proposed {
			proposed++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "readiness of %s for %s (%s): %d of %d proposed officials ready", r.Case, r.Regime, r.RegimeName, ready, proposed)
	if n := len(r.Officials) - proposed; n > 0 {
		fmt.Fprintf(&b, "; %d not proposed", n)
	}
	b.WriteString("\n")
	for _, o := range r.Officials {
		verdict := "ready"
		if !o.Ready {
			verdict = "NOT READY"
		}
		if !o.Proposed {
			verdict = "NOT PROPOSED"
		}
		fmt.Fprintf(&b, "  %s (%s): %s\n", o.Official, o.Name, verdict)
		if !o.Proposed {
			fmt.Fprintf(&b, "    %s\n", o.NotProposed)
			continue
		}
		// Ranked: what blocks the submission, then what would strengthen it.
		for _, g := range o.Gaps {
			line := fmt.Sprintf("    %-13s %-8s %s", g.Severity, g.Status, g.Label)
			if g.Detail != "" {
				line += ": " + g.Detail
			}
			b.WriteString(line + "\n")
		}
		if len(o.Criteria) == 0 {
			b.WriteString("    criteria    none of the conduct falls under this regime's criteria\n")
		}
		for _, m := range o.Criteria {
			line := fmt.Sprintf("    criteria    %s, %s: %s", m.Instrument, m.Title, strings.Join(m.Allegations, ", "))
			if m.Condition != "" {
				line += " (subject to a further condition: " + m.Condition + ")"
			}
			if m.Reported {
				line += " (reported only: hedged or reports-only evidence)"
			}
			b.WriteString(line + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
