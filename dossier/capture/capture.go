// Package capture adds a source to a case: it archives the file given
// (plain text as is; an HTML page or a PDF kept as the captured original,
// with its text extracted for quoting), hashes every file, and writes the
// source's YAML with the capture metadata. It also records missing hashes
// in existing source files (Hash).
package capture

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dossier-project/dossier/dossier"
	"gopkg.in/yaml.v3"
)

// Options describe the source being added.
type Options struct {
	ID        string    // default: from the title, else the file's name
	Title     string    // default: the file's name
	Type      string    // a source_types value; default "other"
	URL       string    // where the file was obtained
	TextFile  string    // text extracted by the user, for a PDF or page the tool cannot read
	Retrieved time.Time // default: now
	Publisher string    // as the source gives it; empty: to be filled in
	Notes     string    // default: how the file was added
	// ArchiveURL is an archived copy's address (e.g. web.archive.org).
	ArchiveURL string
	// CapturedBy, Method and Extent are the capture record: who captured
	// it (a role or organisation), how (a capture_methods value) and
	// whether in full (a capture_extents value); empty when not given.
	CapturedBy, Method, Extent string
}

// Result is what Add wrote.
type Result struct {
	ID    string
	Files []string // paths written, the YAML last
	Kind  Kind
}

// Add archives file into the case folder caseDir as a new source.
func Add(caseDir, file string, o Options, vocab dossier.Vocabulary) (Result, error) {
	if _, err := os.Stat(filepath.Join(caseDir, "case.yaml")); err != nil {
		return Result{}, fmt.Errorf("%s is not a case folder (no case.yaml); create one with: dossier new case DIR", caseDir)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return Result{}, err
	}
	return add(caseDir, filepath.Base(file), file, data, o, vocab)
}

// AddText archives text, obtained as it is (a record read from a dataset,
// say), as a new source of the case folder caseDir: sources/ID.txt and
// sources/ID.yaml. o.ID is required. Nothing is ever overwritten.
func AddText(caseDir string, text []byte, o Options, vocab dossier.Vocabulary) (Result, error) {
	if o.ID == "" {
		return Result{}, fmt.Errorf("capture.AddText: no id")
	}
	if _, err := os.Stat(filepath.Join(caseDir, "case.yaml")); err != nil {
		return Result{}, fmt.Errorf("%s is not a case folder (no case.yaml)", caseDir)
	}
	return add(caseDir, o.ID+".txt", "", text, o, vocab)
}

// add archives data, named base (read from file, when not ""), as a new source.
func add(caseDir, base, file string, data []byte, o Options, vocab dossier.Vocabulary) (Result, error) {
	var err error
	if o.Type == "" {
		o.Type = "other"
	}
	if t := vocab["source_types"]; t != nil && !t.Has(o.Type) {
		return Result{}, fmt.Errorf("--type %q is not a source type (%s)", o.Type, strings.Join(t.Values, ", "))
	}
	for _, v := range []struct{ flag, value, list string }{{"--method", o.Method, "capture_methods"}, {"--extent", o.Extent, "capture_extents"}} {
		if t := vocab[v.list]; v.value != "" && t != nil && !t.Has(v.value) {
			return Result{}, fmt.Errorf("%s %q is not allowed (%s)", v.flag, v.value, strings.Join(t.Values, ", "))
		}
	}
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	if o.Title == "" {
		o.Title = stem
	}
	id := o.ID
	if id == "" {
		id = dossier.Slug(o.Title)
		if len(id) > 60 {
			id = strings.TrimRight(id[:60], "-")
		}
	}
	if !dossier.ValidID(id) {
		return Result{}, fmt.Errorf("%q is not a valid id; give one with --id, e.g. %s", id, dossier.Slug(stem))
	}
	if o.Retrieved.IsZero() {
		o.Retrieved = time.Now()
	}
	kind := KindOf(base, data)
	var text []byte
	switch {
	case o.TextFile != "":
		if text, err = os.ReadFile(o.TextFile); err != nil {
			return Result{}, err
		}
	case kind == Text:
		text = data
	case kind == HTML:
		if text, err = ExtractHTML(data); err != nil {
			return Result{}, fmt.Errorf("%s: %w", file, err)
		}
	case kind == PDF:
		if text, err = ExtractPDF(file); err != nil {
			return Result{}, fmt.Errorf("%s: %w", file, err)
		}
	}
	if err := checkText(text); err != nil {
		return Result{}, fmt.Errorf("%s: %w", file, err)
	}

	dir := filepath.Join(caseDir, "sources")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Result{}, err
	}
	res := Result{ID: id, Kind: kind}
	files := map[string][]byte{id + ".txt": text}
	var original string
	if kind != Text || o.TextFile != "" {
		ext := strings.ToLower(filepath.Ext(base))
		if ext == "" || ext == ".txt" {
			ext = map[Kind]string{HTML: ".html", PDF: ".pdf", Text: ".orig"}[kind]
		}
		original = id + ext
		files[original] = data
	}
	meta := sourceYAML(id, o, kind, base, files[id+".txt"], original, data, vocab)
	names := []string{id + ".txt"}
	if original != "" {
		names = append(names, original)
	}
	names = append(names, id+".yaml")
	files[id+".yaml"] = meta
	for _, n := range names {
		if _, err := os.Lstat(filepath.Join(dir, n)); err == nil {
			return Result{}, fmt.Errorf("sources/%s exists already: give another id with --id", n)
		}
	}
	for _, n := range names {
		path := filepath.Join(dir, n)
		if err := createFile(path, files[n]); err != nil {
			for _, w := range res.Files {
				os.Remove(w)
			}
			return Result{}, err
		}
		res.Files = append(res.Files, path)
	}
	return res, nil
}

func sum(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// sourceYAML writes the source's metadata, with the schema line and a
// comment for each field the author should still fill in; the values a
// capture's method and extent may take are listed from vocab.
func sourceYAML(id string, o Options, kind Kind, base string, text []byte, original string, data []byte, vocab dossier.Vocabulary) []byte {
	var b strings.Builder
	b.WriteString("# yaml-language-server: $schema=../schema/source.schema.json\n")
	fmt.Fprintf(&b, "title:%s\n", scalar(o.Title))
	b.WriteString("# type: news_article, ngo_statement, parliamentary_resolution, un_opinion, court_document, report, … (dossier schema source)\n")
	fmt.Fprintf(&b, "type: %s\n", o.Type)
	b.WriteString("# publisher, author, published (ISO date) and language (BCP 47, e.g. en): as the source gives them\n")
	fmt.Fprintf(&b, "publisher:%s\n", scalar(o.Publisher))
	b.WriteString("author:\npublished:\n")
	fmt.Fprintf(&b, "url:%s\n", scalar(o.URL))
	fmt.Fprintf(&b, "archive_url:%s\n", scalar(o.ArchiveURL))
	fmt.Fprintf(&b, "retrieved: %s\n", o.Retrieved.Format("2006-01-02"))
	b.WriteString("language:\n")
	fmt.Fprintf(&b, "file: %s.txt\n", id)
	fmt.Fprintf(&b, "sha256: %s\n", sum(text))
	if original != "" {
		b.WriteString("original:\n")
		fmt.Fprintf(&b, "  file: %s\n  sha256: %s\n", original, sum(data))
	}
	b.WriteString("# capture: who captured it (a role or organisation), how, and whether in full; see dossier schema source\n")
	b.WriteString("capture:\n")
	fmt.Fprintf(&b, "  by:%s\n", scalar(o.CapturedBy))
	fmt.Fprintf(&b, "  # method: %s\n", strings.Join(vocabValues(vocab, "capture_methods"), ", "))
	fmt.Fprintf(&b, "  method:%s\n", scalar(o.Method))
	fmt.Fprintf(&b, "  # extent: %s; a PDF or image original goes to public and partner bundles only when complete\n", strings.Join(vocabValues(vocab, "capture_extents"), " or "))
	fmt.Fprintf(&b, "  extent:%s\n", scalar(o.Extent))
	how := map[Kind]string{
		Text: "captured as plain text",
		HTML: "an HTML page kept as captured; its text extracted with golang.org/x/net/html",
		PDF:  "a PDF kept as captured; its text extracted with pdftotext",
	}[kind]
	if o.TextFile != "" {
		how = "kept as captured; its text supplied separately (" + filepath.Base(o.TextFile) + ")"
	}
	notes := o.Notes
	if notes == "" {
		notes = fmt.Sprintf("Added with dossier source add from %s: %s.", base, how)
	}
	fmt.Fprintf(&b, "notes:%s\n", scalar(notes))
	return []byte(b.String())
}

// scalar formats a value after "key:": a space and the value, quoted when
// YAML needs it; nothing for an empty value.
func scalar(v string) string {
	if v == "" {
		return ""
	}
	out, err := yaml.Marshal(v)
	if err != nil || strings.Count(string(out), "\n") > 1 {
		return " " + fmt.Sprintf("%q", v)
	}
	return " " + strings.TrimSuffix(string(out), "\n")
}

// createFile writes a new file, refusing to replace one.
func createFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s exists already; never overwritten", path)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}

// vocabValues lists the values of one of vocab's vocabularies; none when
// vocab lacks it.
func vocabValues(vocab dossier.Vocabulary, list string) []string {
	if t := vocab[list]; t != nil {
		return t.Values
	}
	return nil
}
