package fold

import "testing"

func TestContains(t *testing.T) {
	tests := []struct {
		text, name string
		want       bool
	}{
		{"Petras Auštrevičius said", "Petras Austrevicius", true},
		{"PETRAS AUSTREVICIUS", "petras auštrevičius", true},
		{"Бокаев Макс", "bokaev maks", true},
		{"Jana-Novák", "Jana Novák", true},
		{"Jana  \n Novák", "Jana Novák", true},
		{"Janasz Novák", "Jana Novák", false}, // inside a longer word
		{"Novákova", "Novák", false},
		{"Fionnuala Ní Aoláin", "Ni Aolain", true},
		{"nothing here", "Novák", false},
	}
	for _, tt := range tests {
		if got := Contains(tt.text, tt.name); got != tt.want {
			t.Errorf("Contains(%q, %q) = %v, want %v", tt.text, tt.name, got, tt.want)
		}
	}
}

func TestFindWordsMapsToOriginal(t *testing.T) {
	s := "Met “Jana Novák” and JANA NOVAK."
	spans := New(s).FindWords("jana novak")
	if len(spans) != 2 {
		t.Fatalf("spans = %v", spans)
	}
	if got := s[spans[0].Start:spans[0].End]; got != "Jana Novák" {
		t.Errorf("first span = %q", got)
	}
	if got := s[spans[1].Start:spans[1].End]; got != "JANA NOVAK" {
		t.Errorf("second span = %q", got)
	}
}

func TestLoose(t *testing.T) {
	for _, tt := range [][2]string{
		{"semyenova", "semenova"}, {"semyonova", "semenova"}, {"maks", "max"}, {"khassenov", "khasenov"},
		{"kozhamzharov", "kojamjarov"}, {"tsoi", "tzoi"},
	} {
		if a, b := Loose(tt[0]), Loose(tt[1]); a != b {
			t.Errorf("Loose(%q) = %q, Loose(%q) = %q: want one key", tt[0], a, tt[1], b)
		}
	}
	if Loose("semenova") == Loose("simonova") {
		t.Error("different names share a key")
	}
}

// TestAcrossScripts: the forms a shaped PDF, a vocalised text or a
// half-width keyboard produce fold as the plain name does, so redaction
// and the duplicate check find them.
func TestAcrossScripts(t *testing.T) {
	for _, tt := range [][2]string{
		{"ﻋﻠﻲ اﻟﺮاﺷﺪ", "علی الراشد"}, // Arabic presentation forms (as pdftotext gives a shaped PDF), yeh variant
		{"مجيدرضا", "مجیدرضا"},       // Arabic yeh typed for Persian yeh
		{"كريم", "کریم"},             // Arabic kaf and Persian keheh
		{"مُحَمَّد", "محمد"},         // harakat
		{"احمدی‌نژاد", "احمدینژاد"},  // zero-width non-joiner
		{"בִּנְיָמִין", "בנימין"},    // Hebrew niqqud
		{"ｶﾀｶﾅ", "カタカナ"},             // half-width katakana
		{"Ｓｅｍｅｎｏｖａ", "Semenova"},     // full-width Latin
		{"Ｓｅｍｅｎｏｖａ", "Семенова"},     // and Cyrillic
	} {
		if a, b := String(tt[0]), String(tt[1]); a != b {
			t.Errorf("String(%q) = %q, String(%q) = %q: want the same", tt[0], a, tt[1], b)
		}
	}
}
