// Package bundle renders the evidence bundle for lawyers: one zip holding
// a paginated bundle PDF, the archived text of every source, and two
// manifests of sha256 sums, byte-identical across builds.
//
// The bundle PDF has a cover, an index (exhibit, title, type, publisher,
// date, file, sha256, first bundle page, each linked), then every source as
// an exhibit: its archived text laid out in full, paragraphs numbered as
// the dossiers cite them, each cited passage highlighted and tagged with
// the excerpts and what they support; and last a table of the cited
// passages with the bundle page each begins on. Every page is stamped with
// a running bundle number (KZ-000123) and its exhibit. Each exhibit's text
// is also attached to the PDF.
//
// Like every renderer it reads only the redacted model: a source's text is
// the one redaction produced for the audience (Source.Text), and excerpts
// whose source is withheld are placed in no exhibit. The manifests are
// what dossier verify checks; see package verify.
package bundle

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/templates"
)

// Render returns the bundle of d as one zip file,
// "<case>-bundle-<audience>.zip", whose files sit in one folder of the
// same name.
func Render(d *model.Dossier, o model.Options) ([]model.File, error) {
	fsys := o.Templates
	if fsys == nil {
		fsys = templates.Embedded()
	}
	t, err := LoadText(fsys)
	if err != nil {
		return nil, err
	}
	ex, warnings := plan(d)
	prefix := Prefix(d.Country, d.Case)
	name := model.FileName(d, "zip", "bundle")
	root := strings.TrimSuffix(name, ".zip")
	pdfName := root + ".pdf"
	spooled, pages, err := renderPDF(d, t, ex, prefix, name)
	if err != nil {
		return nil, err
	}
	defer spooled.close()
	// The files are written into the zip from where they are (the PDF
	// from its spool, the texts from the model), never copied.
	files := map[string]blob{pdfName: {p: spooled}}
	pdfEntry, err := entry(pdfName, files[pdfName], RoleBundle, 0)
	if err != nil {
		return nil, err
	}
	m := Manifest{Format: FormatID, Case: d.Case, Audience: string(d.Audience), Prefix: prefix, Pages: pages,
		Files: []ManifestFile{pdfEntry}, Exhibits: []ManifestEntry{}, Passages: []Passage{}}
	for _, e := range ex {
		if !e.src.TextWithheld {
			files[e.file] = blob{s: e.src.Text}
			te, _ := entry(e.file, files[e.file], RoleExhibit, e.n)
			m.Files = append(m.Files, te)
		}
		me := ManifestEntry{Exhibit: e.n, Source: e.src.ID, Title: e.src.Title, File: e.file,
			SHA256: e.sum, FirstPage: Stamp(prefix, e.page), TextRedacted: e.src.TextRedacted}
		if e.src.TextWithheld {
			me.File, me.SHA256, me.TextWithheld = "", "", true
		}
		me.Original = addOriginal(files, &m, e, prefix)
		m.Exhibits = append(m.Exhibits, me)
		for _, p := range e.passages {
			for _, x := range p.excerpts {
				m.Passages = append(m.Passages, Passage{Excerpt: x.Number, Exhibit: e.n, File: e.file, Paragraph: p.para,
					Page: Stamp(prefix, p.page), Offset: p.start, Text: e.src.Text[p.start:p.end]})
			}
		}
	}
	sort.Slice(m.Passages, func(i, j int) bool { return m.Passages[i].Excerpt < m.Passages[j].Excerpt })
	mj, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	files[ManifestJSON] = blob{b: append(mj, '\n')}
	sums, err := sumBlobs(files)
	if err != nil {
		return nil, err
	}
	files[ManifestSums] = blob{b: sums}
	if o.SignManifest != nil {
		sig, err := o.SignManifest(sums)
		if err != nil {
			return nil, fmt.Errorf("signing %s: %w", ManifestSums, err)
		}
		files[ManifestSig] = blob{b: sig}
	}
	data, err := pack(root, files, d)
	if err != nil {
		return nil, err
	}
	return []model.File{{Name: name, Data: data, Warnings: warnings}}, nil
}

func entry(name string, data blob, role string, exhibit int) (ManifestFile, error) {
	sum, err := data.sum()
	return ManifestFile{File: name, Size: data.size(), SHA256: sum, Role: role, Exhibit: exhibit}, err
}

// pack zips the files under root/ in a fixed order (the manifests and
// signature first,
// then by name) with the build date as every entry's time, so that the
// same case gives the same bytes.
func pack(root string, files map[string]blob, d *model.Dossier) ([]byte, error) {
	names := make([]string, 0, len(files))
	for n := range files {
		if n != ManifestSums && n != ManifestSig && n != ManifestJSON {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	first := []string{ManifestSums, ManifestJSON}
	if _, ok := files[ManifestSig]; ok {
		first = []string{ManifestSums, ManifestSig, ManifestJSON}
	}
	names = append(first, names...)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		h := &zip.FileHeader{Name: root + "/" + n, Method: zip.Deflate, Modified: d.BuildDate.UTC()}
		h.SetMode(0o644)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if err := files[n].writeTo(w); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
