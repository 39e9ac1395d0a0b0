//go:build linux

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestBuildReadOnlyFolderUnprivileged checks the message for a read-only
// output folder when the tests run as root, whom permissions do not stop:
// it runs the program as the unprivileged user nobody (TestBuildOutputProblems
// covers it for other users).
func TestBuildReadOnlyFolderUnprivileged(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("not root: TestBuildOutputProblems checks the read-only folder")
	}
	if testing.Short() {
		t.Skip("builds the program")
	}
	dir := t.TempDir()
	// t.TempDir's folders are private to root; nobody must reach into them.
	for _, d := range []string{filepath.Dir(dir), dir} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	bin := filepath.Join(dir, "dossier")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	caseDir := filepath.Join(dir, "base")
	copyCaseTo(t, baseCase, caseDir)
	filepath.Walk(caseDir, func(path string, info os.FileInfo, err error) error {
		if err == nil && info.IsDir() {
			os.Chmod(path, 0o755)
		}
		return nil
	})
	// One folder read-only for the case's subfolder to be created in; one
	// where the case's output folder exists and is read-only.
	newIn := filepath.Join(dir, "ro-parent")
	existing := filepath.Join(dir, "ro-existing")
	os.Mkdir(newIn, 0o555)
	os.MkdirAll(filepath.Join(existing, "base"), 0o755)
	os.Chmod(filepath.Join(existing, "base"), 0o555)
	tests := []struct {
		out, folder, what string
	}{
		{newIn, newIn, "cannot create the output folder " + filepath.Join(newIn, "base")},
		{existing, filepath.Join(existing, "base"), "cannot write " + filepath.Join(existing, "base", "base-public.json")},
	}
	for _, tt := range tests {
		cmd := exec.Command(bin, "build", "--format", "json", "-o", tt.out, caseDir)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		out, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != exitInvalid {
			t.Fatalf("-o %s: %v, want exit %d\n%s", tt.out, err, exitInvalid, out)
		}
		for _, w := range []string{tt.what, "the folder " + tt.folder + " is read-only for you (permission denied)", "chmod u+w " + tt.folder, "-o"} {
			if !strings.Contains(string(out), w) {
				t.Errorf("-o %s: the message lacks %q:\n%s", tt.out, w, out)
			}
		}
	}
}
