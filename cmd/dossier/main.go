// Command dossier turns YAML case files about officials and their victims
// into evidence-backed sanctions dossiers.
//
// Usage:
//
//	dossier validate [CASE_DIR ...]
//	dossier build [CASE_DIR ...]
//	dossier version
//
// Run "dossier help COMMAND" for the flags of each command.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/regime"
	"github.com/dossier-project/dossier/templates"
	"github.com/spf13/pflag"
)

// Exit codes, as the README documents them.
const (
	exitOK      = 0 // valid input, outputs written
	exitInvalid = 1 // the input is invalid, or an output could not be written
	exitUsage   = 2 // the command line is wrong
	// exitInterrupted is SIGINT's status, should the handler not have
	// exited first.
	exitInterrupted = 130
)

// command is one subcommand. Each lives in its own cmd_*.go file, which
// owns its flags and help text.
type command struct {
	name    string
	summary string
	usage   string // the argument synopsis after the command's name
	help    string // paragraphs printed after the synopsis
	flags   func(fs *pflag.FlagSet) any
	run     func(env *env, opts any, args []string) int
}

// env is what a command may touch: its output streams and working folder.
// Tests run commands against buffers.
type env struct {
	stdout, stderr io.Writer
	stderrIsTTY    bool
}

var commands []*command

func register(c *command) { commands = append(commands, c) }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line args and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr, stderrIsTTY: isTerminal(stderr)}
	if len(args) == 0 {
		printUsage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "--help", "help":
		if len(args) > 1 && args[0] == "help" {
			if c := lookup(args[1]); c != nil {
				printCommandHelp(stdout, c)
				return exitOK
			}
			var names []string
			for _, c := range commands {
				names = append(names, c.name)
			}
			fmt.Fprintf(stderr, "dossier: no command %q%s\n", args[1], didYouMean(args[1], names))
			return exitUsage
		}
		printUsage(stdout)
		return exitOK
	case "--version":
		args = []string{"version"}
	}
	c := lookup(args[0])
	if c == nil {
		var names []string
		for _, c := range commands {
			names = append(names, c.name)
		}
		fmt.Fprintf(stderr, "dossier: unknown command %q%s\n\n", args[0], didYouMean(args[0], names))
		printUsage(stderr)
		return exitUsage
	}
	fs := pflag.NewFlagSet(c.name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	var opts any
	if c.flags != nil {
		opts = c.flags(fs)
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			printCommandHelp(stdout, c)
			return exitOK
		}
		fmt.Fprintf(stderr, "dossier %s: %v%s\nRun 'dossier help %s' for usage.\n", c.name, err, flagSuggestion(fs, err), c.name)
		return exitUsage
	}
	return c.run(e, opts, fs.Args())
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, `dossier turns YAML case files about officials and their victims into
evidence-backed sanctions dossiers. Every claim is tied to an exact quote
from an archived source, and dossier checks that the quote is really there.

Usage:
  dossier <command> [flags] [arguments]

Commands:
`)
	sorted := append([]*command(nil), commands...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].name < sorted[j].name })
	for _, c := range sorted {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Run 'dossier help <command>' for a command's flags.
Exit codes: 0 success, 1 invalid input or failed output, 2 usage error.
`)
}

func printCommandHelp(w io.Writer, c *command) {
	fmt.Fprintf(w, "Usage: dossier %s %s\n\n%s\n", c.name, c.usage, strings.TrimSpace(c.help))
	if c.flags != nil {
		fs := pflag.NewFlagSet(c.name, pflag.ContinueOnError)
		fs.SortFlags = false
		c.flags(fs)
		fmt.Fprintf(w, "\nFlags:\n%s", fs.FlagUsages())
	}
}

// caseDirs returns the case folders named on the command line, or, when
// there are none, every folder under cases/ that holds a case.yaml.
func caseDirs(args []string) ([]string, error) {
	if len(args) > 0 {
		out := make([]string, len(args))
		for i, a := range args {
			out[i] = caseOf(a)
		}
		return out, nil
	}
	matches, _ := filepath.Glob(filepath.Join("cases", "*", "case.yaml"))
	if len(matches) == 0 {
		return nil, errors.New("no case folders found under cases/; name one, e.g. dossier validate path/to/case")
	}
	dirs := make([]string, len(matches))
	for i, m := range matches {
		dirs[i] = filepath.Dir(m)
	}
	sort.Strings(dirs)
	return dirs, nil
}

// isTerminal reports whether w is a character device (a terminal), so that
// progress lines are shown to people but not written into logs.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// didYouMean returns ` (did you mean "x"?)` for the candidate closest to s,
// or "" when none is close.
func didYouMean(s string, candidates []string) string {
	if n := dossier.Nearest(s, candidates); n != "" {
		return fmt.Sprintf(" (did you mean %q?)", n)
	}
	return ""
}

// caseOf returns the case folder a command-line argument names: the
// argument itself, or, for a file of a case (case.yaml, sources/x.yaml,
// officials/x.yaml, …), the folder holding its case.yaml.
func caseOf(arg string) string {
	info, err := os.Stat(arg)
	if err != nil || info.IsDir() {
		return arg
	}
	dir := filepath.Dir(arg)
	for range 2 {
		if _, err := os.Stat(filepath.Join(dir, "case.yaml")); err == nil {
			return dir
		}
		dir = filepath.Dir(dir)
	}
	return arg
}

// flagSuggestion returns ` (did you mean --x?)` for an unknown long flag
// close to one the command has.
func flagSuggestion(fs *pflag.FlagSet, err error) string {
	name, ok := strings.CutPrefix(err.Error(), "unknown flag: --")
	if !ok {
		return ""
	}
	var names []string
	fs.VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
	if n := dossier.Nearest(name, names); n != "" {
		return fmt.Sprintf(" (did you mean --%s?)", n)
	}
	return ""
}

// regimeSuggestion returns ` (did you mean "x"?)` for the first regime
// asked for that has no profile but is close to one that has.
func regimeSuggestion(templatesDir string, asked []string) string {
	known, err := regime.IDs(templates.FS(templatesDir))
	if err != nil {
		return ""
	}
	for _, a := range asked {
		if !slices.Contains(known, a) {
			return didYouMean(a, known)
		}
	}
	return ""
}

// fullDate reads a flag's date, which must be a full ISO date (a capture
// or download happened on a day), as midnight UTC.
func fullDate(s string) (time.Time, bool) {
	d, err := dossier.ParseDate(s)
	if err != nil || d.Precision != model.Day {
		return time.Time{}, false
	}
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC), true
}
