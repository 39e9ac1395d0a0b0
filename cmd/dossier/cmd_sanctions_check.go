package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/ftm"
	"github.com/dossier-project/dossier/dossier/sanctions"
	"github.com/dossier-project/dossier/dossier/sanctions/record"
	"github.com/dossier-project/dossier/templates"
	"github.com/spf13/pflag"
	"gopkg.in/yaml.v3"
)

type sanctionsCheckOptions struct {
	dataset   string
	format    string
	threshold float64
	limit     int
	maxLine   int
	templates string
	write     []string
	publisher string
	retrieved string
}

func init() {
	register(&command{
		name:    "sanctions-check",
		summary: "find who has already sanctioned each official, in an FtM dataset",
		usage:   "--dataset FILE [flags] [CASE_DIR ...]",
		help: `Reads a sanctions dataset in FollowTheMoney JSON lines (as OpenSanctions
publishes its collections, e.g. the "entities.ftm.json" of its default
or sanctions collection, downloaded once and kept offline; dossier's own
--format ftm output works too) and reports, for each official of each case
folder (default: every folder under cases/), the dataset's people or bodies
that are probably the official, best first, with the Sanctions that point
at them: authority, programme and dates.

Names and aliases are compared after the folding and transliteration the
duplicate check uses (case, diacritics, Cyrillic, spelling variants such
as Kh/H, Zh/J, Y/I and double letters, word order). A score runs from 0 to
1: the name gives up to 0.80; a birth date that agrees adds 0.10 and one
that disagrees takes 0.35; a nationality adds 0.05 or takes 0.10; a
position adds 0.05. Each match lists the fields that matched and
conflicted. A match is a lead to check, never proof of identity.

The dataset is streamed, twice when something matched (the second time for
the Sanctions), so its size does not matter; a line longer than
--max-line bytes or not an FtM entity is an error naming the line.

Recording a confirmed match (never done unasked): --write OFFICIAL=ENTITY,
repeatable, where OFFICIAL is an official's id and ENTITY the id of one of
its matches (every Sanction of it is recorded) or of one Sanction the
report lists under a match. For each Sanction, the dataset's record (the
Sanction's line and the matched entity's, exactly as read) is archived as a
new source, sources/sanction-<id>.txt with its .yaml (type, title, URL,
--retrieved date, --publisher, and a note that it is a dataset's copy, not
the authority's list), and the official's file gains an existing_sanctions
entry (authority, programme, date, and regime when the programme names a
recipient's regime) whose evidence quotes that record. Comments and key
order are kept; nothing is overwritten; a Sanction recorded already is
reported, not written twice; the case is validated afterwards and
everything written is undone if it does not validate.

  dossier sanctions-check cases/kazakhstan --dataset entities.ftm.json \
      --write k-kasymov=NK-abc123 --publisher OpenSanctions --retrieved 2026-11-02

Exit status: 0 whether or not matches are found, 1 on bad input (the
dataset or a case, or a --write that fits no match), 2 usage error.`,
		flags: func(fs *pflag.FlagSet) any {
			o := &sanctionsCheckOptions{}
			fs.StringVar(&o.dataset, "dataset", "", "the FtM JSON-lines file to check against (required)")
			fs.StringVar(&o.format, "format", "text", "output format: text or json")
			fs.Float64Var(&o.threshold, "threshold", 0.7, "the least score reported, from 0 to 1")
			fs.IntVar(&o.limit, "limit", 10, "the most matches reported per official")
			fs.IntVar(&o.maxLine, "max-line", 16<<20, "the longest line read, in bytes")
			fs.StringVar(&o.templates, "templates", "", "read templates from this folder as well as the built-in ones")
			fs.StringArrayVar(&o.write, "write", nil, "record a confirmed match: OFFICIAL_ID=ENTITY_ID (repeatable; one case folder)")
			fs.StringVar(&o.publisher, "publisher", "", "with --write: the dataset's publisher, e.g. OpenSanctions")
			fs.StringVar(&o.retrieved, "retrieved", "", "with --write: the date the dataset was downloaded (default: the file's date)")
			return o
		},
		run: runSanctionsCheck,
	})
}

// sanctionsText is templates/text/sanctions.yaml.
type sanctionsText struct {
	Stopwords []string          `yaml:"stopwords"`
	Labels    map[string]string `yaml:"labels"`
	Write     record.Text       `yaml:"write"`
}

func loadSanctionsText(fsys fs.FS) (*sanctionsText, error) {
	const path = "text/sanctions.yaml"
	data, err := fs.ReadFile(fsys, path)
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	t := &sanctionsText{}
	if err := yaml.Unmarshal(data, t); err != nil {
		return nil, fmt.Errorf("templates/%s: %w", path, err)
	}
	for _, key := range []string{"dataset", "official", "no_match", "match", "sanction", "program", "listed", "from", "until", "no_sanction", "topics", "matched", "conflicted", "summary", "written"} {
		if t.Labels[key] == "" {
			return nil, fmt.Errorf("templates/%s: labels.%s is missing", path, key)
		}
	}
	return t, nil
}

// label fills a label's {key}s.
func (t *sanctionsText) label(key string, pairs ...string) string {
	s := t.Labels[key]
	for i := 0; i+1 < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, "{"+pairs[i]+"}", pairs[i+1])
	}
	return s
}

func runSanctionsCheck(e *env, opts any, args []string) int {
	o := opts.(*sanctionsCheckOptions)
	switch {
	case o.dataset == "":
		fmt.Fprintln(e.stderr, "dossier sanctions-check: --dataset FILE is required (an FtM JSON-lines file, e.g. OpenSanctions' entities.ftm.json)")
		return exitUsage
	case o.format != "text" && o.format != "json":
		fmt.Fprintf(e.stderr, "dossier sanctions-check: --format must be text or json, not %q\n", o.format)
		return exitUsage
	case o.threshold <= 0 || o.threshold > 1:
		fmt.Fprintf(e.stderr, "dossier sanctions-check: --threshold must be above 0 and at most 1, not %g\n", o.threshold)
		return exitUsage
	case o.limit < 1 || o.maxLine < 1:
		fmt.Fprintln(e.stderr, "dossier sanctions-check: --limit and --max-line must be positive")
		return exitUsage
	}
	dirs, err := caseDirs(args)
	if err != nil {
		fmt.Fprintf(e.stderr, "dossier sanctions-check: %v\n", err)
		return exitUsage
	}
	confirmed, retrieved, msg := writeRequest(o, dirs)
	if msg != "" {
		fmt.Fprintf(e.stderr, "dossier sanctions-check: %s\n", msg)
		return exitUsage
	}
	tfs := templates.FS(o.templates)
	text, err := loadSanctionsText(tfs)
	if err != nil {
		fmt.Fprintf(e.stderr, "dossier sanctions-check: %v\n", err)
		return exitInvalid
	}
	country, err := ftm.Countries(tfs)
	if err != nil {
		fmt.Fprintf(e.stderr, "dossier sanctions-check: %v\n", err)
		return exitInvalid
	}
	if len(confirmed) > 0 {
		if err := text.Write.Check(dossier.Vocab()); err != nil {
			fmt.Fprintf(e.stderr, "dossier sanctions-check: templates/text/sanctions.yaml: %v\n", err)
			return exitInvalid
		}
	}
	var officials []sanctions.Official
	var cases []*dossier.Case
	for _, dir := range dirs {
		c, ds := dossier.Open(dir)
		if c == nil || ds.Errors() > 0 {
			for _, d := range ds {
				if d.Severity == "error" {
					fmt.Fprintln(e.stderr, d)
				}
			}
			fmt.Fprintf(e.stderr, "%s: not checked: %s; dossier validate shows them all\n", dir, plural(ds.Errors(), "error"))
			return exitInvalid
		}
		officials = append(officials, caseOfficials(e, c, country)...)
		cases = append(cases, c)
	}
	for _, c := range confirmed {
		if !hasOfficial(cases[0], c.Official) {
			var ids []string
			for _, off := range cases[0].Officials {
				ids = append(ids, off.ID)
			}
			fmt.Fprintf(e.stderr, "dossier sanctions-check: --write %s=%s: case %s has no official %q%s; its officials: %s\n",
				c.Official, c.Entity, cases[0].Dir, c.Official, didYouMean(c.Official, ids), strings.Join(ids, ", "))
			return exitInvalid
		}
	}
	f, err := os.Open(o.dataset)
	if err != nil {
		fmt.Fprintf(e.stderr, "dossier sanctions-check: %v\n", err)
		return exitInvalid
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		fmt.Fprintf(e.stderr, "dossier sanctions-check: %s is not a regular file; give the FtM JSON-lines file itself\n", o.dataset)
		return exitInvalid
	}
	if retrieved.IsZero() {
		retrieved = info.ModTime().UTC()
	}
	rep, err := sanctions.Check(f, officials, sanctions.Options{
		Threshold: o.threshold, Limit: o.limit, MaxLine: o.maxLine, Stopwords: text.Stopwords,
	})
	if err != nil {
		var ie *sanctions.InputError
		if errors.As(err, &ie) {
			fmt.Fprintf(e.stderr, "%s:%d: %s\n", o.dataset, ie.Line, ie.Msg)
		} else {
			fmt.Fprintf(e.stderr, "dossier sanctions-check: %s: %v\n", o.dataset, err)
		}
		return exitInvalid
	}
	var written []record.Written
	if len(confirmed) > 0 {
		var code int
		if written, code = writeConfirmed(e, f, rep, confirmed, cases[0], record.Options{
			Dataset: o.dataset, Publisher: o.publisher, Retrieved: retrieved, Text: &text.Write, Vocab: dossier.Vocab(),
		}, o.maxLine); code != exitOK {
			return code
		}
	}
	if o.format == "json" {
		type file struct {
			File string `json:"file"`
			What string `json:"what"`
		}
		var files []file
		for _, w := range written {
			files = append(files, file{w.File, w.What})
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		enc.Encode(struct {
			Dataset string `json:"dataset"`
			*sanctions.Report
			Written []file `json:"written,omitempty"`
		}{o.dataset, rep, files})
		return exitOK
	}
	printSanctionsReport(e.stdout, text, o.dataset, rep)
	if len(written) > 0 {
		fmt.Fprintln(e.stdout)
		fmt.Fprintln(e.stdout, text.label("written"))
		for _, w := range written {
			fmt.Fprintf(e.stdout, "  %s: %s\n", w.File, w.What)
		}
	}
	return exitOK
}

func hasOfficial(c *dossier.Case, id string) bool {
	for _, off := range c.Officials {
		if off.ID == id {
			return true
		}
	}
	return false
}

// writeRequest reads --write, --retrieved and --publisher; a message
// says what is wrong with them.
func writeRequest(o *sanctionsCheckOptions, dirs []string) ([]sanctions.Confirmed, time.Time, string) {
	var retrieved time.Time
	if len(o.write) == 0 {
		if o.publisher != "" || o.retrieved != "" {
			return nil, retrieved, "--publisher and --retrieved go with --write"
		}
		return nil, retrieved, ""
	}
	if len(dirs) != 1 {
		return nil, retrieved, fmt.Sprintf("--write records in one case; name its folder (%d found)", len(dirs))
	}
	if o.retrieved != "" {
		var ok bool
		if retrieved, ok = fullDate(o.retrieved); !ok {
			return nil, retrieved, "--retrieved must be a full date such as 2026-11-02"
		}
	}
	var out []sanctions.Confirmed
	seen := map[sanctions.Confirmed]bool{}
	for _, w := range o.write {
		off, ent, ok := strings.Cut(w, "=")
		off, ent = strings.TrimSpace(off), strings.TrimSpace(ent)
		if !ok || off == "" || ent == "" {
			return nil, retrieved, fmt.Sprintf("--write %q: write OFFICIAL_ID=ENTITY_ID, e.g. --write k-kasymov=NK-abc123 (ids as the report prints them)", w)
		}
		c := sanctions.Confirmed{Official: off, Entity: ent}
		if !seen[c] {
			out = append(out, c)
			seen[c] = true
		}
	}
	return out, retrieved, ""
}

// writeConfirmed records the confirmed matches in the case, then checks
// that the case still validates; if it does not, or anything fails,
// everything written is undone.
func writeConfirmed(e *env, dataset io.ReadSeeker, rep *sanctions.Report, confirmed []sanctions.Confirmed, c *dossier.Case, o record.Options, maxLine int) ([]record.Written, int) {
	confs, err := sanctions.Confirm(dataset, rep, confirmed, maxLine)
	if err != nil {
		var ie *sanctions.InputError
		if errors.As(err, &ie) {
			fmt.Fprintf(e.stderr, "%s:%d: %s\n", o.Dataset, ie.Line, ie.Msg)
		} else {
			fmt.Fprintf(e.stderr, "dossier sanctions-check: %v\n", err)
		}
		return nil, exitInvalid
	}
	ch := &record.Change{}
	fail := func(err error) ([]record.Written, int) {
		fmt.Fprintf(e.stderr, "dossier sanctions-check: %v\n", err)
		if uerr := ch.Undo(); uerr != nil {
			fmt.Fprintf(e.stderr, "dossier sanctions-check: undoing what was written: %v; check the case with git status\n", uerr)
		} else if len(ch.Written) > 0 {
			fmt.Fprintln(e.stderr, "dossier sanctions-check: nothing was written")
		}
		return nil, exitInvalid
	}
	for _, conf := range confs {
		// Reload: an earlier confirmation may have added a source or an entry.
		cur, ds := dossier.Load(c.Dir)
		if cur == nil || ds.Errors() > 0 {
			return fail(fmt.Errorf("%s no longer loads: %v", c.Dir, ds))
		}
		if err := record.Record(cur, conf, o, ch); err != nil {
			return fail(err)
		}
	}
	if _, ds := dossier.Open(c.Dir); ds.Errors() > 0 {
		for _, d := range ds {
			if d.Severity == "error" {
				fmt.Fprintln(e.stderr, d)
			}
		}
		return fail(fmt.Errorf("the case would not validate with what --write wrote"))
	}
	return ch.Written, exitOK
}

// caseOfficials turns a case's officials into what sanctions-check
// compares, nationalities as FtM country codes.
func caseOfficials(e *env, c *dossier.Case, country func(string) (string, bool)) []sanctions.Official {
	var out []sanctions.Official
	for _, off := range c.Officials {
		so := sanctions.Official{Case: c.ID, ID: off.ID, Name: off.Name, Organisation: off.Kind != "person", BirthDate: off.BirthDate.String()}
		for _, a := range off.Aliases {
			so.Aliases = append(so.Aliases, a.Name)
		}
		for _, n := range off.Nationality {
			if code, ok := country(n); ok {
				so.Countries = append(so.Countries, code)
			} else {
				fmt.Fprintf(e.stderr, "warning: %s: nationality %q is not a country FtM knows; not compared\n", off.Path, n)
			}
		}
		for _, p := range off.Positions {
			so.Positions = append(so.Positions, p.Title)
		}
		out = append(out, so)
	}
	return out
}

func printSanctionsReport(w io.Writer, t *sanctionsText, dataset string, rep *sanctions.Report) {
	fmt.Fprintln(w, t.label("dataset", "file", dataset, "entities", fmt.Sprint(rep.Entities), "threshold", fmt.Sprintf("%.2f", rep.Threshold)))
	withMatches := 0
	for _, o := range rep.Officials {
		fmt.Fprintln(w)
		fmt.Fprintln(w, t.label("official", "name", o.Name, "id", o.ID, "case", o.Case))
		if len(o.Matches) == 0 {
			fmt.Fprintln(w, "  "+t.label("no_match"))
			continue
		}
		withMatches++
		for _, m := range o.Matches {
			fmt.Fprintln(w, "  "+t.label("match", "score", fmt.Sprintf("%.2f", m.Score), "name", m.Name, "schema", m.Schema, "entity", m.EntityID))
			const indent = "        "
			for _, s := range m.Sanctions {
				parts := []string{t.label("sanction", "authority", orUnknown(s.Authority))}
				if s.Program != "" {
					parts = append(parts, t.label("program", "program", s.Program))
				}
				if s.ListingDate != "" {
					parts = append(parts, t.label("listed", "date", s.ListingDate))
				}
				if s.StartDate != "" {
					parts = append(parts, t.label("from", "date", s.StartDate))
				}
				if s.EndDate != "" {
					parts = append(parts, t.label("until", "date", s.EndDate))
				}
				fmt.Fprintf(w, "%s%s (%s)\n", indent, strings.Join(parts, "; "), s.ID)
			}
			if len(m.Sanctions) == 0 {
				fmt.Fprintln(w, indent+t.label("no_sanction"))
			}
			if len(m.Topics) > 0 {
				fmt.Fprintln(w, indent+t.label("topics", "topics", strings.Join(m.Topics, ", ")))
			}
			fmt.Fprintln(w, indent+t.label("matched", "fields", strings.Join(m.Matched, ", ")))
			if len(m.Conflicted) > 0 {
				fmt.Fprintln(w, indent+t.label("conflicted", "fields", strings.Join(m.Conflicted, ", ")))
			}
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, t.label("summary", "matched", fmt.Sprint(withMatches), "officials", fmt.Sprint(len(rep.Officials))))
}

func orUnknown(s string) string {
	if s == "" {
		return "?"
	}
	return s
}
