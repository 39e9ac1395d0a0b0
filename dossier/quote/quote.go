// Package quote turns a passage found in a source into an evidence item
// ready to paste into a case file.
package quote

import (
	"fmt"
	"strings"

	"github.com/dossier-project/dossier/dossier"
	"gopkg.in/yaml.v3"
)

// Item returns an evidence item (a YAML list item) quoting the passage of
// source, preceded by its paragraph as a comment so the author can check
// that the quote supports the claim read in context.
func Item(source string, p dossier.Passage) string {
	var b strings.Builder
	wrap(&b, fmt.Sprintf("paragraph %d of %s: %s", p.Paragraph, source, p.Context))
	fmt.Fprintf(&b, "- source: %s\n  quote: %s\n", source, scalar(p.Text))
	return b.String()
}

// scalar writes text as a YAML value, quoted when YAML needs it.
func scalar(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	v := strings.TrimSuffix(string(out), "\n")
	if strings.Contains(v, "\n") { // a long line folded by the encoder
		return fmt.Sprintf("%q", s)
	}
	return v
}

// wrap writes text as YAML comment lines of about 78 columns.
func wrap(b *strings.Builder, text string) {
	line := "#"
	for _, w := range strings.Fields(text) {
		if len(line)+1+len(w) > 78 && len(line) > 1 {
			b.WriteString(line + "\n")
			line = "#"
		}
		line += " " + w
	}
	b.WriteString(line + "\n")
}
