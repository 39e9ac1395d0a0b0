package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRetrievedMustBeAFullDate: source add and sanctions-check --write
// take --retrieved only as a day (a capture or download happened on
// one), and refuse a month, a year or anything else as a usage error.
func TestRetrievedMustBeAFullDate(t *testing.T) {
	dataset := filepath.Join(writeFixture, "dataset.ftm.json")
	for _, bad := range []string{"2024-05", "2024", "yesterday", "2024-02-30"} {
		for _, args := range [][]string{
			{"source", "add", "--retrieved", bad, "page.html"},
			{"sanctions-check", "--dataset", dataset, "--retrieved", bad, "--write", "qairat-nurlanov=nk-1", writeCase(t)},
		} {
			code, _, stderr := runCLI(t, args...)
			if code != exitUsage || !strings.Contains(stderr, "--retrieved must be a full date") {
				t.Errorf("%s --retrieved %s: exit %d, stderr %q", args[0], bad, code, stderr)
			}
		}
	}
	if got, ok := fullDate("2026-11-02"); !ok || got.Format("2006-01-02T15:04:05Z07:00") != "2026-11-02T00:00:00Z" {
		t.Errorf("fullDate(2026-11-02) = %v, %v", got, ok)
	}
}
