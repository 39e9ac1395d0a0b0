// Package replace writes a file whole or not at all: the data goes to a
// temporary file in the same folder, which is synced and then renamed over
// the target, so a reader (or an interrupted run) never sees half a file.
// The authoring commands use it for the files they rewrite in place.
package replace

import (
	"os"
	"path/filepath"
)

// WriteFile replaces path with data atomically, keeping path's permissions
// when it exists (0644 otherwise).
func WriteFile(path string, data []byte) (err error) {
	mode := os.FileMode(0o644)
	if info, statErr := os.Stat(path); statErr == nil {
		mode = info.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
