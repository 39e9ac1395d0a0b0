package bundle

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
)

// The two manifest files at the bundle's root. MANIFEST.sha256 lists
// every other file of the bundle (manifest.json included) in the format
// sha256sum -c reads; manifest.json lists every file but the two
// manifests, with its size, role and exhibit, and the cited passages.
const (
	ManifestSums = "MANIFEST.sha256"
	ManifestJSON = "manifest.json"
	// ManifestSig is the detached SSH signature of MANIFEST.sha256 in a
	// signed bundle ("ssh-keygen -Y sign -n file" format); the one file
	// MANIFEST.sha256 cannot list.
	ManifestSig = ManifestSums + ".sig"
)

// File roles in manifest.json.
const (
	RoleBundle  = "bundle"       // the bundle PDF
	RoleExhibit = "exhibit-text" // an exhibit's archived text
)

// Manifest is manifest.json.
type Manifest struct {
	Format   string          `json:"format"` // "dossier-bundle/1"
	Case     string          `json:"case"`
	Audience string          `json:"audience"`
	Prefix   string          `json:"prefix"`
	Pages    int             `json:"pages"`
	Files    []ManifestFile  `json:"files"`
	Exhibits []ManifestEntry `json:"exhibits"`
	Passages []Passage       `json:"passages"`
}

// FormatID names this version of the bundle's layout.
const FormatID = "dossier-bundle/1"

// ManifestFile is one file of the bundle.
type ManifestFile struct {
	File    string `json:"file"` // slash-separated, relative to the bundle's root
	Size    int64  `json:"size"`
	SHA256  string `json:"sha256"`
	Role    string `json:"role"`
	Exhibit int    `json:"exhibit,omitempty"`
}

// ManifestEntry is one exhibit of the index.
type ManifestEntry struct {
	Exhibit      int    `json:"exhibit"`
	Source       string `json:"source"`
	Title        string `json:"title"`
	File         string `json:"file"`
	SHA256       string `json:"sha256"`
	FirstPage    string `json:"first_page"`
	TextRedacted bool   `json:"text_redacted"`
	// TextWithheld says the exhibit's text is not in this bundle (File and
	// SHA256 are empty): it names a person the audience may not see.
	TextWithheld bool `json:"text_withheld,omitempty"`
	// Original is the source's captured original, when it has one.
	Original *ManifestOriginal `json:"original,omitempty"`
}

// Passage is one row of the cited-passages table: an excerpt's passage as
// it stands in an exhibit's text file.
type Passage struct {
	Excerpt   int    `json:"excerpt"`
	Exhibit   int    `json:"exhibit"`
	File      string `json:"file"`
	Paragraph int    `json:"paragraph"`
	Page      string `json:"page"`
	Offset    int    `json:"offset"` // byte offset in File
	Text      string `json:"text"`   // the exact bytes at Offset
}

// sumBlobs is Sums of the bundle's files as Render holds them.
func sumBlobs(files map[string]blob) ([]byte, error) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		sum, err := files[n].sum()
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&b, "%s  %s\n", sum, n)
	}
	return []byte(b.String()), nil
}

// Sums formats entries the way sha256sum writes them: "<hex>  <name>".
func Sums(files map[string][]byte) []byte {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		sum := sha256.Sum256(files[n])
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(sum[:]), n)
	}
	return []byte(b.String())
}
