package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/quote"
	"github.com/spf13/pflag"
)

type quoteOptions struct {
	caseDir string
}

func init() {
	register(&command{
		name:    "quote",
		summary: "find words in a source and print a ready-to-paste evidence item",
		usage:   "[--case DIR] SOURCE WORDS...",
		help: `Looks for WORDS in the archived text of SOURCE (a source id, or the path of
its sources/<id>.yaml), comparing exactly as validation compares quotes
(white space, curly and straight quotes, dashes alike; letter case
significant), and prints an evidence item to paste under a claim, preceded
by the paragraph it sits in so you can check it says what you claim:

  # paragraph 2 of report: Jana Novák was detained by the Oakvale City …
  - source: report
    quote: questioned for six hours

When the words occur more than once, every place is printed and a note on
stderr asks for a longer quote. When they do not occur, the closest passage
is shown as the source has it, with the differing words marked, and the
exit status is 1.

Without --case, the case is the one holding SOURCE's file, the current
folder if it holds case.yaml, or the only case under cases/.`,
		flags: func(fs *pflag.FlagSet) any {
			o := &quoteOptions{}
			fs.StringVar(&o.caseDir, "case", "", "the case folder")
			return o
		},
		run: runQuote,
	})
}

func runQuote(e *env, opts any, args []string) int {
	o := opts.(*quoteOptions)
	if len(args) < 2 {
		fmt.Fprintln(e.stderr, "dossier quote: want a source and the words to find, e.g. dossier quote report \"questioned for six hours\"")
		return exitUsage
	}
	id, dir := args[0], o.caseDir
	if strings.HasSuffix(id, ".yaml") {
		if dir == "" {
			dir = filepath.Dir(filepath.Dir(id))
		}
		id = strings.TrimSuffix(filepath.Base(id), ".yaml")
	}
	if dir == "" {
		var err error
		if dir, err = findCase(""); err != nil {
			fmt.Fprintf(e.stderr, "dossier quote: %v\n", err)
			return exitUsage
		}
	}
	words := strings.Join(args[1:], " ")
	c, ds := dossier.Load(dir)
	if c == nil {
		for _, d := range ds {
			fmt.Fprintln(e.stderr, d)
		}
		return exitInvalid
	}
	var src *dossier.Source
	var ids []string
	for _, s := range c.Sources {
		ids = append(ids, s.ID)
		if s.ID == id {
			src = s
		}
	}
	if src == nil {
		fmt.Fprintf(e.stderr, "dossier quote: %s has no source %q%s; its sources: %s\n", dir, id, didYouMean(id, ids), strings.Join(ids, ", "))
		return exitInvalid
	}
	found, err := src.Find(words)
	if err != nil {
		fmt.Fprintf(e.stderr, "dossier quote: %s: %v (%s)\n", id, err, src.File)
		return exitInvalid
	}
	if len(found) == 0 {
		fmt.Fprintf(e.stderr, "dossier quote: not found in source %q\n", id)
		if h := src.Suggest(words, c.Sources); h != "" {
			fmt.Fprintf(e.stderr, "    hint: %s\n", h)
		}
		return exitInvalid
	}
	for i, p := range found {
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		fmt.Fprint(e.stdout, quote.Item(id, p))
	}
	if len(found) > 1 {
		var paras []string
		for _, p := range found {
			paras = append(paras, fmt.Sprint(p.Paragraph))
		}
		fmt.Fprintf(e.stderr, "dossier quote: the words occur %d times in %q (paragraphs %s); quote more of the passage you mean so the citation points at it\n", len(found), id, strings.Join(paras, ", "))
	}
	return exitOK
}
