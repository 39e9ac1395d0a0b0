package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/scaffold"
	"github.com/dossier-project/dossier/templates"
	"github.com/spf13/pflag"
)

type newOptions struct {
	caseDir   string
	title     string
	country   string
	date      string
	kind      string
	templates string
}

func init() {
	register(&command{
		name:    "new",
		summary: "start a case, an official or a victim file with every field explained",
		usage:   "case DIR --country C [--title T] | official NAME [--case DIR] | victim NAME [--case DIR]",
		help: `Writes a new case file with every field of the format present and a comment
saying what goes there. Each file begins with a line that lets editors
(VS Code with the YAML extension, and others using the YAML language server)
validate and complete it as you type, against the schemas in the case's
schema/ folder. dossier new never overwrites a file.

  dossier new case cases/my-case --country Examplestan --title "…"
      creates the folder with case.yaml, sources/, officials/, victims/
      and schema/; the new case validates straight away.
  dossier new official "R. Stone" --case cases/my-case
      writes officials/r-stone.yaml (the id is the name, transliterated
      to ASCII: "Иван Петров" → ivan-petrov).
  dossier new victim "Jana Novák" --case cases/my-case
      writes victims/jana-novak.yaml with sensitivity: restricted
      written out, so the person is withheld from public outputs until
      you decide otherwise.

Without --case, the case is the current folder if it holds case.yaml, or
the only case under cases/.`,
		flags: func(fs *pflag.FlagSet) any {
			o := &newOptions{}
			fs.StringVar(&o.caseDir, "case", "", "the case folder to add an official or victim to")
			fs.StringVar(&o.title, "title", "", "new case: its title (default: from the folder's name)")
			fs.StringVar(&o.country, "country", "", "new case: the country concerned (required)")
			fs.StringVar(&o.date, "date", "", "new case: its date (default: today)")
			fs.StringVar(&o.kind, "kind", "person", "new official: person or organisation")
			fs.StringVar(&o.templates, "templates", "", "read vocabularies and field descriptions from this folder as well as the built-in ones")
			return o
		},
		run: runNew,
	})
}

var newKinds = []string{"case", "official", "victim"}

func runNew(e *env, opts any, args []string) int {
	o := opts.(*newOptions)
	if len(args) != 2 {
		fmt.Fprintf(e.stderr, "dossier new: want a kind (case, official or victim) and a folder or name\nRun 'dossier help new' for usage.\n")
		return exitUsage
	}
	kind, arg := args[0], args[1]
	w, err := scaffold.NewWriter(templates.FS(o.templates))
	if err != nil {
		fmt.Fprintf(e.stderr, "dossier new: %v\n", err)
		return exitInvalid
	}
	switch kind {
	case "case":
		if o.country == "" {
			fmt.Fprintln(e.stderr, "dossier new case: give the country concerned with --country, e.g. --country Kazakhstan")
			return exitUsage
		}
		title := o.title
		if title == "" {
			title = strings.ReplaceAll(filepath.Base(arg), "-", " ")
		}
		date := o.date
		if date == "" {
			date = time.Now().Format("2006-01-02")
		}
		if _, err := dossier.ParseDate(date); err != nil {
			fmt.Fprintf(e.stderr, "dossier new case: --date: %v\n", err)
			return exitUsage
		}
		written, err := w.Case(arg, title, o.country, date)
		for _, p := range written {
			fmt.Fprintln(e.stdout, p)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "dossier new case: %v\n", err)
			return exitInvalid
		}
		fmt.Fprintf(e.stdout, "next: dossier source add FILE --case %s, then dossier new official NAME --case %s\n", arg, arg)
		return exitOK
	case "official", "victim":
		dir, err := findCase(o.caseDir)
		if err != nil {
			fmt.Fprintf(e.stderr, "dossier new %s: %v\n", kind, err)
			return exitUsage
		}
		var path string
		if kind == "official" {
			if o.kind != "person" && o.kind != "organisation" {
				fmt.Fprintf(e.stderr, "dossier new official: --kind must be person or organisation, not %q%s\n", o.kind, didYouMean(o.kind, []string{"person", "organisation"}))
				return exitUsage
			}
			path, err = w.Official(dir, arg, o.kind)
		} else {
			path, err = w.Victim(dir, arg)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "dossier new %s: %v\n", kind, err)
			if errors.Is(err, scaffold.ErrExists) {
				fmt.Fprintln(e.stderr, "  hint: if this is another person of the same name, name the file yourself (e.g. add the birth year) and record the distinction in notes")
			}
			return exitInvalid
		}
		fmt.Fprintln(e.stdout, path)
		return exitOK
	}
	fmt.Fprintf(e.stderr, "dossier new: no kind %q%s; kinds: case, official, victim\n", kind, didYouMean(kind, newKinds))
	return exitUsage
}

// findCase returns the case folder to work in: the one given, the current
// folder when it holds case.yaml, or the only case under cases/.
func findCase(given string) (string, error) {
	if given != "" {
		return given, nil
	}
	if _, err := os.Stat("case.yaml"); err == nil {
		return ".", nil
	}
	dirs, err := caseDirs(nil)
	if err != nil || len(dirs) != 1 {
		return "", fmt.Errorf("name the case folder with --case DIR")
	}
	return dirs[0], nil
}
