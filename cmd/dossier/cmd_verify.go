package main

import (
	"errors"
	"fmt"

	"github.com/dossier-project/dossier/dossier/verify"
)

func init() {
	register(&command{
		name:    "verify",
		summary: "check a received evidence bundle against its manifest",
		usage:   "BUNDLE.zip|DIR",
		help: `Checks an evidence bundle made by 'dossier build --format bundle', as a zip
or as the folder it unpacks to: every file against MANIFEST.sha256,
manifest.json against MANIFEST.sha256, and every row of the cited-passages
table against the exhibit text it points to. Each missing, extra or altered
file is named.

The zip is never unpacked: its entries are read as streams. A bundle with
paths that leave it, symbolic links, duplicate names, entries nested too
deep or too large, a zip bomb, or a manifest naming files outside it is
refused.

Without dossier, "sha256sum -c MANIFEST.sha256" in the unpacked folder
checks the files too.

Exit status: 0 intact, 1 not intact or refused, 2 usage error.`,
		run: runVerify,
	})
}

func runVerify(e *env, _ any, args []string) int {
	if len(args) != 1 {
		fmt.Fprintln(e.stderr, "dossier verify: name one bundle, a .zip file or an unpacked folder\nRun 'dossier help verify' for usage.")
		return exitUsage
	}
	r, err := verify.Check(args[0])
	if err != nil {
		if errors.Is(err, verify.ErrHostile) {
			fmt.Fprintf(e.stderr, "dossier verify: %v\nThe bundle was not unpacked and nothing was written; do not unpack it either.\n", err)
		} else {
			fmt.Fprintf(e.stderr, "dossier verify: %v\n", err)
		}
		return exitInvalid
	}
	if !r.OK() {
		fmt.Fprintf(e.stdout, "%s: NOT INTACT — %d problem(s):\n", r.Path, len(r.Problems))
		for _, p := range r.Problems {
			fmt.Fprintf(e.stdout, "  %-8s %s: %s\n", p.Kind, p.File, p.Message)
		}
		return exitInvalid
	}
	fmt.Fprintf(e.stdout, "%s: intact — %d files match MANIFEST.sha256; %d cited passages found in their exhibits.\n", r.Path, r.Files, r.Passages)
	fmt.Fprintln(e.stdout, "Unsigned: this shows that nothing changed since the manifest was written, not who wrote it.")
	return exitOK
}
