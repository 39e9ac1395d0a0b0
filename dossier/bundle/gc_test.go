package bundle

import (
	"runtime/debug"
	"testing"
)

// TestCollectOften: the bundle lowers GOGC while it lays out, never raises
// it, and the last of overlapping renders restores it.
func TestCollectOften(t *testing.T) {
	orig := debug.SetGCPercent(100)
	defer debug.SetGCPercent(orig)
	for _, tc := range []struct {
		name          string
		before, while int
	}{
		{"default", 100, layoutGC},
		{"higher", 400, layoutGC},
		{"lower already", 10, 10},
		{"off", -1, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			debug.SetGCPercent(tc.before)
			first := collectOften()
			second := collectOften() // a render running at the same time
			if got := debug.SetGCPercent(-1); got != tc.while {
				t.Errorf("GOGC while laying out = %d, want %d", got, tc.while)
			}
			debug.SetGCPercent(tc.while)
			first()
			if got := debug.SetGCPercent(tc.while); got != tc.while {
				t.Errorf("GOGC after the first of two renders = %d, want %d", got, tc.while)
			}
			second()
			if got := debug.SetGCPercent(tc.before); got != tc.before {
				t.Errorf("GOGC after both = %d, want %d restored", got, tc.before)
			}
		})
	}
}
