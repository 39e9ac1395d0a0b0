package bundle

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/dossier-project/dossier/dossier/model"
)

// Places reads back a bundle that Render produced (its output files) and
// returns what the dossiers built with it cite: the bundle's file name and
// the sha256 of its MANIFEST.sha256, and for each excerpt placed in an
// exhibit, its bundle page and paragraph, as manifest.json records them.
// The build records these in the model (model.Dossier.CiteBundle) before
// the other formats are rendered.
func Places(files []model.File) (model.BundleFile, map[int]model.BundlePlace, error) {
	var zf *model.File
	for i := range files {
		if strings.HasSuffix(files[i].Name, ".zip") {
			zf = &files[i]
		}
	}
	if zf == nil {
		return model.BundleFile{}, nil, fmt.Errorf("bundle: no zip among the bundle's outputs")
	}
	zr, err := zip.NewReader(bytes.NewReader(zf.Data), int64(len(zf.Data)))
	if err != nil {
		return model.BundleFile{}, nil, fmt.Errorf("bundle: reading back %s: %w", zf.Name, err)
	}
	root := strings.TrimSuffix(zf.Name, ".zip")
	sums, err := readZipped(zr, path.Join(root, ManifestSums))
	if err != nil {
		return model.BundleFile{}, nil, err
	}
	mj, err := readZipped(zr, path.Join(root, ManifestJSON))
	if err != nil {
		return model.BundleFile{}, nil, err
	}
	var m Manifest
	if err := json.Unmarshal(mj, &m); err != nil {
		return model.BundleFile{}, nil, fmt.Errorf("bundle: reading back %s: %w", ManifestJSON, err)
	}
	sum := sha256.Sum256(sums)
	b := model.BundleFile{File: zf.Name, ManifestSHA256: hex.EncodeToString(sum[:]), Pages: m.Pages}
	places := make(map[int]model.BundlePlace, len(m.Passages))
	for _, p := range m.Passages {
		places[p.Excerpt] = model.BundlePlace{Page: p.Page, Paragraph: p.Paragraph, Exhibit: p.Exhibit}
	}
	return b, places, nil
}

func readZipped(zr *zip.Reader, name string) ([]byte, error) {
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("bundle: reading back %s: %w", name, err)
		}
		defer rc.Close()
		return io.ReadAll(rc)
	}
	return nil, fmt.Errorf("bundle: %s is not in the bundle", name)
}
