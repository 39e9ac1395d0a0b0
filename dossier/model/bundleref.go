package model

// BundleFile identifies the evidence bundle built for the same case and
// audience as the outputs that cite it: a reader holding a bundle knows it
// is the one the citations mean when its file name and the sha256 of its
// MANIFEST.sha256 are these.
type BundleFile struct {
	File string `json:"file"` // the zip's file name, "<case>-bundle-<audience>.zip"
	// ManifestSHA256 is the sha256, in hex, of the bundle's
	// MANIFEST.sha256, which lists every other file of the bundle.
	ManifestSHA256 string `json:"manifest_sha256"`
	Pages          int    `json:"pages"` // pages of the bundle PDF
}

// BundlePlace is where an excerpt's passage begins in the evidence bundle:
// "KZ-000123, para 7".
type BundlePlace struct {
	Page      string `json:"page"`      // the bundle page's stamp, "KZ-000123"
	Paragraph int    `json:"paragraph"` // the exhibit's paragraph, numbered as the dossiers number them
	Exhibit   int    `json:"exhibit"`   // the exhibit, which is the source's number
}

// CiteBundle records the evidence bundle built for this dossier's audience
// and where each excerpt's passage stands in it (places by excerpt
// number). Only the build calls it, with the bundle it rendered from this
// same dossier, so a dossier only ever cites the bundle of its own
// audience. Places for unknown excerpts are ignored.
func (d *Dossier) CiteBundle(b BundleFile, places map[int]BundlePlace) {
	d.Bundle = &b
	for _, x := range d.Excerpts {
		if p, ok := places[x.Number]; ok && !x.SourceWithheld {
			x.Bundle = &p
		} else {
			x.Bundle = nil
		}
	}
}
