package bundle

import (
	"strings"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Prefix is the bundle number's prefix: the ISO 3166 code of the case's
// country when its English name is known ("Kazakhstan" gives KZ), else the
// first two letters of the country or the case id, else "EB".
func Prefix(country, caseID string) string {
	if code := countryCode(country); code != "" {
		return code
	}
	for _, s := range []string{country, caseID} {
		var b strings.Builder
		for _, r := range s {
			if r < unicode.MaxASCII && unicode.IsLetter(r) {
				b.WriteRune(unicode.ToUpper(r))
			}
			if b.Len() == 2 {
				return b.String()
			}
		}
	}
	return "EB"
}

// countryCode returns the two-letter code of a country's English name.
func countryCode(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return ""
	}
	names := display.English.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			if err != nil || !r.IsCountry() {
				continue
			}
			if strings.EqualFold(names.Name(r), name) {
				return r.String()
			}
		}
	}
	return ""
}
