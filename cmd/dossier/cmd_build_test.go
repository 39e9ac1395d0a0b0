package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBuildWritesOneLinePerFile(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := runCLI(t, "build", "--format", "json,csv", "-o", out, baseCase)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 9 {
		t.Fatalf("want one line per file (1 JSON + 8 CSV), got:\n%s", stdout)
	}
	for _, l := range lines {
		path := strings.TrimPrefix(l, "wrote ")
		if _, err := os.Stat(path); err != nil {
			t.Errorf("reported %s but: %v", path, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "base", "base-public.json")); err != nil {
		t.Error(err)
	}
}

func TestBuildQuiet(t *testing.T) {
	code, stdout, stderr := runCLI(t, "build", "-q", "--format", "json", "-o", t.TempDir(), baseCase)
	if code != exitOK || stdout != "" || stderr != "" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestBuildRefusesInvalidCase(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := runCLI(t, "build", "-o", out, brokenCase(t))
	if code != exitInvalid {
		t.Errorf("exit %d, want %d", code, exitInvalid)
	}
	if !strings.Contains(stderr, "[quote-not-found]") || !strings.Contains(stderr, "not built") {
		t.Errorf("stderr must carry the validation diagnostics:\n%s", stderr)
	}
	if stdout != "" {
		t.Errorf("nothing may be reported written: %q", stdout)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("output folder was created for an invalid case")
	}
}

func TestBuildUsageErrors(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	for _, args := range [][]string{
		{"build", "--format", "docx", "-o", out, baseCase},
		{"build", "--audience", "everyone", "-o", out, baseCase},
		{"build", "--format", "", "-o", out, baseCase},
		{"build", "--format", "pdf", "--regime", "uk-ghrr", "-o", out, baseCase},
	} {
		code, _, stderr := runCLI(t, args...)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want %d (%s)", args, code, exitUsage, stderr)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%v: wrote output on a usage error", args)
		}
	}
}
