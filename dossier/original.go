package dossier

import (
	"bytes"
	"net/http"
	"path"
	"strings"
	"unicode/utf8"
)

// Kinds of captured original, by what the file holds.
const (
	OriginalPDF   = "pdf"   // a PDF document
	OriginalImage = "image" // a JPEG, PNG, GIF, WebP or other image
	OriginalHTML  = "html"  // a saved web page
	OriginalText  = "text"  // plain text in UTF-8
	OriginalOther = "other" // anything else (a word-processor file, an archive, …)
)

// OriginalKind says what a captured original holds, from its first bytes
// and, for web pages and text, its name. A PDF is a PDF wherever its
// header sits in the first kilobyte (as readers accept it).
func OriginalKind(name string, data []byte) string {
	head := data[:min(len(data), 1024)]
	if bytes.Contains(head, []byte("%PDF-")) {
		return OriginalPDF
	}
	ct := http.DetectContentType(data)
	switch {
	case strings.HasPrefix(ct, "image/"):
		return OriginalImage
	case strings.HasPrefix(ct, "text/html"):
		return OriginalHTML
	}
	ext := strings.ToLower(path.Ext(name))
	if utf8.Valid(data) && !bytes.ContainsRune(data, 0) {
		if ext == ".html" || ext == ".htm" || ext == ".xhtml" || ext == ".mhtml" {
			return OriginalHTML
		}
		return OriginalText
	}
	return OriginalOther
}
