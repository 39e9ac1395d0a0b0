// Package outset keeps an output folder holding one complete build: for each
// set of outputs (an audience and a format) the folder holds exactly the
// files the last build of that set produced, and an interrupted build leaves
// either the previous complete set or the new one.
//
// A write goes in three steps. Staging writes every new file to a temporary
// name in the same folder (.dossier-<random>.tmp) and syncs it. A journal
// (.dossier-journal, itself written atomically) then lists every rename of a
// temporary over its final name, every stale file to delete and the new
// manifests. Applying the journal does the renames and deletions, writes
// the manifests (.dossier-<audience>-<format>.manifest, one name a line)
// and removes the journal. A later write into the folder that finds a
// journal applies it first (rolls it forward), and removes the temporaries
// a killed run left behind. A file no manifest lists is never deleted.
//
// Only one write at a time may use a folder: the folder is locked (flock)
// while it is written, and a second build into it is refused.
package outset

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"

	"golang.org/x/text/unicode/norm"
)

// Names of the files this package keeps in an output folder.
const (
	tempPrefix     = ".dossier-"
	tempSuffix     = ".tmp"
	journalName    = ".dossier-journal"
	manifestSuffix = ".manifest"
)

// Set is one audience's outputs in one format, as a build produced them.
type Set struct {
	Audience string
	Format   string
	Files    []File
}

// File is one output: its name in the folder and its content.
type File struct {
	Name string
	Data []byte
}

// ManifestName is the name of the manifest recording the files a build
// wrote for one audience and format.
func ManifestName(audience, format string) string {
	return tempPrefix + audience + "-" + format + manifestSuffix
}

// IsTemporary reports whether name is a temporary file this package
// creates (and removes, when a killed run left it behind).
func IsTemporary(name string) bool {
	return strings.HasPrefix(name, tempPrefix) && strings.HasSuffix(name, tempSuffix)
}

// Options tune a write.
type Options struct {
	// Progress, when set, is called before each file is staged.
	Progress func(done, total int, name string)
	// Ours reports whether a file name follows the outputs' naming
	// pattern; such a file that no manifest lists is reported in
	// Result.Unlisted (never deleted).
	Ours func(name string) bool
}

// Result says what a write did.
type Result struct {
	Written   []string // names written, in the order given
	Removed   []string // stale names removed: listed by a set's manifest, no longer produced
	Unlisted  []string // names matching Options.Ours that no manifest lists, sorted
	Recovered []string // what was done first about an earlier run, in words
}

// journal is what the apply step does, written before it starts so that a
// later run can finish it.
type journal struct {
	Renames   []rename            `json:"renames"`
	Removes   []string            `json:"removes"`
	Manifests map[string][]string `json:"manifests"` // manifest name → file names
}

type rename struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Interrupts: staging registers its temporaries so that Interrupted can
// remove them; applying holds applyMu so that Interrupted waits for it.
var (
	mu          sync.Mutex
	interrupted bool
	pending     = map[string]bool{} // full paths of temporaries being staged
	applyMu     sync.Mutex
)

// ErrInterrupted is returned by a write that Interrupted stopped.
var ErrInterrupted = errors.New("interrupted")

// Interrupted stops every write under way: it waits for a journal being
// applied to be finished (that takes milliseconds), then removes the
// temporaries of any staging and makes later writes fail. Call it when the
// program is interrupted, just before exiting: it does not return control
// to writes, which stay blocked until the program exits.
func Interrupted() {
	applyMu.Lock() // held until exit: no apply starts after this
	mu.Lock()
	defer mu.Unlock()
	interrupted = true
	for name := range pending {
		os.Remove(name)
		delete(pending, name)
	}
}

// crashHook, when set by a test, is called before the journal is written
// (step 0) and before each step of applying it (1, 2, …); returning false
// stops the write there and leaves everything as a crash would.
var crashHook func(step int) bool

// Write replaces, in folder dir, each set's files by the ones given, and
// removes the files the set's previous build wrote that it no longer
// produces. Sets not given are not touched. The folder is created if
// needed. Errors are *Error values that say what failed and how to fix it.
// It is Begin, StageSet for each set, and Commit.
func Write(dir string, sets []Set, o Options) (res Result, err error) {
	s, err := Begin(dir, o)
	if err != nil {
		return res, err
	}
	for _, set := range sets {
		s.total += len(set.Files)
	}
	for _, set := range sets {
		if err := s.StageSet(set); err != nil {
			res.Recovered = s.recovered
			s.Abort()
			return res, err
		}
	}
	return s.Commit()
}

// Staging is a write under way, for a caller that produces its sets one
// after another and need not hold them all: each set is staged (written
// to temporaries and synced) as soon as it is given, and its data may then
// be dropped. Commit puts every staged file in place at once; Abort, or a
// failed Commit before the journal is written, removes the temporaries and
// leaves the folder's previous build. The folder stays locked until Commit
// or Abort returns.
type Staging struct {
	dir       string
	root      *os.Root
	unlock    func()
	o         Options
	created   bool                // the folder was made by Begin: Abort removes it if it stays empty
	manifests map[string][]string // as the folder had them
	recovered []string
	j         journal
	staged    []string // temporaries not yet owned by a journal
	done      int
	total     int // files announced to Progress; 0 when not known in advance
	finished  bool
}

// Begin opens (creating it if needed) and locks the output folder dir,
// finishes or cleans up after an earlier interrupted run, and returns a
// Staging to give it sets.
func Begin(dir string, o Options) (*Staging, error) {
	_, statErr := os.Lstat(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, explain("create the output folder", dir, err)
	}
	s := &Staging{dir: dir, o: o, created: errors.Is(statErr, fs.ErrNotExist), j: journal{Manifests: map[string][]string{}}}
	root, err := os.OpenRoot(dir)
	if err != nil {
		s.removeIfCreated()
		return nil, explain("open the output folder", dir, err)
	}
	s.root = root
	if s.unlock, err = lock(root, dir); err != nil {
		root.Close()
		return nil, err
	}
	if s.recovered, err = recoverFolder(root, dir); err != nil {
		s.close()
		return nil, err
	}
	if s.manifests, err = readManifests(root, dir); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// Recovered says what Begin did about an earlier run, in words.
func (s *Staging) Recovered() []string { return s.recovered }

// StageSet writes the set's files to temporaries in the folder: Open,
// then Add for each file. On an error the caller must Abort.
func (s *Staging) StageSet(set Set) error {
	w, err := s.Open(set.Audience, set.Format)
	if err != nil {
		return err
	}
	for _, f := range set.Files {
		if err := w.Add(f); err != nil {
			return err
		}
	}
	return nil
}

// SetStage takes one set's files as they are produced.
type SetStage struct {
	s        *Staging
	manifest string
}

// Open starts the set of an audience and format; its manifest lists the
// files added to it (none if none are).
func (s *Staging) Open(audience, format string) (*SetStage, error) {
	if s.finished {
		return nil, errors.New("outset: Open after Commit or Abort")
	}
	m := ManifestName(audience, format)
	if _, dup := s.j.Manifests[m]; dup || !safeName(m) {
		return nil, fmt.Errorf("outset: set %q given twice or not a plain name", m)
	}
	s.j.Manifests[m] = []string{}
	return &SetStage{s: s, manifest: m}, nil
}

// Add writes f to a temporary in the folder and syncs it; the caller may
// then drop f's data. On an error the caller must Abort.
func (w *SetStage) Add(f File) error {
	err := w.add(f)
	var e *Error
	if errors.As(err, &e) {
		e.Fix += "; the folder keeps its previous build"
	}
	return err
}

func (w *SetStage) add(f File) error {
	s := w.s
	if s.finished {
		return errors.New("outset: Add after Commit or Abort")
	}
	// A folder where an output should go would stop the apply step
	// halfway: refuse before the file is staged.
	info, err := s.root.Lstat(f.Name)
	switch {
	case err == nil && info.IsDir():
		return explain("write", filepath.Join(s.dir, f.Name), &fs.PathError{Op: "rename", Path: f.Name, Err: syscall.EISDIR})
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return explain("write", filepath.Join(s.dir, f.Name), err) // e.g. a name too long
	}
	if s.o.Progress != nil {
		s.o.Progress(s.done, s.total, filepath.Join(s.dir, f.Name))
	}
	s.done++
	if failStage != nil {
		if err := failStage(s.done); err != nil {
			return explain("write", filepath.Join(s.dir, f.Name), err)
		}
	}
	tmp, err := stage(s.root, s.dir, f)
	if tmp != "" {
		s.staged = append(s.staged, tmp)
	}
	if err != nil {
		return err
	}
	s.j.Renames = append(s.j.Renames, rename{From: tmp, To: f.Name})
	s.j.Manifests[w.manifest] = append(s.j.Manifests[w.manifest], f.Name)
	return nil
}

// Abort removes what was staged and unlocks the folder, which keeps its
// previous build (a folder Begin created is removed if it is empty).
func (s *Staging) Abort() {
	if s.finished {
		return
	}
	s.dropStaged()
	s.close()
	s.removeIfCreated()
}

func (s *Staging) dropStaged() {
	for _, t := range s.staged {
		s.root.Remove(t)
		untrack(filepath.Join(s.dir, t))
	}
	s.staged = nil
}

func (s *Staging) close() {
	s.finished = true
	if s.unlock != nil {
		s.unlock()
	}
	s.root.Close()
}

func (s *Staging) removeIfCreated() {
	if s.created {
		os.Remove(s.dir) // only if empty
	}
}

// Commit puts every staged file in place, removes the stale files of the
// sets given (those their previous build wrote and this one did not) and
// writes the sets' manifests, then unlocks the folder.
func (s *Staging) Commit() (res Result, err error) {
	if s.finished {
		return res, errors.New("outset: Commit after Commit or Abort")
	}
	root, dir, j, manifests := s.root, s.dir, s.j, s.manifests
	res.Recovered = s.recovered
	applying := false
	defer func() {
		if errors.Is(err, errCrash) {
			s.close()
			return
		}
		// On a failure before the journal exists, drop what was staged:
		// the folder keeps its previous build. After, the journal is left
		// for the next build to finish.
		s.dropStaged()
		s.close()
		var e *Error
		if errors.As(err, &e) && !applying {
			e.Fix += "; the folder keeps its previous build"
		} else if errors.As(err, &e) {
			e.Fix += "; the next build into the folder finishes putting the new files in place"
		}
	}()
	if s.o.Progress != nil {
		s.o.Progress(s.done, max(s.total, s.done), "")
	}

	// Plan: a name the set's old manifest lists and the new build does not
	// produce is stale, unless another manifest still claims it.
	claimed := map[string]bool{}
	for m, names := range manifests {
		if _, rewritten := j.Manifests[m]; rewritten {
			continue
		}
		for _, n := range names {
			claimed[n] = true
		}
	}
	for _, names := range j.Manifests {
		for _, n := range names {
			claimed[n] = true
		}
	}
	// On a file system that ignores case or Unicode normalisation, a stale
	// name may be a new file under another spelling: keep it.
	folded := map[string]bool{}
	for n := range claimed {
		folded[foldName(n)] = true
	}
	for m := range j.Manifests {
		for _, n := range manifests[m] {
			if claimed[n] || folded[foldName(n)] {
				continue
			}
			claimed[n] = true
			// Only a regular file can be what a build wrote: a folder or
			// a link put there since is someone else's.
			if info, err := root.Lstat(n); err == nil && info.Mode().IsRegular() {
				j.Removes = append(j.Removes, n)
			}
		}
	}
	sort.Strings(j.Removes)

	// Apply.
	applyMu.Lock()
	defer applyMu.Unlock()
	mu.Lock()
	stop := interrupted
	mu.Unlock()
	if stop {
		return res, ErrInterrupted
	}
	if crashHook != nil && !crashHook(0) {
		return res, errCrash
	}
	if err := writeAtomic(root, dir, journalName, mustJSON(j)); err != nil {
		return res, err
	}
	// From here the journal owns the temporaries: a failure leaves them
	// for the next run to roll forward.
	for _, t := range s.staged {
		untrack(filepath.Join(dir, t))
	}
	s.staged = nil
	applying = true
	warnings, err := apply(root, dir, j)
	if err != nil {
		return res, err
	}
	res.Recovered = append(res.Recovered, warnings...)
	for _, r := range j.Renames {
		res.Written = append(res.Written, r.To)
	}
	res.Removed = j.Removes

	for m, names := range j.Manifests {
		manifests[m] = names
	}
	res.Unlisted, err = unlisted(root, dir, manifests, s.o.Ours)
	return res, err
}

// stage writes f to a new temporary file and syncs it; it returns the
// temporary's name.
func stage(root *os.Root, dir string, f File) (string, error) {
	tmp, file, err := createTemp(root, dir, filepath.Join(dir, f.Name))
	if err != nil {
		return "", err
	}
	_, err = file.Write(f.Data)
	if err == nil {
		err = file.Sync()
	}
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return tmp, explain("write", filepath.Join(dir, f.Name), err)
	}
	return tmp, nil
}

// createTemp creates a new temporary file, registered so that Interrupted
// can remove it; it fails once Interrupted was called.
func createTemp(root *os.Root, dir, target string) (string, *os.File, error) {
	for range 100 {
		var b [8]byte
		rand.Read(b[:])
		name := tempPrefix + hex.EncodeToString(b[:]) + tempSuffix
		mu.Lock()
		if interrupted {
			mu.Unlock()
			return "", nil, ErrInterrupted
		}
		f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			pending[filepath.Join(dir, name)] = true
		}
		mu.Unlock()
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", nil, explain("write", target, err)
		}
		return name, f, nil
	}
	return "", nil, &Error{Op: "write", Path: dir, Problem: "could not find a free temporary name"}
}

func untrack(path string) {
	mu.Lock()
	delete(pending, path)
	mu.Unlock()
}

// writeAtomic writes data to name through a synced temporary and a rename,
// then syncs the folder.
func writeAtomic(root *os.Root, dir, name string, data []byte) error {
	tmp, err := stage(root, dir, File{Name: name, Data: data})
	defer untrack(filepath.Join(dir, tmp))
	if err != nil {
		if tmp != "" {
			root.Remove(tmp)
		}
		return err
	}
	if err := root.Rename(tmp, name); err != nil {
		root.Remove(tmp)
		return explain("write", filepath.Join(dir, name), err)
	}
	return syncDir(root, dir)
}

// apply carries out a journal, in an order that can be repeated after a
// crash at any point: renames (a missing temporary whose target exists was
// already renamed), removals (a missing file was already removed),
// manifests, then the journal's removal.
func apply(root *os.Root, dir string, j journal) (warnings []string, err error) {
	step := 0
	next := func() bool {
		step++
		return crashHook == nil || crashHook(step)
	}
	for _, r := range j.Renames {
		if !next() {
			return warnings, errCrash
		}
		if !safeName(r.From) || !safeName(r.To) || !IsTemporary(r.From) {
			return warnings, &Error{Op: "finish the interrupted build in", Path: dir, Problem: fmt.Sprintf("its journal %s renames %q to %q, which it never would", journalName, r.From, r.To), Fix: "delete " + filepath.Join(dir, journalName) + " and build again"}
		}
		err := root.Rename(r.From, r.To)
		if errors.Is(err, fs.ErrNotExist) {
			if _, serr := root.Lstat(r.To); serr == nil {
				continue // renamed before the crash
			}
			warnings = append(warnings, fmt.Sprintf("%s is missing: its temporary copy %s disappeared before the interrupted build could be finished; build again", filepath.Join(dir, r.To), r.From))
			continue
		}
		if err != nil {
			return warnings, explain("write", filepath.Join(dir, r.To), err)
		}
	}
	for _, name := range j.Removes {
		if !next() {
			return warnings, errCrash
		}
		if !safeName(name) {
			continue
		}
		if err := root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return warnings, explain("remove the stale file", filepath.Join(dir, name), err)
		}
	}
	ms := make([]string, 0, len(j.Manifests))
	for m := range j.Manifests {
		ms = append(ms, m)
	}
	sort.Strings(ms)
	for _, m := range ms {
		if !next() {
			return warnings, errCrash
		}
		if !safeName(m) || !strings.HasSuffix(m, manifestSuffix) {
			continue
		}
		if err := writeAtomic(root, dir, m, manifestText(m, j.Manifests[m])); err != nil {
			return warnings, err
		}
	}
	if !next() {
		return warnings, errCrash
	}
	if err := root.Remove(journalName); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return warnings, explain("remove the journal", filepath.Join(dir, journalName), err)
	}
	return warnings, syncDir(root, dir)
}

// failStage, when set by a test, is called before the n-th file (from 1)
// is staged; an error it returns is taken as that write's failure.
var failStage func(n int) error

// errCrash is what a write returns when a test's crashHook stops it.
var errCrash = errors.New("stopped by the test hook")

// recoverFolder rolls forward a journal left by an interrupted run, then
// removes the temporaries of killed runs.
func recoverFolder(root *os.Root, dir string) ([]string, error) {
	var done []string
	applyMu.Lock()
	defer applyMu.Unlock()
	data, err := root.ReadFile(journalName)
	switch {
	case err == nil:
		var j journal
		if err := json.Unmarshal(data, &j); err != nil {
			return nil, &Error{Op: "finish the interrupted build in", Path: dir, Problem: fmt.Sprintf("its journal %s is not readable (%v)", journalName, err), Fix: "delete " + filepath.Join(dir, journalName) + " and build again"}
		}
		warnings, err := apply(root, dir, j)
		if err != nil {
			return nil, err
		}
		done = append(done, fmt.Sprintf("finished putting in place the %d new files of an interrupted build in %s", len(j.Renames), dir))
		done = append(done, warnings...)
	case errors.Is(err, fs.ErrNotExist):
	default:
		return nil, explain("read the journal", filepath.Join(dir, journalName), err)
	}
	entries, err := fs.ReadDir(root.FS(), ".")
	if err != nil {
		return nil, explain("list the output folder", dir, err)
	}
	n := 0
	for _, e := range entries {
		if e.Type().IsRegular() && IsTemporary(e.Name()) {
			if err := root.Remove(e.Name()); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, explain("remove the leftover temporary file", filepath.Join(dir, e.Name()), err)
			}
			n++
		}
	}
	if n > 0 {
		done = append(done, fmt.Sprintf("removed %d temporary %s an interrupted build left in %s", n, map[bool]string{true: "file", false: "files"}[n == 1], dir))
	}
	return done, nil
}

// readManifests returns every manifest of the folder: manifest name → the
// file names it lists.
func readManifests(root *os.Root, dir string) (map[string][]string, error) {
	out := map[string][]string{}
	entries, err := fs.ReadDir(root.FS(), ".")
	if err != nil {
		return nil, explain("list the output folder", dir, err)
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, tempPrefix) || !strings.HasSuffix(name, manifestSuffix) {
			continue
		}
		data, err := root.ReadFile(name)
		if err != nil {
			return nil, explain("read the manifest", filepath.Join(dir, name), err)
		}
		out[name] = parseManifest(data)
	}
	return out, nil
}

func manifestText(name string, files []string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s: the files the last 'dossier build' of this audience and format wrote here.\n", name)
	b.WriteString("# dossier deletes those a later build no longer produces, and nothing else.\n")
	for _, f := range files {
		b.WriteString(f + "\n")
	}
	return b.Bytes()
}

func parseManifest(data []byte) []string {
	var names []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") || !safeName(line) {
			continue
		}
		names = append(names, line)
	}
	return names
}

// foldName is the form of a name under which case-insensitive and
// normalisation-insensitive file systems (APFS, NTFS) see it.
func foldName(name string) string {
	return strings.ToLower(norm.NFC.String(name))
}

// safeName reports whether name is a plain file name in the folder (no
// separator, not . or ..), so a damaged journal or manifest cannot make a
// build touch anything outside it.
func safeName(name string) bool {
	return name != "" && filepath.IsLocal(name) && !strings.ContainsAny(name, `/\`) && name != "."
}

// unlisted returns the names in the folder that match ours and that no
// manifest lists.
func unlisted(root *os.Root, dir string, manifests map[string][]string, ours func(string) bool) ([]string, error) {
	if ours == nil {
		return nil, nil
	}
	listed := map[string]bool{}
	for _, names := range manifests {
		for _, n := range names {
			listed[n] = true
		}
	}
	entries, err := fs.ReadDir(root.FS(), ".")
	if err != nil {
		return nil, explain("list the output folder", dir, err)
	}
	var out []string
	for _, e := range entries {
		if e.Type().IsRegular() && !listed[e.Name()] && ours(e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out, nil
}

func mustJSON(v any) []byte {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		panic(err) // a journal is plain strings: cannot fail
	}
	return append(data, '\n')
}
