package dossier

import (
	"strings"
	"testing"
)

// TestOccurrences checks the one-pass search against strings.Index and
// strings.Contains, quote by quote.
func TestOccurrences(t *testing.T) {
	text := normalize(strings.Repeat("The police detained Jana Novák on Monday. Суд признал её виновной. ", 3) +
		"The court adjudicated Semyenova not guilty. aaaaaaaaaaaaaaaaaaaaaaaaaaab")
	quotes := []string{
		"The police detained Jana", // three times
		"The court adjudicated",    // once
		"Суд признал её",           // three times, Cyrillic
		"The court adjudicated X",  // shares a start, absent
		"nothing like this at all", // absent
		"aaaaaaaaaaab",             // overlapping start of a run
		"Monday. Суд признал",      // across sentences
		"The police detained Jana", // the same quote twice
		"short",                    // under the key length: searched alone
		"",
	}
	ix := newTextIndex([]byte(text))
	first, again, _ := ix.occurrences(quotes)
	for k, q := range quotes {
		want := strings.Index(text, q)
		if q == "" {
			want = -1
		}
		wantAgain := want >= 0 && strings.Contains(text[want+1:], q)
		if first[k] != want || again[k] != wantAgain {
			t.Errorf("%q: first %d, again %v; want %d, %v", q, first[k], again[k], want, wantAgain)
		}
	}
}

// TestOccurrencesBounded: a quote whose first eight bytes occur at every
// position of the text (and which is never found) is compared at most
// about twice the text's length before it falls back to one scan, instead
// of once per position.
func TestOccurrencesBounded(t *testing.T) {
	text := strings.Repeat("a", 100_000)
	quote := strings.Repeat("a", 5_000) + "b"
	ix := newTextIndex([]byte(text))
	first, again, work := ix.occurrences([]string{quote})
	if first[0] != -1 || again[0] {
		t.Fatalf("found %d, %v", first[0], again[0])
	}
	if limit := 5 * len(text); work > limit {
		t.Errorf("compared %d bytes for a %d-byte text, want at most %d", work, len(text), limit)
	}
}
