package dossier

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  a \n\t b  ", "a b"},
		{"“quoted” ‘single’", `"quoted" 'single'`},
		{"a – b — c", "a - b - c"},
		{"e\u0301", "é"}, // NFD becomes NFC
		{"non\u00a0breaking", "non breaking"},
		{"soft\u00adhyphen", "softhyphen"},
		{"wait…", "wait..."},
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
