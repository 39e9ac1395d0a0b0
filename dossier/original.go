package dossier

import (
	"bytes"
	"net/http"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/dossier-project/dossier/dossier/model"
)

// OriginalKind says what a captured original holds (model.OriginalPDF,
// OriginalImage, OriginalHTML, OriginalText or OriginalOther), from its
// first bytes and, for web pages and text, its name. A PDF is a PDF
// wherever its header sits in the first kilobyte (as readers accept it).
func OriginalKind(name string, data []byte) string {
	head := data[:min(len(data), 1024)]
	if bytes.Contains(head, []byte("%PDF-")) {
		return model.OriginalPDF
	}
	ct := http.DetectContentType(data)
	switch {
	case strings.HasPrefix(ct, "image/"):
		return model.OriginalImage
	case strings.HasPrefix(ct, "text/html"):
		return model.OriginalHTML
	}
	ext := strings.ToLower(path.Ext(name))
	if utf8.Valid(data) && !bytes.ContainsRune(data, 0) {
		if ext == ".html" || ext == ".htm" || ext == ".xhtml" || ext == ".mhtml" {
			return model.OriginalHTML
		}
		return model.OriginalText
	}
	return model.OriginalOther
}
