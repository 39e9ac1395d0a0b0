package bundle

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/pdf"
)

// RoleOriginal is the manifest role of a source's captured original.
const RoleOriginal = "original"

// exOriginal is an exhibit's captured original as the bundle carries it.
type exOriginal struct {
	o    *model.Original
	file string // its path inside the bundle; "" when withheld
	sum  string // sha256 of the file
	// imp is the original's pages, ready to draw, when it is a PDF that
	// could be read; why says in plain words why a PDF's pages are not
	// shown (it is attached instead).
	imp        *importedPDF
	why        string
	first, end int // bundle pages of its pages (end exclusive); 0 when none
}

// planOriginal prepares an exhibit's original: its file name in the bundle
// and, for a PDF, its pages. Redaction decided whether the audience gets
// it (Original.Withheld); this only carries out that decision.
func planOriginal(e *exhibit) {
	o := e.src.Original
	if o == nil {
		return
	}
	x := &exOriginal{o: o, sum: o.SHA256}
	e.orig = x
	if o.Withheld || o.Data == nil {
		return
	}
	sum := sha256.Sum256(o.Data)
	x.sum = hex.EncodeToString(sum[:])
	x.file = fmt.Sprintf("originals/exhibit-%02d-%s", e.n, safeName(o.File, "original"))
	if o.Kind != model.OriginalPDF {
		return
	}
	imp, err := importPDF(o.Data)
	if err != nil {
		x.why = err.Error()
		return
	}
	x.imp = imp
}

// safeName reduces a file's base name to characters every file system and
// zip tool takes.
func safeName(name, fallback string) string {
	base := path.Base(strings.ReplaceAll(name, `\`, "/"))
	var b strings.Builder
	for _, r := range base {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	out := strings.TrimLeft(b.String(), ".-")
	if out == "" {
		return fallback
	}
	return out
}

// captureDetails are the lines of a source's capture record: who captured
// it and how, its extent, what it reprints and what it translates.
func (l *layout) captureDetails(s *model.Source) [][2]string {
	t, c := l.t, s.Capture
	if c == nil {
		return nil
	}
	var out [][2]string
	add := func(label, value string) {
		if strings.TrimSpace(value) != "" {
			out = append(out, [2]string{label, value})
		}
	}
	how := c.Method.Label
	if c.By != "" {
		how = strings.TrimPrefix(strings.Join([]string{how, t.x("capture_by", "by", c.By)}, " "), " ")
	}
	add(t.l("captured"), how)
	add(t.l("extent"), c.Extent.Label)
	if r := c.ReprintOf; r != nil {
		add(t.l("reprint_of"), joinNonEmpty(", ", r.Title, r.Publisher, r.URL))
	}
	if tr := c.Translation; tr != nil {
		v := tr.Method.Label
		if tr.FromLanguage != "" {
			v = joinNonEmpty(", ", v, t.x("translated_from", "language", tr.FromLanguage))
		}
		if tr.By != "" {
			v = joinNonEmpty(", ", v, t.x("capture_by", "by", tr.By))
		}
		add(t.l("translation"), v)
	}
	return out
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// originalNotice says what became of an exhibit's original in this
// edition: withheld (and why), shown as pages, or attached (and why its
// pages are not shown).
// The index, drawn last, gives the bundle pages of an original's pages;
// the exhibit's heading, drawn before them, says they follow.
func (l *layout) originalNotice(e *exhibit, index bool) (text string, warn bool) {
	x, t := e.orig, l.t
	switch {
	case x == nil:
		return "", false
	case x.o.Withheld:
		return t.x("original_withheld") + " " + t.x("original_withheld_"+x.o.WithheldReason), true
	case x.imp != nil && index:
		return t.x("original_pages", "n", strconv.Itoa(len(x.imp.pages)), "first", Stamp(l.prefix, x.first), "last", Stamp(l.prefix, x.end-1)), false
	case x.imp != nil:
		return t.x("original_follows", "n", strconv.Itoa(len(x.imp.pages))), false
	case x.o.Kind == model.OriginalPDF:
		return t.x("original_unreadable", "why", x.why), true
	}
	return t.x("original_attached", "kind", t.x("kind_"+x.o.Kind)), false
}

// originalDetails prints an exhibit's capture record and original in its
// heading.
func (l *layout) originalDetails(lw float64, e *exhibit) {
	t := l.t
	for _, kv := range l.captureDetails(e.src) {
		l.labelValue(lw, kv[0], kv[1], ink)
	}
	x := e.orig
	if x == nil {
		return
	}
	if x.file != "" {
		l.labelValue(lw, t.l("original"), x.file, ink)
	} else {
		l.labelValue(lw, t.l("original"), x.o.File, ink)
	}
	l.labelValue(lw, t.l("original_sha256"), x.sum, ink)
	if msg, warn := l.originalNotice(e, false); warn {
		l.labelValue(lw, "", msg, marking)
	} else {
		l.labelValue(lw, "", msg, grey)
	}
}

// originalPages lays out the pages of an exhibit's original PDF, one
// bundle page each: a heading line, then the page itself scaled to the
// space between the running header and the stamp (drawn in by overlay).
func (l *layout) originalPages(e *exhibit) {
	x := e.orig
	if x == nil || x.imp == nil {
		return
	}
	f, t := l.f, l.t
	n := len(x.imp.pages)
	const side, top, foot = 15.0, 25.0, 21.0
	for i := range x.imp.pages {
		f.AddPage()
		if i == 0 {
			x.first = f.PageNo()
			l.font(pdf.Sans, "B", 10)
			f.Bookmark(pdf.OneLine(t.x("original_bookmark", "n", strconv.Itoa(n))), 1, 0)
		}
		x.end = f.PageNo() + 1
		f.SetXY(marginLeft, 18)
		l.font(pdf.Sans, "B", smallSize)
		l.color(navy)
		f.CellFormat(l.width(), smallLine, pdf.FitText(f, t.x("original_page", "n", strconv.Itoa(e.n), "page", strconv.Itoa(i+1), "pages", strconv.Itoa(n)), l.width()), "", 0, "L", false, 0, "")
		w, h := l.pageW-2*side, l.pageH-top-foot
		f.SetDrawColor(ruleGrey.r, ruleGrey.g, ruleGrey.b)
		f.SetLineWidth(0.2)
		f.Rect(side, top, w, h, "D")
		k := 72 / 25.4
		l.places = append(l.places, placement{page: f.PageNo(), imp: x.imp, idx: i,
			rect: [4]float64{side * k, (l.pageH - top - h) * k, w * k, h * k}})
	}
	l.color(ink)
}

// originalMeta is an exhibit's original in the index: its file and hash,
// and what became of it (a warning when withheld or not shown).
func (l *layout) originalMeta(e *exhibit) (meta []string, warn string) {
	t, x := l.t, e.orig
	if x == nil {
		return nil, ""
	}
	for _, kv := range l.captureDetails(e.src) {
		meta = append(meta, kv[0]+": "+kv[1])
	}
	name := x.file
	if name == "" {
		name = x.o.File
	}
	meta = append(meta, t.l("original")+": "+name, t.l("original_sha256")+": "+x.sum)
	msg, w := l.originalNotice(e, true)
	if w {
		return meta, msg
	}
	return append(meta, msg), ""
}

// originalAttachments are the originals the edition carries, attached to
// the bundle PDF as they were captured.
func (l *layout) originalAttachments() []attachment {
	var out []attachment
	for _, e := range l.ex {
		if x := e.orig; x != nil && x.file != "" {
			out = append(out, attachment{data: blob{b: x.o.Data}, name: path.Base(x.file),
				desc: l.t.x("original_attachment", "n", strconv.Itoa(e.n))})
		}
	}
	return out
}

// ManifestOriginal is an exhibit's captured original in manifest.json.
type ManifestOriginal struct {
	File   string `json:"file,omitempty"` // in the bundle; "" when withheld
	Kind   string `json:"kind"`
	SHA256 string `json:"sha256"`
	// FirstPage and LastPage are the bundle pages showing its pages, when
	// it is a PDF that could be laid out; NotShown says why a PDF is only
	// attached.
	FirstPage string `json:"first_page,omitempty"`
	LastPage  string `json:"last_page,omitempty"`
	NotShown  string `json:"not_shown,omitempty"`
	// Withheld says the file is not in this edition, and why (see
	// model.Original).
	Withheld       bool   `json:"withheld,omitempty"`
	WithheldReason string `json:"withheld_reason,omitempty"`
}

// addOriginal puts an exhibit's original, when the edition carries it,
// among the bundle's files and returns its manifest entry.
func addOriginal(files map[string]blob, m *Manifest, e *exhibit, prefix string) *ManifestOriginal {
	x := e.orig
	if x == nil {
		return nil
	}
	mo := &ManifestOriginal{File: x.file, Kind: x.o.Kind, SHA256: x.sum, Withheld: x.o.Withheld, WithheldReason: x.o.WithheldReason, NotShown: x.why}
	if x.file != "" {
		files[x.file] = blob{b: x.o.Data}
		oe, _ := entry(x.file, files[x.file], RoleOriginal, e.n)
		m.Files = append(m.Files, oe)
	}
	if x.imp != nil && x.first > 0 {
		mo.FirstPage, mo.LastPage = Stamp(prefix, x.first), Stamp(prefix, x.end-1)
	}
	return mo
}
