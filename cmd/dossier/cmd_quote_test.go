package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestQuote(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   []string // each must appear
		stderr   []string
		noStdout bool
	}{
		{"found once", []string{"quote", "--case", baseCase, "report", "questioned  for", "six hours"}, exitOK,
			[]string{"# paragraph 2 of report: Jana Novák was detained", "- source: report\n  quote: questioned for six hours\n"}, nil, false},
		{"by the source's file", []string{"quote", filepath.Join(baseCase, "sources", "letter.yaml"), `“necessary to keep order”`}, exitOK,
			[]string{"- source: letter\n  quote: “necessary to keep order”\n"}, nil, false},
		{"several places", []string{"quote", "--case", baseCase, "letter", "the"}, exitOK,
			[]string{"# paragraph 2 of letter", "# paragraph 4 of letter"}, []string{"the words occur", "quote more of the passage"}, false},
		{"absent", []string{"quote", "--case", baseCase, "report", "questioned for sixx hours"}, exitInvalid,
			nil, []string{`not found in source "report"`, `"questioned for >>six<< hours."`}, true},
		{"letter case", []string{"quote", "--case", baseCase, "report", "Questioned for six hours"}, exitInvalid,
			nil, []string{"only in letter case"}, true},
		{"unknown source", []string{"quote", "--case", baseCase, "reprt", "x"}, exitInvalid,
			nil, []string{`did you mean "report"?`}, true},
		{"no words", []string{"quote", "report"}, exitUsage, nil, nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCLI(t, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, out, errs)
			}
			for _, w := range tc.stdout {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tc.stderr {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errs)
				}
			}
			if tc.noStdout && out != "" {
				t.Errorf("stdout should be empty, got:\n%s", out)
			}
		})
	}
}

// The printed item, pasted under a claim, validates: its quote is found.
func TestQuotedItemValidates(t *testing.T) {
	for _, words := range []string{"questioned for six hours", "Jana Novák was detained by the Oakvale City Police"} {
		code, out, errs := runCLI(t, "quote", "--case", baseCase, "report", words)
		if code != exitOK {
			t.Fatalf("quote: %d %s", code, errs)
		}
		var items []struct{ Source, Quote string }
		if err := yaml.Unmarshal([]byte(out), &items); err != nil || len(items) != 1 {
			t.Fatalf("not one YAML evidence item: %v\n%s", err, out)
		}
		dir := copyCase(t, baseCase, "quoted")
		path := filepath.Join(dir, "victims", "jana-novak.yaml")
		data, _ := os.ReadFile(path)
		indented := strings.ReplaceAll(strings.TrimSpace(out), "\n", "\n  ")
		data = append(data, []byte("evidence:\n  "+indented+"\n")...)
		if strings.Count(string(data), "\nevidence:") > 1 {
			t.Skip("the base victim already has top-level evidence")
		}
		os.WriteFile(path, data, 0o644)
		if code, _, errs := runCLI(t, "validate", dir); code != exitOK {
			t.Errorf("the pasted item does not validate:\n%s", errs)
		}
	}
}
