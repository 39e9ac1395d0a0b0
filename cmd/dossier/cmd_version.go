package main

import (
	"fmt"
	"runtime/debug"
)

// version is set at link time with -ldflags "-X main.version=v1.2.3";
// otherwise the module version from the build info is used.
var version = ""

func init() {
	register(&command{
		name:    "version",
		summary: "print dossier's version",
		help:    "Prints the version of this dossier binary.",
		run: func(e *env, _ any, args []string) int {
			if len(args) > 0 {
				fmt.Fprintln(e.stderr, "dossier version: takes no arguments")
				return exitUsage
			}
			fmt.Fprintf(e.stdout, "dossier %s\n", versionString())
			return exitOK
		},
	})
}

func versionString() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}
