package dossier

import (
	"sort"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier/internal/fold"
)

// TestNameKeyAgreesWithNameWords keeps the duplicate check and
// sanctions-check (which uses fold.NameWords) folding names alike.
func TestNameKeyAgreesWithNameWords(t *testing.T) {
	for _, name := range []string{
		"Semyenova", "Elena Semenova", "Maks Bokayev", "Max Bokaev", "Kozhamzharov", "Kojamjarov",
		"Kassym-Jomart Tokayev", "Касым-Жомарт Токаев", "Auštrevičius", "Dzhakishev", "Yerimbetov",
		"Tsoi", "Qairat Nurlanov", "Қайрат Нұрланов", "Wiśniewski",
	} {
		words := fold.NameWords(name)
		sort.Strings(words)
		if got, want := strings.Join(words, " "), nameKey(name); got != want {
			t.Errorf("%q: fold.NameWords gives %q, nameKey %q", name, got, want)
		}
	}
}
