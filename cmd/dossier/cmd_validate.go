package main

import (
	"encoding/json"
	"fmt"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/bundle"
	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/redact"
	"github.com/dossier-project/dossier/dossier/regime"
	"github.com/dossier-project/dossier/templates"
	"github.com/spf13/pflag"
)

type validateOptions struct {
	format    string
	strict    bool
	regimes   []string
	audiences []string
	templates string
}

func init() {
	register(&command{
		name:    "validate",
		summary: "check case files, references, quotes and source hashes",
		usage:   "[flags] [CASE_DIR ...]",
		help: `Checks every file of each case folder (default: every folder under cases/):
YAML syntax, field names, types, required fields, controlled vocabularies,
dates, unique ids and references; that every quote is found in its archived
source; that every archived file matches its recorded sha256. Warnings point
at weak spots: officials without allegations, allegations with a single
source, probable duplicate people, sources never cited.

Diagnostics go to stderr as "file:line:col: severity: message [rule]".
With --format json, one JSON object goes to stdout instead:
  {"ok", "errors", "warnings", "stats": {...}, "diagnostics": [...]}

With --regime R[,R], also reports readiness for each regime profile: which
identifiers and elements the recipient requires or recommends, and which are
missing for each official (text after the diagnostics; a "readiness" key in
JSON). Readiness is measured on the internal model, which names everyone.
Readiness text goes to stdout, so it can be redirected to a file.

A CASE_DIR may also be any file of a case (e.g. officials/x.yaml): the case
holding it is validated.

With --audience A[,A] (public, partner), also says who each audience will
not see by name and warns about every residual risk of their exposure: ids,
file names and addresses that name them, name parts that are also places or
bodies, capitalised words beside their names. dossier build gives the same
warnings for the audience it builds.

Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage error.`,
		flags: func(fs *pflag.FlagSet) any {
			o := &validateOptions{}
			fs.StringVar(&o.format, "format", "text", "output format: text or json")
			fs.BoolVar(&o.strict, "strict", false, "treat warnings as errors")
			fs.StringSliceVar(&o.regimes, "regime", nil, "also report readiness for these regime profiles, comma-separated (e.g. uk-ghr,eu-ghrsr)")
			fs.StringSliceVar(&o.audiences, "audience", nil, "also check what these audiences withhold and the residual risks (public, partner)")
			fs.StringVar(&o.templates, "templates", "", "read regime profiles and vocabularies (labels included) from this folder as well as the built-in ones")
			return o
		},
		run: runValidate,
	})
}

// validateReport is the JSON shape the README documents.
type validateReport struct {
	OK          bool             `json:"ok"`
	Errors      int              `json:"errors"`
	Warnings    int              `json:"warnings"`
	Stats       dossier.Stats    `json:"stats"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
	// Readiness is present only with --regime, so the default shape stays
	// exactly as the README documents it.
	Readiness *[]regime.Report `json:"readiness,omitempty"`
}

type jsonDiagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Rule     string `json:"rule"`
	Message  string `json:"message"`
}

func runValidate(e *env, opts any, args []string) int {
	o := opts.(*validateOptions)
	if o.format != "text" && o.format != "json" {
		fmt.Fprintf(e.stderr, "dossier validate: --format must be text or json, not %q\n", o.format)
		return exitUsage
	}
	dirs, err := caseDirs(args)
	if err != nil {
		fmt.Fprintf(e.stderr, "dossier validate: %v\n", err)
		return exitUsage
	}
	var audiences []model.Audience
	for _, name := range o.audiences {
		a, ok := model.ParseAudience(name)
		if !ok {
			fmt.Fprintf(e.stderr, "dossier validate: unknown audience %q (audiences: public, partner, internal)\n", name)
			return exitUsage
		}
		audiences = append(audiences, a)
	}
	report := validateReport{Diagnostics: []jsonDiagnostic{}}
	var profiles []*regime.Profile
	if len(o.regimes) > 0 {
		if profiles, err = regime.LoadList(templates.FS(o.templates), o.regimes); err != nil {
			fmt.Fprintf(e.stderr, "dossier validate: %v%s\n", err, regimeSuggestion(o.templates, o.regimes))
			return exitUsage
		}
		report.Readiness = &[]regime.Report{}
	}
	vocab, err := dossier.LoadVocabulary(templates.FS(o.templates))
	if err != nil {
		fmt.Fprintf(e.stderr, "dossier validate: --templates: %v\n", err)
		return exitUsage
	}
	for _, dir := range dirs {
		c, ds := dossier.OpenWith(dir, vocab)
		if c != nil {
			if known, err := regime.IDs(templates.FS(o.templates)); err == nil {
				ds = append(ds, dossier.CheckRegimes(c, known)...)
				ds.Sort()
			}
		}
		if c != nil {
			ds = append(ds, originalPDFWarnings(c)...)
			ds.Sort()
		}
		if c != nil && ds.Errors() == 0 {
			for _, a := range audiences {
				ds = append(ds, redact.Check(c, a)...)
				if o.format == "text" {
					withheldSummary(e, c, a)
				}
			}
			ds.Sort()
		}
		if c != nil {
			s := c.Stats()
			report.Stats.Officials += s.Officials
			report.Stats.Victims += s.Victims
			report.Stats.Sources += s.Sources
			report.Stats.Excerpts += s.Excerpts
			report.Stats.Allegations += s.Allegations
		}
		report.Errors += ds.Errors()
		report.Warnings += ds.Warnings()
		for _, d := range ds {
			msg := d.Message
			if d.Hint != "" {
				msg += " (hint: " + d.Hint + ")"
			}
			report.Diagnostics = append(report.Diagnostics, jsonDiagnostic{d.File, d.Line, d.Column, string(d.Severity), d.Rule, msg})
		}
		if o.format == "text" {
			for _, d := range ds {
				fmt.Fprintln(e.stderr, d)
			}
			summarise(e, dir, c, ds)
		}
		if len(profiles) > 0 {
			if err := readiness(e, dir, c, ds, profiles, o.format == "text", report.Readiness); err != nil {
				fmt.Fprintf(e.stderr, "dossier validate: %s: %v\n", dir, err)
				report.Errors++
			}
		}
	}
	report.OK = report.Errors == 0 && (!o.strict || report.Warnings == 0)
	if o.format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(report); err != nil {
			fmt.Fprintf(e.stderr, "dossier validate: %v\n", err)
			return exitInvalid
		}
	}
	if !report.OK {
		return exitInvalid
	}
	return exitOK
}

// withheldSummary says who an audience will see only by pseudonym, or not
// at all.
func withheldSummary(e *env, c *dossier.Case, a model.Audience) {
	inv := redact.NewInventory(c, a)
	if len(inv.People) == 0 {
		fmt.Fprintf(e.stderr, "%s: %s outputs name everyone the case records\n", c.Dir, a)
		return
	}
	fmt.Fprintf(e.stderr, "%s: %s outputs withhold %s:\n", c.Dir, a, plural(len(inv.People), "person"))
	for _, p := range inv.People {
		fmt.Fprintf(e.stderr, "  %s → %s (%s)\n", p.Name, p.Replacement, plural(len(p.Terms), "identifying term"))
	}
}

// summarise prints the one-line verdict for a case.
func summarise(e *env, dir string, c *dossier.Case, ds dossier.Diagnostics) {
	verdict := "valid"
	if ds.Errors() > 0 {
		verdict = "INVALID"
	}
	line := fmt.Sprintf("%s: %s: %s, %s", dir, verdict, plural(ds.Errors(), "error"), plural(ds.Warnings(), "warning"))
	if c != nil {
		s := c.Stats()
		line += fmt.Sprintf(" (%s, %s, %s, %s, %s)", plural(s.Officials, "official"), plural(s.Victims, "victim"),
			plural(s.Sources, "source"), plural(s.Excerpts, "excerpt"), plural(s.Allegations, "allegation"))
	}
	fmt.Fprintln(e.stderr, line)
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// readiness measures a valid case against each profile, on the internal
// model (readiness is about what the case holds, not what an audience may
// see), appends the reports and, in text mode, prints them to stderr.
func readiness(e *env, dir string, c *dossier.Case, ds dossier.Diagnostics, profiles []*regime.Profile, text bool, out *[]regime.Report) error {
	if c == nil || ds.Errors() > 0 {
		if text {
			fmt.Fprintf(e.stderr, "%s: readiness not measured: fix the errors first\n", dir)
		}
		return nil
	}
	date, err := dossier.BuildDate(c)
	if err != nil {
		return err
	}
	d, err := redact.Redact(c, model.Internal, date)
	if err != nil {
		return err
	}
	for _, p := range profiles {
		r := regime.Readiness(d, p)
		*out = append(*out, r)
		if text {
			if err := regime.WriteText(e.stdout, r); err != nil {
				return err
			}
		}
	}
	return nil
}

// originalPDFWarnings warns of each captured original PDF that the
// evidence bundle cannot lay out as pages (it attaches it instead).
func originalPDFWarnings(c *dossier.Case) dossier.Diagnostics {
	var ds dossier.Diagnostics
	for _, s := range c.Sources {
		o := s.Original
		if o == nil || o.Data == nil || dossier.OriginalKind(o.File, o.Data) != model.OriginalPDF {
			continue
		}
		if why := bundle.OriginalPDFProblem(o.Data); why != "" {
			ds = append(ds, dossier.Diagnostic{Pos: o.Meta.At("file"), Severity: dossier.Warning, Rule: "original-unreadable",
				Message: fmt.Sprintf("captured original %q cannot be laid out in the evidence bundle: %s", o.File, why),
				Hint:    "the bundle attaches it and says why its pages are not shown; keep it as captured (a repaired copy is a new capture, a new source)"})
		}
	}
	return ds
}
