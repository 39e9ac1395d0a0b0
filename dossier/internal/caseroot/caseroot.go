// Package caseroot is the one way a case folder's files are read. Every
// file of a case (case.yaml, the officials' and victims' files, source
// metadata, archived texts, photos) is opened through an os.Root for the
// case folder, so that:
//
//   - a path that leaves the folder ("..", an absolute path, a symbolic link
//     leading out) is refused, whoever wrote it;
//   - only regular files are read: a FIFO, a device or a socket is refused
//     before a single byte is read, so a case can neither hang the program
//     nor stream /dev/zero into memory;
//   - each kind of file has a size limit, and reading stops at the limit.
package caseroot

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// Kind is the kind of a case file; each kind has its own size limit.
type Kind int

// The kinds of case files.
const (
	// YAML is case.yaml or one source, official or victim file.
	YAML Kind = iota
	// Text is a source's archived text.
	Text
	// Photo is an official's photograph.
	Photo
	// Original is a source's captured original (PDF, HTML page, image),
	// kept as the evidentiary copy beside its archived text.
	Original
)

// The size limit of each kind of file, in bytes. They are far above any
// real case file and low enough that a case folder cannot exhaust memory:
// a whole official with a hundred allegations is under 200 KB of YAML, a
// long report archived as text a few MB, and a portrait a few hundred KB.
const (
	MaxYAML     = 4 << 20  // 4 MiB
	MaxText     = 32 << 20 // 32 MiB
	MaxPhoto    = 10 << 20 // 10 MiB
	MaxOriginal = 64 << 20 // 64 MiB: a scanned report as PDF
)

// Limit returns the size limit of a kind of file.
func (k Kind) Limit() int64 {
	switch k {
	case Text:
		return MaxText
	case Photo:
		return MaxPhoto
	case Original:
		return MaxOriginal
	}
	return MaxYAML
}

// Errors a read can end in, to be tested with errors.Is.
var (
	// ErrOutside is a path that leaves the case folder, lexically or
	// through a symbolic link.
	ErrOutside = errors.New("outside the case folder")
	// ErrNotRegular is a folder, FIFO, device or socket where a file was expected.
	ErrNotRegular = errors.New("not a regular file")
	// ErrTooLarge is a file over its kind's size limit.
	ErrTooLarge = errors.New("file too large")
)

// Error describes a failed read of a case file.
type Error struct {
	Name   string // the path inside the case folder, slash-separated
	Err    error  // ErrOutside, ErrNotRegular, ErrTooLarge, or the OS error
	Detail string // what the file is instead ("a FIFO", "larger than 4 MiB")
}

func (e *Error) Error() string {
	if e.Detail != "" {
		return fmt.Sprintf("%s: %v (%s)", e.Name, e.Err, e.Detail)
	}
	return fmt.Sprintf("%s: %v", e.Name, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Reason is the error's cause in words, without the file name.
func (e *Error) Reason() string {
	if e.Detail != "" {
		return e.Detail
	}
	return e.Err.Error()
}

// Root is an open case folder.
type Root struct {
	root *os.Root
	dir  string
}

// Open opens the case folder dir.
func Open(dir string) (*Root, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &Root{root: r, dir: dir}, nil
}

// Dir returns the folder as given to Open.
func (r *Root) Dir() string { return r.dir }

// Close releases the folder.
func (r *Root) Close() error { return r.root.Close() }

// ReadFile reads the regular file name (slash-separated, relative to the
// case folder) of the given kind, refusing anything outside the folder,
// anything but a regular file, and anything over the kind's limit.
func (r *Root) ReadFile(name string, kind Kind) ([]byte, error) {
	f, err := r.open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, &Error{Name: name, Err: unwrap(err)}
	}
	if !info.Mode().IsRegular() {
		return nil, &Error{Name: name, Err: ErrNotRegular, Detail: Describe(info.Mode())}
	}
	limit := kind.Limit()
	if info.Size() > limit {
		return nil, tooLarge(name, limit)
	}
	// The size may change between Stat and reading: stop at the limit
	// anyway. The buffer is the file's size (plus one byte, to see the end)
	// so that a text is held once, without the slack of a growing buffer.
	data, err := readAll(io.LimitReader(f, limit+1), info.Size()+1)
	if err != nil {
		return nil, &Error{Name: name, Err: unwrap(err)}
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(name, limit)
	}
	return data, nil
}

// ReadDir lists the folder name (relative to the case folder), sorted by
// file name. A folder that does not exist gives an error satisfying
// errors.Is(err, fs.ErrNotExist).
func (r *Root) ReadDir(name string) ([]fs.DirEntry, error) {
	f, err := r.open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, &Error{Name: name, Err: unwrap(err)}
	}
	if !info.IsDir() {
		return nil, &Error{Name: name, Err: ErrNotRegular, Detail: Describe(info.Mode()) + ", not a folder"}
	}
	entries, err := f.ReadDir(-1)
	if err != nil {
		return nil, &Error{Name: name, Err: unwrap(err)}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	return entries, nil
}

// open opens name without blocking: a FIFO opened for reading would wait
// for a writer forever, so the file is opened non-blocking and its type
// checked on the open descriptor before anything is read.
func (r *Root) open(name string) (*os.File, error) {
	local := filepath.FromSlash(name)
	if !filepath.IsLocal(local) {
		return nil, &Error{Name: name, Err: ErrOutside, Detail: "give a path relative to the case folder, without .."}
	}
	f, err := r.root.OpenFile(local, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		e := unwrap(err)
		if e.Error() == "path escapes from parent" {
			return nil, &Error{Name: name, Err: ErrOutside, Detail: "a symbolic link leads out of the case folder"}
		}
		return nil, &Error{Name: name, Err: e}
	}
	return f, nil
}

func tooLarge(name string, limit int64) error {
	return &Error{Name: name, Err: ErrTooLarge, Detail: "larger than " + Size(limit)}
}

// Size formats a byte count the way the limits are documented: "4 MiB".
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Describe names a file type in words: "a folder", "a FIFO (named pipe)".
func Describe(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO (named pipe)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsRegular():
		return "a regular file"
	}
	return "not a regular file"
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readAll reads r to its end into a buffer of the given starting size,
// growing it only if r holds more.
func readAll(r io.Reader, size int64) ([]byte, error) {
	data := make([]byte, 0, max(size, 512))
	for {
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}
