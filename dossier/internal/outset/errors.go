package outset

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Error is a failure to write an output folder, worded for the person who
// runs the build: what failed, where, why, and how to fix it.
type Error struct {
	Op      string // what was being done, e.g. "write"
	Path    string // the file or folder concerned
	Problem string // why, in words (with the system's own words in brackets)
	Fix     string // what to do about it
	Err     error  // the underlying error, if any
}

func (e *Error) Error() string {
	msg := fmt.Sprintf("cannot %s %s: %s", e.Op, e.Path, e.Problem)
	if e.Fix != "" {
		msg += "; " + e.Fix
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// explain turns a system error met while doing op on path into an *Error
// that says what is wrong and how to fix it.
func explain(op, path string, err error) error {
	var oe *Error
	if errors.Is(err, ErrInterrupted) || errors.As(err, &oe) {
		return err
	}
	where := path
	folder := existingFolder(path)
	sys := "(" + systemText(err) + ")"
	e := &Error{Op: op, Path: path, Err: err}
	switch {
	case errors.Is(err, syscall.EROFS):
		e.Problem = fmt.Sprintf("%s is on a read-only file system %s", folder, sys)
		e.Fix = "choose an output folder on a writable disk with -o"
	case errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM):
		e.Problem = fmt.Sprintf("the folder %s is read-only for you %s", folder, sys)
		e.Fix = fmt.Sprintf("make it writable (chmod u+w %s) or choose another output folder with -o", folder)
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		e.Problem = fmt.Sprintf("the disk that holds %s is full %s", folder, sys)
		e.Fix = "free some space or choose another output folder with -o"
	case errors.Is(err, syscall.ENOTDIR):
		file := firstFile(where)
		e.Problem = fmt.Sprintf("%s is a file, not a folder %s", file, sys)
		e.Fix = fmt.Sprintf("move or rename %s, or choose another output folder with -o", file)
	case errors.Is(err, syscall.EISDIR), errors.Is(err, syscall.ENOTEMPTY), errors.Is(err, syscall.EEXIST):
		e.Problem = fmt.Sprintf("a folder %s is in the way %s", where, sys)
		e.Fix = "move or remove that folder, or choose another output folder with -o"
	case errors.Is(err, syscall.ENAMETOOLONG):
		e.Problem = fmt.Sprintf("the name is too long for the file system (%d bytes in the file name, %d in the whole path) %s", len(filepath.Base(path)), len(path), sys)
		e.Fix = "shorten the case folder's name or the id in the file name (most file systems allow 255 bytes a name), or use a shorter -o path"
	default:
		e.Problem = systemText(err)
		e.Fix = "check the output folder, or choose another with -o"
	}
	return e
}

// systemText is the system's own words for err, without the path that the
// message already gives.
func systemText(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return errno.Error()
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// existingFolder returns path if it is a folder, else its deepest
// ancestor that exists (the folder a write into path goes to).
func existingFolder(path string) string {
	for p := filepath.Clean(path); ; p = filepath.Dir(p) {
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			return p
		}
		if filepath.Dir(p) == p {
			return path
		}
	}
}

// firstFile returns the first element of path, from the top, that exists
// and is not a folder (the one that stops a folder being created), or path.
func firstFile(path string) string {
	clean := filepath.Clean(path)
	var chain []string
	for p := clean; ; p = filepath.Dir(p) {
		chain = append(chain, p)
		if d := filepath.Dir(p); d == p {
			break
		}
	}
	for i := len(chain) - 1; i >= 0; i-- {
		if info, err := os.Stat(chain[i]); err == nil && !info.IsDir() {
			return chain[i]
		}
	}
	return path
}
