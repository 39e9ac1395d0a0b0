package redact

import (
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/internal/fold"
	"github.com/dossier-project/dossier/dossier/model"
)

// testCase is a case whose people are withheld from the public, with the
// names written as real sources write them.
func testCase() *dossier.Case {
	alias := func(names ...string) []*dossier.Alias {
		var out []*dossier.Alias
		for _, n := range names {
			out = append(out, &dossier.Alias{Name: n})
		}
		return out
	}
	born, _ := dossier.ParseDate("1990-05-14")
	return &dossier.Case{
		ID: "test", Country: "Kazakhstan",
		Officials: []*dossier.Official{{
			ID: "xinjiang-psb", Name: "Xinjiang Public Security Bureau",
			Positions:   []*dossier.Position{{Title: "Party Secretary", Body: "Xinjiang Uyghur Autonomous Region"}},
			Allegations: []*dossier.Allegation{{ID: "a1", VictimIDs: []string{"elena-semenova", "vladimir-kara-murza", "maria-ivanova", "zhang-wei", "majidreza-rahnavard", "dulat-agadil", "uyghurs-in-xinjiang", "li-na"}}},
		}},
		Victims: []*dossier.Victim{
			{ID: "elena-semenova", Name: "Elena Semenova", Aliases: alias("Елена Семенова", "Semyenova"), BirthDate: born},
			{ID: "vladimir-kara-murza", Name: "Vladimir Kara-Murza", Aliases: alias("Владимир Кара-Мурза")},
			{ID: "maria-ivanova", Name: "Maria Ivanova", Aliases: alias("Мария Иванова")},
			{ID: "zhang-wei", Name: "Zhang Wei", Aliases: alias("张伟")},
			{ID: "majidreza-rahnavard", Name: "Majidreza Rahnavard", Aliases: alias("مجیدرضا رهنورد")},
			{ID: "dulat-agadil", Name: "Dulat Agadil"},
			{ID: "uyghurs-in-xinjiang", Name: "Uyghurs in Xinjiang"},
			{ID: "jana-novak", Name: "Jana Novák", Sensitivity: "public"},
			{ID: "li-na", Name: "Li Na"},
			{ID: "aliya-nurlanova", Name: "Aliya Nurlanova"},
			{ID: "dana-nurlanova", Name: "Dana Nurlanova"},
		},
	}
}

// TestRedactorRoutes is the table of the ways a withheld name appears in
// real texts. For each text, the words in gone must not survive (compared
// folded), want must appear, and the result must hold no term the
// inventory knows.
func TestRedactorRoutes(t *testing.T) {
	inv := NewInventory(testCase(), model.Public)
	tests := []struct {
		name, text string
		gone       []string
		want       string
	}{
		{"full name", "Elena Semenova was detained.", []string{"Elena", "Semenova"}, "Victim V-01 was detained."},
		{"capitals", "ELENA SEMENOVA WAS DETAINED", []string{"Semenova"}, "Victim V-01 WAS"},
		{"surname alone", "wrote Semenova in 2020", []string{"Semenova"}, "wrote Victim V-01 in"},
		{"given name alone", "Dulat's family was harassed", []string{"Dulat"}, "Victim V-06's family"},
		{"soft hyphen", "Se\u00admenova", []string{"Semenova"}, "Victim V-01"},
		{"zero-width space", "Seme\u200bnova said", []string{"Semenova"}, "Victim V-01 said"},
		{"bidi marks", "\u202aSemenova\u202c", []string{"Semenova"}, "Victim V-01"},
		{"hyphenated across a line", "the activist Seme-\nnova was", []string{"Seme", "nova"}, "activist Victim V-01 was"},
		{"fullwidth", "Ｓｅｍｅｎｏｖａ", []string{"Semenova"}, "Victim V-01"},
		{"inflected Cyrillic", "по делу Семеновой", []string{"Семеновой"}, "по делу Victim V-01"},
		{"Cyrillic nominative", "Елена Семенова", []string{"Елена", "Семенова"}, "Victim V-01"},
		{"transliteration variant", "Semyonova spoke", []string{"Semyonova"}, "Victim V-01 spoke"},
		{"plural and Baltic forms", "the Semenovas and Semenovaite", []string{"Semenovas"}, "the Victim V-01"},
		{"joined, hashtag", "#ElenaSemenova trends", []string{"ElenaSemenova"}, "#Victim V-01 trends"},
		{"reversed with comma", "Semenova, Elena (b. 1990)", []string{"Elena", "Semenova"}, "Victim V-01 (b."},
		{"initial before the pseudonym", "D. Agadil died", []string{"Agadil", "D."}, "Victim V-06 died"},
		{"alias spelling", "Elena Semyenova, the defender", []string{"Semyenova"}, "Victim V-01, the defender"},
		{"birth date in prose", "born on 14 May 1990 in Pavlodar", []string{"14 May 1990"}, "born on [date withheld] in"},
		{"Russian hyphenated, inflected", "приговорил политика Владимира Кара-Мурзу", []string{"Владимира", "Кара", "Мурзу"}, "политика Victim V-02"},
		{"Russian genitive", "адвокат Кара-Мурзы", []string{"Кара", "Мурзы"}, "адвокат Victim V-02"},
		{"Russian dative", "Кара-Мурзе", []string{"Мурзе"}, "Victim V-02"},
		{"transliterated slug", "https://example.org/news/kara-murze-sentenced", []string{"kara murze"}, ""},
		{"given name beside the surname, inflected", "дело Марии Ивановой", []string{"Марии", "Ивановой"}, "дело Victim V-03"},
		{"given name in Latin beside Cyrillic", "Maria Иванова", []string{"Maria", "Иванова"}, "Victim V-03"},
		{"family name first", "Zhang was held for ten months", []string{"Zhang"}, "Victim V-04 was held"},
		{"pinyin, reversed", "Wei Zhang", []string{"Zhang", "Wei"}, "Victim V-04"},
		{"Han, no spaces", "张伟被拘留", []string{"张伟"}, "Victim V-04被拘留"},
		{"Persian", "مجیدرضا رهنورد اعدام شد", []string{"رهنورد", "مجیدرضا"}, "اعدام شد"},
		{"Persian with Arabic yeh", "مجيدرضا", []string{"مجيدرضا"}, "Victim V-05"},
		{"Persian suffix", "خانواده رهنوردی", []string{"رهنوردی"}, "خانواده Victim V-05"},
		{"Persian plural", "رهنوردها", []string{"رهنوردها"}, "Victim V-05"},
		{"Persian object marker", "رهنورد را", []string{"رهنورد"}, "Victim V-05 را"},
		{"ZWNJ inside Persian", "رهنورد\u200cها", []string{"رهنورد"}, "Victim V-05"},
		{"id in text", "allegation elena-semenova-detention", []string{"semenova"}, ""},
		{"a public person stays", "Jana Novák met Semenova", []string{"Semenova"}, "Jana Novák met Victim V-01"},
		{"an ambiguous part stays alone", "the Xinjiang Public Security Bureau", nil, "the Xinjiang Public Security Bureau"},
		{"but not in the full name", "Uyghurs in Xinjiang were detained", []string{"Uyghurs"}, "Victim V-07 were detained"},
		{"short name, family name last", "Na Li won", []string{"Na Li"}, "Victim V-08 won"},
		{"a surname two withheld people share", "Nurlanova was released", []string{"Nurlanova"}, "[name withheld] was released"},
		{"the full name of one of them", "Dana Nurlanova was released", []string{"Dana", "Nurlanova"}, "Victim V-11 was released"},
		{"other words untouched", "Semipalatinsk and Novosibirsk", nil, "Semipalatinsk and Novosibirsk"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := inv.Replace(tt.text)
			for _, g := range tt.gone {
				if strings.Contains(" "+fold.String(got)+" ", " "+fold.String(g)+" ") || strings.Contains(got, g) {
					t.Errorf("Replace(%q) = %q: %q survives", tt.text, got, g)
				}
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("Replace(%q) = %q, want it to contain %q", tt.text, got, tt.want)
			}
			if left := inv.Matches(got); len(left) > 0 {
				t.Errorf("Replace(%q) = %q still holds %q", tt.text, got, left)
			}
		})
	}
}

// TestAmbiguousPartIsReported: a name part that also names a place or a
// body of the case is not replaced alone, and the inventory says so.
func TestAmbiguousPartIsReported(t *testing.T) {
	inv := NewInventory(testCase(), model.Public)
	var found bool
	for _, p := range inv.People {
		for _, a := range p.Ambiguous {
			if p.ID == "uyghurs-in-xinjiang" && a.Term == "xinjiang" {
				found = true
			}
			if a.Term == "semenova" || a.Term == "zhang" {
				t.Errorf("%s: %q reported ambiguous (%s)", p.ID, a.Term, a.Where)
			}
		}
	}
	if !found {
		t.Error("xinjiang, also a body of the case, is not reported as ambiguous")
	}
}

// TestPublicPeopleAreNotInTheInventory: only withheld people are.
func TestPublicPeopleAreNotInTheInventory(t *testing.T) {
	for _, a := range model.Audiences {
		inv := NewInventory(testCase(), a)
		for _, p := range inv.People {
			if p.ID == "jana-novak" {
				t.Errorf("%s: a public person is withheld", a)
			}
		}
		if a == model.Internal && len(inv.People) != 0 {
			t.Errorf("internal withholds %d people", len(inv.People))
		}
	}
}

// TestIdentifiesStrictly: in ids, file names and addresses a name part
// that is ambiguous in prose (Xinjiang, also a body of the case) still
// names its person, and the person an id names is the one redaction
// pseudonymises.
func TestIdentifiesStrictly(t *testing.T) {
	inv := NewInventory(testCase(), model.Public)
	tests := []struct {
		s    string
		want string // the person's id; "" for none
	}{
		{"xinjiang-camps-2018", "uyghurs-in-xinjiang"},
		{"uyghurs-in-xinjiang", "uyghurs-in-xinjiang"},
		{"semenova-detention.txt", "elena-semenova"},
		{"pavlodar-police-report", ""},
		{"novosibirsk-2019", ""},
	}
	for _, tt := range tests {
		got := ""
		if p := inv.strictly(tt.s); p != nil {
			got = p.ID
		}
		if got != tt.want {
			t.Errorf("strictly(%q) = %q, want %q", tt.s, got, tt.want)
		}
		if inv.IdentifiesStrictly(tt.s) != (tt.want != "") {
			t.Errorf("IdentifiesStrictly(%q) = %v, want %v", tt.s, !(tt.want != ""), tt.want != "")
		}
	}
}
