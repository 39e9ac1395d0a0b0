package dossier

import "strings"

// levenshtein returns the edit distance between a and b, counted in runes.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// nearest returns the candidate closest to s, or "" when none is close
// enough to be a plausible typo (within a third of the word's length, or
// sharing a prefix or suffix).
func nearest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	for _, c := range candidates {
		d := levenshtein(strings.ToLower(s), strings.ToLower(c))
		if d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	if best == "" {
		return ""
	}
	limit := max(2, len([]rune(s))/3)
	if bestD <= limit || strings.HasPrefix(best, s) || strings.HasPrefix(s, best) {
		return best
	}
	return ""
}

// Nearest returns the candidate closest in spelling to s (a command, flag,
// regime or kind the user mistyped), or "" when none is plausibly meant.
func Nearest(s string, candidates []string) string { return nearest(s, candidates) }
