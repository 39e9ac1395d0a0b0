package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// baseCase is the valid case the dossier package's test corpus is built on.
var baseCase = filepath.Join("..", "..", "dossier", "testdata", "base")

// runCLI runs the command line and returns exit code, stdout and stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// copyCase copies a case folder to a temporary folder named name and
// returns its path.
func copyCase(t *testing.T, src, name string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), name)
	err := filepath.Walk(src, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// brokenCase returns a copy of the base case with one quote that is not in
// its source.
func brokenCase(t *testing.T) string {
	dir := copyCase(t, baseCase, "broken")
	path := filepath.Join(dir, "victims", "jana-novak.yaml")
	data, _ := os.ReadFile(path)
	data = bytes.Replace(data, []byte(`quote: "questioned for six hours"`), []byte(`quote: "questioned for sixx hours"`), 1)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestExitCodes(t *testing.T) {
	broken := brokenCase(t)
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"valid case", []string{"validate", baseCase}, exitOK},
		{"invalid case", []string{"validate", broken}, exitInvalid},
		{"not a case folder", []string{"validate", t.TempDir()}, exitInvalid},
		{"no arguments", nil, exitUsage},
		{"unknown command", []string{"frobnicate"}, exitUsage},
		{"unknown flag", []string{"validate", "--colour", baseCase}, exitUsage},
		{"bad format", []string{"validate", "--format", "xml", baseCase}, exitUsage},
		{"help", []string{"--help"}, exitOK},
		{"command help", []string{"validate", "--help"}, exitOK},
		{"help topic", []string{"help", "validate"}, exitOK},
		{"help unknown topic", []string{"help", "nope"}, exitUsage},
		{"version", []string{"version"}, exitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tt.args...)
			if code != tt.want {
				t.Errorf("exit code = %d, want %d; stderr:\n%s", code, tt.want, stderr)
			}
		})
	}
}

func TestValidateTextOutput(t *testing.T) {
	code, _, stderr := runCLI(t, "validate", brokenCase(t))
	if code != exitInvalid {
		t.Fatalf("exit %d", code)
	}
	// file:line:col: severity: message [rule], then the hint with the closest passage.
	if !strings.Contains(stderr, "victims/jana-novak.yaml:13:16: error: quote not found in source \"report\" [quote-not-found]") {
		t.Errorf("missing positioned diagnostic in:\n%s", stderr)
	}
	if !strings.Contains(stderr, `closest passage, paragraph 2`) || !strings.Contains(stderr, `"questioned for >>six<< hours."`) {
		t.Errorf("missing closest passage hint in:\n%s", stderr)
	}
	if !strings.Contains(stderr, "INVALID: 1 error, 0 warnings") {
		t.Errorf("missing summary line in:\n%s", stderr)
	}
}

func TestValidateJSON(t *testing.T) {
	code, stdout, _ := runCLI(t, "validate", "--format", "json", brokenCase(t))
	if code != exitInvalid {
		t.Fatalf("exit %d", code)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(stdout), &raw); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, stdout)
	}
	for _, key := range []string{"ok", "errors", "warnings", "stats", "diagnostics"} {
		if _, ok := raw[key]; !ok {
			t.Errorf("missing key %q", key)
		}
	}
	var report struct {
		OK          bool
		Errors      int
		Warnings    int
		Stats       map[string]int
		Diagnostics []map[string]any
	}
	json.Unmarshal([]byte(stdout), &report)
	if report.OK || report.Errors != 1 || report.Warnings != 0 {
		t.Errorf("ok=%v errors=%d warnings=%d", report.OK, report.Errors, report.Warnings)
	}
	wantStats := map[string]int{"officials": 2, "victims": 2, "sources": 2, "excerpts": 9, "allegations": 3}
	for k, v := range wantStats {
		if report.Stats[k] != v {
			t.Errorf("stats[%s] = %d, want %d", k, report.Stats[k], v)
		}
	}
	if len(report.Diagnostics) != 1 {
		t.Fatalf("diagnostics = %v", report.Diagnostics)
	}
	d := report.Diagnostics[0]
	for _, key := range []string{"file", "line", "column", "severity", "rule", "message"} {
		if _, ok := d[key]; !ok {
			t.Errorf("diagnostic lacks %q: %v", key, d)
		}
	}
	if d["rule"] != "quote-not-found" || d["line"] != float64(13) || d["column"] != float64(16) || d["severity"] != "error" {
		t.Errorf("diagnostic = %v", d)
	}
}

func TestStrictFailsOnWarnings(t *testing.T) {
	dir := copyCase(t, baseCase, "warned")
	os.WriteFile(filepath.Join(dir, "officials", "idle.yaml"), []byte("kind: person\nname: Idle Person\n"), 0o644)
	if code, _, _ := runCLI(t, "validate", dir); code != exitOK {
		t.Errorf("warnings alone must not fail: exit %d", code)
	}
	code, stdout, _ := runCLI(t, "validate", "--strict", "--format", "json", dir)
	if code != exitInvalid || !strings.Contains(stdout, `"ok": false`) {
		t.Errorf("--strict with a warning: exit %d, %s", code, stdout)
	}
}

func TestValidateDefaultsToCasesFolder(t *testing.T) {
	root := t.TempDir()
	copyCaseTo(t, baseCase, filepath.Join(root, "cases", "one"))
	wd, _ := os.Getwd()
	defer os.Chdir(wd)
	os.Chdir(root)
	code, _, stderr := runCLI(t, "validate")
	if code != exitOK || !strings.Contains(stderr, filepath.Join("cases", "one")+": valid") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	os.Chdir(t.TempDir())
	if code, _, _ := runCLI(t, "validate"); code != exitUsage {
		t.Errorf("no cases/ folder: exit %d, want %d", code, exitUsage)
	}
}

func copyCaseTo(t *testing.T, src, dst string) {
	t.Helper()
	tmp := copyCase(t, src, "x")
	os.MkdirAll(filepath.Dir(dst), 0o755)
	if err := os.Rename(tmp, dst); err != nil {
		t.Fatal(err)
	}
}

func TestUnknownRegimeInCaseFile(t *testing.T) {
	dir := copyCase(t, baseCase, "regimes")
	path := filepath.Join(dir, "case.yaml")
	data, _ := os.ReadFile(path)
	os.WriteFile(path, bytes.Replace(data, []byte("[uk-ghr]"), []byte("[uk-ghrs]"), 1), 0o644)
	code, _, stderr := runCLI(t, "validate", dir)
	if code != exitInvalid || !strings.Contains(stderr, "case.yaml:4:11: error: regime \"uk-ghrs\" has no profile") || !strings.Contains(stderr, `did you mean "uk-ghr"?`) {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
	out := filepath.Join(t.TempDir(), "out")
	if code, _, _ := runCLI(t, "build", "-o", out, dir); code != exitInvalid {
		t.Errorf("build: exit %d, want %d", code, exitInvalid)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("build wrote output for a case naming an unknown regime")
	}
}
