package dossier

import (
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  a \n\t b  ", "a b"},
		{"“quoted” ‘single’", `"quoted" 'single'`},
		{"a – b — c", "a - b - c"},
		{"e\u0301", "é"}, // NFD becomes NFC
		{"non\u00a0breaking", "non breaking"},
		{"soft\u00adhyphen", "softhyphen"},
		{"wait…", "wait..."},
		// Persian typed on an Arabic keyboard, and the other way round.
		{"محمود رضایی را صادر کرد", "محمود رضايي را صادر كرد"},
		{"محمود رضاىى", "محمود رضايي"},
		{"احمدی‌نژاد", "احمدينژاد"},                    // without the zero-width non-joiner
		{"مُحَمَّد", "محمد"},                           // optional vowel marks
		{"كـــتاب", "كتاب"},                            // tatweel
		{"۱۴۰۱ ١٤٠١ १४०१ 1401", "1401 1401 1401 1401"}, // Persian, Arabic-Indic, Devanagari, Latin digits
	}
	for _, tt := range tests {
		if got := normalize(tt.in); got != tt.want {
			t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFindRecordsOriginalPlace(t *testing.T) {
	text := "Title\n\nFirst  paragraph.\n\nThe police detained “Jana  Novák” on\nMonday.\n\nLeft the building.\u00a0 \u00a0\u00a0Then\n"
	ix := newTextIndex([]byte(text))
	tests := []struct {
		quote    string
		para     int
		original string
	}{
		{`detained "Jana Novák" on Monday`, 3, "detained “Jana  Novák” on\nMonday"},
		{"First paragraph", 2, "First  paragraph"},
		{"Title", 1, "Title"},
		// The no-break spaces after the quote are trimmed whole, never
		// cut in the middle of their two bytes.
		{"Left the building.", 5, "Left the building."},
	}
	for _, tt := range tests {
		m, ok := ix.find(tt.quote)
		if !ok {
			t.Errorf("find(%q) not found", tt.quote)
			continue
		}
		if got := text[m.Offset : m.Offset+m.Length]; got != tt.original {
			t.Errorf("find(%q) covers %q, want %q", tt.quote, got, tt.original)
		}
		if m.Paragraph != tt.para {
			t.Errorf("find(%q) paragraph = %d, want %d", tt.quote, m.Paragraph, tt.para)
		}
	}
	if _, ok := ix.find("jana novák"); ok {
		t.Error("find must be case-sensitive: a quote is exact")
	}
}

// TestPersianQuoteVariants: the same Persian quote typed with Arabic yeh
// and kaf, with and without the zero-width non-joiner, and with Persian,
// Arabic-Indic or Latin digits is found in the archived text.
func TestPersianQuoteVariants(t *testing.T) {
	text := "خبر\n\nعلی احمدی‌نژاد در شهریور ۱۴۰۱ دستور بازداشت را صادر کرد.\n"
	ix := newTextIndex([]byte(text))
	for _, q := range []string{
		"احمدی‌نژاد در شهریور ۱۴۰۱ دستور بازداشت را صادر کرد",
		"احمدي‌نژاد در شهريور ۱۴۰۱ دستور بازداشت را صادر كرد", // Arabic yeh and kaf
		"احمدینژاد در شهریور ۱۴۰۱",                            // no ZWNJ
		"در شهریور ١٤٠١ دستور",                                // Arabic-Indic digits
		"در شهریور 1401 دستور",                                // Latin digits
	} {
		m, ok := ix.find(q)
		if !ok {
			t.Errorf("find(%q): not found", q)
			continue
		}
		if m.Paragraph != 2 {
			t.Errorf("find(%q): paragraph %d, want 2", q, m.Paragraph)
		}
	}
	if _, ok := ix.find("در شهریور ۱۴۰۲"); ok {
		t.Error("a different year must not match")
	}
}

func TestFirstDifference(t *testing.T) {
	got := firstDifference("the court found Semenova", "the court found Semyenova")
	if !strings.Contains(got, "'e' (U+0065) where the source has 'y' (U+0079), after \"rt found Sem\"") {
		t.Errorf("firstDifference = %q", got)
	}
	if firstDifference("abc", "abcd") != "" {
		t.Error("a prefix is no difference")
	}
}

func TestClosestPassage(t *testing.T) {
	ix := newTextIndex([]byte("The court adjudicated Semyenova not guilty, having found no offence in her actions."))
	passage, para, sim := ix.closest("The court adjudicated Semenova not guilty")
	if passage != "The court adjudicated Semyenova not guilty," {
		t.Errorf("passage = %q", passage)
	}
	if para != 1 || sim < 0.9 {
		t.Errorf("para = %d, similarity = %.2f", para, sim)
	}
}
