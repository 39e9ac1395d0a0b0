// Package templates holds the data that shapes dossier's outputs: the
// controlled vocabularies of the case-file format (vocabulary.yaml), the
// regime profiles (regimes/) and the headings and wording of the outputs
// (text/). It is embedded into the binary so that a single executable
// works anywhere; a user may add or override files with a folder of their
// own (see FS).
package templates

import (
	"embed"
	"errors"
	"io/fs"
	"os"
	"sort"
)

//go:embed vocabulary.yaml fields.yaml synonyms.yaml regimes text
var embedded embed.FS

// Embedded returns the templates compiled into the binary.
func Embedded() fs.FS { return embedded }

// FS returns the templates to use. With dir empty, the embedded ones;
// otherwise a file system in which the files of dir override or add to the
// embedded files, so a user can add one regime profile without copying the
// rest.
func FS(dir string) fs.FS {
	if dir == "" {
		return embedded
	}
	return overlay{top: os.DirFS(dir), base: embedded}
}

// overlay reads files from top first and falls back to base; directory
// listings merge both.
type overlay struct{ top, base fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.top.Open(name)
	if err == nil {
		if info, statErr := f.Stat(); statErr == nil && !info.IsDir() {
			return f, nil
		}
		f.Close()
	}
	return o.base.Open(name)
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]fs.DirEntry{}
	topEntries, topErr := fs.ReadDir(o.top, name)
	for _, e := range topEntries {
		seen[e.Name()] = e
	}
	baseEntries, baseErr := fs.ReadDir(o.base, name)
	for _, e := range baseEntries {
		if _, ok := seen[e.Name()]; !ok {
			seen[e.Name()] = e
		}
	}
	if topErr != nil && baseErr != nil {
		return nil, errors.Join(topErr, baseErr)
	}
	out := make([]fs.DirEntry, 0, len(seen))
	for _, e := range seen {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}
