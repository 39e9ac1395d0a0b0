package dossier

import (
	"fmt"
	"testing"
)

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
		if len(groupsOf(p[0], p[1])) > 0 {
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

// groupsOf runs duplicate detection on one person per name.
func groupsOf(names ...string) [][]int {
	var people []*dupPerson
	var forms [][]string
	for i, n := range names {
		people = append(people, &dupPerson{id: fmt.Sprint("p", i), name: n})
		forms = append(forms, []string{n})
	}
	return duplicateGroups(people, forms)
}

func TestDuplicateGroups(t *testing.T) {
	for _, tc := range []struct {
		names []string
		want  string // the groups, as lists of indexes
	}{
		{[]string{"Jana Novák", "Piotr Wiśniewski", "Jana Nowak"}, "[[0 2]]"},
		{[]string{"Daniyar Khassenov", "Aset Abishev", "Daryn Khasenov"}, "[[0 2]]"},
		{[]string{"Galiya Kozhamzharova", "Galiya Kozhamzharov"}, "[[0 1]]"},
		{[]string{"Aset Abishev", "Kenzhebek Abishev"}, "[]"},
		{[]string{"R. Stone"}, "[]"},
		{[]string{"A B", "A B", "C D", "A B", "C D"}, "[[0 1 3] [2 4]]"},
	} {
		if got := fmt.Sprint(groupsOf(tc.names...)); got != tc.want {
			t.Errorf("%q: groups %s, want %s", tc.names, got, tc.want)
		}
	}
}

// TestDuplicateGroupsLinear: ten thousand people whose names fold alike
// make one group (one warning), found without comparing every pair.
func TestDuplicateGroupsLinear(t *testing.T) {
	names := make([]string, 10000)
	for i := range names {
		names[i] = []string{"Jana Novák", "Jana Nowak", "JANA NOVAK", "Novak Jana"}[i%4]
	}
	if g := groupsOf(names...); len(g) != 1 || len(g[0]) != len(names) {
		t.Fatalf("want one group of %d, got %d groups", len(names), len(g))
	}
}

func TestDistinctFromSilences(t *testing.T) {
	people := []*dupPerson{
		{id: "daniyar-khassenov", name: "Daniyar Khassenov", distinct: map[string]bool{"daryn-khasenov": true}},
		{id: "daryn-khasenov", name: "Daryn Khasenov"},
	}
	forms := [][]string{{people[0].name}, {people[1].name}}
	if g := duplicateGroups(people, forms); len(g) != 0 {
		t.Errorf("a pair recorded as distinct is still grouped: %v", g)
	}
}
