package dossier

import (
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/dossier-project/dossier/templates"
	"gopkg.in/yaml.v3"
)

// IsConductRole reports whether an allegation's role alleges conduct of
// the official (ordered, perpetrated, adjudicated, …) rather than only
// recording that they were asked to act or are answerable (addressee).
// Only conduct counts toward a regime's criteria.
func IsConductRole(role string) bool {
	t := Vocab()["conduct_roles"]
	return t != nil && t.Has(role)
}

var (
	hedgeOnce sync.Once
	hedgeRE   *regexp.Regexp
)

// LoadHedging reads the hedging phrases of text/claims.yaml and returns a
// pattern matching any of them as whole words, in any case.
func LoadHedging(fsys fs.FS) (*regexp.Regexp, error) {
	data, err := fs.ReadFile(fsys, "text/claims.yaml")
	if err != nil {
		return nil, err
	}
	var f struct {
		Hedging []string `yaml:"hedging"`
	}
	if err := yaml.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("text/claims.yaml: %w", err)
	}
	if len(f.Hedging) == 0 {
		return nil, fmt.Errorf("text/claims.yaml: hedging is empty")
	}
	var alts []string
	for _, h := range f.Hedging {
		words := strings.Fields(h)
		for i, w := range words {
			words[i] = regexp.QuoteMeta(w)
		}
		alts = append(alts, strings.Join(words, `\s+`))
	}
	return regexp.Compile(`(?i)(?:^|[^\pL\pN])(?:` + strings.Join(alts, "|") + `)(?:$|[^\pL\pN])`)
}

func hedging() *regexp.Regexp {
	hedgeOnce.Do(func() {
		re, err := LoadHedging(templates.Embedded())
		if err != nil {
			panic(err) // the embedded file is tested
		}
		hedgeRE = re
	})
	return hedgeRE
}

// HedgeIn returns the first hedging phrase in s ("reportedly"), or "".
func HedgeIn(s string) string {
	m := hedging().FindString(s)
	return strings.TrimFunc(m, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}

// IsHedged reports whether the evidence item reports rather than states:
// its `hedged` field when written, otherwise whether the quote holds a
// hedging phrase.
func (e *Evidence) IsHedged() bool {
	if e.Hedged != nil {
		return *e.Hedged
	}
	return HedgeIn(e.Quote) != ""
}
