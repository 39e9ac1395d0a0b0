//go:build race

package build

// raceEnabled is set when the tests run under the race detector, which
// slows the whole-case leak scan tenfold; .ci/run runs it without.
const raceEnabled = true
