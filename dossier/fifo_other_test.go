//go:build !unix

package dossier

import "errors"

func mkfifo(string) error { return errors.New("no FIFOs on this system") }
