package dossier

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestHedging(t *testing.T) {
	yes, no := true, false
	for _, tc := range []struct {
		quote  string
		flag   *bool
		hedged bool
		phrase string
	}{
		{"He was reportedly beaten.", nil, true, "reportedly"},
		{"There are allegations of torture in the colony.", nil, true, "allegations of"},
		{"According to human rights defenders, the case is political.", nil, true, "According to"},
		{"the motive may be explained by her speech", nil, true, "may be explained"},
		{"The police detained Galiya Ospanova.", nil, false, ""},
		{"Reportedly, he was released.", nil, true, "Reportedly"},
		{"the unreported detention", nil, false, ""}, // a word containing a hedge is not one
		{"The police detained her.", &yes, true, ""},
		{"According to the verdict, he was sentenced.", &no, false, "According to"},
	} {
		e := &Evidence{Quote: tc.quote, Hedged: tc.flag}
		if got := e.IsHedged(); got != tc.hedged {
			t.Errorf("%q (hedged=%v): IsHedged = %v, want %v", tc.quote, tc.flag, got, tc.hedged)
		}
		if got := HedgeIn(tc.quote); got != tc.phrase {
			t.Errorf("HedgeIn(%q) = %q, want %q", tc.quote, got, tc.phrase)
		}
	}
}

func TestConductRoles(t *testing.T) {
	for role, want := range map[string]bool{
		"perpetrated": true, "ordered": true, "adjudicated": true, "prosecuted": true, "directed_policy": true,
		"failed_to_investigate": true, "addressee": false, "responsible_authority": false,
	} {
		if got := IsConductRole(role); got != want {
			t.Errorf("IsConductRole(%q) = %v, want %v", role, got, want)
		}
	}
	// Every conduct role is a role.
	for _, r := range Vocab()["conduct_roles"].Values {
		if !Vocab()["roles"].Has(r) {
			t.Errorf("conduct role %q is not in roles", r)
		}
	}
}

func TestRenamedRoleSaysSo(t *testing.T) {
	dir, _ := buildOverlay(t, filepath.Join("testdata", "bad", "renamed-role"))
	_, ds := Open(dir)
	for _, d := range ds {
		if d.Rule == "vocabulary" && strings.Contains(d.Message, `"responsible_authority" was renamed to "addressee"`) && strings.Contains(d.Hint, "role: addressee") {
			return
		}
	}
	t.Errorf("no rename diagnostic: %v", ds)
}

func TestGroupIsNeverWithheld(t *testing.T) {
	g := &Victim{Kind: "group", Name: "Protesters in Zhanaozen", Sensitivity: "confidential"}
	if g.EffectiveSensitivity() != "public" {
		t.Errorf("a group's sensitivity = %q", g.EffectiveSensitivity())
	}
	if p := (&Victim{Name: "Jana Novák"}); p.EffectiveSensitivity() != "restricted" || p.EffectiveKind() != "person" {
		t.Errorf("a person's defaults: %q %q", p.EffectiveSensitivity(), p.EffectiveKind())
	}
}

func TestSpanningQuoteEndParagraph(t *testing.T) {
	ix := newTextIndex([]byte("Title\n\nfirst line of a sentence that\ncontinues here. Next.\n"))
	m, ok := ix.find("a sentence that continues here")
	if !ok || m.Paragraph != 2 || m.EndParagraph != 3 {
		t.Errorf("match = %+v, %v; want paragraphs 2–3", m, ok)
	}
	m, ok = ix.find("continues here.")
	if !ok || m.Paragraph != 3 || m.EndParagraph != 3 {
		t.Errorf("match = %+v, %v; want paragraph 3", m, ok)
	}
}

// TestPassageEndsOnAWholeCharacter: white space after a quote is trimmed
// by whole characters; a no-break space is two bytes.
func TestPassageEndsOnAWholeCharacter(t *testing.T) {
	text := []byte("the police officers did not allow her to leave the apartment building.\u00a0\nNext line.\n")
	ix := newTextIndex(text)
	m, ok := ix.find("did not allow her to leave the apartment building.")
	if !ok {
		t.Fatal("not found")
	}
	passage := text[m.Offset : m.Offset+m.Length]
	if !utf8.Valid(passage) || !strings.HasSuffix(string(passage), "building.") {
		t.Errorf("passage = %q", passage)
	}
}
