package dossier

import "strings"

// scanKey is how many leading bytes of a quote the one-pass search keys on;
// quotes are at least MinQuoteLength characters, so at least that long.
const scanKey = 8

// occurrences finds, for each normalised quote, where it first occurs in
// the normalised text (-1 when it does not) and whether it occurs again
// after that, in one pass over the text for all of a source's quotes
// instead of one or two scans per quote.
//
// Each position of the text is looked up in a bit filter of the quotes'
// first eight bytes; only the few positions that pass are compared with
// the quotes. A quote whose start occurs so often that comparing it would
// cost more than two scans of the text falls back to strings.Index, so no
// text can make the pass quadratic. work counts the bytes compared besides
// the pass itself (a fallback counts two scans of the text), for tests.
func (ix *textIndex) occurrences(quotes []string) (first []int, again []bool, work int) {
	text := ix.norm
	first = make([]int, len(quotes))
	again = make([]bool, len(quotes))
	budget := make([]int, len(quotes))
	byKey := map[uint64][]int{}
	var filter [1 << 16 / 64]uint64
	pending := 0
	for k, q := range quotes {
		first[k] = -1
		if len(q) < scanKey {
			budget[k] = -1 // searched alone below
			continue
		}
		key := load64(q, 0)
		byKey[key] = append(byKey[key], k)
		h := scanHash(key)
		filter[h>>6] |= 1 << (h & 63)
		budget[k] = 2*len(text) + 4096
		pending++
	}
	for i := 0; i+scanKey <= len(text) && pending > 0; i++ {
		w := load64(text, i)
		if h := scanHash(w); filter[h>>6]&(1<<(h&63)) == 0 {
			continue
		}
		for _, k := range byKey[w] {
			if again[k] || budget[k] < 0 {
				continue
			}
			q := quotes[k]
			work += len(q)
			if budget[k] -= len(q); budget[k] < 0 {
				pending--
				continue
			}
			if strings.HasPrefix(text[i:], q) {
				if first[k] < 0 {
					first[k] = i
				} else {
					again[k] = true
					pending--
				}
			}
		}
	}
	for k, q := range quotes {
		if budget[k] >= 0 || q == "" {
			continue
		}
		work += 2 * len(text)
		first[k] = strings.Index(text, q)
		again[k] = first[k] >= 0 && strings.Contains(text[first[k]+1:], q)
	}
	return first, again, work
}

// load64 is the eight bytes of s at i as a number.
func load64(s string, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

// scanHash spreads eight bytes over the 16 bits of the filter.
func scanHash(w uint64) uint64 { return (w * 0x9e3779b97f4a7c15) >> 48 }
