//go:build !unix

package outset

import "os"

// lock does nothing where flock is not available.
func lock(root *os.Root, dir string) (func(), error) { return func() {}, nil }

// syncDir does nothing where folders cannot be synced.
func syncDir(root *os.Root, dir string) error { return nil }
