package dossier

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// idPattern is the form of every id: a lowercase slug.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Open loads the case folder dir, validates it and links its evidence to
// the archived sources: the first three stages of the pipeline. The case is
// usable (for rendering) only when the diagnostics hold no errors.
func Open(dir string) (*Case, Diagnostics) {
	c, ds := Load(dir)
	if c != nil {
		ds = append(ds, Validate(c)...)
		ds = append(ds, Link(c)...)
	}
	ds.Sort()
	return c, ds
}

// Load reads every file of the case folder dir into a Case. Syntax errors,
// unknown fields, wrong types, missing required fields, bad dates and values
// outside the vocabularies are reported; loading goes on past them so that
// all problems show at once. Load returns a nil Case only when dir is not a
// case folder at all.
func Load(dir string) (*Case, Diagnostics) {
	sink := &diagSink{}
	casePath := filepath.Join(dir, "case.yaml")
	data, err := os.ReadFile(casePath)
	if err != nil {
		hint := "a case folder holds case.yaml, sources/, officials/ and victims/"
		if errors.Is(err, fs.ErrNotExist) {
			if _, statErr := os.Stat(dir); statErr != nil {
				sink.errorf(Pos{File: dir}, "case-folder", hint, "no such folder")
			} else {
				sink.errorf(Pos{File: casePath}, "case-folder", hint, "case.yaml is missing: %s is not a case folder", dir)
			}
		} else {
			sink.errorf(Pos{File: casePath}, "case-folder", hint, "cannot read: %v", err)
		}
		return nil, sink.list
	}
	c := &Case{Dir: dir, ID: filepath.Base(filepath.Clean(dir))}
	(&decoder{file: casePath, sink: sink, vocab: Vocab()}).decodeFile(data, c)

	for _, path := range yamlFiles(dir, "sources", sink) {
		s := &Source{ID: idOf(path), Path: path}
		decodeInto(path, s, sink)
		c.Sources = append(c.Sources, s)
	}
	for _, path := range yamlFiles(dir, "officials", sink) {
		o := &Official{ID: idOf(path), Path: path}
		decodeInto(path, o, sink)
		for i, a := range o.Allegations {
			if a.ID == "" {
				a.ID = fmt.Sprintf("%s-%d", o.ID, i+1)
			}
		}
		c.Officials = append(c.Officials, o)
	}
	for _, path := range yamlFiles(dir, "victims", sink) {
		v := &Victim{ID: idOf(path), Path: path}
		decodeInto(path, v, sink)
		c.Victims = append(c.Victims, v)
	}
	for _, s := range c.Sources {
		readArchive(c, s, sink)
	}
	return c, sink.list
}

// decodeInto fills out from the file at path. A file that cannot be read
// or parsed still defines its id (the file name), so that references to it
// do not pile further errors onto the one that matters.
func decodeInto(path string, out any, sink *diagSink) {
	data, err := os.ReadFile(path)
	if err != nil {
		sink.errorf(Pos{File: path}, "read", "", "cannot read: %v", err)
		return
	}
	(&decoder{file: path, sink: sink, vocab: Vocab()}).decodeFile(data, out)
}

func idOf(path string) string { return strings.TrimSuffix(filepath.Base(path), ".yaml") }

// yamlFiles lists the .yaml files of one subfolder, sorted, and reports
// files that look like case files but will not be read.
func yamlFiles(dir, sub string, sink *diagSink) []string {
	entries, err := os.ReadDir(filepath.Join(dir, sub))
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			sink.errorf(Pos{File: filepath.Join(dir, sub)}, "read", "", "cannot list: %v", err)
		}
		return nil
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		path := filepath.Join(dir, sub, name)
		switch {
		case strings.HasPrefix(name, ".") || e.IsDir():
		case strings.HasSuffix(name, ".yml"):
			sink.errorf(Pos{File: path}, "file-name", "rename it to "+strings.TrimSuffix(name, ".yml")+".yaml", "case files end in .yaml; this file is not read")
		case strings.HasSuffix(name, ".yaml"):
			if id := idOf(path); !idPattern.MatchString(id) {
				sink.errorf(Pos{File: path}, "id-format", "ids are lowercase letters, digits and single hyphens, e.g. "+slugify(id), "file name %q is not a valid id", id)
				continue
			}
			out = append(out, path)
		}
	}
	sort.Strings(out)
	return out
}

// slugify suggests an id for a name that is not one.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(foldName(s)) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// readArchive reads a source's archived file, refusing any path that
// leaves the case folder, and hashes it.
func readArchive(c *Case, s *Source, sink *diagSink) {
	if s.File == "" {
		return // reported as a missing required field
	}
	at := s.Meta.At("file")
	clean := filepath.ToSlash(filepath.Clean(s.File))
	if filepath.IsAbs(s.File) || strings.HasPrefix(s.File, "/") || clean == ".." || strings.HasPrefix(clean, "../") || strings.Contains(s.File, `\`) {
		sink.errorf(at, "source-path", "give the file's name relative to the sources/ folder, e.g. "+s.ID+".txt", "file %q is outside the case folder", s.File)
		return
	}
	path := filepath.Join(c.Dir, "sources", clean)
	resolved, err := filepath.EvalSymlinks(path)
	if err != nil {
		hint := "archive the source's text as sources/" + s.ID + ".txt and set file: " + s.ID + ".txt"
		sink.errorf(at, "source-missing", hint, "archived file %q cannot be read: %v", s.File, unwrapPathError(err))
		return
	}
	caseRoot, err := filepath.EvalSymlinks(c.Dir)
	if err != nil {
		caseRoot = c.Dir
	}
	absRoot, _ := filepath.Abs(caseRoot)
	absFile, _ := filepath.Abs(resolved)
	if rel, err := filepath.Rel(absRoot, absFile); err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
		sink.errorf(at, "source-path", "copy the archived file into the case's sources/ folder instead of linking to it", "file %q is a link that leads outside the case folder", s.File)
		return
	}
	info, err := os.Stat(resolved)
	if err != nil || !info.Mode().IsRegular() {
		sink.errorf(at, "source-missing", "", "archived file %q is not a regular file", s.File)
		return
	}
	data, err := os.ReadFile(resolved)
	if err != nil {
		sink.errorf(at, "source-missing", "", "archived file %q cannot be read: %v", s.File, unwrapPathError(err))
		return
	}
	sum := sha256.Sum256(data)
	s.Text = data
	s.ComputedSHA256 = hex.EncodeToString(sum[:])
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
