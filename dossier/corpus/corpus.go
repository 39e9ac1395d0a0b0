// Package corpus is test support: it assembles the hostile and broken case folders of the
// validator's test corpus (dossier/testdata/bad) for the tests that run
// them: each folder is an overlay on the valid base case
// (dossier/testdata/base), and its "expect" file lists, one per line:
//
//	error RULE FILE:LINE      a diagnostic that must be reported
//	warning RULE FILE:LINE    (FILE is relative to the case folder; LINE 0 = whole file)
//	delete PATH               remove a base file before validating
//	symlink PATH TARGET       make PATH a symbolic link to TARGET
//	fifo PATH                 make PATH a named pipe (FIFO)
//	no-warnings               the case must give no warning at all (no follow-on
//	                          diagnostics after a syntax error)
//	says RULE FILE:LINE TEXT  the diagnostic RULE at FILE:LINE has TEXT in its
//	                          message or hint (hints are tested by their text)
package corpus

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Expectation is one diagnostic an overlay must produce.
type Expectation struct {
	Severity, Rule, File string
	Line                 int
	// Text is, for "says", the text the diagnostic's message or hint holds.
	Text string
}

func (e Expectation) String() string {
	return fmt.Sprintf("%s %s %s:%d", e.Severity, e.Rule, e.File, e.Line)
}

// ErrUnsupported is returned when the system cannot make a symlink or FIFO
// an overlay needs; the test should skip.
var ErrUnsupported = errors.New("corpus: this system cannot make the overlay")

// Build assembles base and overlay into root/cases/case and returns that
// folder and the overlay's expectations. A symlink's target may be
// root/outside.txt, which Build creates.
func Build(root, base, overlay string) (string, []Expectation, error) {
	dir := filepath.Join(root, "cases", "case")
	if err := CopyTree(base, dir); err != nil {
		return "", nil, err
	}
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
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		return "", nil, err
	}
	f, err := os.Open(filepath.Join(overlay, "expect"))
	if err != nil {
		return "", nil, fmt.Errorf("every corpus folder needs an expect file: %w", err)
	}
	defer f.Close()
	var want []Expectation
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
			os.RemoveAll(p)
			if err := os.Symlink(fields[2], p); err != nil {
				return "", nil, fmt.Errorf("%w: %v", ErrUnsupported, err)
			}
		case "fifo":
			p := filepath.Join(dir, fields[1])
			os.Remove(p)
			if err := mkfifo(p); err != nil {
				return "", nil, fmt.Errorf("%w: %v", ErrUnsupported, err)
			}
		case "no-warnings":
			want = append(want, Expectation{Severity: "no-warnings"})
		case "error", "warning", "says":
			file, line, _ := strings.Cut(fields[2], ":")
			var n int
			fmt.Sscan(line, &n)
			e := Expectation{Severity: fields[0], Rule: fields[1], File: file, Line: n}
			if fields[0] == "says" {
				_, rest, _ := strings.Cut(strings.TrimSpace(sc.Text()), fields[2])
				e.Text = strings.TrimSpace(rest)
			}
			want = append(want, e)
		default:
			return "", nil, fmt.Errorf("expect: unknown directive %q", fields[0])
		}
	}
	return dir, want, sc.Err()
}

// CopyTree copies the folder src to dst.
func CopyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
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
}
