// Package templates holds the data that shapes dossier's outputs: the
// controlled vocabularies of the case-file format, the regime profiles and
// the text of headings and wording. It is embedded into the binary so that
// a single executable works anywhere; a user may point dossier at a folder
// of their own instead (see FS).
package templates

import (
	"embed"
	"io/fs"
	"os"
)

//go:embed vocabulary.yaml
var embedded embed.FS

// Embedded returns the templates compiled into the binary.
func Embedded() fs.FS { return embedded }

// FS returns the templates to use: the folder dir when it is not empty,
// otherwise the embedded templates.
func FS(dir string) fs.FS {
	if dir == "" {
		return embedded
	}
	return os.DirFS(dir)
}
