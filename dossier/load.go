package dossier

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"

	"github.com/dossier-project/dossier/dossier/internal/caseroot"
)

// idPattern is the form of every id: a lowercase slug.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// MaxIDLength is the longest id allowed. Ids become parts of output file
// names (case, official, regime and audience together), which every file
// system keeps under 255 bytes.
const MaxIDLength = 64

// validID reports whether s is a lowercase slug of at most MaxIDLength
// characters: safe as a file name on every file system.
func validID(s string) bool { return len(s) <= MaxIDLength && idPattern.MatchString(s) }

// idHint tells an author how to fix an id that is not valid.
func idHint(id string) string {
	if len(id) > MaxIDLength && idPattern.MatchString(id) {
		return fmt.Sprintf("ids are at most %d characters (this one has %d); shorten it", MaxIDLength, len(id))
	}
	s := slugify(id)
	if len(s) > MaxIDLength {
		s = strings.TrimRight(s[:MaxIDLength], "-")
	}
	if s == "" {
		return fmt.Sprintf("ids are lowercase letters, digits and single hyphens, at most %d characters", MaxIDLength)
	}
	return fmt.Sprintf("ids are lowercase letters, digits and single hyphens, at most %d characters, e.g. %s", MaxIDLength, s)
}

// Open loads the case folder dir, validates it and links its evidence to
// the archived sources: the first three stages of the pipeline. The case is
// usable (for rendering) only when the diagnostics hold no errors.
func Open(dir string) (*Case, Diagnostics) { return OpenWith(dir, Vocab()) }

// OpenWith is Open with the vocabularies of a templates folder (see
// LoadVocabulary): values are checked against them and outputs take their
// labels from them.
func OpenWith(dir string, vocab Vocabulary) (*Case, Diagnostics) {
	c, ds := LoadWith(dir, vocab)
	if c != nil {
		ds = append(ds, Validate(c)...)
		ds = append(ds, Link(c)...)
	}
	ds.Sort()
	return c, ds
}

// Load reads every file of the case folder dir into a Case. Syntax errors,
// unknown fields, wrong types, missing required fields, bad dates and values
// outside the vocabularies are reported; loading goes on past them so that
// all problems show at once. Load returns a nil Case only when dir is not a
// case folder at all.
//
// Every file is read through one caseroot.Root for the folder: nothing
// outside it, only regular files, each kind under its size limit.
func Load(dir string) (*Case, Diagnostics) { return LoadWith(dir, Vocab()) }

// LoadWith is Load with the given vocabularies.
func LoadWith(dir string, vocab Vocabulary) (*Case, Diagnostics) {
	sink := &diagSink{}
	hint := "a case folder holds case.yaml, sources/, officials/ and victims/"
	root, err := caseroot.Open(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			sink.errorf(Pos{File: dir}, "case-folder", hint, "no such folder")
		} else {
			sink.errorf(Pos{File: dir}, "case-folder", hint, "cannot open the case folder: %v", unwrapPathError(err))
		}
		return nil, sink.list
	}
	defer root.Close()
	l := &loader{vocab: vocab, root: root, dir: dir, sink: sink}
	casePath := filepath.Join(dir, "case.yaml")
	data, err := root.ReadFile("case.yaml", caseroot.YAML)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			sink.errorf(Pos{File: casePath}, "case-folder", hint, "case.yaml is missing: %s is not a case folder", dir)
		} else {
			l.readError(Pos{File: casePath}, "case-folder", "case.yaml", err)
		}
		return nil, sink.list
	}
	c := &Case{Dir: dir, ID: caseID(dir)}
	c.Vocabulary = vocab
	(&decoder{file: casePath, sink: sink, vocab: vocab}).decodeFile(data, c)
	if problem := caseNameProblem(c.ID); problem != "" {
		sink.errorf(Pos{File: casePath}, "id-format", "rename the case folder: letters, digits, spaces, '.', '_' and '-', not starting with '.' or '-', at most "+fmt.Sprint(MaxIDLength)+" bytes",
			"the case folder's name %q %s; output files are named after it", c.ID, problem)
	}

	for _, name := range l.yamlFiles("sources") {
		s := &Source{ID: idOf(name), Path: filepath.Join(dir, filepath.FromSlash(name))}
		l.decodeInto(name, s)
		c.Sources = append(c.Sources, s)
	}
	for _, name := range l.yamlFiles("officials") {
		o := &Official{ID: idOf(name), Path: filepath.Join(dir, filepath.FromSlash(name))}
		l.decodeInto(name, o)
		for i, a := range o.Allegations {
			if a.ID == "" {
				a.ID = fmt.Sprintf("%s-%d", o.ID, i+1)
			}
		}
		if o.Photo != nil {
			l.readPhoto(o.Photo)
		}
		c.Officials = append(c.Officials, o)
	}
	for _, name := range l.yamlFiles("victims") {
		v := &Victim{ID: idOf(name), Path: filepath.Join(dir, filepath.FromSlash(name))}
		l.decodeInto(name, v)
		c.Victims = append(c.Victims, v)
	}
	c.Companies = loadRecords(l, "companies", func(id, path string) *Company { return &Company{ID: id, Path: path} })
	c.Assets = loadRecords(l, "assets", func(id, path string) *Asset { return &Asset{ID: id, Path: path} })
	c.Flows = loadRecords(l, "flows", func(id, path string) *Flow { return &Flow{ID: id, Path: path} })
	for _, s := range c.Sources {
		l.readArchive(s)
		if s.Original != nil {
			l.readOriginal(s, s.Original)
		}
	}
	return c, sink.list
}

// loadRecords decodes each file of one subfolder into a record made by
// mk from its id and path.
func loadRecords[T any](l *loader, sub string, mk func(id, path string) *T) []*T {
	var out []*T
	for _, name := range l.yamlFiles(sub) {
		r := mk(idOf(name), filepath.Join(l.dir, filepath.FromSlash(name)))
		l.decodeInto(name, r)
		out = append(out, r)
	}
	return out
}

// caseNameProblem says why a case folder's name cannot start output file
// names on every file system, or returns "".
func caseNameProblem(name string) string {
	switch {
	case len(name) > MaxIDLength:
		return fmt.Sprintf("is %d bytes long", len(name))
	case name == "" || name == "." || name == ".." || name == string(filepath.Separator):
		return "is not a folder name"
	case strings.HasPrefix(name, ".") || strings.HasPrefix(name, "-"):
		return "starts with '" + name[:1] + "'"
	}
	for _, r := range name {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' || r == '.' || r == '_' || r == '-') {
			return fmt.Sprintf("holds the character %q", r)
		}
	}
	return ""
}

// caseID is the case folder's name, also when dir is "." or ends in "/".
func caseID(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return filepath.Base(filepath.Clean(dir))
}

// loader reads one case folder through its root.
type loader struct {
	vocab Vocabulary
	root  *caseroot.Root
	dir   string
	sink  *diagSink
}

// decodeInto fills out from the YAML file name (relative to the case
// folder). A file that cannot be read or parsed still defines its id (the
// file name), so that references to it do not pile further errors onto the
// one that matters.
func (l *loader) decodeInto(name string, out any) {
	p := Pos{File: filepath.Join(l.dir, filepath.FromSlash(name))}
	data, err := l.root.ReadFile(name, caseroot.YAML)
	if err != nil {
		l.readError(p, "read", name, err)
		return
	}
	(&decoder{file: p.File, sink: l.sink, vocab: l.vocab}).decodeFile(data, out)
}

// readError reports a file that could not be read, in words and with a fix.
func (l *loader) readError(p Pos, rule, name string, err error) {
	var ce *caseroot.Error
	switch {
	case errors.Is(err, caseroot.ErrOutside):
		l.sink.errorf(p, rule, "keep every case file inside the case folder; copy it in instead of linking to it", "%s is outside the case folder: %s", name, reason(err))
	case errors.Is(err, caseroot.ErrNotRegular):
		l.sink.errorf(p, rule, "case files must be ordinary files; replace it with one", "%s is %s, not a regular file; it is not read", name, reason(err))
	case errors.Is(err, caseroot.ErrTooLarge):
		l.sink.errorf(p, rule, "split it into smaller files (see the size limits in the README)", "%s is %s, over the limit for this kind of file; it is not read", name, reason(err))
	case errors.As(err, &ce):
		l.sink.errorf(p, rule, "", "cannot read %s: %v", name, ce.Err)
	default:
		l.sink.errorf(p, rule, "", "cannot read %s: %v", name, err)
	}
}

func reason(err error) string {
	var ce *caseroot.Error
	if errors.As(err, &ce) {
		return ce.Reason()
	}
	return err.Error()
}

func idOf(name string) string { return strings.TrimSuffix(path.Base(name), ".yaml") }

// yamlFiles lists the .yaml files of one subfolder (slash-separated paths
// relative to the case folder), sorted, and reports entries that look like
// case files but will not be read.
func (l *loader) yamlFiles(sub string) []string {
	entries, err := l.root.ReadDir(sub)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.readError(Pos{File: filepath.Join(l.dir, sub)}, "read", sub+"/", err)
		}
		return nil
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		rel := sub + "/" + name
		p := Pos{File: filepath.Join(l.dir, sub, name)}
		lower := strings.ToLower(name)
		switch {
		case strings.HasPrefix(name, "."):
		case e.IsDir() && (strings.HasSuffix(lower, ".yaml") || strings.HasSuffix(lower, ".yml")):
			l.sink.errorf(p, "file-name", "rename the folder, or move the case file out of it", "%s is a folder, not a case file; it is not read", rel)
		case e.IsDir():
		case strings.HasSuffix(lower, ".yml"):
			l.sink.errorf(p, "file-name", "rename it to "+strings.TrimSuffix(name, name[len(name)-4:])+".yaml", "case files end in .yaml; this file is not read")
		case strings.HasSuffix(lower, ".yaml") && !strings.HasSuffix(name, ".yaml"):
			l.sink.errorf(p, "file-name", "rename it to "+name[:len(name)-5]+".yaml", "case files end in .yaml, in lowercase; this file is not read")
		case strings.HasSuffix(name, ".yaml"):
			if id := idOf(name); !validID(id) {
				l.sink.errorf(p, "id-format", idHint(id), "file name %q is not a valid id", id)
				continue
			}
			out = append(out, rel)
		}
	}
	return out
}

// slugify suggests an id for a name that is not one.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(foldName(s)) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// readArchive reads a source's archived file from the sources/ folder and
// hashes it.
func (l *loader) readArchive(s *Source) {
	if s.File == "" {
		return // reported as a missing required field
	}
	at := s.Meta.At("file")
	local := filepath.FromSlash(s.File)
	if strings.Contains(s.File, `\`) || !filepath.IsLocal(local) {
		l.sink.errorf(at, "source-path", "give the file's name relative to the sources/ folder, e.g. "+s.ID+".txt", "file %q is outside the case folder", s.File)
		return
	}
	data, err := l.root.ReadFile("sources/"+filepath.ToSlash(filepath.Clean(local)), caseroot.Text)
	switch {
	case errors.Is(err, caseroot.ErrOutside):
		l.sink.errorf(at, "source-path", "copy the archived file into the case's sources/ folder instead of linking to it", "file %q is a link that leads outside the case folder", s.File)
		return
	case errors.Is(err, fs.ErrNotExist):
		hint := "archive the source's text as sources/" + s.ID + ".txt and set file: " + s.ID + ".txt"
		l.sink.errorf(at, "source-missing", hint, "archived file %q cannot be read: it does not exist", s.File)
		return
	case errors.Is(err, caseroot.ErrNotRegular):
		l.sink.errorf(at, "source-missing", "archive the text as an ordinary file", "archived file %q is not a regular file: %s", s.File, reason(err))
		return
	case errors.Is(err, caseroot.ErrTooLarge):
		l.sink.errorf(at, "source-missing", fmt.Sprintf("archived texts are at most %s; split the source into parts, one source file each", caseroot.Size(caseroot.MaxText)),
			"archived file %q is %s; it is not read", s.File, reason(err))
		return
	case err != nil:
		l.sink.errorf(at, "source-missing", "", "archived file %q cannot be read: %s", s.File, reason(err))
		return
	}
	sum := sha256.Sum256(data)
	s.ComputedSHA256 = hex.EncodeToString(sum[:])
	if msg := textEncodingProblem(data); msg != "" {
		l.sink.errorf(at, "source-encoding", "archived texts are UTF-8; convert it (e.g. iconv -f UTF-16 -t UTF-8) and record the new sha256", "archived file %q %s", s.File, msg)
		return
	}
	s.Text = data
}

// readOriginal hashes a source's captured original (a PDF, a saved web
// page), read from the sources/ folder like the text, with the limit for
// originals; Link compares the hash with the recorded one.
func (l *loader) readOriginal(s *Source, o *Original) {
	if o.File == "" {
		return // reported as a missing required field
	}
	at := o.Meta.At("file")
	local := filepath.FromSlash(o.File)
	if strings.Contains(o.File, `\`) || !filepath.IsLocal(local) {
		l.sink.errorf(at, "source-path", "give the file's name relative to the sources/ folder, e.g. "+s.ID+".pdf", "original %q is outside the case folder", o.File)
		return
	}
	data, err := l.root.ReadFile("sources/"+filepath.ToSlash(filepath.Clean(local)), caseroot.Original)
	switch {
	case errors.Is(err, caseroot.ErrOutside):
		l.sink.errorf(at, "source-path", "copy the captured file into the case's sources/ folder instead of linking to it", "original %q is a link that leads outside the case folder", o.File)
	case errors.Is(err, fs.ErrNotExist):
		l.sink.errorf(at, "source-missing", "keep the file as captured in sources/ (dossier source add does), or remove original:", "captured original %q does not exist", o.File)
	case errors.Is(err, caseroot.ErrTooLarge):
		l.sink.errorf(at, "source-missing", fmt.Sprintf("captured originals are at most %s", caseroot.Size(caseroot.MaxOriginal)), "captured original %q is %s; it is not read", o.File, reason(err))
	case errors.Is(err, caseroot.ErrNotRegular):
		l.sink.errorf(at, "source-missing", "keep the capture as an ordinary file", "captured original %q is not a regular file: %s", o.File, reason(err))
	case err != nil:
		l.sink.errorf(at, "source-missing", "", "captured original %q cannot be read: %s", o.File, reason(err))
	default:
		sum := sha256.Sum256(data)
		o.ComputedSHA256 = hex.EncodeToString(sum[:])
		o.Data = data
	}
}

// readPhoto reads a photo's bytes, relative to the case folder, into
// p.Data; Validate checks what they hold.
func (l *loader) readPhoto(p *Photo) {
	if p.File == "" {
		return // reported as a missing required field
	}
	at := p.Meta.At("file")
	local := filepath.FromSlash(strings.TrimPrefix(p.File, "./"))
	if strings.Contains(p.File, `\`) || !filepath.IsLocal(local) {
		l.sink.errorf(at, "photo", "put the image inside the case folder and give its path relative to it", "photo %q is outside the case folder", p.File)
		return
	}
	data, err := l.root.ReadFile(filepath.ToSlash(filepath.Clean(local)), caseroot.Photo)
	switch {
	case errors.Is(err, caseroot.ErrOutside):
		l.sink.errorf(at, "photo", "copy the image into the case folder instead of linking to it", "photo %q is a link that leads outside the case folder", p.File)
	case errors.Is(err, fs.ErrNotExist):
		l.sink.errorf(at, "photo", "give the image's path relative to the case folder, e.g. officials/photo.jpg", "photo %q does not exist in the case folder", p.File)
	case errors.Is(err, caseroot.ErrTooLarge):
		l.sink.errorf(at, "photo", fmt.Sprintf("photos are at most %s; save a smaller copy", caseroot.Size(caseroot.MaxPhoto)), "photo %q is %s", p.File, reason(err))
	case errors.Is(err, caseroot.ErrNotRegular):
		l.sink.errorf(at, "photo", "give the path of an ordinary JPEG or PNG file", "photo %q is %s, not an image file", p.File, reason(err))
	case err != nil:
		l.sink.errorf(at, "photo", "give the path of an ordinary JPEG or PNG file", "photo %q cannot be read: %s", p.File, reason(err))
	default:
		p.Data = data
	}
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Slug derives an id from a name: transliterated to ASCII (Cyrillic by the
// usual English-language spelling, diacritics dropped), lowercased, words
// joined by single hyphens. "Ерлан Тургумбаев" → "erlan-turgumbaev".
func Slug(name string) string { return slugify(name) }

// ValidID reports whether s has the form of an id: a lowercase slug.
func ValidID(s string) bool { return idPattern.MatchString(s) }
