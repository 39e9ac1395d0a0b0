package model

// Capture is how a source was obtained (Berkeley Protocol capture record;
// when and from where are the source's Retrieved, URL and ArchiveURL).
type Capture struct {
	By          string       `json:"by,omitempty"` // a role or organisation
	Method      Label        `json:"method"`
	Extent      Label        `json:"extent"` // complete or excerpt
	ReprintOf   *Reprint     `json:"reprint_of,omitempty"`
	Translation *Translation `json:"translation,omitempty"`
}

// Reprint names the publication a source reprints.
type Reprint struct {
	Publisher string `json:"publisher,omitempty"`
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
}

// Translation says a source's text is a translation, by whom and how.
type Translation struct {
	By           string `json:"by,omitempty"`
	Method       Label  `json:"method"`
	FromLanguage string `json:"from_language,omitempty"`
}

// Kinds of captured original (Original.Kind), by what the file holds
// (dossier.OriginalKind tells them apart).
const (
	OriginalPDF   = "pdf"   // a PDF document
	OriginalImage = "image" // a JPEG, PNG, GIF, WebP or other image
	OriginalHTML  = "html"  // a saved web page
	OriginalText  = "text"  // plain text in UTF-8
	OriginalOther = "other" // anything else (a word-processor file, an archive, …)
)

// Why an original is withheld from an edition (Original.WithheldReason).
const (
	// WithheldText: the source's text names a person the edition
	// protects, so its original does too.
	WithheldText = "text_withheld"
	// WithheldNames: the original's own content names such a person.
	WithheldNames = "names_withheld"
	// WithheldUnchecked: the original (a PDF, an image, a binary file)
	// cannot be searched reliably for names, and its text is not recorded
	// as the complete document, so nothing vouches that it names no one
	// the edition protects.
	WithheldUnchecked = "unchecked"
)

// Original is a source's file as it was captured, as one audience gets it.
type Original struct {
	File   string `json:"file"` // its name, neutral when the name would identify someone withheld
	Kind   string `json:"kind"` // pdf, image, html, text or other
	SHA256 string `json:"sha256"`
	Size   int    `json:"size"`
	// Withheld says the file is not given to this audience, and
	// WithheldReason why (WithheldText, WithheldNames, WithheldUnchecked).
	Withheld       bool   `json:"withheld,omitempty"`
	WithheldReason string `json:"withheld_reason,omitempty"`
	// Data is the file as captured; nil when withheld. Outputs that carry
	// files (the evidence bundle) carry it unchanged.
	Data []byte `json:"-"`
}
