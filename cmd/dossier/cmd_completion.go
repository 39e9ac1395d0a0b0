package main

import (
	"fmt"
	"strings"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/build"
	"github.com/dossier-project/dossier/dossier/completion"
	"github.com/dossier-project/dossier/dossier/regime"
	"github.com/dossier-project/dossier/templates"
	"github.com/spf13/pflag"
)

func init() {
	register(&command{
		name:    "completion",
		summary: "print a shell completion script (bash, zsh or fish)",
		usage:   "bash|zsh|fish",
		help: `Prints a script that completes dossier's commands, flags and their fixed
values (audiences, formats, regimes, kinds of file) in your shell:

  bash   source <(dossier completion bash)         (add it to ~/.bashrc)
  zsh    source <(dossier completion zsh)          (add it to ~/.zshrc)
  fish   dossier completion fish > ~/.config/fish/completions/dossier.fish`,
		run: runCompletion,
	})
}

// firstArgs are the words a command's first argument may be.
var firstArgs = map[string][]string{
	"new":        newKinds,
	"schema":     dossier.KindNames,
	"source":     {"add"},
	"completion": completion.Shells,
}

// fileFlags take a file or folder.
var fileFlags = map[string]bool{"templates": true, "case": true, "out": true, "output": true, "text": true}

func runCompletion(e *env, _ any, args []string) int {
	if len(args) != 1 {
		fmt.Fprintf(e.stderr, "dossier completion: name a shell: %s\n", strings.Join(completion.Shells, ", "))
		return exitUsage
	}
	script, err := completion.Script(args[0], "dossier", describeCommands())
	if err != nil {
		fmt.Fprintf(e.stderr, "dossier completion: %v%s\n", err, didYouMean(args[0], completion.Shells))
		return exitUsage
	}
	fmt.Fprint(e.stdout, script)
	return exitOK
}

// describeCommands lists the registered commands with their flags, as the
// completion scripts need them.
func describeCommands() []completion.Command {
	regimes, _ := regime.IDs(templates.Embedded())
	var out []completion.Command
	for _, c := range commands {
		cc := completion.Command{Name: c.name, Summary: c.summary, Args: firstArgs[c.name]}
		if c.flags != nil {
			fs := pflag.NewFlagSet(c.name, pflag.ContinueOnError)
			c.flags(fs)
			fs.VisitAll(func(f *pflag.Flag) {
				cf := completion.Flag{Name: f.Name, Usage: f.Usage, Bool: f.Value.Type() == "bool", File: fileFlags[f.Name]}
				switch {
				case f.Name == "audience":
					cf.Values = []string{"public", "partner", "internal"}
				case f.Name == "regime":
					cf.Values = regimes
				case f.Name == "format" && c.name == "build":
					cf.Values = build.FormatNames()
				case f.Name == "format":
					cf.Values = []string{"text", "json"}
				case f.Name == "kind":
					cf.Values = []string{"person", "organisation"}
				}
				cc.Flags = append(cc.Flags, cf)
			})
		}
		out = append(out, cc)
	}
	return out
}
