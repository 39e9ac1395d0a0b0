package main

import (
	"fmt"
	"strings"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/capture"
	"github.com/dossier-project/dossier/templates"
	"github.com/spf13/pflag"
)

type sourceOptions struct {
	caseDir   string
	opts      capture.Options
	retrieved string
	templates string
}

func init() {
	register(&command{
		name:    "source",
		summary: "add a source (text, web page or PDF) to a case, archived and hashed",
		usage:   "add [flags] FILE",
		help: `"dossier source add FILE" archives FILE as a new source of the case:

  a .txt file      is the archived text as it is (it must be UTF-8);
  an HTML page     is kept as the captured original (sources/ID.html) and its
                   text extracted (golang.org/x/net/html) into sources/ID.txt;
  a PDF            is kept as the captured original (sources/ID.pdf) and its
                   text extracted with pdftotext (poppler-utils) into
                   sources/ID.txt; without pdftotext, or for a scan, give the
                   text yourself with --text.

It writes sources/ID.yaml with the sha256 of each file, the URL and the
date of capture, the capture record (--captured-by, --method, --extent;
reprints and translations are written in the file by hand), and prints the
new id. Quotes are checked against the .txt;
the original is the evidentiary copy and must never be modified. Nothing is
ever overwritten. Then find quotes with: dossier quote ID "words…"`,
		flags: func(fs *pflag.FlagSet) any {
			o := &sourceOptions{}
			fs.StringVar(&o.caseDir, "case", "", "the case folder (default: the current folder, or the only case under cases/)")
			fs.StringVar(&o.opts.Title, "title", "", "the source's title as it gives it (default: the file's name)")
			fs.StringVar(&o.opts.URL, "url", "", "where the file was obtained")
			fs.StringVar(&o.opts.Type, "type", "other", "source type: news_article, ngo_statement, report, … (see dossier schema source)")
			fs.StringVar(&o.opts.ID, "id", "", "the source's id (default: from the title)")
			fs.StringVar(&o.opts.TextFile, "text", "", "the original's text, extracted by you (for a scanned PDF, say)")
			fs.StringVar(&o.retrieved, "retrieved", "", "date of capture (default: today)")
			fs.StringVar(&o.opts.ArchiveURL, "archive-url", "", "address of an archived copy (e.g. web.archive.org)")
			fs.StringVar(&o.opts.CapturedBy, "captured-by", "", "who captured it: a role or organisation, e.g. \"research team, Example Watch\"")
			vocab := dossier.Vocab()
			fs.StringVar(&o.opts.Method, "method", "", "how: "+strings.Join(vocab["capture_methods"].Values, ", "))
			fs.StringVar(&o.opts.Extent, "extent", "", "whether the whole document: "+strings.Join(vocab["capture_extents"].Values, " or "))
			fs.StringVar(&o.templates, "templates", "", "read vocabularies from this folder as well as the built-in ones")
			return o
		},
		run: runSource,
	})
}

func runSource(e *env, opts any, args []string) int {
	o := opts.(*sourceOptions)
	if len(args) != 2 || args[0] != "add" {
		hint := ""
		if len(args) > 0 && args[0] != "add" {
			hint = didYouMean(args[0], []string{"add"})
		}
		fmt.Fprintf(e.stderr, "dossier source: usage: dossier source add [flags] FILE%s\n", hint)
		return exitUsage
	}
	if o.retrieved != "" {
		var ok bool
		if o.opts.Retrieved, ok = fullDate(o.retrieved); !ok {
			fmt.Fprintf(e.stderr, "dossier source add: --retrieved must be a full date such as 2024-05-01\n")
			return exitUsage
		}
	}
	dir, err := findCase(o.caseDir)
	if err != nil {
		fmt.Fprintf(e.stderr, "dossier source add: %v\n", err)
		return exitUsage
	}
	vocab, err := dossier.LoadVocabulary(templates.FS(o.templates))
	if err != nil {
		fmt.Fprintf(e.stderr, "dossier source add: %v\n", err)
		return exitInvalid
	}
	res, err := capture.Add(dir, args[1], o.opts, vocab)
	if err != nil {
		fmt.Fprintf(e.stderr, "dossier source add: %v\n", err)
		return exitInvalid
	}
	for _, f := range res.Files {
		fmt.Fprintln(e.stdout, f)
	}
	fmt.Fprintf(e.stdout, "added source %s; fill in its type, publisher and date in %s, then: dossier quote %s \"words…\"\n", res.ID, res.Files[len(res.Files)-1], res.ID)
	return exitOK
}
