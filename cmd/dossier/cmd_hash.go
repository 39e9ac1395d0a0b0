package main

import (
	"fmt"

	"github.com/dossier-project/dossier/dossier/capture"
)

func init() {
	register(&command{
		name:    "hash",
		summary: "record the missing sha256 of sources' archived files",
		usage:   "[CASE_DIR ...]",
		help: `For each source of each case folder (default: every folder under cases/)
whose YAML has no sha256 (or an empty one) for its archived text or its
captured original, computes it and writes it in. Only that line changes (or
one is added after "file:"): comments, key order and formatting stay as
written.

A recorded hash that differs from the file is never overwritten: the hash is
there to show the archive has not changed since capture, so the file must be
restored instead (or a new capture added as a new source). That is reported
and the exit status is 1.`,
		run: runHash,
	})
}

func runHash(e *env, _ any, args []string) int {
	dirs, err := caseDirs(args)
	if err != nil {
		fmt.Fprintf(e.stderr, "dossier hash: %v\n", err)
		return exitUsage
	}
	code := exitOK
	for _, dir := range dirs {
		changes, err := capture.Hash(dir)
		if err != nil {
			fmt.Fprintf(e.stderr, "dossier hash: %v\n", err)
			code = exitInvalid
			continue
		}
		recorded := 0
		for _, c := range changes {
			where := c.File
			if c.Line > 0 {
				where = fmt.Sprintf("%s:%d", c.File, c.Line)
			}
			if c.Err {
				fmt.Fprintf(e.stderr, "%s: %s: %s\n", where, c.Key, c.Message)
				code = exitInvalid
			} else {
				fmt.Fprintf(e.stdout, "%s: %s: %s\n", where, c.Key, c.Message)
				recorded++
			}
		}
		noun := "hashes"
		if recorded == 1 {
			noun = "hash"
		}
		fmt.Fprintf(e.stdout, "%s: %d %s recorded\n", dir, recorded, noun)
	}
	return code
}
