// Package build runs the whole pipeline for a case folder: load, validate,
// link, redact for one audience, render each requested format, and write
// the files under the output folder through dossier/internal/outset, so the
// folder holds one complete build of each audience and format.
package build

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/bundle"
	"github.com/dossier-project/dossier/dossier/csvout"
	"github.com/dossier-project/dossier/dossier/ftm"
	"github.com/dossier-project/dossier/dossier/internal/outset"
	"github.com/dossier-project/dossier/dossier/jsonout"
	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/pdf"
	"github.com/dossier-project/dossier/dossier/redact"
	"github.com/dossier-project/dossier/dossier/regime"
	"github.com/dossier-project/dossier/dossier/xlsx"
	"github.com/dossier-project/dossier/templates"
)

// Renderer turns the redacted model into output files.
type Renderer func(d *model.Dossier, o model.Options) ([]model.File, error)

// Format is an output kind that dossier build can produce.
type Format struct {
	Name    string
	Summary string
	Render  Renderer
}

// Formats lists the output kinds in the order they are built.
var Formats = []Format{
	{"json", "the linked, redacted model as one JSON document", jsonout.Render},
	{"csv", "one CSV table each for officials, allegations, victims, evidence, sources", csvout.Render},
	{"pdf", "a PDF dossier per official and regime, and one per regime for the whole case", pdf.Render},
	{"xlsx", "an Excel workbook of the case for partner organisations", xlsx.Render},
	{"bundle", "an evidence bundle for lawyers: indexed, paginated exhibits, archived texts and sha256 manifests, in one zip", bundle.Render},
	{"ftm", "FollowTheMoney entities as JSON lines, for Aleph and OpenSanctions", ftm.Render},
}

// FormatNames returns the names of all formats.
func FormatNames() []string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = f.Name
	}
	return names
}

// ParseFormats checks a comma-separated list of format names.
func ParseFormats(list string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		if name == "" || seen[name] {
			continue
		}
		if lookup(name) == nil {
			return nil, fmt.Errorf("unknown format %q (formats: %s)", name, strings.Join(FormatNames(), ", "))
		}
		seen[name] = true
		out = append(out, name)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no format given (formats: %s)", strings.Join(FormatNames(), ", "))
	}
	return out, nil
}

func lookup(name string) *Format {
	for i := range Formats {
		if Formats[i].Name == name {
			return &Formats[i]
		}
	}
	return nil
}

// Options say what to build and where.
type Options struct {
	OutDir    string         // the outputs go to OutDir/<case>/
	Formats   []string       // format names; all when empty
	Audience  model.Audience // default public
	Templates fs.FS          // default: the embedded templates
	Regimes   []string       // regime ids; default: the case's own
	// SignManifest, when set, signs each evidence bundle's MANIFEST.sha256.
	SignManifest func(manifest []byte) ([]byte, error)
	// Progress, when set, is called before each file is written; total
	// is 0, since a format's files are written as soon as it is rendered,
	// before the next formats' count is known.
	Progress func(done, total int, name string)
}

// ErrInvalid is returned (wrapped) when the case has validation errors;
// the diagnostics are in the Result.
var ErrInvalid = errors.New("the case has errors; fix them and build again")

// Result is what one case's build produced.
type Result struct {
	Case        string
	Diagnostics dossier.Diagnostics
	Files       []string // paths written, in order
	Removed     []string // paths of stale outputs removed: an earlier build of the same audience and format wrote them, this one did not
	Notices     []string // what was done about an earlier interrupted build, in words
	Warnings    []string // what renderers worked around, e.g. text cut to a cell limit; output files no manifest lists
}

// Case builds one case folder. Nothing is written unless the case is valid
// and every renderer succeeded: each format's outputs are staged to
// temporaries with outset as soon as they are rendered (so that a build
// holds one format's files in memory, not all of them), and put in place
// together at the end, replacing the files of each format built for this
// audience as one set and removing those an earlier build of that set
// wrote and this one does not produce.
func Case(dir string, o Options) (Result, error) {
	if o.Audience == "" {
		o.Audience = model.Public
	}
	if o.Templates == nil {
		o.Templates = templates.Embedded()
	}
	if len(o.Formats) == 0 {
		o.Formats = FormatNames()
	}
	vocab, err := dossier.LoadVocabulary(o.Templates)
	if err != nil {
		return Result{}, err
	}
	c, ds := dossier.OpenWith(dir, vocab)
	if c != nil {
		known, err := regime.IDs(o.Templates)
		if err != nil {
			return Result{Diagnostics: ds}, err
		}
		ds = append(ds, dossier.CheckRegimes(c, known)...)
		if ds.Errors() == 0 {
			ds = append(ds, redact.Check(c, o.Audience)...)
		}
		ds.Sort()
	}
	res := Result{Diagnostics: ds}
	if c == nil || ds.Errors() > 0 {
		return res, fmt.Errorf("%s: %w", dir, ErrInvalid)
	}
	date, err := dossier.BuildDate(c)
	if err != nil {
		return res, err
	}
	d, err := redact.Redact(c, o.Audience, date)
	if err != nil {
		return res, err
	}
	// The folder is named by the case id the audience sees: neutral when
	// the case folder's own name would name a withheld person.
	res.Case = d.Case
	outDir := filepath.Join(o.OutDir, d.Case)
	if inside(outDir, c.Dir) {
		return res, fmt.Errorf("output folder %s is inside the case folder %s; choose another with -o", outDir, c.Dir)
	}
	regimes := o.Regimes
	if len(regimes) == 0 {
		regimes = c.Regimes
	}
	ropts := model.Options{Templates: o.Templates, Regimes: regimes, SignManifest: o.SignManifest}
	rendered, err := renderBundleFirst(d, ropts, o.Formats)
	if err != nil {
		return res, err
	}
	// Each file is staged (written to a temporary in the output folder)
	// as soon as it is rendered, and dropped from memory: renderers that
	// make many files hand them over one by one through Emit. A failure
	// removes what was staged: the folder keeps its previous build.
	staging, err := outset.Begin(outDir, outset.Options{Progress: o.Progress, Ours: isOutputName})
	if err != nil {
		return res, err
	}
	defer staging.Abort() // a no-op after Commit
	res.Notices = staging.Recovered()
	names := map[string]bool{}
	for _, name := range o.Formats {
		set, err := staging.Open(string(o.Audience), name)
		if err != nil {
			return res, err
		}
		add := func(f model.File) error {
			if err := checkName(outDir, f, names); err != nil {
				return err
			}
			for _, warning := range f.Warnings {
				res.Warnings = append(res.Warnings, f.Name+": "+warning)
			}
			return set.Add(outset.File{Name: f.Name, Data: f.Data})
		}
		out, done := rendered[name] // the bundle, rendered first
		delete(rendered, name)
		if !done {
			ropts.Emit = add
			if out, err = lookup(name).Render(d, ropts); err != nil {
				var named *nameError
				if errors.As(err, &named) || isOutsetError(err) {
					return res, err
				}
				return res, fmt.Errorf("rendering %s of %s: %w", name, d.Case, err)
			}
		}
		for _, f := range out {
			if err := add(f); err != nil {
				return res, err
			}
		}
	}
	w, err := staging.Commit()
	res.Notices = w.Recovered
	if err != nil {
		return res, err
	}
	for _, name := range w.Written {
		res.Files = append(res.Files, filepath.Join(outDir, name))
	}
	for _, name := range w.Removed {
		res.Removed = append(res.Removed, filepath.Join(outDir, name))
	}
	if len(w.Unlisted) > 0 {
		res.Warnings = append(res.Warnings, unlistedWarning(outDir, w.Unlisted))
	}
	return res, nil
}

// renderBundleFirst renders the evidence bundle before the other formats
// when it is among them, and records in the model where each excerpt's
// passage stands in it, so that the dossiers, the workbook and the JSON
// built with it cite its pages ("KZ-000123, para 7"). The bundle is
// rendered from the same redacted model, so a dossier only ever cites the
// bundle of its own audience. Without the bundle format the model is left
// as it was and nothing cites a bundle.
func renderBundleFirst(d *model.Dossier, ropts model.Options, formats []string) (map[string][]model.File, error) {
	done := map[string][]model.File{}
	for _, name := range formats {
		if name != bundleFormat {
			continue
		}
		out, err := lookup(name).Render(d, ropts)
		if err != nil {
			return nil, fmt.Errorf("rendering %s of %s: %w", name, d.Case, err)
		}
		b, places, err := bundle.Places(out)
		if err != nil {
			return nil, err
		}
		d.CiteBundle(b, places)
		done[name] = out
	}
	return done, nil
}

// bundleFormat is the name of the evidence bundle's format.
const bundleFormat = "bundle"

// isOutputName reports whether a file name follows the outputs' naming
// pattern, <...>-<audience>.<format>.
func isOutputName(name string) bool {
	for _, a := range model.Audiences {
		for _, f := range Formats {
			if strings.HasSuffix(name, "-"+string(a)+"."+f.Name) && len(name) > len(a)+len(f.Name)+2 {
				return true
			}
		}
	}
	return false
}

// unlistedWarning words the warning about output-like files that no build
// recorded writing (older builds did not keep manifests).
func unlistedWarning(dir string, names []string) string {
	shown := names
	more := ""
	if len(shown) > 10 {
		shown, more = shown[:10], fmt.Sprintf(" and %d more", len(names)-10)
	}
	noun := "files"
	if len(names) == 1 {
		noun = "file"
	}
	them := map[bool]string{true: "it", false: "them"}[len(names) == 1]
	return fmt.Sprintf("%d %s in %s %s not written by this build or recorded by an earlier one: %s%s; delete %s if %s stale",
		len(names), noun, dir, map[bool]string{true: "was", false: "were"}[len(names) == 1], strings.Join(shown, ", "), more, them, map[bool]string{true: "it is", false: "they are"}[len(names) == 1])
}

// maxName is the longest file name, in bytes, that common file systems
// (ext4, APFS, NTFS, FAT with long names) accept.
const maxName = 255

// checkName refuses a duplicate, path-like, control-character or
// over-long output name, which would overwrite one output with another,
// write outside the folder, or fail halfway through the writes. seen holds
// the names checked before, and is added to.
func checkName(dir string, f model.File, seen map[string]bool) error {
	if f.Name == "" || strings.ContainsAny(f.Name, `/\`) || strings.HasPrefix(f.Name, ".") || strings.IndexFunc(f.Name, unicode.IsControl) >= 0 {
		return &nameError{fmt.Sprintf("renderer produced an invalid file name %q", f.Name)}
	}
	if len(f.Name) > maxName {
		return &nameError{fmt.Sprintf("cannot write %s: the file name is %d bytes long and file systems allow %d; shorten the case folder's name or the id in it", filepath.Join(dir, f.Name), len(f.Name), maxName)}
	}
	if seen[f.Name] {
		return &nameError{fmt.Sprintf("two outputs are both named %q", f.Name)}
	}
	seen[f.Name] = true
	return nil
}

// nameError is checkName's refusal.
type nameError struct{ msg string }

func (e *nameError) Error() string { return e.msg }

// isOutsetError reports whether err is the output folder's (a write that
// failed), which says what and where by itself.
func isOutsetError(err error) bool {
	var e *outset.Error
	return errors.As(err, &e) || errors.Is(err, outset.ErrInterrupted)
}

// inside reports whether path is dir or lies below it.
func inside(path, dir string) bool {
	p, err1 := filepath.Abs(path)
	d, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil {
		return false
	}
	if r, err := filepath.EvalSymlinks(d); err == nil {
		d = r
	}
	if r, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
		p = filepath.Join(r, filepath.Base(p))
	}
	rel, err := filepath.Rel(d, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Interrupted stops the writing of outputs when the program is interrupted,
// just before it exits: a folder being staged keeps its previous files and
// loses the temporaries, and a folder whose new files are being put in place
// (a matter of milliseconds) is finished first. See outset.Interrupted.
func Interrupted() { outset.Interrupted() }

// ErrInterrupted is what Case returns when Interrupted stopped its writing.
var ErrInterrupted = outset.ErrInterrupted
