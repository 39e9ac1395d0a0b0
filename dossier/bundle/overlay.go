package bundle

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// placement is where one page of an original goes: a page of the bundle
// laid out for it, and the rectangle on that page (PDF points from the
// bottom left) that it is scaled to fit, centred.
type placement struct {
	page int
	imp  *importedPDF
	idx  int // the original's page, from 0
	rect [4]float64
}

// xobjectName is the name the bundle page's resources give an original
// page drawn on it.
const xobjectName = "DossierOriginal"

// overlay draws original pages onto the bundle pages laid out for them,
// as an incremental update appended to the bundle PDF written by fpdf:
// the original's objects, a content stream per page that draws the page
// (under the stamps, which fpdf drew around the space left for it), and
// a new version of each of those bundle pages. Everything is numbered and
// written in a fixed order, so the same bundle gives the same bytes.
func overlay(out *spool, places []placement) (err error) {
	if len(places) == 0 {
		return nil
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("bundle: drawing the original pages: %v", r)
		}
	}()
	ctx, err := api.ReadContext(out.reader(), pdfcpuConfig())
	if err != nil {
		return fmt.Errorf("bundle: reading the laid-out bundle: %w", err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		return fmt.Errorf("bundle: reading the laid-out bundle: %w", err)
	}
	end, err := out.tail(64)
	if err != nil {
		return fmt.Errorf("bundle: reading the laid-out bundle: %w", err)
	}
	prev, err := lastStartXref(end)
	if err != nil {
		return err
	}
	if ctx.XRefTable.Size == nil || ctx.Root == nil {
		return errors.New("bundle: the laid-out bundle has no trailer")
	}
	next := *ctx.XRefTable.Size
	w := &incremental{buf: &bytes.Buffer{}, base: int(out.size), offsets: map[int]int{}}
	if !bytes.HasSuffix(end, []byte("\n")) {
		w.buf.WriteByte('\n')
	}
	first := map[*importedPDF]int{} // an original's object 1 is this number
	for _, p := range places {
		if _, ok := first[p.imp]; ok {
			continue
		}
		first[p.imp] = next
		shift := func(n int) int { return n + next - 1 }
		for i, o := range p.imp.objects {
			if err := w.object(next+i, renumber(o, shift)); err != nil {
				return err
			}
		}
		next += len(p.imp.objects)
	}
	for _, p := range places {
		pg := p.imp.pages[p.idx]
		form := pg.form + first[p.imp] - 1
		content := types.StreamDict{Dict: types.Dict{}, Content: []byte(fmt.Sprintf("q %s cm /%s Do Q\n", matrix(pg, p.rect), xobjectName))}
		contentNum := next
		next++
		if err := w.object(contentNum, content); err != nil {
			return err
		}
		d, ir, _, err := ctx.PageDict(p.page, false)
		if err != nil || ir == nil {
			return fmt.Errorf("bundle: page %d of the laid-out bundle: %v", p.page, err)
		}
		nd := types.Dict{}
		for k, v := range d {
			nd[k] = v
		}
		res := types.Dict{}
		if r, err := ctx.DereferenceDict(d["Resources"]); err == nil && r != nil {
			for k, v := range r {
				res[k] = v
			}
		}
		xo := types.Dict{}
		if x, err := ctx.DereferenceDict(res["XObject"]); err == nil && x != nil {
			for k, v := range x {
				xo[k] = v
			}
		}
		xo[xobjectName] = *types.NewIndirectRef(form, 0)
		res["XObject"] = xo
		nd["Resources"] = res
		contents := types.Array{*types.NewIndirectRef(contentNum, 0)}
		switch c := d["Contents"].(type) {
		case types.Array:
			contents = append(contents, c...)
		case nil:
		default:
			contents = append(contents, c)
		}
		nd["Contents"] = contents
		if err := w.object(ir.ObjectNumber.Value(), nd); err != nil {
			return err
		}
	}
	trailer := types.Dict{"Size": types.Integer(next), "Root": *ctx.Root, "Prev": types.Integer(prev)}
	if ctx.Info != nil {
		trailer["Info"] = *ctx.Info
	}
	if len(ctx.ID) == 2 {
		trailer["ID"] = ctx.ID
	}
	w.finish(trailer)
	_, err = out.Write(w.buf.Bytes())
	return err
}

var startXref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)

func lastStartXref(pdf []byte) (int, error) {
	m := startXref.FindSubmatch(pdf[max(0, len(pdf)-64):])
	if m == nil {
		return 0, errors.New("bundle: the laid-out bundle does not end with startxref")
	}
	return strconv.Atoi(string(m[1]))
}

// matrix places a page's box, turned by its rotation, in rect (x, y, w, h),
// scaled to fit and centred.
func matrix(pg importedPage, rect [4]float64) string {
	llx, lly := pg.box[0], pg.box[1]
	bw, bh := pg.box[2]-pg.box[0], pg.box[3]-pg.box[1]
	dw, dh := bw, bh
	if pg.rotate == 90 || pg.rotate == 270 {
		dw, dh = bh, bw
	}
	s := min(rect[2]/dw, rect[3]/dh)
	ox := rect[0] + (rect[2]-s*dw)/2
	oy := rect[1] + (rect[3]-s*dh)/2
	var m [6]float64
	switch pg.rotate {
	case 90:
		m = [6]float64{0, -s, s, 0, ox - s*lly, oy + s*bw + s*llx}
	case 180:
		m = [6]float64{-s, 0, 0, -s, ox + s*(bw+llx), oy + s*(bh+lly)}
	case 270:
		m = [6]float64{0, s, -s, 0, ox + s*(bh+lly), oy - s*llx}
	default:
		m = [6]float64{s, 0, 0, s, ox - s*llx, oy - s*lly}
	}
	var b bytes.Buffer
	for i, v := range m {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.FormatFloat(v, 'f', 4, 64))
	}
	return b.String()
}

// renumber returns o with every reference n replaced by shift(n).
func renumber(o types.Object, shift func(int) int) types.Object {
	switch v := o.(type) {
	case types.IndirectRef:
		return *types.NewIndirectRef(shift(v.ObjectNumber.Value()), 0)
	case types.Dict:
		out := types.Dict{}
		for k, x := range v {
			out[k] = renumber(x, shift)
		}
		return out
	case types.Array:
		out := make(types.Array, len(v))
		for i, x := range v {
			out[i] = renumber(x, shift)
		}
		return out
	case types.StreamDict:
		v.Dict = renumber(v.Dict, shift).(types.Dict)
		return v
	}
	return o
}

// incremental writes the objects of an incremental update after a PDF.
type incremental struct {
	buf     *bytes.Buffer
	base    int // the length of the PDF the update follows
	offsets map[int]int
}

// object writes object n. A stream keeps its encoded bytes and filters;
// one given only decoded is compressed.
func (w *incremental) object(n int, o types.Object) error {
	w.offsets[n] = w.base + w.buf.Len()
	fmt.Fprintf(w.buf, "%d 0 obj\n", n)
	switch v := o.(type) {
	case nil:
		w.buf.WriteString("null")
	case types.StreamDict:
		d := types.Dict{}
		for k, x := range v.Dict {
			d[k] = x
		}
		data := v.Raw
		if data == nil {
			var z bytes.Buffer
			zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
			zw.Write(v.Content)
			if err := zw.Close(); err != nil {
				return err
			}
			data = z.Bytes()
			d["Filter"] = types.Name("FlateDecode")
			delete(d, "DecodeParms")
		}
		d["Length"] = types.Integer(len(data))
		w.buf.WriteString(d.PDFString())
		w.buf.WriteString("\nstream\n")
		w.buf.Write(data)
		w.buf.WriteString("\nendstream")
	default:
		w.buf.WriteString(o.PDFString())
	}
	w.buf.WriteString("\nendobj\n")
	return nil
}

// finish writes the cross-reference section, in subsections of
// consecutive numbers, and the trailer.
func (w *incremental) finish(trailer types.Dict) {
	nums := make([]int, 0, len(w.offsets))
	for n := range w.offsets {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	xref := w.base + w.buf.Len()
	w.buf.WriteString("xref\n")
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		fmt.Fprintf(w.buf, "%d %d\n", nums[i], j-i+1)
		for _, n := range nums[i : j+1] {
			fmt.Fprintf(w.buf, "%010d 00000 n \n", w.offsets[n])
		}
		i = j + 1
	}
	fmt.Fprintf(w.buf, "trailer\n%s\nstartxref\n%d\n%%%%EOF\n", trailer.PDFString(), xref)
}
