// Package jsonout renders the linked, redacted model as one JSON document,
// for other tools. The shape is model.Dossier's, documented in the README.
package jsonout

import (
	"bytes"
	"encoding/json"

	"github.com/dossier-project/dossier/dossier/model"
)

// Render returns <case>-<audience>.json.
func Render(d *model.Dossier, _ model.Options) ([]model.File, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	return []model.File{{Name: model.FileName(d, "json"), Data: b.Bytes()}}, nil
}
