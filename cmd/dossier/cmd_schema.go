package main

import (
	"fmt"
	"strings"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/schema"
	"github.com/dossier-project/dossier/templates"
	"github.com/spf13/pflag"
)

type schemaOptions struct {
	out       string
	templates string
}

func init() {
	register(&command{
		name:    "schema",
		summary: "print the JSON Schema of a kind of case file, for editors",
		usage:   "[flags] [case|source|official|victim]",
		help: `Prints the JSON Schema (draft 2020-12) of one kind of case file on stdout,
generated from the validator's own definitions: every field with its
description, required fields, dates, and the controlled vocabularies as
enums with their labels.

With --out DIR, writes the schema of each kind named (default: all of them) to
DIR/<kind>.schema.json instead. "dossier new case" does this for the case's
own schema/ folder; run it again after upgrading dossier.

A case file that begins with a line such as
  # yaml-language-server: $schema=../schema/official.schema.json
is then checked and completed as you type in VS Code (with the YAML
extension), Neovim, Helix, Zed and other editors that use the YAML language
server.`,
		flags: func(fs *pflag.FlagSet) any {
			o := &schemaOptions{}
			fs.StringVar(&o.out, "out", "", "write KIND.schema.json files into this folder instead of printing")
			fs.StringVar(&o.templates, "templates", "", "read vocabularies and field descriptions from this folder as well as the built-in ones")
			return o
		},
		run: runSchema,
	})
}

func runSchema(e *env, opts any, args []string) int {
	o := opts.(*schemaOptions)
	kinds := args
	if len(kinds) == 0 {
		if o.out == "" {
			fmt.Fprintf(e.stderr, "dossier schema: name a kind (%s), or give --out DIR to write them all\n", strings.Join(dossier.KindNames, ", "))
			return exitUsage
		}
		kinds = dossier.KindNames
	}
	if len(kinds) > 1 && o.out == "" {
		fmt.Fprintln(e.stderr, "dossier schema: name one kind, or give --out DIR to write several")
		return exitUsage
	}
	for _, k := range kinds {
		if _, ok := dossier.Kinds[k]; !ok {
			fmt.Fprintf(e.stderr, "dossier schema: no kind of case file %q%s (kinds: %s)\n", k, didYouMean(k, dossier.KindNames), strings.Join(dossier.KindNames, ", "))
			return exitUsage
		}
	}
	fsys := templates.FS(o.templates)
	files, err := schema.GenerateAll(fsys, kinds)
	if err != nil {
		fmt.Fprintf(e.stderr, "dossier schema: %v\n", err)
		return exitInvalid
	}
	if o.out == "" {
		e.stdout.Write(files[kinds[0]])
		return exitOK
	}
	paths, err := schema.WriteDir(o.out, files)
	for _, p := range paths {
		fmt.Fprintln(e.stdout, p)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "dossier schema: %v\n", err)
		return exitInvalid
	}
	return exitOK
}
