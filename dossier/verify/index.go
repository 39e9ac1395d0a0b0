package verify

import (
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/dossier-project/dossier/dossier/bundle"
	"github.com/dossier-project/dossier/dossier/pdf"
	"github.com/dossier-project/dossier/dossier/verify/internal/pdfstruct"
)

// checkIndex compares manifest.json's index with the bundle PDF itself, as
// a reader's viewer shows it, read with no external tool (package
// pdfstruct): the number of pages against the last bundle page, each
// exhibit's bookmark (found by its title, in exhibit order) against the
// first page manifest.json gives it, every cited passage's page against
// the page count, and the files attached to the PDF against the files
// manifest.json lists (name, size, sha256). Problems are of kind "index"
// and name the PDF, and the exhibit when there is one.
func checkIndex(r *Report, m *bundle.Manifest, files map[string]*entry) {
	name := ""
	for _, f := range m.Files {
		if f.Role == bundle.RoleBundle {
			name = f.File
			break
		}
	}
	if name == "" {
		r.add("index", bundle.ManifestJSON, "lists no bundle PDF (a file of role %q)", bundle.RoleBundle)
		return
	}
	e := files[name]
	if e == nil {
		return // reported as missing already
	}
	rc, err := e.open()
	if err != nil {
		r.add("index", name, "cannot be read: %v", err)
		return
	}
	defer rc.Close()
	doc, err := pdfstruct.Read(io.LimitReader(rc, MaxFileSize))
	if err != nil {
		r.add("index", name, "its structure cannot be read, so its index cannot be compared with %s: %v", bundle.ManifestJSON, err)
		return
	}
	stamp := func(n int) string { return bundle.Stamp(m.Prefix, n) }
	if doc.Pages != m.Pages {
		r.add("index", name, "the PDF has %d pages; %s says %d, the last stamped %s", doc.Pages, bundle.ManifestJSON, m.Pages, stamp(m.Pages))
	}
	cursor := 0
	for _, x := range m.Exhibits {
		suffix := bundle.BookmarkSeparator + pdf.OneLine(x.Title) // the label's wording comes from the templates
		found := -1
		for i := cursor; i < len(doc.Bookmarks); i++ {
			if strings.HasSuffix(doc.Bookmarks[i].Title, suffix) {
				found = i
				break
			}
		}
		if found < 0 {
			r.add("index", name, "exhibit %d: the PDF has no bookmark for it (a title ending %q after the bookmarks of the exhibits before it)", x.Exhibit, suffix)
			continue
		}
		cursor = found + 1
		r.Bookmarks++
		b := doc.Bookmarks[found]
		want := stampNumber(m.Prefix, x.FirstPage)
		switch {
		case want < 1 || want > doc.Pages:
			r.add("index", name, "exhibit %d: %s gives its first page as %q, which is not a page of the PDF (1 to %d)", x.Exhibit, bundle.ManifestJSON, x.FirstPage, doc.Pages)
		case b.Page == 0:
			r.add("index", name, "exhibit %d: the PDF's bookmark points at no page of the PDF; %s says its first page is %s", x.Exhibit, bundle.ManifestJSON, x.FirstPage)
		case b.Page != want:
			r.add("index", name, "exhibit %d: %s says its first page is %s; the PDF's bookmark points at page %d (%s)", x.Exhibit, bundle.ManifestJSON, x.FirstPage, b.Page, stamp(b.Page))
		}
	}
	for _, p := range m.Passages {
		if n := stampNumber(m.Prefix, p.Page); n < 1 || n > doc.Pages {
			r.add("index", name, "excerpt %d: %s places its passage on %q, which is not a page of the PDF (1 to %d)", p.Excerpt, bundle.ManifestJSON, p.Page, doc.Pages)
		}
	}
	listed := map[string]bundle.ManifestFile{}
	for _, f := range m.Files {
		if f.Role != bundle.RoleBundle {
			listed[path.Base(f.File)] = f
		}
	}
	attached := map[string]bool{}
	for _, a := range doc.Attachments {
		f, ok := listed[a.Name]
		switch {
		case attached[a.Name]:
			r.add("index", name, "the PDF attaches %q twice", a.Name)
		case a.Err != nil:
			r.add("index", name, "the attached file %q cannot be read: %v", a.Name, a.Err)
		case !ok:
			r.add("index", name, "the PDF attaches %q, which %s does not list", a.Name, bundle.ManifestJSON)
		case a.SHA256 != strings.ToLower(f.SHA256) || a.Size != f.Size:
			r.add("index", name, "%sthe copy of %s attached to the PDF differs from the one %s lists: %d bytes with sha256 %s, not %d bytes with %s",
				exhibitPrefix(f.Exhibit), f.File, bundle.ManifestJSON, a.Size, a.SHA256, f.Size, f.SHA256)
		default:
			r.Attached++
		}
		attached[a.Name] = true
	}
	for _, f := range m.Files {
		if f.Role == bundle.RoleExhibit && !attached[path.Base(f.File)] {
			r.add("index", name, "%s%s is not attached to the PDF", exhibitPrefix(f.Exhibit), f.File)
		}
	}
}

func exhibitPrefix(n int) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf("exhibit %d: ", n)
}

// stampNumber returns the page number of a bundle stamp ("KZ-000014" is
// 14), or 0 when s is not a stamp with the prefix.
func stampNumber(prefix, s string) int {
	digits, ok := strings.CutPrefix(s, prefix+"-")
	if !ok || digits == "" || len(digits) > 9 {
		return 0
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 1 {
		return 0
	}
	return n
}
