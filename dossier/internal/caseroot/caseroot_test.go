package caseroot

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// setup makes a case folder with a file, a subfolder, links in and out,
// a FIFO, and a file just over the YAML limit.
func setup(t *testing.T) (*Root, string) {
	t.Helper()
	outer := t.TempDir()
	dir := filepath.Join(outer, "case")
	must(t, os.MkdirAll(filepath.Join(dir, "sources"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "case.yaml"), []byte("title: x\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "sources", "a.txt"), []byte("text\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(outer, "secret.txt"), []byte("secret\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "big.yaml"), make([]byte, MaxYAML+1), 0o644))
	if err := os.Symlink("a.txt", filepath.Join(dir, "sources", "in.txt")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	must(t, os.Symlink("../../secret.txt", filepath.Join(dir, "sources", "out.txt")))
	must(t, os.Symlink("/dev/zero", filepath.Join(dir, "zero.yaml")))
	must(t, syscall.Mkfifo(filepath.Join(dir, "fifo.yaml"), 0o644))
	r, err := Open(dir)
	must(t, err)
	t.Cleanup(func() { r.Close() })
	return r, dir
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestReadFile(t *testing.T) {
	r, _ := setup(t)
	for _, tc := range []struct {
		name   string
		kind   Kind
		want   string // content, when the read must succeed
		err    error  // the error it must end in otherwise
		detail string
	}{
		{name: "case.yaml", want: "title: x\n"},
		{name: "sources/a.txt", kind: Text, want: "text\n"},
		{name: "sources/in.txt", kind: Text, want: "text\n"},
		{name: "sources/out.txt", kind: Text, err: ErrOutside, detail: "symbolic link"},
		{name: "../secret.txt", err: ErrOutside},
		{name: "/etc/passwd", err: ErrOutside},
		{name: "zero.yaml", err: ErrOutside},
		{name: "fifo.yaml", err: ErrNotRegular, detail: "FIFO"},
		{name: "sources", err: ErrNotRegular, detail: "folder"},
		{name: "big.yaml", err: ErrTooLarge, detail: "4 MiB"},
		{name: "big.yaml", kind: Text, want: string(make([]byte, MaxYAML+1))},
		{name: "missing.yaml", err: fs.ErrNotExist},
	} {
		data, err := r.ReadFile(tc.name, tc.kind)
		if tc.err == nil {
			if err != nil || string(data) != tc.want {
				t.Errorf("%s: got %d bytes, %v; want the file", tc.name, len(data), err)
			}
			continue
		}
		if !errors.Is(err, tc.err) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.err)
			continue
		}
		if !strings.Contains(err.Error(), tc.detail) {
			t.Errorf("%s: err = %v, want it to mention %q", tc.name, err, tc.detail)
		}
	}
}

func TestReadDir(t *testing.T) {
	r, _ := setup(t)
	entries, err := r.ReadDir("sources")
	must(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "a.txt in.txt out.txt" {
		t.Errorf("entries = %s", got)
	}
	if _, err := r.ReadDir("victims"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing folder: err = %v", err)
	}
	if _, err := r.ReadDir("case.yaml"); !errors.Is(err, ErrNotRegular) {
		t.Errorf("a file as folder: err = %v", err)
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{4 << 20: "4 MiB", 3 << 10: "3 KiB", 100: "100 bytes"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
