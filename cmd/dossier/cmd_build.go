package main

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

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
	sign      string
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
The output folder holds one complete build of each audience and format:
files an earlier build of the same audience and format wrote and this one
no longer produces (a regime dropped, an id renamed) are removed, and each
build records what it wrote in a hidden manifest,
.dossier-<audience>-<format>.manifest. Files no manifest lists are never
touched; those named like outputs are reported. New files are staged under
temporary names and put in place together, so an interrupted build (Ctrl-C,
a crash, a full disk) leaves the previous complete set or the new one; the
next build into the folder finishes or cleans up after it.`,
		flags: func(fs *pflag.FlagSet) any {
			o := &buildOptions{}
			fs.StringVarP(&o.output, "output", "o", "output", "folder to write into; each case gets a subfolder")
			fs.StringVar(&o.formats, "format", strings.Join(build.FormatNames(), ","), "comma-separated formats: "+strings.Join(build.FormatNames(), ", "))
			fs.StringVar(&o.audience, "audience", "public", "who the outputs are for: public, partner or internal")
			fs.StringSliceVar(&o.regimes, "regime", nil, "regime profiles to render, comma-separated (default: the case's regimes)")
			fs.StringVar(&o.templates, "templates", "", "read templates and regime profiles from this folder instead of the built-in ones")
			fs.BoolVarP(&o.quiet, "quiet", "q", false, "print nothing but errors")
			fs.StringVar(&o.sign, "sign", "", "sign each evidence bundle's MANIFEST.sha256 with this SSH private key (as ssh-keygen -Y sign -n file)")
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
			fmt.Fprintf(e.stderr, "dossier build: %v%s\n", err, regimeSuggestion(o.templates, o.regimes))
			return exitUsage
		}
	}
	bopts := build.Options{
		OutDir: o.output, Formats: formats, Audience: audience,
		Templates: templates.FS(o.templates), Regimes: o.regimes,
	}
	if o.sign != "" {
		sign, code := bundleSigner(e, o.sign, formats)
		if sign == nil {
			return code
		}
		bopts.SignManifest = sign
	}
	if e.stderrIsTTY && !o.quiet {
		bopts.Progress = func(done, total int, name string) {
			if name == "" {
				fmt.Fprint(e.stderr, "\r\033[K")
				return
			}
			if total == 0 { // formats are written as they are rendered: the count is not known yet
				fmt.Fprintf(e.stderr, "\r\033[K[%d] %s", done+1, name)
				return
			}
			fmt.Fprintf(e.stderr, "\r\033[K[%d/%d] %s", done+1, total, name)
		}
	}
	defer handleInterrupts(e)()
	code := exitOK
	for _, dir := range dirs {
		res, err := build.Case(dir, bopts)
		if errors.Is(err, build.ErrInterrupted) {
			// The signal handler stopped the writing and is about to exit
			// with the signal's status; let it, rather than racing it to
			// exit 1.
			time.Sleep(10 * time.Second)
			return exitInterrupted
		}
		for _, n := range res.Notices {
			if !o.quiet {
				fmt.Fprintf(e.stderr, "note: %s\n", n)
			}
		}
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
			for _, f := range res.Removed {
				fmt.Fprintf(e.stdout, "removed %s (an earlier build wrote it; this one does not)\n", f)
			}
		}
	}
	return code
}

// handleInterrupts makes Ctrl-C (SIGINT) and SIGTERM stop a build cleanly:
// new files being staged are dropped and the folder keeps its previous
// build, while new files being put in place (milliseconds) are finished
// first. It returns the function that restores the default handling.
func handleInterrupts(e *env) (stop func()) {
	signals := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case sig := <-signals:
			build.Interrupted()
			fmt.Fprintln(e.stderr, "dossier build: interrupted; every output folder holds a complete build, the previous one or, where it was being put in place, the new one")
			code := 130
			if s, ok := sig.(syscall.Signal); ok {
				code = 128 + int(s)
			}
			os.Exit(code)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(signals)
		close(done)
	}
}
