package pdf

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestNameFinder checks the one-pass finder against strings.Contains for
// every name and text: pseudonyms that are prefixes of one another, names
// shorter than a key, names in other scripts, at the start and end of a
// text, overlapping, and absent.
func TestNameFinder(t *testing.T) {
	names := []string{"Ан", "Li", "Victim V-1", "Victim V-12", "Victim V-120", "Jana Novák", "Novák", "Анна Петрова", "李明", "aaaa", "aaaab", ""}
	for i := range 300 {
		names = append(names, fmt.Sprintf("Victim V-%d", 1000+i))
	}
	texts := []string{
		"Victim V-12 was detained with Victim V-1200 and Victim V-1299.",
		"Jana Novák", "Novák", "Анна Петрова и Ан", "李明说", "aaaaab",
		"nobody here", "", "Victim V-", "Victim V-1",
	}
	nf := newNameFinder(names)
	for _, text := range texts {
		var got []int
		nf.find(text, func(k int) {
			if !slices.Contains(got, k) {
				got = append(got, k)
			}
		})
		slices.Sort(got)
		var want []int
		for k, name := range names {
			if strings.Contains(text, name) {
				want = append(want, k)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: found %v, want %v", text, got, want)
		}
	}
}
