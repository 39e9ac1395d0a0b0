package redact

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/model"
)

// Check reports, for one audience, what redaction will do that the author
// should know of, and the residual risks it cannot remove itself:
//
//   - withheld-in-identifier: an id or file name the author wrote names a
//     withheld person; the audience gets a neutral one, but the author
//     should rename it;
//   - withheld-in-url: a source's address names a withheld person; the
//     audience does not get the address;
//   - withheld-term-ambiguous: a part of a withheld name also names a
//     place, a body or another person of the case, so it is replaced only
//     within the full name; say with identifying_terms or
//     non_identifying_terms whether it identifies the person;
//   - original-withheld: a captured original goes to no bundle of the
//     audience, though its text does: it names a withheld person, or it
//     cannot be searched and its text is not recorded as complete;
//   - withheld-name-nearby: a capitalised word stands beside a withheld
//     name in a quote or summary: perhaps a relative's name or a name part
//     the case does not record, which would identify the person.
func Check(c *dossier.Case, a model.Audience) dossier.Diagnostics {
	inv := NewInventory(c, a)
	if len(inv.People) == 0 {
		return nil
	}
	var ds dossier.Diagnostics
	warn := func(p dossier.Pos, rule, hint, format string, args ...any) {
		ds = append(ds, dossier.Diagnostic{Pos: p, Severity: dossier.Warning, Rule: rule, Message: fmt.Sprintf(format, args...), Hint: hint})
	}
	who := func(s string) string {
		if p := inv.strictly(s); p != nil {
			return fmt.Sprintf("%s, who is withheld from %s outputs", p.Name, a)
		}
		return ""
	}
	ids := neutralIDs(c, inv)
	rename := "rename it to something that names no one; the " + string(a) + " outputs show %q meanwhile"
	if w := who(c.ID); w != "" {
		warn(c.Meta.Pos, "withheld-in-identifier", fmt.Sprintf(rename, ids.caseID), "the case folder's name %q names %s", c.ID, w)
	}
	for _, s := range c.Sources {
		if w := who(s.ID); w != "" {
			warn(s.Meta.Pos, "withheld-in-identifier", fmt.Sprintf(rename, ids.source[s.ID]), "source id %q (the file's name) names %s", s.ID, w)
		}
		if w := who(s.File); w != "" && s.File != s.ID+".txt" {
			warn(s.Meta.At("file"), "withheld-in-identifier", fmt.Sprintf(rename, ids.file[s.ID]), "archived file name %q names %s", s.File, w)
		}
		for _, f := range []struct{ field, url string }{{"url", s.URL}, {"archive_url", s.ArchiveURL}} {
			if w := who(f.url); w != "" {
				warn(s.Meta.At(f.field), "withheld-in-url", "the address is left out of "+string(a)+" outputs; nothing to do unless it should not be", "%s %q names %s", f.field, f.url, w)
			}
		}
	}
	for _, o := range c.Officials {
		if o.Photo != nil {
			if w := who(o.Photo.File); w != "" {
				warn(o.Photo.Meta.At("file"), "withheld-in-identifier", fmt.Sprintf(rename, ids.photo[o.ID]), "photo file name %q names %s", o.Photo.File, w)
			}
		}
		for _, al := range o.Allegations {
			if w := who(al.ID); w != "" {
				warn(al.Meta.At("id"), "withheld-in-identifier", fmt.Sprintf(rename, ids.allegation[al.ID]), "allegation id %q names %s", al.ID, w)
			}
		}
	}
	for _, p := range inv.People {
		for _, amb := range p.Ambiguous {
			warn(amb.Meta.At(amb.Field), "withheld-term-ambiguous",
				fmt.Sprintf("if %q identifies %s, list it under identifying_terms in their file; if not, under non_identifying_terms", amb.Term, p.Name),
				"%q, part of the name of %s (withheld from %s outputs), is also %s: it is replaced only within the full name", amb.Term, p.Name, a, amb.Where)
		}
	}
	ds = append(ds, checkOriginals(c, a, inv)...)
	seen := map[string]bool{}
	c.EachEvidence(func(e *dossier.Evidence, owner string) {
		for _, word := range nearby(e.Quote, inv) {
			if key := word.person + "\x00" + word.text; !seen[key] {
				seen[key] = true
				warn(e.Meta.At("quote"), "withheld-name-nearby",
					"if it is a relative's name or a part of the person's name, list it under identifying_terms in the person's file, or rephrase",
					"%q stands beside the name of %s, withheld from %s outputs, and stays in them", word.text, word.name, a)
			}
		}
	})
	return ds
}

type nearWord struct{ text, person, name string }

// notNames are capitalised words that often stand beside a name and name
// no one.
var notNames = set([]string{"the", "mr", "mrs", "ms", "dr", "judge", "president", "activist", "journalist", "blogger",
	"lawyer", "defender", "poet", "minister", "and", "of", "in", "on", "at", "for", "with", "by", "to", "from", "mp", "mep", "victim"})

// nearby returns the capitalised words standing right beside a mention of
// a withheld person in s, outside a sentence's first word.
func nearby(s string, inv *Inventory) []nearWord {
	var out []nearWord
	for _, h := range inv.Find(s) {
		name := ""
		for _, p := range inv.People {
			if p.ID == h.Person {
				name = p.Name
			}
		}
		if w, start := wordBefore(s, h.Start); w != "" && !sentenceStart(s, start) {
			out = append(out, nearWord{w, h.Person, name})
		}
		if w := wordAfter(s, h.End); w != "" {
			out = append(out, nearWord{w, h.Person, name})
		}
	}
	return out
}

func candidate(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return utf8.RuneCountInString(w) >= 3 && unicode.IsUpper(r) && !notNames[strings.ToLower(w)]
}

func wordBefore(s string, i int) (string, int) {
	j := i
	for j > 0 && s[j-1] == ' ' {
		j--
	}
	if j == i {
		return "", 0
	}
	k := strings.LastIndexFunc(s[:j], func(r rune) bool { return !unicode.IsLetter(r) }) + 1
	if w := s[k:j]; candidate(w) {
		return w, k
	}
	return "", 0
}

func wordAfter(s string, i int) string {
	j := i
	for j < len(s) && s[j] == ' ' {
		j++
	}
	if j == i {
		return ""
	}
	k := strings.IndexFunc(s[j:], func(r rune) bool { return !unicode.IsLetter(r) })
	if k < 0 {
		k = len(s) - j
	}
	if w := s[j : j+k]; candidate(w) {
		return w
	}
	return ""
}

// sentenceStart reports whether the word at i opens a sentence.
func sentenceStart(s string, i int) bool {
	t := strings.TrimRight(s[:i], " \n\t“\"'(")
	return t == "" || strings.HasSuffix(t, ".") || strings.HasSuffix(t, "!") || strings.HasSuffix(t, "?") || strings.HasSuffix(t, ":")
}
