package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

var steppeCase = filepath.Join("..", "..", "dossier", "pdf", "testdata", "steppe")

func TestValidateRegimeText(t *testing.T) {
	code, stdout, stderr := runCLI(t, "validate", "--regime", "uk-ghr,eu-ghrsr", steppeCase)
	if code != exitOK || !strings.Contains(stderr, ": valid:") {
		t.Fatalf("code %d, stdout %q, stderr:\n%s", code, stdout, stderr)
	}
	// Readiness goes to stdout, so "validate --regime R > file" keeps it.
	for _, want := range []string{
		"readiness of steppe for uk-ghr", "readiness of steppe for eu-ghrsr",
		"a-b-serikbayev (A. B. Serikbayev): NOT READY",
		"blocking      partial  Full name: the sources give initials only (A. B.)",
		"qairat-nurlanov (Qairat Nurlanov): ready",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
		if strings.Contains(stderr, want) {
			t.Errorf("readiness %q went to stderr", want)
		}
	}
}

func TestValidateRegimeJSON(t *testing.T) {
	// Without --regime, the JSON keeps exactly the keys the README documents.
	_, stdout, _ := runCLI(t, "validate", "--format", "json", steppeCase)
	var plain map[string]any
	if err := json.Unmarshal([]byte(stdout), &plain); err != nil {
		t.Fatal(err)
	}
	if _, ok := plain["readiness"]; ok || len(plain) != 5 {
		t.Errorf("default JSON has keys %v", plain)
	}
	code, stdout, stderr := runCLI(t, "validate", "--format", "json", "--regime", "us-glomag", steppeCase)
	if code != exitOK {
		t.Fatalf("code %d: %s", code, stderr)
	}
	var report struct {
		Readiness []struct {
			Regime    string `json:"regime"`
			Officials []struct {
				Official string `json:"official"`
				Ready    bool   `json:"ready"`
				Elements []struct {
					Element, Status string
				} `json:"elements"`
			} `json:"officials"`
		} `json:"readiness"`
	}
	if err := json.Unmarshal([]byte(stdout), &report); err != nil {
		t.Fatal(err)
	}
	if len(report.Readiness) != 1 || report.Readiness[0].Regime != "us-glomag" || len(report.Readiness[0].Officials) != 3 {
		t.Fatalf("readiness = %+v", report.Readiness)
	}
	if strings.Contains(stderr, "readiness of") {
		t.Error("in JSON mode, readiness goes to stdout only")
	}
}

func TestValidateUnknownRegimeIsAUsageError(t *testing.T) {
	code, _, stderr := runCLI(t, "validate", "--regime", "uk-gr", steppeCase)
	if code != exitUsage || !strings.Contains(stderr, `no regime profile "uk-gr"`) || !strings.Contains(stderr, `did you mean "uk-ghr"?`) {
		t.Errorf("code %d, stderr %q", code, stderr)
	}
}

// TestValidateRegimeSkipsInvalidCase: readiness is not measured on a case
// with errors, and the command still fails for the errors.
func TestValidateRegimeSkipsInvalidCase(t *testing.T) {
	code, _, stderr := runCLI(t, "validate", "--regime", "uk-ghr", brokenCase(t))
	if code != exitInvalid || !strings.Contains(stderr, "readiness not measured") {
		t.Errorf("code %d, stderr:\n%s", code, stderr)
	}
}
