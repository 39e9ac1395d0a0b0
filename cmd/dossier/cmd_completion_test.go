package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// completeBash loads the bash script and completes the words given, the
// last one being the word under the cursor.
func completeBash(t *testing.T, script string, words ...string) []string {
	t.Helper()
	var quoted []string
	for _, w := range words {
		quoted = append(quoted, "'"+w+"'")
	}
	prog := script + "\nCOMP_WORDS=(" + strings.Join(quoted, " ") + ")\nCOMP_CWORD=" +
		strconv.Itoa(len(words)-1) + "\n_dossier_complete\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n"
	cmd := exec.Command("bash", "--norc", "--noprofile")
	cmd.Stdin = strings.NewReader(prog)
	cmd.Dir = t.TempDir()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, out)
	}
	return strings.Fields(string(out))
}

func TestCompletionBash(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	code, script, stderr := runCLI(t, "completion", "bash")
	if code != exitOK {
		t.Fatalf("%d %s", code, stderr)
	}
	tests := []struct {
		words []string
		want  string
	}{
		{[]string{"dossier", "val"}, "validate"},
		{[]string{"dossier", "so"}, "source"},
		{[]string{"dossier", "validate", "--str"}, "--strict"},
		{[]string{"dossier", "build", "--audience", "pa"}, "partner"},
		{[]string{"dossier", "build", "--regime", "eu"}, "eu-ghrsr"},
		{[]string{"dossier", "new", "o"}, "official"},
		{[]string{"dossier", "schema", "vi"}, "victim"},
		{[]string{"dossier", "completion", "fi"}, "fish"},
	}
	for _, tc := range tests {
		got := completeBash(t, script, tc.words...)
		if len(got) != 1 || got[0] != tc.want {
			t.Errorf("%v: completes to %v, want [%s]", tc.words, got, tc.want)
		}
	}
}

// The zsh and fish scripts are checked by the shells themselves.
func TestCompletionZshFishParse(t *testing.T) {
	for _, sh := range []struct{ name, check string }{{"zsh", "-n"}, {"fish", "--no-execute"}} {
		t.Run(sh.name, func(t *testing.T) {
			if _, err := exec.LookPath(sh.name); err != nil {
				if os.Getenv("CI") != "" {
					t.Fatalf("%s is required on CI (.ci/run installs it)", sh.name)
				}
				t.Skipf("%s not installed", sh.name)
			}
			code, script, _ := runCLI(t, "completion", sh.name)
			if code != exitOK || !strings.Contains(script, "validate") {
				t.Fatalf("exit %d", code)
			}
			path := filepath.Join(t.TempDir(), "dossier."+sh.name)
			os.WriteFile(path, []byte(script), 0o644)
			if out, err := exec.Command(sh.name, sh.check, path).CombinedOutput(); err != nil {
				t.Errorf("%s rejects the script: %v\n%s", sh.name, err, out)
			}
			if sh.name == "fish" { // fish can be asked what it would complete
				out, err := exec.Command("fish", "--no-config", "-c", "source "+path+`; complete -C "dossier build --audience pa"; complete -C "dossier val"`).CombinedOutput()
				if err != nil || !strings.Contains(string(out), "partner\t") || !strings.Contains(string(out), "validate\t") {
					t.Errorf("fish completes to:\n%s (%v)", out, err)
				}
			}
		})
	}
}

func TestCompletionUnknownShell(t *testing.T) {
	code, _, stderr := runCLI(t, "completion", "bsh")
	if code != exitUsage || !strings.Contains(stderr, `did you mean "bash"?`) {
		t.Errorf("%d %s", code, stderr)
	}
}
