package dossier

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
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
	ix := newTextIndex([]byte("Intro.\n\nThe court  adjudicated Semyenova not guilty, having found no offence in her actions."))
	n, ok := ix.closest("The court adjudicated Semenova not guilty")
	if !ok {
		t.Fatal("no passage")
	}
	if got := ix.original(n.start, n.end); got != "The court adjudicated Semyenova not guilty," {
		t.Errorf("passage = %q", got)
	}
	if p := ix.paragraph(ix.origin.at(n.start)); p != 2 || n.cost != 1 {
		t.Errorf("para = %d, cost = %d", p, n.cost)
	}
	if _, ok := ix.closest("zebra quagga"); ok {
		t.Error("a quote sharing no word with the text has no closest passage")
	}
}

func TestMarkDifferences(t *testing.T) {
	tests := []struct{ quote, passage, marked, wrote string }{
		{"the police detaned Jana", "the police detained Jana", "the police >>detained<< Jana", `"detaned"`},
		{"The Police", "the police", ">>the<< >>police<<", `"The", "Police"`},
		{"a “b” c", `a "b" c`, `a "b" c`, ""},
	}
	for _, tt := range tests {
		marked, wrote, _ := markDifferences(tt.quote, tt.passage)
		if marked != tt.marked || strings.Join(wrote, ", ") != tt.wrote {
			t.Errorf("markDifferences(%q, %q) = %q, %q; want %q, %q", tt.quote, tt.passage, marked, wrote, tt.marked, tt.wrote)
		}
	}
}

// A word that looks right but holds another script's letter gets the
// differing characters named.
func TestClosestHintNamesLookAlikeCharacters(t *testing.T) {
	ix := newTextIndex([]byte("Intro.\n\nThe police detained Jana Novák on Monday.\n"))
	h := closestHint("police detained J\u0430na Novák", ix, "")
	for _, want := range []string{">>Jana<<", "U+0430", "U+0061"} {
		if !strings.Contains(h, want) {
			t.Errorf("hint lacks %q: %s", want, h)
		}
	}
}

// TestOriginsCompact checks the compact origins against a plain list of
// offsets, made the simple way, on texts that exercise every kind of
// block: ASCII, multi-byte scripts, folds that change length, and runs of
// white space and of dropped characters too long for a one-byte step.
func TestOriginsCompact(t *testing.T) {
	tests := map[string]string{
		"ascii":      strings.Repeat("The police detained Jana Novák on Monday. ", 20),
		"cyrillic":   strings.Repeat("Суд признал «Семёнову» виновной — ", 30),
		"folds":      strings.Repeat("’…“ e\u0301 ۱۴ ", 40),
		"long space": "a" + strings.Repeat(" ", 300) + "b" + strings.Repeat("\n", 1000) + strings.Repeat("c ", 200),
		"dropped":    strings.Repeat("x\u200b\u200b\u200b\u00ad", 200) + strings.Repeat("y", 100),
		"empty":      "",
		"only space": strings.Repeat(" \n", 400),
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			ix := newTextIndex([]byte(text))
			want := plainOrigins([]byte(text))
			if len(ix.origin.step) != len(want) || len(ix.norm)+1 != len(want) {
				t.Fatalf("%d origins for %d normalised bytes, want %d", len(ix.origin.step), len(ix.norm), len(want))
			}
			for i, w := range want {
				if got := ix.origin.at(i); got != w {
					t.Fatalf("origin of normalised byte %d = %d, want %d", i, got, w)
				}
			}
		})
	}
	// The long runs must have made wide blocks, or the test proves
	// nothing about them.
	if ix := newTextIndex([]byte(tests["long space"])); len(ix.origin.wide) == 0 {
		t.Error("no wide block for a 300-space run")
	}
}

// plainOrigins is the origin of every normalised byte (and one past the
// end) computed the simple way: an int per byte.
func plainOrigins(text []byte) []int {
	var out []int
	pending := false
	n := 0
	var it norm.Iter
	it.Init(norm.NFC, text)
	for !it.Done() {
		start := it.Pos()
		for _, r := range string(it.Next()) {
			if unicode.IsSpace(r) {
				pending = n > 0
				continue
			}
			f := len(appendFold(nil, r))
			if f == 0 {
				continue
			}
			if pending {
				out = append(out, start)
				n++
				pending = false
			}
			for range f {
				out = append(out, start)
				n++
			}
		}
	}
	return append(out, len(text))
}
