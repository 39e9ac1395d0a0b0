// Package build runs the whole pipeline for a case folder: load, validate,
// link, redact for one audience, render each requested format, and write
// the files atomically under the output folder.
package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/csvout"
	"github.com/dossier-project/dossier/dossier/internal/atomicfile"
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
	// Progress, when set, is called before each file is written.
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
	Warnings    []string // what renderers worked around, e.g. text cut to a cell limit
}

// Case builds one case folder. Nothing is written unless the case is valid
// and every renderer succeeded: outputs are rendered in memory first, then
// written one by one, each atomically.
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
	c, ds := dossier.Open(dir)
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
	res.Case = c.ID
	outDir := filepath.Join(o.OutDir, c.ID)
	if inside(outDir, c.Dir) {
		return res, fmt.Errorf("output folder %s is inside the case folder %s; choose another with -o", outDir, c.Dir)
	}
	date, err := dossier.BuildDate(c)
	if err != nil {
		return res, err
	}
	d, err := redact.Redact(c, o.Audience, date)
	if err != nil {
		return res, err
	}
	regimes := o.Regimes
	if len(regimes) == 0 {
		regimes = c.Regimes
	}
	ropts := model.Options{Templates: o.Templates, Regimes: regimes}
	var files []model.File
	for _, name := range o.Formats {
		out, err := lookup(name).Render(d, ropts)
		if err != nil {
			return res, fmt.Errorf("rendering %s of %s: %w", name, c.ID, err)
		}
		files = append(files, out...)
	}
	if err := checkNames(files); err != nil {
		return res, err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return res, err
	}
	for i, f := range files {
		path := filepath.Join(outDir, f.Name)
		if o.Progress != nil {
			o.Progress(i, len(files), path)
		}
		if err := atomicfile.WriteFile(path, f.Data); err != nil {
			return res, err
		}
		res.Files = append(res.Files, path)
		for _, warning := range f.Warnings {
			res.Warnings = append(res.Warnings, f.Name+": "+warning)
		}
	}
	if o.Progress != nil {
		o.Progress(len(files), len(files), "")
	}
	return res, nil
}

// checkNames refuses duplicate or path-like output names, which would
// overwrite one output with another or write outside the folder.
func checkNames(files []model.File) error {
	seen := map[string]bool{}
	for _, f := range files {
		if f.Name == "" || strings.ContainsAny(f.Name, `/\`) || strings.HasPrefix(f.Name, ".") {
			return fmt.Errorf("renderer produced an invalid file name %q", f.Name)
		}
		if seen[f.Name] {
			return fmt.Errorf("two outputs are both named %q", f.Name)
		}
		seen[f.Name] = true
	}
	return nil
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

// Interrupted removes the temporary files of writes under way; call it when
// the program is interrupted, so that a Ctrl-C leaves no debris behind.
func Interrupted() { atomicfile.Cleanup() }
