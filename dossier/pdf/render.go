// Package pdf renders the redacted model as PDF dossiers: for each regime
// profile, one dossier per official and one combined dossier for the case.
//
// A dossier has a cover page, a table of contents, numbered sections with
// bookmarks, a running header, and a footer with the classification
// marking, the audience and "Page X of Y". Every statement of fact carries
// numbered citations that link to the sources annex, which gives each
// source's metadata and SHA-256 fingerprint and the exact passages cited.
// Internal editions add a readiness note. Headings and wording come from
// templates/text/pdf.yaml and the regime profile, never from this code.
//
// Pages are reserved for the table of contents after the cover; once the
// body is laid out, the contents, running headers and "Page X of Y"
// footers are drawn onto the pages, since only then are the page numbers
// known. Output is reproducible: dates come from the model and fpdf's
// catalogues are sorted.
package pdf

import (
	"bytes"
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/regime"
	"github.com/dossier-project/dossier/templates"
	"github.com/go-pdf/fpdf"
)

// Render returns the PDF dossiers of d for each regime of o: one per
// official and regime, and one for the whole case per regime. With no
// regime given, it renders for every profile in the templates. Dossiers
// are laid out in parallel; the files come back in a fixed order.
func Render(d *model.Dossier, o model.Options) ([]model.File, error) {
	fsys := o.Templates
	if fsys == nil {
		fsys = templates.Embedded()
	}
	text, err := LoadText(fsys)
	if err != nil {
		return nil, err
	}
	ids := o.Regimes
	if len(ids) == 0 {
		if ids, err = regime.IDs(fsys); err != nil {
			return nil, err
		}
	}
	profiles, err := regime.LoadList(fsys, ids)
	if err != nil {
		return nil, err
	}
	type job struct {
		p    *regime.Profile
		t    *Text
		o    *model.Official // nil for the case's dossier
		name string
	}
	var jobs []job
	skipped := map[string][]string{} // regime id → the officials it gets no dossier of, and why
	for _, p := range profiles {
		t, err := text.withProfile(p)
		if err != nil {
			return nil, err
		}
		jobs = append(jobs, job{p, t, nil, model.FileName(d, "pdf", p.ID)})
		for _, off := range d.Officials {
			// Who goes to whom (regime.Decide): an official the case sends
			// elsewhere, or whose conduct meets none of the regime's
			// limbs, gets no dossier, and the build says so. With no
			// conduct alleged, a sanctions regime never proposes them.
			dec := regime.Decide(d, p, off)
			if !dec.Send {
				if dec.Reason != regime.NoConduct {
					skipped[p.ID] = append(skipped[p.ID], fmt.Sprintf("no %s dossier for %s: %s", p.ID, off.ID, dec.Reason))
				}
				continue
			}
			jobs = append(jobs, job{p, t, off, model.FileName(d, "pdf", off.ID, p.ID)})
		}
	}
	ix := newIndex(d)
	files := make([]model.File, len(jobs))
	errs := make([]error, len(jobs))
	finished := func(i int) {
		if jobs[i].o == nil {
			files[i].Warnings = append(files[i].Warnings, skipped[jobs[i].p.ID]...)
		}
	}
	// With o.Emit, finished files are handed over in job order and
	// dropped: a file waits only for those before it to finish. A case
	// dossier is as long as all the officials' put together, and fpdf
	// holds a document's pages until it is written: at most one is laid
	// out at a time, so that two never sit in memory together.
	caseDossier := make(chan struct{}, 1)
	var (
		mu      sync.Mutex
		done    = make([]bool, len(jobs))
		emitted int // files handed over: jobs[:emitted]
		stop    bool
		emitErr error
	)
	emit := func(i int) {
		mu.Lock()
		defer mu.Unlock()
		done[i] = true
		for ; emitted < len(jobs) && done[emitted] && !stop; emitted++ {
			if errs[emitted] != nil {
				stop = true
				break
			}
			finished(emitted)
			if err := o.Emit(files[emitted]); err != nil {
				emitErr, stop = err, true
				break
			}
			files[emitted] = model.File{}
		}
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(jobs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				j := jobs[i]
				if o.Emit != nil && j.o == nil {
					caseDossier <- struct{}{}
				}
				data, warnings, err := safeDossier(d, j.p, j.t, j.o, ix)
				if o.Emit != nil && j.o == nil {
					<-caseDossier
				}
				files[i], errs[i] = model.File{Name: j.name, Data: data, Warnings: warnings}, err
				if o.Emit != nil {
					emit(i)
				}
			}
		}()
	}
	for i := range jobs {
		if o.Emit != nil {
			mu.Lock()
			stopped := stop
			mu.Unlock()
			if stopped {
				break
			}
		}
		next <- i
	}
	close(next)
	wg.Wait()
	for i := range jobs {
		if errs[i] != nil {
			return nil, fmt.Errorf("%s: %w", jobs[i].name, errs[i])
		}
	}
	if o.Emit != nil {
		return nil, emitErr
	}
	for i := range jobs {
		finished(i)
	}
	return files, nil
}

// safeDossier is Dossier with fpdf's panics turned into errors: a broken
// dossier must fail the build with a message, not crash it.
func safeDossier(d *model.Dossier, p *regime.Profile, t *Text, o *model.Official, ix *index) (data []byte, warnings []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			data, warnings, err = nil, nil, fmt.Errorf("pdf: internal error while laying out: %v", r)
		}
	}()
	return dossier(d, p, t, o, ix)
}

// Dossier renders one dossier under profile p: for official o, or for the
// whole case when o is nil. t is the wording, with p's overrides applied.
func Dossier(d *model.Dossier, p *regime.Profile, t *Text, o *model.Official) ([]byte, error) {
	data, _, err := dossier(d, p, t, o, newIndex(d))
	return data, err
}

// dossier is Dossier with the case's index, shared by every dossier of a
// render, also returning warnings: the characters that no font could
// draw.
func dossier(d *model.Dossier, p *regime.Profile, t *Text, o *model.Official, ix *index) ([]byte, []string, error) {
	s := spec{d: d, p: p, t: t, officials: byFamilyName(d.Officials), combined: o == nil, ix: ix}
	if o != nil {
		s.officials = []*model.Official{o}
		// An official's dossier asks only under the limbs, and in the
		// wording, that apply to the official's kind (no visa restriction
		// for a body).
		s.p = p.ForKind(o.Kind.Value)
		if p.Kind == "sanctions" && o.SanctionBy(p.ID) != nil {
			// Already designated by this recipient: the dossier informs,
			// it does not request.
			q := *s.p
			q.Wording.Title = t.x("designated_title")
			s.p = &q
		}
	} else {
		// Only officials the case sends to this recipient are in its
		// dossier. For a sanctions regime, only those with conduct alleged
		// that meets its criteria (or already designated by it) are
		// proposed; those with none are listed apart, as addressees.
		var proposed []*model.Official
		for _, off := range s.officials {
			dec := regime.Decide(d, p, off)
			switch {
			case p.Kind != "sanctions" && dec.Send, dec.Send && off.HasConduct():
				proposed = append(proposed, off)
			case p.Kind == "sanctions" && dec.Reason == regime.NoConduct:
				s.addressees = append(s.addressees, off)
			}
		}
		s.officials = proposed
	}
	data, missing, err := layout(s)
	var warnings []string
	if len(missing) > 0 {
		warnings = append(warnings, "no font has these characters, printed as gaps: "+strings.Join(missing, ", ")+
			" (run 'dossier validate' to see where they are; see README, Scripts and fonts, to add a font)")
	}
	return data, warnings, err
}

// layout lays the dossier out, once, and returns the PDF and the
// characters no font could draw. The contents come after the cover but
// are only known once the body is laid out: their first page is reserved,
// the pages they need beyond it are added at the end, and the page tree
// puts them in place (see pageorder.go).
func layout(s spec) ([]byte, []string, error) {
	size := "A4"
	if s.p.Paper == "Letter" {
		size = "Letter"
	}
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: size})
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetAutoPageBreak(true, marginBottom)
	f.SetCatalogSort(true)
	f.SetCreationDate(s.d.BuildDate)
	f.SetModificationDate(s.d.BuildDate)
	f.SetCompression(true)
	registerFonts(f)
	dc := &doc{spec: s, f: newWriter(f), cites: map[int]*citation{}}
	dc.pageW, dc.pageH = f.GetPageSize()
	dc.allegationRefs()
	dc.metadata()

	dc.cover()
	tocStart := f.PageCount() + 1
	f.AddPage()
	f.Bookmark(oneLine(dc.t.h("contents")), 0, marginTop)
	dc.body()
	if dc.err != nil {
		return nil, nil, dc.err
	}
	last := f.PageCount()
	tocPages := dc.contents(nil)
	for i := 1; i < tocPages; i++ {
		f.AddPage()
	}
	order := readingOrder(tocStart, last, tocPages)
	dc.readAt = make([]int, len(order)+1)
	for i, p := range order {
		dc.readAt[p] = i + 1
	}
	dc.contents(order[tocStart-1 : tocStart-1+tocPages])
	dc.pageMarks(len(order))
	f.SetPage(len(order)) // fpdf writes the pages up to the current one
	if err := f.Error(); err != nil {
		return nil, nil, fmt.Errorf("pdf: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, nil, fmt.Errorf("pdf: %w", err)
	}
	data := buf.Bytes()
	if tocPages > 1 {
		if err := reorderPages(data, order); err != nil {
			return nil, nil, err
		}
	}
	return data, dc.f.Missing(), nil
}

// byFamilyName orders officials as a reader looks them up: people by
// family name (the last word of the name, then the whole name),
// organisations by their name.
func byFamilyName(list []*model.Official) []*model.Official {
	out := append([]*model.Official{}, list...)
	key := func(o *model.Official) string {
		name := strings.ToLower(o.Name)
		if o.Kind.Value == "organisation" {
			return name
		}
		words := strings.Fields(name)
		if len(words) == 0 {
			return name
		}
		return words[len(words)-1] + " " + name
	}
	sort.SliceStable(out, func(i, j int) bool { return key(out[i]) < key(out[j]) })
	return out
}

// metadata sets the document information and language.
func (dc *doc) metadata() {
	f := dc.f
	title := oneLine(dc.title())
	f.SetTitle(title, true)
	if dc.d.Organisation != "" {
		f.SetAuthor(oneLine(dc.d.Organisation), true)
	}
	f.SetSubject(oneLine(dc.p.Name+" — "+dc.d.Title), true)
	subject := dc.d.Title
	if !dc.combined {
		subject = dc.officials[0].Name
	}
	f.SetKeywords(oneLine(dc.t.x("keywords", "regime", dc.p.ShortName, "country", dc.d.Country, "subject", subject)), true)
	f.SetCreator("dossier", true)
	f.SetLang(dc.p.Language)
	f.SetDisplayMode("fullwidth", "single")
	dc.header = oneLine(dc.p.ShortName + " · " + subject)
}

// allegationRefs names each allegation for cross-references: "Allegation
// 2" for the official of this dossier, "K. Kasymov, Allegation 2" in the
// combined dossier and for other officials.
func (dc *doc) allegationRefs() {
	dc.allegationRef = map[string]string{}
	dc.allegationNum = map[string]string{}
	own := map[string]bool{}
	for _, o := range dc.officials {
		own[o.ID] = true
	}
	for _, o := range dc.d.Officials {
		for i, a := range o.Allegations {
			key := "allegation_ref"
			if !a.Conduct {
				key = "addressed_ref"
			}
			num := dc.t.l(key, "n", strconv.Itoa(i+1))
			dc.allegationNum[a.ID] = num
			ref := num
			if dc.combined || !own[o.ID] {
				ref = oneLine(o.Name) + ", " + num
			}
			dc.allegationRef[a.ID] = ref
		}
	}
}

// body lays out everything after the contents.
func (dc *doc) body() {
	dc.f.AddPage()
	dc.introduction()
	if dc.combined {
		for _, o := range dc.officials {
			dc.officialSection(o)
		}
		dc.addressees(dc.spec.addressees)
		dc.victims(0)
		if dc.d.Show.Readiness {
			dc.readiness(0)
		}
	} else {
		dc.officialFlat(dc.officials[0])
	}
	dc.annex()
}
