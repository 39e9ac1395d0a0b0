// Package atomicfile writes files so that a reader never sees half of one:
// the data goes to a temporary file in the same folder, is synced, and is
// renamed over the target in one step.
package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

var (
	mu      sync.Mutex
	pending = map[string]bool{} // temporary files being written
)

// WriteFile writes data to path atomically, with permissions 0644.
func WriteFile(path string, data []byte) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return err
	}
	track(tmp.Name(), true)
	defer func() {
		track(tmp.Name(), false)
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func track(name string, on bool) {
	mu.Lock()
	defer mu.Unlock()
	if on {
		pending[name] = true
	} else {
		delete(pending, name)
	}
}

// Cleanup removes the temporary files of writes still under way. Call it
// when the program is interrupted, so a Ctrl-C leaves no debris behind.
func Cleanup() {
	mu.Lock()
	defer mu.Unlock()
	for name := range pending {
		os.Remove(name)
	}
}
