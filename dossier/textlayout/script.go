package textlayout

import "github.com/go-text/typesetting/language"

// Script returns the ISO 15924 code ("Arab", "Hani", "Mymr") of the
// script most of the letters of s are written in, or "" when s has no
// letters of any script (digits, punctuation).
func Script(s string) string {
	counts := map[language.Script]int{}
	var best language.Script
	for _, r := range s {
		sc := language.LookupScript(r)
		if !sc.Strong() || sc == language.Unknown {
			continue
		}
		counts[sc]++
		if counts[sc] > counts[best] {
			best = sc
		}
	}
	if counts[best] == 0 {
		return ""
	}
	return scriptCode(best)
}

// ScriptMatches reports whether text detected as script got may be
// declared as want, an ISO 15924 code: Han is also written as Hans, Hant,
// Jpan or Kore, Hangul as Kore, kana as Jpan.
func ScriptMatches(want, got string) bool {
	if want == got || got == "" {
		return true
	}
	switch got {
	case "Hani":
		return want == "Hans" || want == "Hant" || want == "Jpan" || want == "Kore"
	case "Hang":
		return want == "Kore"
	case "Hira", "Kana":
		return want == "Jpan"
	}
	return false
}
