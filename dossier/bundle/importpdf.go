package bundle

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	pdfmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Limits on a captured original PDF laid out as pages of the bundle. An
// original beyond them is attached instead, and its exhibit says why.
const (
	// MaxOriginalPages is the most pages of one original laid out.
	MaxOriginalPages = 1000
	// maxImportObjects and maxImportBytes bound what one original brings
	// into the bundle PDF (objects copied, and their bytes).
	maxImportObjects = 200_000
	maxImportBytes   = 512 << 20
	// maxDecodedContent bounds the page descriptions of one original,
	// decoded (a compression bomb stops here).
	maxDecodedContent = 64 << 20
)

// importedPDF is a captured original PDF ready to be drawn into the
// bundle: one form XObject per page, and every object they use, numbered
// from 1 among themselves (see overlay, which gives them their final
// numbers).
type importedPDF struct {
	pages   []importedPage
	objects []types.Object // objects[i] is object i+1
}

// importedPage is one page of an original: its form XObject (an object
// number among importedPDF.objects), its box and rotation.
type importedPage struct {
	form   int
	box    [4]float64 // llx, lly, urx, ury of the page's visible area
	rotate int        // 0, 90, 180 or 270, clockwise
}

var pdfcpuOnce sync.Once

// pdfcpuConfig is pdfcpu's configuration for reading: relaxed validation
// (real-world PDFs bend the standard), and no configuration folder (pdfcpu
// would otherwise create one in the user's home).
func pdfcpuConfig() *pdfmodel.Configuration {
	pdfcpuOnce.Do(api.DisableConfigDir)
	conf := pdfmodel.NewDefaultConfiguration()
	conf.ValidationMode = pdfmodel.ValidationRelaxed
	return conf
}

// importPDF reads a captured original PDF with pdfcpu, whose reader bounds
// recursion, object counts and decoded sizes and checks the page tree for
// cycles, validates it, and turns each page into a form XObject. It never
// panics: a document it cannot read, or one beyond the limits, is an
// error that says why in plain words.
func importPDF(data []byte) (imp *importedPDF, err error) {
	defer func() {
		if r := recover(); r != nil {
			imp, err = nil, fmt.Errorf("the PDF could not be read (%v)", r)
		}
	}()
	conf := pdfcpuConfig()
	conf.Limits.MaxStreamBytes = 64 << 20
	conf.Limits.MaxDecodeBytes = 128 << 20
	conf.Limits.MaxRecursionDepth = 64
	ctx, err := api.ReadContext(bytes.NewReader(data), conf)
	if err != nil {
		return nil, fmt.Errorf("the PDF could not be read (%s)", oneLine(err))
	}
	if ctx.XRefTable.Encrypt != nil {
		return nil, errors.New("the PDF is encrypted")
	}
	if err := api.ValidateContext(ctx); err != nil {
		return nil, fmt.Errorf("the PDF is not valid (%s)", oneLine(err))
	}
	n := ctx.PageCount
	switch {
	case n < 1:
		return nil, errors.New("the PDF has no pages")
	case n > MaxOriginalPages:
		return nil, fmt.Errorf("the PDF has %d pages; at most %d are laid out", n, MaxOriginalPages)
	}
	c := &copier{src: ctx.XRefTable, num: map[int]int{}}
	imp = &importedPDF{}
	decoded := 0
	for p := 1; p <= n; p++ {
		d, _, inh, err := ctx.PageDict(p, false)
		if err != nil || d == nil || inh == nil {
			return nil, fmt.Errorf("page %d could not be read (%s)", p, oneLine(err))
		}
		content, err := pageContent(ctx.XRefTable, d, maxDecodedContent-decoded)
		if err != nil {
			return nil, fmt.Errorf("page %d could not be read (%s)", p, oneLine(err))
		}
		decoded += len(content)
		box := inh.MediaBox
		if inh.CropBox != nil {
			box = inh.CropBox
		}
		if box == nil || box.Width() <= 0 || box.Height() <= 0 {
			return nil, fmt.Errorf("page %d has no page size", p)
		}
		res := types.Dict{}
		if inh.Resources != nil {
			o, err := c.copy(inh.Resources, 0)
			if err != nil {
				return nil, err
			}
			res = o.(types.Dict)
		}
		form := types.Dict{
			"Type":      types.Name("XObject"),
			"Subtype":   types.Name("Form"),
			"BBox":      types.Array{types.Float(box.LL.X), types.Float(box.LL.Y), types.Float(box.UR.X), types.Float(box.UR.Y)},
			"Resources": res,
		}
		sd := types.StreamDict{Dict: form, Content: content}
		imp.pages = append(imp.pages, importedPage{
			form: c.add(sd), box: [4]float64{box.LL.X, box.LL.Y, box.UR.X, box.UR.Y}, rotate: ((inh.Rotate % 360) + 360) % 360 / 90 * 90,
		})
		if c.err != nil {
			return nil, c.err
		}
	}
	imp.objects = c.out
	return imp, nil
}

// pageContent returns a page's content streams decoded and joined,
// refusing to decode more than limit bytes (pdfcpu's own PageContent
// decodes without a limit: a compression bomb would exhaust memory).
func pageContent(x *pdfmodel.XRefTable, d types.Dict, limit int) ([]byte, error) {
	o, err := x.Dereference(d["Contents"])
	if err != nil || o == nil {
		return nil, err
	}
	list, ok := o.(types.Array)
	if !ok {
		list = types.Array{o}
	}
	var out []byte
	for _, item := range list {
		sd, _, err := x.DereferenceStreamDict(item)
		if err != nil {
			return nil, err
		}
		if sd == nil {
			continue
		}
		err = sd.DecodeWithLimit(int64(limit - len(out)))
		if err != nil && !strings.Contains(err.Error(), "limit exceeded") {
			return nil, err
		}
		if err != nil || len(out)+len(sd.Content) > limit {
			return nil, fmt.Errorf("the pages' descriptions exceed %d MiB decoded", maxDecodedContent>>20)
		}
		out = append(out, sd.Content...)
		out = append(out, '\n')
	}
	return out, nil
}

// copier copies objects out of an original, numbering them anew in the
// order met (dictionary keys in sorted order), so the same original gives
// the same objects.
type copier struct {
	src   *pdfmodel.XRefTable
	num   map[int]int // object number in the original → number here
	out   []types.Object
	bytes int
	err   error
}

// add appends an object and returns its number.
func (c *copier) add(o types.Object) int {
	c.out = append(c.out, o)
	if len(c.out) > maxImportObjects {
		c.err = fmt.Errorf("the PDF has more than %d objects", maxImportObjects)
	}
	return len(c.out)
}

// copy returns o with every reference followed and renumbered.
func (c *copier) copy(o types.Object, depth int) (types.Object, error) {
	if depth > 64 {
		return nil, errors.New("the PDF nests objects too deeply")
	}
	switch v := o.(type) {
	case types.IndirectRef:
		old := v.ObjectNumber.Value()
		if n, ok := c.num[old]; ok {
			return *types.NewIndirectRef(n, 0), nil
		}
		target, err := c.src.Dereference(v)
		if err != nil {
			return nil, fmt.Errorf("object %d could not be read (%s)", old, oneLine(err))
		}
		if d, ok := target.(types.Dict); ok {
			// A page or the page tree belongs to the original's
			// structure, not to a page's appearance.
			if t := d.NameEntry("Type"); t != nil && (*t == "Page" || *t == "Pages") {
				return nil, nil
			}
		}
		n := c.add(nil)
		c.num[old] = n
		cp, err := c.copy(target, depth+1)
		if err != nil {
			return nil, err
		}
		c.out[n-1] = cp
		return *types.NewIndirectRef(n, 0), c.err
	case types.Dict:
		out := types.Dict{}
		for _, k := range sortedKeys(v) {
			x, err := c.copy(v[k], depth+1)
			if err != nil {
				return nil, err
			}
			out[k] = x
		}
		return out, nil
	case types.Array:
		out := make(types.Array, len(v))
		for i, x := range v {
			y, err := c.copy(x, depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = y
		}
		return out, nil
	case types.StreamDict:
		if v.Raw == nil && v.Content == nil {
			if err := v.DecodeWithLimit(128 << 20); err != nil {
				return nil, fmt.Errorf("a stream could not be read (%s)", oneLine(err))
			}
		}
		d, err := c.copy(v.Dict, depth+1)
		if err != nil {
			return nil, err
		}
		sd := types.StreamDict{Dict: d.(types.Dict), Raw: v.Raw}
		if v.Raw == nil {
			sd.Content = v.Content
		}
		if c.bytes += len(v.Raw) + len(sd.Content); c.bytes > maxImportBytes {
			return nil, fmt.Errorf("the PDF's objects exceed %d MiB", maxImportBytes>>20)
		}
		return sd, nil
	}
	return o, nil
}

func sortedKeys(d types.Dict) []string {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// oneLine is an error's message on one line, at most 160 bytes.
func oneLine(err error) string {
	if err == nil {
		return "no detail"
	}
	s := []rune(string(bytes.Join(bytes.Fields([]byte(err.Error())), []byte(" "))))
	if len(s) > 160 {
		s = append(s[:157], '…')
	}
	return string(s)
}

// OriginalPDFProblem says why a captured original PDF cannot be laid out
// as pages of the evidence bundle (it would be attached instead), or
// returns "" when it can. dossier validate warns with it.
func OriginalPDFProblem(data []byte) string {
	if _, err := importPDF(data); err != nil {
		return err.Error()
	}
	return ""
}
