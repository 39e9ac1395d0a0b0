//go:build !unix

package corpus

import "errors"

func mkfifo(string) error { return errors.New("no FIFOs on this system") }
