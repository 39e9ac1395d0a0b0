//go:build unix

package outset

import (
	"errors"
	"os"
	"syscall"
)

// lock takes an exclusive lock on the folder for this process, released by
// the returned function or, if the process is killed, by the system.
func lock(root *os.Root, dir string) (func(), error) {
	f, err := root.Open(".")
	if err != nil {
		return nil, explain("open the output folder", dir, err)
	}
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		f.Close()
		return nil, &Error{Op: "write", Path: dir, Problem: "another dossier build is writing into this folder now", Fix: "wait for it to finish and build again"}
	}
	// Other errors (a file system without locks) leave the folder unlocked.
	return func() { f.Close() }, nil
}

// syncDir makes the renames and removals in the folder durable.
func syncDir(root *os.Root, dir string) error {
	f, err := root.Open(".")
	if err != nil {
		return explain("open the output folder", dir, err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return explain("write", dir, err)
	}
	return nil
}
