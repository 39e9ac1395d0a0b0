// Package completion writes shell completion scripts for bash, zsh and
// fish from a description of a program's commands, so the scripts list
// exactly the commands and flags the program has.
package completion

import (
	"fmt"
	"sort"
	"strings"
)

// Flag is one long flag of a command.
type Flag struct {
	Name   string   // without the dashes
	Usage  string   // one line
	Values []string // the values it takes, when they are a fixed set
	File   bool     // it takes a file or folder
	Bool   bool     // it takes no value
}

// Command is one subcommand.
type Command struct {
	Name    string
	Summary string
	Flags   []Flag
	Args    []string // words its first argument may be (e.g. new: case, official, victim)
}

// Shells are the shells a script can be written for.
var Shells = []string{"bash", "zsh", "fish"}

// Script returns the completion script of prog for shell.
func Script(shell, prog string, cmds []Command) (string, error) {
	cmds = append([]Command(nil), cmds...)
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].Name < cmds[j].Name })
	switch shell {
	case "bash":
		return bash(prog, cmds), nil
	case "zsh":
		return zsh(prog, cmds), nil
	case "fish":
		return fish(prog, cmds), nil
	}
	return "", fmt.Errorf("no completion for shell %q (shells: %s)", shell, strings.Join(Shells, ", "))
}

func names(cmds []Command) string {
	var n []string
	for _, c := range cmds {
		n = append(n, c.Name)
	}
	return strings.Join(n, " ")
}

func fn(prog string) string { return "_" + strings.ReplaceAll(prog, "-", "_") + "_complete" }

// bash: commands, then each command's flags, fixed flag values and first
// arguments; files and folders otherwise.
func bash(prog string, cmds []Command) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# bash completion for %s; load with: source <(%s completion bash)\n", prog, prog)
	fmt.Fprintf(&b, "%s() {\n", fn(prog))
	b.WriteString("  local cur prev cmd\n  cur=\"${COMP_WORDS[COMP_CWORD]}\"\n  prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n  cmd=\"${COMP_WORDS[1]}\"\n")
	fmt.Fprintf(&b, "  if [ \"$COMP_CWORD\" -eq 1 ]; then\n    COMPREPLY=($(compgen -W \"%s help\" -- \"$cur\"))\n    return\n  fi\n", names(cmds))
	b.WriteString("  case \"$cmd\" in\n")
	for _, c := range cmds {
		fmt.Fprintf(&b, "  %s)\n", c.Name)
		var flags []string
		var valueCases []string
		for _, f := range c.Flags {
			flags = append(flags, "--"+f.Name)
			if len(f.Values) > 0 {
				valueCases = append(valueCases, fmt.Sprintf("      --%s) COMPREPLY=($(compgen -W %q -- \"$cur\")); return ;;\n", f.Name, strings.Join(f.Values, " ")))
			} else if f.File {
				valueCases = append(valueCases, fmt.Sprintf("      --%s) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n", f.Name))
			}
		}
		if len(valueCases) > 0 {
			b.WriteString("    case \"$prev\" in\n")
			for _, v := range valueCases {
				b.WriteString(v)
			}
			b.WriteString("    esac\n")
		}
		fmt.Fprintf(&b, "    if [[ \"$cur\" == -* ]]; then COMPREPLY=($(compgen -W %q -- \"$cur\")); return; fi\n", strings.Join(flags, " "))
		if len(c.Args) > 0 {
			fmt.Fprintf(&b, "    if [ \"$COMP_CWORD\" -eq 2 ]; then COMPREPLY=($(compgen -W %q -- \"$cur\")); return; fi\n", strings.Join(c.Args, " "))
		}
		b.WriteString("    ;;\n")
	}
	fmt.Fprintf(&b, "  help)\n    COMPREPLY=($(compgen -W \"%s\" -- \"$cur\")); return ;;\n", names(cmds))
	b.WriteString("  esac\n  COMPREPLY=($(compgen -f -- \"$cur\"))\n}\n")
	fmt.Fprintf(&b, "complete -o filenames -F %s %s\n", fn(prog), prog)
	return b.String()
}

// zsh: a native completion function using _arguments per command.
func zsh(prog string, cmds []Command) string {
	var b strings.Builder
	fmt.Fprintf(&b, "#compdef %s\n# zsh completion for %s; load with: source <(%s completion zsh)\n", prog, prog, prog)
	fmt.Fprintf(&b, "%s() {\n  local -a commands\n  commands=(\n", fn(prog))
	for _, c := range cmds {
		fmt.Fprintf(&b, "    %s\n", zshQuote(c.Name+":"+c.Summary))
	}
	b.WriteString("    'help:show a command'\"'\"'s flags'\n  )\n")
	b.WriteString("  if (( CURRENT == 2 )); then\n    _describe 'command' commands\n    return\n  fi\n")
	b.WriteString("  local cmd=${words[2]}\n  shift 1 words\n  (( CURRENT-- ))\n  case $cmd in\n")
	for _, c := range cmds {
		fmt.Fprintf(&b, "  %s)\n    _arguments -s", c.Name)
		for _, f := range c.Flags {
			spec := "--" + f.Name + "[" + zshBracket(f.Usage) + "]"
			switch {
			case f.Bool:
			case len(f.Values) > 0:
				spec += ":" + f.Name + ":(" + strings.Join(f.Values, " ") + ")"
			case f.File:
				spec += ":" + f.Name + ":_files"
			default:
				spec += ":" + f.Name + ": "
			}
			fmt.Fprintf(&b, " \\\n      %s", zshQuote(spec))
		}
		if len(c.Args) > 0 {
			fmt.Fprintf(&b, " \\\n      %s", zshQuote("1:argument:("+strings.Join(c.Args, " ")+")"))
		}
		b.WriteString(" \\\n      '*:file:_files'\n    ;;\n")
	}
	fmt.Fprintf(&b, "  help)\n    _values 'command' %s\n    ;;\n  esac\n}\n", names(cmds))
	fmt.Fprintf(&b, "if [ \"$funcstack[1]\" = \"_%s\" ]; then %s \"$@\"; else compdef %s %s; fi\n", prog, fn(prog), fn(prog), prog)
	return b.String()
}

func zshQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'"'"'`) + "'" }

func zshBracket(s string) string {
	return strings.NewReplacer("[", "(", "]", ")", ":", " -").Replace(s)
}

// fish: one complete line per command and flag.
func fish(prog string, cmds []Command) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# fish completion for %s; load with: %s completion fish | source\n", prog, prog)
	fmt.Fprintf(&b, "complete -c %s -f\n", prog)
	for _, c := range cmds {
		fmt.Fprintf(&b, "complete -c %s -n __fish_use_subcommand -a %s -d %s\n", prog, c.Name, fishQuote(c.Summary))
	}
	fmt.Fprintf(&b, "complete -c %s -n __fish_use_subcommand -a help -d 'show a command'\\''s flags'\n", prog)
	for _, c := range cmds {
		cond := "'__fish_seen_subcommand_from " + c.Name + "'"
		for _, f := range c.Flags {
			line := fmt.Sprintf("complete -c %s -n %s -l %s -d %s", prog, cond, f.Name, fishQuote(f.Usage))
			switch {
			case f.Bool:
			case len(f.Values) > 0:
				line += " -x -a " + fishQuote(strings.Join(f.Values, " "))
			case f.File:
				line += " -r -F"
			default:
				line += " -x"
			}
			b.WriteString(line + "\n")
		}
		if len(c.Args) > 0 {
			fmt.Fprintf(&b, "complete -c %s -n %s -a %s\n", prog, cond, fishQuote(strings.Join(c.Args, " ")))
		}
		fmt.Fprintf(&b, "complete -c %s -n %s -F\n", prog, cond)
	}
	fmt.Fprintf(&b, "complete -c %s -n '__fish_seen_subcommand_from help' -a %s\n", prog, fishQuote(names(cmds)))
	return b.String()
}

func fishQuote(s string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "'", `\'`) + "'"
}
