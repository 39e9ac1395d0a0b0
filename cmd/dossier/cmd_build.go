package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dossier-project/dossier/dossier/build"
	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/regime"
	"github.com/dossier-project/dossier/templates"
	"github.com/spf13/pflag"
)

type buildOptions struct {
	output    string
	formats   string
	audience  string
	regimes   []string
	templates string
	quiet     bool
}

func init() {
	register(&command{
		name:    "build",
		summary: "validate cases and write their dossiers, workbooks and data",
		usage:   "[flags] [CASE_DIR ...]",
		help: `Validates each case folder (default: every folder under cases/) and, when it
has no errors, writes its outputs for one audience to OUTPUT/<case>/, named
<case>[-<official>][-<regime>]-<audience>.<ext>. An invalid case is refused
with the same diagnostics as 'dossier validate', and nothing is written.

Audiences decide who appears by name:
  public    only people whose sensitivity is public (the default)
  partner   public and restricted people
  internal  everyone, with readiness notes
Anyone withheld becomes a stable pseudonym such as "Victim V-07" in every
output, including quotes, file names and document metadata.

Builds are reproducible: the same input gives byte-identical files. The
date stamped into outputs is SOURCE_DATE_EPOCH when set, else the case's date.
Every file is written to a temporary name and renamed, so an interrupted
build never leaves a half-written file.`,
		flags: func(fs *pflag.FlagSet) any {
			o := &buildOptions{}
			fs.StringVarP(&o.output, "output", "o", "output", "folder to write into; each case gets a subfolder")
			fs.StringVar(&o.formats, "format", strings.Join(build.FormatNames(), ","), "comma-separated formats: "+strings.Join(build.FormatNames(), ", "))
			fs.StringVar(&o.audience, "audience", "public", "who the outputs are for: public, partner or internal")
			fs.StringSliceVar(&o.regimes, "regime", nil, "regime profiles to render, comma-separated (default: the case's regimes)")
			fs.StringVar(&o.templates, "templates", "", "read templates and regime profiles from this folder instead of the built-in ones")
			fs.BoolVarP(&o.quiet, "quiet", "q", false, "print nothing but errors")
			return o
		},
		run: runBuild,
	})
}

func runBuild(e *env, opts any, args []string) int {
	o := opts.(*buildOptions)
	formats, err := build.ParseFormats(o.formats)
	if err != nil {
		fmt.Fprintf(e.stderr, "dossier build: %v\n", err)
		return exitUsage
	}
	audience, ok := model.ParseAudience(o.audience)
	if !ok {
		fmt.Fprintf(e.stderr, "dossier build: unknown audience %q (audiences: public, partner, internal)\n", o.audience)
		return exitUsage
	}
	dirs, err := caseDirs(args)
	if err != nil {
		fmt.Fprintf(e.stderr, "dossier build: %v\n", err)
		return exitUsage
	}
	if len(o.regimes) > 0 {
		// A misspelt --regime is a usage error, found before any work.
		if _, err := regime.LoadList(templates.FS(o.templates), o.regimes); err != nil {
			fmt.Fprintf(e.stderr, "dossier build: %v\n", err)
			return exitUsage
		}
	}
	bopts := build.Options{
		OutDir: o.output, Formats: formats, Audience: audience,
		Templates: templates.FS(o.templates), Regimes: o.regimes,
	}
	if e.stderrIsTTY && !o.quiet {
		bopts.Progress = func(done, total int, name string) {
			if name == "" {
				fmt.Fprint(e.stderr, "\r\033[K")
				return
			}
			fmt.Fprintf(e.stderr, "\r\033[K[%d/%d] %s", done+1, total, name)
		}
	}
	code := exitOK
	for _, dir := range dirs {
		res, err := build.Case(dir, bopts)
		for _, d := range res.Diagnostics {
			if d.Severity == "error" || !o.quiet {
				fmt.Fprintln(e.stderr, d)
			}
		}
		if err != nil {
			if errors.Is(err, build.ErrInvalid) {
				fmt.Fprintf(e.stderr, "%s: not built: %s\n", dir, plural(res.Diagnostics.Errors(), "error"))
			} else {
				fmt.Fprintf(e.stderr, "dossier build: %v\n", err)
			}
			code = exitInvalid
			continue
		}
		for _, warning := range res.Warnings {
			fmt.Fprintf(e.stderr, "warning: %s\n", warning)
		}
		if !o.quiet {
			for _, f := range res.Files {
				fmt.Fprintf(e.stdout, "wrote %s\n", f)
			}
		}
	}
	return code
}
