package verify

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Limits on what a bundle may hold. A received bundle is hostile until
// proved otherwise: these keep a crafted one from exhausting memory, disk
// or time. Nothing is ever extracted: zip entries are read as streams.
const (
	MaxEntries    = 10000    // files and folders
	MaxDepth      = 16       // path components of a name
	MaxNameLen    = 1024     // bytes of a name
	MaxFileSize   = 1 << 30  // bytes of one file, uncompressed
	MaxTotalSize  = 4 << 30  // bytes of all files, uncompressed
	MaxTextSize   = 64 << 20 // bytes of a file read into memory (manifests, exhibit texts)
	MaxRatio      = 200      // uncompressed to compressed size, for entries above RatioFloor
	RatioFloor    = 1 << 20  // entries smaller than this are not judged by ratio
	maxManifestSz = 16 << 20 // bytes of MANIFEST.sha256
)

// ErrHostile is wrapped by every refusal of a bundle's shape: a path that
// leaves the bundle, a symlink, a duplicate, a zip bomb.
var ErrHostile = errors.New("refused")

func hostile(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrHostile}, args...)...)
}

// entry is one regular file of a bundle, named relative to its root.
type entry struct {
	name string
	size int64
	open func() (io.ReadCloser, error)
}

// archive is a bundle's files, read from a zip or a folder.
type archive struct {
	files map[string]*entry
	names []string // in archive order
}

// checkName refuses names that could leave the bundle or mean two things:
// absolute paths, drive letters, backslashes, "..", empty or "."
// components, control characters, invalid UTF-8, and names too long or deep.
func checkName(name string) error {
	switch {
	case name == "":
		return hostile("an entry has an empty name")
	case len(name) > MaxNameLen:
		return hostile("entry name of %d bytes is longer than %d", len(name), MaxNameLen)
	case !utf8.ValidString(name):
		return hostile("entry name %q is not valid UTF-8", name)
	case strings.HasPrefix(name, "/") || (len(name) > 1 && name[1] == ':'):
		return hostile("entry %q has an absolute path; a bundle's paths are relative to its folder", name)
	case strings.Contains(name, `\`):
		return hostile("entry %q contains a backslash, which some systems read as a folder separator", name)
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return hostile("entry name %q contains a control character", name)
		}
	}
	parts := strings.Split(strings.TrimSuffix(name, "/"), "/")
	if len(parts) > MaxDepth {
		return hostile("entry %q is nested %d folders deep (at most %d)", name, len(parts), MaxDepth)
	}
	for _, p := range parts {
		if p == ".." {
			return hostile("entry %q climbs out of the bundle with \"..\" (zip-slip)", name)
		}
		if p == "" || p == "." {
			return hostile("entry %q has an empty or \".\" path component", name)
		}
	}
	return nil
}

// addFile records a file, refusing a name seen before, also under another
// case (two names that one file system would merge).
func (a *archive) addFile(e *entry, folded map[string]string) error {
	key := strings.ToLower(e.name)
	if prev, ok := folded[key]; ok {
		if prev == e.name {
			return hostile("entry %q appears twice", e.name)
		}
		return hostile("entries %q and %q differ only in case", prev, e.name)
	}
	folded[key] = e.name
	a.files[e.name] = e
	a.names = append(a.names, e.name)
	return nil
}

// readZip lists a zip's entries without extracting anything.
func readZip(file string) (*archive, io.Closer, error) {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: not a readable zip file: %w", file, err)
	}
	a, err := checkZipShape(&zr.Reader)
	if err != nil {
		zr.Close()
		return nil, nil, err
	}
	return a, zr, nil
}

// checkZipShape checks every entry of a zip and lists its files.
func checkZipShape(zr *zip.Reader) (*archive, error) {
	if len(zr.File) > MaxEntries {
		return nil, hostile("the zip has %d entries (at most %d)", len(zr.File), MaxEntries)
	}
	a := &archive{files: map[string]*entry{}}
	folded := map[string]string{}
	dirs := map[string]bool{}
	var total uint64
	for _, f := range zr.File {
		if err := checkName(f.Name); err != nil {
			return nil, err
		}
		mode := f.Mode()
		switch {
		case mode&fs.ModeSymlink != 0:
			return nil, hostile("entry %q is a symbolic link; a bundle holds regular files only", f.Name)
		case mode.IsDir() || strings.HasSuffix(f.Name, "/"):
			if dirs[strings.TrimSuffix(f.Name, "/")] {
				return nil, hostile("folder %q appears twice", f.Name)
			}
			dirs[strings.TrimSuffix(f.Name, "/")] = true
			continue
		case !mode.IsRegular():
			return nil, hostile("entry %q is not a regular file (%v)", f.Name, mode.Type())
		}
		size := f.UncompressedSize64
		if size > MaxFileSize {
			return nil, hostile("entry %q would unpack to %d bytes (at most %d)", f.Name, size, int64(MaxFileSize))
		}
		if total += size; total > MaxTotalSize {
			return nil, hostile("the zip would unpack to more than %d bytes", int64(MaxTotalSize))
		}
		if size > RatioFloor && size > MaxRatio*max(f.CompressedSize64, 1) {
			return nil, hostile("entry %q would unpack %d bytes from %d: a zip bomb", f.Name, size, f.CompressedSize64)
		}
		f := f
		e := &entry{name: f.Name, size: int64(size), open: func() (io.ReadCloser, error) {
			rc, err := f.Open()
			if err != nil {
				return nil, err
			}
			// Read no more than declared, whatever the stream holds; the
			// zip reader itself reports a size or checksum mismatch.
			return struct {
				io.Reader
				io.Closer
			}{io.LimitReader(rc, int64(size)+1), rc}, nil
		}}
		if err := a.addFile(e, folded); err != nil {
			return nil, err
		}
	}
	for name := range a.files {
		if dirs[name] {
			return nil, hostile("%q is both a file and a folder", name)
		}
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			if _, ok := a.files[d]; ok {
				return nil, hostile("%q is both a file and a folder", d)
			}
		}
	}
	return a, nil
}

// readDir lists the files of an unpacked bundle, through an os.Root so
// that no read leaves it; symbolic links and special files are refused.
func readDir(dir string) (*archive, io.Closer, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, err
	}
	a := &archive{files: map[string]*entry{}}
	folded := map[string]string{}
	count := 0
	var total int64
	err = fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == "." {
			return nil
		}
		if count++; count > MaxEntries {
			return hostile("the folder has more than %d entries", MaxEntries)
		}
		if err := checkName(p); err != nil {
			return err
		}
		switch t := d.Type(); {
		case t&fs.ModeSymlink != 0:
			return hostile("%s is a symbolic link; a bundle holds regular files only", filepath.Join(dir, p))
		case d.IsDir():
			return nil
		case !t.IsRegular():
			return hostile("%s is not a regular file", filepath.Join(dir, p))
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Size() > MaxFileSize {
			return hostile("%s is %d bytes (at most %d)", filepath.Join(dir, p), info.Size(), int64(MaxFileSize))
		}
		if total += info.Size(); total > MaxTotalSize {
			return hostile("the folder holds more than %d bytes", int64(MaxTotalSize))
		}
		name := p
		return a.addFile(&entry{name: name, size: info.Size(), open: func() (io.ReadCloser, error) {
			f, err := root.Open(name)
			if err != nil {
				return nil, err
			}
			st, err := f.Stat()
			if err != nil || !st.Mode().IsRegular() {
				f.Close()
				return nil, hostile("%s is no longer a regular file", name)
			}
			return struct {
				io.Reader
				io.Closer
			}{io.LimitReader(f, MaxFileSize+1), f}, nil
		}}, folded)
	})
	if err != nil {
		root.Close()
		return nil, nil, err
	}
	return a, root, nil
}

// checkZip checks a zip already open: its shape, then its content.
func checkZip(zr *zip.Reader) (*Report, error) {
	a, err := checkZipShape(zr)
	if err != nil {
		return nil, err
	}
	return check(a, Options{})
}
