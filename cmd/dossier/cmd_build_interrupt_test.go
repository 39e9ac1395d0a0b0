package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// folderState reads every file of a folder, hidden ones included.
func folderState(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(data)
	}
	return out
}

func sameState(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if bv, ok := b[k]; !ok || bv != v {
			return false
		}
	}
	return true
}

func names(m map[string]string) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func copyFolder(t *testing.T, src, dst string) {
	t.Helper()
	os.MkdirAll(dst, 0o755)
	for name, data := range folderState(t, src) {
		if err := os.WriteFile(filepath.Join(dst, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBuildInterrupted runs the real program and interrupts a build at
// several points, with SIGINT (which it handles) and SIGKILL (which it
// cannot): the output folder must then hold the complete previous build
// or the complete new one, with no temporary file or journal left (after
// SIGKILL, once the next build into the folder has run).
func TestBuildInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program and runs it about 20 times")
	}
	if runtime.GOOS == "windows" {
		t.Skip("needs POSIX signals")
	}
	bin := filepath.Join(t.TempDir(), "dossier")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	oldArgs := []string{"build", "-q", "--regime", "uk-ghr"}
	newArgs := []string{"build", "-q", "--regime", "us-glomag,eu-ghrsr,ca-magnitsky,parliament"}
	run := func(out string, args ...string) {
		t.Helper()
		cmd := exec.Command(bin, append(append(args, "-o", out), baseCase)...)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, msg)
		}
	}
	refs := t.TempDir()
	run(filepath.Join(refs, "old"), oldArgs...)
	oldState := folderState(t, filepath.Join(refs, "old", "base"))
	copyFolder(t, filepath.Join(refs, "old", "base"), filepath.Join(refs, "new", "base"))
	start := time.Now()
	run(filepath.Join(refs, "new"), newArgs...)
	took := time.Since(start)
	newState := folderState(t, filepath.Join(refs, "new", "base"))
	if sameState(oldState, newState) {
		t.Fatal("the old and the new build give the same folder: the test could not tell them apart")
	}

	// Points at which to interrupt: conditions on the folder, watched as
	// the build runs, then fractions of an uninterrupted build's time.
	type point struct {
		name  string
		ready func(dir string, since time.Duration) bool
	}
	temporaries := func(dir string) int {
		entries, _ := os.ReadDir(dir)
		n := 0
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".dossier-") && strings.HasSuffix(e.Name(), ".tmp") {
				n++
			}
		}
		return n
	}
	points := []point{
		{"at once", func(string, time.Duration) bool { return true }},
		{"first temporary", func(dir string, _ time.Duration) bool { return temporaries(dir) >= 1 }},
		{"fifth temporary", func(dir string, _ time.Duration) bool { return temporaries(dir) >= 5 }},
		{"journal", func(dir string, _ time.Duration) bool {
			_, err := os.Stat(filepath.Join(dir, ".dossier-journal"))
			return err == nil
		}},
	}
	for _, f := range []int{3, 6} {
		d := took * time.Duration(f) / 10
		points = append(points, point{"after " + d.Round(time.Millisecond).String(), func(_ string, since time.Duration) bool { return since >= d }})
	}

	debris := 0 // runs that left temporaries or a journal for the next build
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGKILL} {
		outcomes := map[string]int{}
		for _, p := range points {
			t.Run(sig.String()+" "+p.name, func(t *testing.T) {
				out := t.TempDir()
				dir := filepath.Join(out, "base")
				copyFolder(t, filepath.Join(refs, "old", "base"), dir)
				cmd := exec.Command(bin, append(append(newArgs, "-o", out), baseCase)...)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				exited := make(chan error, 1)
				go func() { exited <- cmd.Wait() }()
				began := time.Now()
				var err error
				signalled := false
			watch:
				for {
					select {
					case err = <-exited:
						break watch
					default:
					}
					if !signalled && p.ready(dir, time.Since(began)) {
						cmd.Process.Signal(sig)
						signalled = true
					}
				}
				code := 0
				var ee *exec.ExitError
				if errors.As(err, &ee) {
					code = ee.ExitCode()
				}
				switch {
				case code == 0:
				case sig == syscall.SIGINT && code == 130:
				case sig == syscall.SIGINT && code == -1 && p.name != "at once":
					t.Fatalf("SIGINT killed the program after it had started writing: it does not handle interrupts")
				case code == -1:
					// Killed (SIGKILL, or SIGINT before the program installed
					// its handler): the next build into the folder cleans up.
					for name := range folderState(t, dir) {
						if name == ".dossier-journal" || strings.HasSuffix(name, ".tmp") {
							debris++
							break
						}
					}
					run(out, "build", "-q", "--audience", "partner", "--format", "json")
				default:
					t.Fatalf("exit code %d: %s", code, stderr.String())
				}
				got := folderState(t, dir)
				delete(got, "base-partner.json")
				delete(got, ".dossier-partner-json.manifest")
				switch {
				case sameState(got, oldState):
					outcomes["previous build"]++
					t.Logf("signalled %v, exit %d: the previous build", signalled, code)
				case sameState(got, newState):
					outcomes["new build"]++
					t.Logf("signalled %v, exit %d: the new build", signalled, code)
				default:
					t.Errorf("the folder holds neither the previous nor the new build:\n got  %s\n old  %s\n new  %s", names(got), names(oldState), names(newState))
				}
				if sig == syscall.SIGINT && code == 130 && !strings.Contains(stderr.String(), "interrupted") {
					t.Errorf("no word about the interruption: %q", stderr.String())
				}
			})
		}
		t.Logf("%s: %v", sig, outcomes)
	}
	// Positive control: some killed run must have left debris, or the
	// cleanup by the next build was not tested.
	if debris == 0 {
		t.Error("no killed run left a temporary file or a journal behind")
	}
}

func TestBuildOutputProblems(t *testing.T) {
	file := filepath.Join(t.TempDir(), "afile")
	os.WriteFile(file, []byte("x"), 0o644)
	ro := filepath.Join(t.TempDir(), "ro")
	os.Mkdir(ro, 0o555)
	tests := []struct {
		name string
		out  string
		want []string
		root bool // whether the test means anything when run as root
	}{
		{"output path is a file", file, []string{"cannot create the output folder " + filepath.Join(file, "base"), file + " is a file, not a folder", "choose another output folder with -o"}, true},
		{"read-only folder", ro, []string{"cannot create the output folder " + filepath.Join(ro, "base"), ro + " is read-only for you", "chmod u+w " + ro}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.root && os.Geteuid() == 0 {
				t.Skip("root writes into read-only folders; outset.TestExplain covers the wording")
			}
			code, stdout, stderr := runCLI(t, "build", "--format", "json", "-o", tt.out, baseCase)
			if code != exitInvalid {
				t.Errorf("exit %d, want %d", code, exitInvalid)
			}
			if stdout != "" {
				t.Errorf("reported writes: %q", stdout)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
		})
	}
}
