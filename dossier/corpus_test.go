package dossier

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// The corpus under testdata/bad holds one small broken case per folder.
// Each folder is an overlay on testdata/base: its files replace or add to
// the base case's files. Its "expect" file lists, one per line:
//
//	error RULE FILE:LINE      a diagnostic that must be reported
//	warning RULE FILE:LINE    (FILE is relative to the case folder; LINE 0 = whole file)
//	delete PATH               remove a base file before validating
//	symlink PATH TARGET       make PATH a symbolic link to TARGET
//	fifo PATH                 make PATH a named pipe (FIFO)
//
// The errors reported must be exactly those listed; listed warnings must
// appear among the warnings.

// fixedNow pins the validator's clock so "future date" tests do not age.
var fixedNow = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	now = func() time.Time { return fixedNow }
	os.Exit(m.Run())
}

type expectation struct {
	severity, rule, file string
	line                 int
}

func (e expectation) String() string {
	return fmt.Sprintf("%s %s %s:%d", e.severity, e.rule, e.file, e.line)
}

// buildOverlay assembles base + overlay into a fresh case folder and
// returns its path and the expectations.
func buildOverlay(t *testing.T, overlay string) (string, []expectation) {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "cases", "case")
	copyTree(t, filepath.Join("testdata", "base"), dir)
	var want []expectation
	err := filepath.WalkDir(overlay, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(overlay, path)
		if rel == "expect" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(dst), 0o755)
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(overlay, "expect"))
	if err != nil {
		t.Fatalf("every corpus folder needs an expect file: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		switch fields[0] {
		case "delete":
			os.Remove(filepath.Join(dir, fields[1]))
		case "symlink":
			os.WriteFile(filepath.Join(root, "outside.txt"), []byte("outside\n"), 0o644)
			p := filepath.Join(dir, fields[1])
			os.Remove(p)
			if err := os.Symlink(fields[2], p); err != nil {
				t.Skipf("cannot make symlinks here: %v", err)
			}
		case "fifo":
			p := filepath.Join(dir, fields[1])
			os.Remove(p)
			if err := mkfifo(p); err != nil {
				t.Skipf("cannot make a FIFO here: %v", err)
			}
		case "error", "warning":
			file, line, _ := strings.Cut(fields[2], ":")
			var n int
			fmt.Sscan(line, &n)
			want = append(want, expectation{fields[0], fields[1], file, n})
		default:
			t.Fatalf("expect: unknown directive %q", fields[0])
		}
	}
	return dir, want
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
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
}

func TestBadCaseCorpus(t *testing.T) {
	overlays, _ := filepath.Glob(filepath.Join("testdata", "bad", "*"))
	if len(overlays) < 30 {
		t.Fatalf("the corpus should hold at least 30 bad cases, has %d", len(overlays))
	}
	for _, overlay := range overlays {
		t.Run(filepath.Base(overlay), func(t *testing.T) {
			dir, want := buildOverlay(t, overlay)
			if len(want) == 0 {
				t.Fatal("expect lists no diagnostic: the case would prove nothing")
			}
			_, ds := Open(dir)
			var gotErrors, gotWarnings []string
			for _, d := range ds {
				rel, err := filepath.Rel(dir, d.File)
				if err != nil || strings.HasPrefix(rel, "..") {
					rel = filepath.Base(d.File)
				}
				e := expectation{string(d.Severity), d.Rule, filepath.ToSlash(rel), d.Line}.String()
				if d.Severity == Error {
					gotErrors = append(gotErrors, e)
				} else {
					gotWarnings = append(gotWarnings, e)
				}
				if d.Message == "" {
					t.Errorf("%s: empty message", e)
				}
			}
			var wantErrors []string
			for _, w := range want {
				if w.severity == "error" {
					wantErrors = append(wantErrors, w.String())
				} else if !contains(gotWarnings, w.String()) {
					t.Errorf("missing %s\ngot warnings:\n  %s", w, strings.Join(gotWarnings, "\n  "))
				}
			}
			sort.Strings(gotErrors)
			sort.Strings(wantErrors)
			if strings.Join(gotErrors, "\n") != strings.Join(wantErrors, "\n") {
				t.Errorf("errors differ\ngot:\n  %s\nwant:\n  %s\ndiagnostics:\n%s", strings.Join(gotErrors, "\n  "), strings.Join(wantErrors, "\n  "), ds)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestBaseCaseIsValid(t *testing.T) {
	c, ds := Open(filepath.Join("testdata", "base"))
	if ds.Errors() > 0 || ds.Warnings() > 0 {
		t.Fatalf("the base of the corpus must be clean, got:\n%v", ds)
	}
	want := Stats{Officials: 2, Victims: 2, Sources: 2, Excerpts: 9, Allegations: 3}
	if got := c.Stats(); got != want {
		t.Errorf("stats = %+v, want %+v", got, want)
	}
}
