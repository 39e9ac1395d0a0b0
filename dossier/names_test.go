package dossier

import "testing"

func TestNameKey(t *testing.T) {
	same := [][2]string{
		{"Elena Semenova", "Elena Semyenova"},
		{"Max Bokayev", "Maks Bokayev"},
		{"Petras Austrevicius", "Petras Auštrevičius"},
		{"Бокаев Макс", "Maks Bokaev"},
		{"Novák Jana", "jana novak"},
	}
	for _, p := range same {
		if nameKey(p[0]) != nameKey(p[1]) {
			t.Errorf("nameKey(%q) = %q, nameKey(%q) = %q; want equal", p[0], nameKey(p[0]), p[1], nameKey(p[1]))
		}
	}
	different := [][2]string{
		{"Aset Abishev", "Kenzhebek Abishev"},
		{"Amanbike Khayrolla", "Amanbike Meirkhanova"},
		{"Serik Orazov", "Serik Idyryshev"},
	}
	for _, p := range different {
		if similarNames([]string{nameKey(p[0])}, []string{nameKey(p[1])}) {
			t.Errorf("%q and %q must not be taken for one person", p[0], p[1])
		}
	}
}

func TestNearest(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"ocupation", "occupation"},
		{"detaned", "detained"},
		{"zzzzzz", ""},
	}
	for _, tt := range tests {
		if got := nearest(tt.in, []string{"occupation", "detained", "name"}); got != tt.want {
			t.Errorf("nearest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
