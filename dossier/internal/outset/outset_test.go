package outset

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// ours is the naming pattern the tests' outputs follow.
func ours(name string) bool {
	return strings.HasSuffix(name, "-public.pdf") || strings.HasSuffix(name, "-public.json") || strings.HasSuffix(name, "-partner.pdf")
}

func set(audience, format, version string, names ...string) Set {
	s := Set{Audience: audience, Format: format}
	for _, n := range names {
		s.Files = append(s.Files, File{Name: n, Data: []byte(version + " " + n)})
	}
	return s
}

func mustWrite(t *testing.T, dir string, sets ...Set) Result {
	t.Helper()
	res, err := Write(dir, sets, Options{Ours: ours})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// contents returns every file of dir, hidden ones included, with its data.
func contents(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(data)
	}
	return out
}

// visible drops the package's own hidden files (manifests, journal, temporaries).
func visible(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		if !strings.HasPrefix(k, tempPrefix) {
			out[k] = v
		}
	}
	return out
}

func sameFiles(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s:\n got  %v\n want %v", what, keys(got), keys(want))
		for k, v := range want {
			if got[k] != v {
				t.Errorf("  %s = %q, want %q", k, got[k], v)
			}
		}
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func noDebris(t *testing.T, dir string) {
	t.Helper()
	for name := range contents(t, dir) {
		if IsTemporary(name) || name == journalName {
			t.Errorf("%s left in the folder", name)
		}
	}
}

func TestStaleFilesRemoved(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "case")
	mustWrite(t, dir,
		set("public", "pdf", "v1", "c-a-uk-public.pdf", "c-a-us-public.pdf", "c-uk-public.pdf", "c-us-public.pdf"),
		set("public", "json", "v1", "c-public.json"))
	mustWrite(t, dir, set("partner", "pdf", "v1", "c-a-uk-partner.pdf", "c-a-us-partner.pdf"))
	// Files the tool did not write: one named like an output (from a build
	// before manifests existed), one not.
	os.WriteFile(filepath.Join(dir, "c-old-id-public.pdf"), []byte("legacy"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	before := contents(t, dir)

	// The us regime is dropped: its public PDFs are stale.
	res := mustWrite(t, dir, set("public", "pdf", "v2", "c-a-uk-public.pdf", "c-uk-public.pdf"))

	got := contents(t, dir)
	want := visible(before)
	delete(want, "c-a-us-public.pdf")
	delete(want, "c-us-public.pdf")
	want["c-a-uk-public.pdf"] = "v2 c-a-uk-public.pdf"
	want["c-uk-public.pdf"] = "v2 c-uk-public.pdf"
	sameFiles(t, "after dropping a regime", visible(got), want)
	if fmt.Sprint(res.Removed) != "[c-a-us-public.pdf c-us-public.pdf]" {
		t.Errorf("Removed = %v", res.Removed)
	}
	if fmt.Sprint(res.Unlisted) != "[c-old-id-public.pdf]" {
		t.Errorf("Unlisted = %v, want the legacy output only", res.Unlisted)
	}
	// Other sets' manifests are untouched, this set's lists the new files.
	for _, m := range []string{ManifestName("public", "json"), ManifestName("partner", "pdf")} {
		if got[m] != before[m] {
			t.Errorf("%s changed", m)
		}
	}
	if m := parseManifest([]byte(got[ManifestName("public", "pdf")])); fmt.Sprint(m) != "[c-a-uk-public.pdf c-uk-public.pdf]" {
		t.Errorf("public pdf manifest lists %v", m)
	}
	noDebris(t, dir)
}

// TestNeverDeletesUnlistedFiles: a manifest entry the set no longer
// produces is removed, but a name another manifest still claims is not,
// and a damaged manifest cannot name anything outside the folder.
func TestNeverDeletesUnlistedFiles(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "case")
	mustWrite(t, dir, set("public", "json", "v1", "c-public.json"))
	mustWrite(t, dir, set("partner", "pdf", "v1", "c-partner.pdf"))
	os.WriteFile(filepath.Join(parent, "outside.txt"), []byte("x"), 0o644)
	m := filepath.Join(dir, ManifestName("public", "json"))
	os.WriteFile(m, []byte("c-public.json\nc-partner.pdf\n../outside.txt\n/etc/hostname\n"), 0o644)
	mustWrite(t, dir, set("public", "json", "v2", "c-public.json"))
	if _, err := os.Stat(filepath.Join(dir, "c-partner.pdf")); err != nil {
		t.Error("a file another manifest lists was deleted")
	}
	if _, err := os.Stat(filepath.Join(parent, "outside.txt")); err != nil {
		t.Error("a file outside the folder was deleted")
	}

	// A listed name that is now a folder or a link, or that differs from
	// a new output only by case or normalisation, is kept.
	os.Mkdir(filepath.Join(dir, "c-folder-public.json"), 0o755)
	os.Symlink(filepath.Join(parent, "outside.txt"), filepath.Join(dir, "c-link-public.json"))
	os.WriteFile(filepath.Join(dir, "C-Case-public.json"), []byte("x"), 0o644)
	os.WriteFile(m, []byte("c-public.json\nc-folder-public.json\nc-link-public.json\nC-Case-public.json\n"), 0o644)
	res := mustWrite(t, dir, set("public", "json", "v3", "c-public.json", "c-case-public.json"))
	for _, n := range []string{"c-folder-public.json", "c-link-public.json", "C-Case-public.json"} {
		if _, err := os.Lstat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s was removed", n)
		}
	}
	if len(res.Removed) != 0 {
		t.Errorf("Removed = %v", res.Removed)
	}
}

// crashAt runs a write that stops at the given step as a crash would.
func crashAt(t *testing.T, dir string, step int, sets ...Set) {
	t.Helper()
	crashHook = func(s int) bool { return s != step }
	defer func() { crashHook = nil }()
	_, err := Write(dir, sets, Options{Ours: ours})
	if !errors.Is(err, errCrash) {
		t.Fatalf("the write did not stop at step %d: %v", step, err)
	}
	mu.Lock()
	clear(pending) // the crashed process's registry dies with it
	mu.Unlock()
}

func TestRollForwardAfterCrash(t *testing.T) {
	oldSet := set("public", "pdf", "v1", "c-a-public.pdf", "c-b-public.pdf", "c-gone-public.pdf")
	newSet := set("public", "pdf", "v2", "c-a-public.pdf", "c-b-public.pdf", "c-new-public.pdf")
	// build writes the sets one after the other, uninterrupted.
	build := func(t *testing.T, sets ...Set) map[string]string {
		dir := filepath.Join(t.TempDir(), "ref")
		for _, s := range sets {
			mustWrite(t, dir, s)
		}
		return contents(t, dir)
	}
	oldFolder := build(t, oldSet)
	newFolder := build(t, oldSet, newSet)
	// Steps: 0 before the journal; 1–3 renames; 4 the removal; 5 the
	// manifest; 6 the journal's removal.
	for step := 0; step <= 6; step++ {
		t.Run(fmt.Sprint("crash before step ", step), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "case")
			mustWrite(t, dir, oldSet)
			crashAt(t, dir, step, newSet)
			after := contents(t, dir)
			_, journaled := after[journalName]
			if journaled != (step > 0) {
				t.Errorf("journal present = %v after a crash before step %d", journaled, step)
			}
			if step == 0 && !hasTemporary(after) {
				t.Error("the simulated crash left no staged temporary: it tests nothing")
			}
			// The next run, of another set, finishes or discards the crashed one.
			other := set("public", "json", "v1", "c-public.json")
			res := mustWrite(t, dir, other)
			want := oldFolder
			if step > 0 {
				want = newFolder
			}
			got := contents(t, dir)
			delete(got, "c-public.json")
			delete(got, ManifestName("public", "json"))
			sameFiles(t, "after the next run", got, want)
			noDebris(t, dir)
			if len(res.Recovered) == 0 {
				t.Error("the next run did not say what it recovered")
			}
		})
	}
}

func hasTemporary(m map[string]string) bool {
	for k := range m {
		if IsTemporary(k) {
			return true
		}
	}
	return false
}

func TestKilledRunTemporariesRemoved(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "case")
	os.MkdirAll(dir, 0o755)
	leftovers := []string{".dossier-0123456789abcdef.tmp", ".dossier-public-pdf.manifest.tmp"}
	notOurs := []string{".c-public.pdf.123.tmp", "draft.tmp", ".dossier-notes"}
	for _, n := range append(append([]string{}, leftovers...), notOurs...) {
		os.WriteFile(filepath.Join(dir, n), []byte("half"), 0o644)
	}
	res := mustWrite(t, dir, set("public", "json", "v1", "c-public.json"))
	got := contents(t, dir)
	for _, n := range leftovers {
		if _, ok := got[n]; ok {
			t.Errorf("temporary %s of a killed run is still there", n)
		}
	}
	for _, n := range notOurs {
		if _, ok := got[n]; !ok {
			t.Errorf("%s, not a name this package creates, was removed", n)
		}
	}
	if len(res.Recovered) != 1 || !strings.Contains(res.Recovered[0], "removed 2 temporary files") {
		t.Errorf("Recovered = %q", res.Recovered)
	}
}

func TestFailedStagingKeepsThePreviousSet(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "case")
	mustWrite(t, dir, set("public", "pdf", "v1", "c-a-public.pdf", "c-b-public.pdf"))
	before := contents(t, dir)
	// The second file cannot be renamed into place: a folder is in the way.
	os.Mkdir(filepath.Join(dir, "c-x-public.pdf"), 0o755)
	os.WriteFile(filepath.Join(dir, "c-x-public.pdf", "f"), nil, 0o644)
	_, err := Write(dir, []Set{set("public", "pdf", "v2", "c-a-public.pdf", "c-x-public.pdf")}, Options{})
	var oe *Error
	if !errors.As(err, &oe) || !strings.Contains(err.Error(), "folder") || !strings.Contains(err.Error(), "in the way") {
		t.Fatalf("err = %v", err)
	}
	got := contents(t, dir)
	for k, v := range before {
		if got[k] != v {
			t.Errorf("%s changed although the write failed", k)
		}
	}
	noDebris(t, dir)
}

// TestFailedStagingRemovesTemporaries: a disk that fills up while the new
// files are staged leaves the previous set and no temporary.
func TestFailedStagingRemovesTemporaries(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "case")
	mustWrite(t, dir, set("public", "pdf", "v1", "c-a-public.pdf", "c-b-public.pdf"))
	before := contents(t, dir)
	failStage = func(n int) error {
		if n == 3 {
			return &fs.PathError{Op: "write", Path: ".dossier-x.tmp", Err: syscall.ENOSPC}
		}
		return nil
	}
	defer func() { failStage = nil }()
	_, err := Write(dir, []Set{set("public", "pdf", "v2", "c-a-public.pdf", "c-b-public.pdf", "c-c-public.pdf")}, Options{})
	if err == nil || !strings.Contains(err.Error(), "is full") || !strings.HasSuffix(err.Error(), "; the folder keeps its previous build") {
		t.Fatalf("err = %v", err)
	}
	sameFiles(t, "after a failed staging", contents(t, dir), before)
}

func TestOutputProblems(t *testing.T) {
	base := t.TempDir()
	file := filepath.Join(base, "afile")
	os.WriteFile(file, []byte("x"), 0o644)
	tests := []struct {
		name string
		dir  string
		sets []Set
		want []string
		skip string
	}{
		{"output path is a file", filepath.Join(file, "case"), []Set{set("public", "json", "v1", "c-public.json")},
			[]string{file + " is a file, not a folder", "move or rename " + file, "-o"}, ""},
		{"name too long", filepath.Join(base, "long"), []Set{set("public", "json", "v1", strings.Repeat("x", 300)+"-public.json")},
			[]string{"name is too long", "312 bytes", "shorten"}, ""},
		{"read-only folder", filepath.Join(base, "ro", "case"), []Set{set("public", "json", "v1", "c-public.json")},
			[]string{filepath.Join(base, "ro") + " is read-only", "chmod u+w", "-o"}, "root writes into read-only folders"},
	}
	os.Mkdir(filepath.Join(base, "ro"), 0o555)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.skip != "" && os.Geteuid() == 0 {
				t.Skip(tt.skip + "; TestExplain covers the message")
			}
			_, err := Write(tt.dir, tt.sets, Options{})
			var oe *Error
			if !errors.As(err, &oe) {
				t.Fatalf("err = %v, want an *Error", err)
			}
			if _, serr := os.Stat(tt.dir); serr == nil {
				noDebris(t, tt.dir)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

// TestExplain checks the wording of each system error, including those a
// test cannot provoke on every machine (a full disk, a read-only mount, a
// read-only folder when running as root).
func TestExplain(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c-public.pdf")
	tests := []struct {
		errno syscall.Errno
		want  []string
	}{
		{syscall.EACCES, []string{dir + " is read-only for you", "chmod u+w " + dir, "(permission denied)"}},
		{syscall.EPERM, []string{"read-only for you"}},
		{syscall.EROFS, []string{dir + " is on a read-only file system", "writable disk"}},
		{syscall.ENOSPC, []string{"the disk that holds " + dir + " is full", "free some space"}},
		{syscall.EDQUOT, []string{"is full"}},
		{syscall.ENAMETOOLONG, []string{"too long", "shorten"}},
		{syscall.EISDIR, []string{"a folder " + path + " is in the way"}},
		{syscall.EIO, []string{"input/output error", "-o"}},
	}
	for _, tt := range tests {
		t.Run(tt.errno.Error(), func(t *testing.T) {
			err := explain("write", path, &fs.PathError{Op: "open", Path: ".dossier-x.tmp", Err: tt.errno})
			msg := err.Error()
			if !strings.HasPrefix(msg, "cannot write "+path+": ") {
				t.Errorf("message does not say what and where: %s", msg)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message lacks %q:\n%s", w, msg)
				}
			}
			if !errors.Is(err, tt.errno) {
				t.Error("the system error is not kept for errors.Is")
			}
		})
	}
}

func TestSecondWriterIsRefused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "case")
	mustWrite(t, dir, set("public", "json", "v1", "c-public.json"))
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	unlock, err := lock(root, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	_, err = Write(dir, []Set{set("public", "json", "v2", "c-public.json")}, Options{})
	if err == nil || !strings.Contains(err.Error(), "another dossier build is writing") {
		t.Errorf("err = %v", err)
	}
}

// TestInterrupted runs a write in a child process (this test binary) and
// calls Interrupted, as the program's signal handler does, from another
// goroutine while the write is staging or applying; the child then exits
// as the handler would. The folder must hold the previous set (staging)
// or the new one (applying), with no temporary or journal.
func TestInterrupted(t *testing.T) {
	oldSet := set("public", "pdf", "v1", "c-a-public.pdf", "c-gone-public.pdf")
	newSet := set("public", "pdf", "v2", "c-a-public.pdf", "c-b-public.pdf", "c-c-public.pdf")
	if phase := os.Getenv("OUTSET_TEST_INTERRUPT"); phase != "" {
		// interrupt calls Interrupted from another goroutine, as the signal
		// handler does, which exits after exitAfter; this goroutine goes on
		// after goOnAfter. While staging, the write goes on first and must
		// create no new temporary; while applying, the handler would exit
		// first if Interrupted did not wait for the apply to finish.
		goOnAfter, exitAfter := 50*time.Millisecond, 300*time.Millisecond
		if phase == "applying" {
			goOnAfter, exitAfter = 300*time.Millisecond, 0
		}
		interrupt := func() {
			go func() {
				Interrupted()
				time.Sleep(exitAfter)
				os.Exit(130)
			}()
			time.Sleep(goOnAfter)
		}
		if phase == "staging" {
			failStage = func(n int) error {
				if n == 2 {
					interrupt()
				}
				return nil
			}
		} else {
			crashHook = func(step int) bool {
				if step == 2 {
					interrupt()
				}
				return true
			}
		}
		Write(os.Getenv("OUTSET_TEST_DIR"), []Set{newSet}, Options{})
		time.Sleep(5 * time.Second) // the interrupting goroutine exits first
		os.Exit(0)
	}
	for _, phase := range []string{"staging", "applying"} {
		t.Run(phase, func(t *testing.T) {
			ref := filepath.Join(t.TempDir(), "ref")
			mustWrite(t, ref, oldSet)
			want := contents(t, ref)
			if phase == "applying" {
				mustWrite(t, ref, newSet)
				want = contents(t, ref)
			}
			dir := filepath.Join(t.TempDir(), "case")
			mustWrite(t, dir, oldSet)
			cmd := exec.Command(os.Args[0], "-test.run=^TestInterrupted$")
			cmd.Env = append(os.Environ(), "OUTSET_TEST_INTERRUPT="+phase, "OUTSET_TEST_DIR="+dir)
			out, err := cmd.CombinedOutput()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 130 {
				t.Fatalf("the child was not interrupted: %v\n%s", err, out)
			}
			sameFiles(t, "after an interruption while "+phase, contents(t, dir), want)
		})
	}
}

// TestStagingAbort: sets staged one after another and then abandoned (a
// later format failed to render) leave the folder as it was, with no
// temporary; a folder that Begin had to create is removed again.
func TestStagingAbort(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "case")
	s, err := Begin(dir, Options{Ours: ours})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.StageSet(set("public", "pdf", "v1", "a-public.pdf")); err != nil {
		t.Fatal(err)
	}
	s.Abort()
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the folder Begin made is still there after Abort (err = %v)", err)
	}

	mustWrite(t, dir, set("public", "pdf", "v1", "a-public.pdf"))
	before := contents(t, dir)
	s, err = Begin(dir, Options{Ours: ours})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []Set{set("public", "pdf", "v2", "a-public.pdf", "b-public.pdf"), set("public", "json", "v2", "a-public.json")} {
		if err := s.StageSet(st); err != nil {
			t.Fatal(err)
		}
	}
	s.Abort()
	sameFiles(t, "after Abort", contents(t, dir), before)

	// Staged one set at a time and committed: the same as one Write.
	s, err = Begin(dir, Options{Ours: ours})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []Set{set("public", "pdf", "v3", "b-public.pdf"), set("public", "json", "v3", "a-public.json")} {
		if err := s.StageSet(st); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	noDebris(t, dir)
	sameFiles(t, "after Commit", visible(contents(t, dir)), map[string]string{"b-public.pdf": "v3 b-public.pdf", "a-public.json": "v3 a-public.json"})
	if err := s.StageSet(set("public", "csv", "v4", "a-public.csv")); err == nil {
		t.Error("StageSet after Commit succeeded")
	}
}
