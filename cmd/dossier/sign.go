package main

import (
	"fmt"
	"slices"

	"github.com/dossier-project/dossier/dossier/sshsig"
)

// bundleSigner loads the key of build --sign; on failure it returns nil
// and the exit code.
func bundleSigner(e *env, keyFile string, formats []string) (func([]byte) ([]byte, error), int) {
	if !slices.Contains(formats, "bundle") {
		fmt.Fprintln(e.stderr, "dossier build: --sign signs evidence bundles; add bundle to --format")
		return nil, exitUsage
	}
	signer, err := sshsig.LoadSigner(keyFile)
	if err != nil {
		fmt.Fprintf(e.stderr, "dossier build: --sign: %v\n", err)
		return nil, exitInvalid
	}
	return func(manifest []byte) ([]byte, error) {
		return sshsig.Sign(signer, sshsig.Namespace, manifest)
	}, exitOK
}
