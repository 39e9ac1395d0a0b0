package fold

import (
	"strings"
	"testing"
	"unicode"
)

// TestNameWordsFoldsAsString: NameWords folds like String, word by word.
func TestNameWordsFoldsAsString(t *testing.T) {
	for _, name := range []string{"Kassym-Jomart TOKAYEV", "Қайрат Нұрланов", "Auštrevičius, Petras", "Ní Aoláin", "ＳＥＭＥＮＯＶＡ", "Łukasz Wiśniewski", "مجيدرضا", "O'Brien 2nd", "Ьорн Ъ", "ﬁrst"} {
		var want []string
		for _, w := range strings.FieldsFunc(String(name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			want = append(want, Loose(w))
		}
		if got := NameWords(name); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("NameWords(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestNameWordsMergeVariants(t *testing.T) {
	tests := []struct{ a, b string }{
		{"Kassymov", "Касымов"}, {"Tokayev", "Tokaev"}, {"Kozhamzharov", "Kojamjarov"},
		{"Semyenova", "Semenova"}, {"Maks", "Max"}, {"Qairat", "Kairat"}, {"Dzhakishev", "Jakishev"},
	}
	for _, tt := range tests {
		if a, b := NameWords(tt.a), NameWords(tt.b); strings.Join(a, " ") != strings.Join(b, " ") {
			t.Errorf("%s → %v, %s → %v: want one key", tt.a, a, tt.b, b)
		}
	}
}
