// Package pdfstruct reads the parts of a PDF's structure that a reader
// navigates by: its pages, its top-level bookmarks (title and destination
// page) and its attached files (name, size and sha256 of the content). It
// is what dossier verify compares with a bundle's manifest.json, with no
// external tool.
//
// The PDF is read once, front to back, as a stream: every object is
// parsed where it stands (later definitions of an object replace earlier
// ones, as an incremental update does), so the cross-reference table is
// not needed and a damaged one does not matter. Compressed object streams
// are read; page contents are skipped unread. Hostile input is bounded:
// the length of strings and words, the nesting of arrays and dictionaries,
// the tokens of one object, the objects kept, the bytes any stream
// inflates to, and the size of page and name trees; a PDF beyond them is
// refused with an error, never a panic.
package pdfstruct

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// Limits on what Read accepts.
const (
	MaxString        = 64 << 10  // bytes of one string, name or word
	MaxDepth         = 32        // nesting of arrays and dictionaries
	MaxObjectTokens  = 1 << 20   // tokens of one object
	MaxKeptTokens    = 1 << 24   // tokens of all objects kept for the structure
	MaxPages         = 1 << 20   // pages
	MaxBookmarks     = 1 << 20   // top-level bookmarks
	MaxAttachments   = 1 << 16   // attached files
	MaxTreeDepth     = 64        // levels of the page tree and the name tree
	MaxStreamInMem   = 64 << 20  // raw bytes of an object stream or attachment held in memory
	MaxInflated      = 1 << 30   // bytes all object streams and attachments inflate to, together
	maxObjStmObjects = 1 << 20   // objects one object stream may declare
	maxAttachedBytes = 1<<30 + 1 // bytes one attachment inflates to
)

// Doc is what Read found.
type Doc struct {
	Pages       int          // pages, in the page tree
	Bookmarks   []Bookmark   // the top-level bookmarks, in order
	Attachments []Attachment // the document's attached files (the EmbeddedFiles name tree), in order
}

// Bookmark is one top-level entry of the outline.
type Bookmark struct {
	Title string
	Page  int // 1-based page its destination shows; 0 when it is not a page of this PDF
}

// Attachment is one attached file.
type Attachment struct {
	Name   string // its file name (/UF, else /F)
	Size   int64  // bytes, once inflated
	SHA256 string // of the inflated content, in hex
	Err    error  // why it could not be read; Size and SHA256 are then empty
}

// kept lists the dictionary keys the structure needs; others are dropped
// as an object is read, so page contents, fonts and annotations cost no
// memory.
var kept = map[Name]bool{"Type": true, "Root": true, "Pages": true, "Kids": true, "Count": true, "Outlines": true,
	"First": true, "Next": true, "Title": true, "Dest": true, "A": true, "S": true, "D": true, "Names": true,
	"EmbeddedFiles": true, "EF": true, "F": true, "UF": true, "Length": true, "Filter": true, "N": true}

type streamSum struct {
	size int64
	sum  string
	err  error
}

type reader struct {
	objs     map[int64]any
	sums     map[int64]streamSum // embedded file streams, by object number
	root     any                 // the catalog's reference, from the last trailer
	keptToks int
	inflated int64
}

// Read reads a PDF's structure from r.
func Read(r io.Reader) (*Doc, error) {
	rd := &reader{objs: map[int64]any{}, sums: map[int64]streamSum{}}
	l := newLexer(r)
	if err := rd.scan(l); err != nil {
		return nil, err
	}
	if rd.root == nil {
		return nil, errors.New("no trailer names the document catalog (/Root): not a PDF, or cut short")
	}
	cat, ok := rd.get(rd.root).(Dict)
	if !ok {
		return nil, errors.New("the document catalog (/Root) is not a dictionary")
	}
	d := &Doc{}
	pages, err := rd.pages(cat["Pages"])
	if err != nil {
		return nil, err
	}
	d.Pages = len(pages)
	if d.Bookmarks, err = rd.outline(cat["Outlines"], pages); err != nil {
		return nil, err
	}
	if names, ok := rd.get(cat["Names"]).(Dict); ok {
		if d.Attachments, err = rd.attachments(names["EmbeddedFiles"]); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// scan reads the file's objects and trailers until the input ends;
// anything else (xref sections, stray words) is passed over.
func (rd *reader) scan(l *lexer) error {
	var prev [2]token
	for {
		t, err := l.next()
		if err != nil {
			return err
		}
		switch {
		case t.kind == tEOF:
			return nil
		case t.kind == tKeyword && t.s == "obj" && prev[0].kind == tInt && prev[1].kind == tInt:
			if err := rd.object(l, prev[0].i); err != nil {
				return err
			}
			t = token{}
		case t.kind == tKeyword && t.s == "trailer":
			budget := MaxObjectTokens
			t2, err := l.next()
			if err != nil {
				return err
			}
			v, err := l.value(t2, 0, &budget)
			if err != nil {
				return fmt.Errorf("trailer: %w", err)
			}
			if d, ok := v.(Dict); ok && d["Root"] != nil {
				rd.root = d["Root"]
			}
			t = token{}
		}
		prev[0], prev[1] = prev[1], t
	}
}

// object reads object num after its "obj" keyword.
func (rd *reader) object(l *lexer, num int64) error {
	// A later definition replaces an earlier one whole: an attached
	// file's hash holds only while the object is still that stream.
	delete(rd.sums, num)
	budget := MaxObjectTokens
	t, err := l.next()
	if err != nil {
		return err
	}
	v, err := l.value(t, 0, &budget)
	if err != nil {
		return fmt.Errorf("object %d: %w", num, err)
	}
	t, err = l.next()
	if err != nil {
		return err
	}
	if t.kind == tKeyword && t.s == "stream" {
		d, _ := v.(Dict)
		if err := rd.stream(l, num, d); err != nil {
			return fmt.Errorf("object %d: %w", num, err)
		}
	} else {
		l.push(t)
	}
	return rd.keep(num, v)
}

// keep records an object's structural part.
func (rd *reader) keep(num int64, v any) error {
	v = prune(v, 0)
	rd.keptToks += cost(v)
	if rd.keptToks > MaxKeptTokens {
		return fmt.Errorf("more than %d tokens of structure: %w", MaxKeptTokens, errLimit)
	}
	rd.objs[num] = v
	return nil
}

func prune(v any, depth int) any {
	switch x := v.(type) {
	case Dict:
		out := Dict{}
		for k, e := range x {
			if kept[k] {
				out[k] = prune(e, depth+1)
			}
		}
		return out
	case Array:
		out := make(Array, len(x))
		for i, e := range x {
			out[i] = prune(e, depth+1)
		}
		return out
	}
	return v
}

func cost(v any) int {
	switch x := v.(type) {
	case Dict:
		n := 1
		for _, e := range x {
			n += 1 + cost(e)
		}
		return n
	case Array:
		n := 1
		for _, e := range x {
			n += cost(e)
		}
		return n
	case String:
		return 1 + len(x)/16
	}
	return 1
}

// stream reads a stream's data after its "stream" keyword: hashed when it
// is an attached file, parsed when it is an object stream, else skipped.
func (rd *reader) stream(l *lexer, num int64, d Dict) error {
	c, err := l.readByte()
	if err != nil {
		return unexpectedEOF(err)
	}
	if c == '\r' {
		if c, err = l.readByte(); err != nil {
			return unexpectedEOF(err)
		}
	}
	if c != '\n' {
		l.unreadByte()
	}
	typ, _ := d["Type"].(Name)
	length, direct := d["Length"].(int64)
	if !direct || length < 0 {
		return errors.New("a stream whose /Length is not given as a number: this check reads only PDFs that give it")
	}
	if typ == "XRef" && d["Root"] != nil {
		rd.root = d["Root"] // a cross-reference stream stands for the trailer
	}
	if err := rd.streamData(l, num, typ, length, d); err != nil {
		return err
	}
	t, err := l.next()
	if err != nil {
		return err
	}
	if t.kind != tKeyword || t.s != "endstream" {
		return fmt.Errorf("the stream is not /Length (%d) bytes long", length)
	}
	return nil
}

// streamData reads length bytes of stream data: an attached file's are
// hashed, an object stream's parsed, any other's skipped.
func (rd *reader) streamData(l *lexer, num int64, typ Name, length int64, d Dict) error {
	skip := func() error {
		n, err := io.CopyN(io.Discard, l.r, length)
		l.pos += n
		if err != nil {
			return fmt.Errorf("a stream of %d bytes ends after %d: %w", length, n, unexpectedEOF(err))
		}
		return nil
	}
	if typ != "EmbeddedFile" && typ != "ObjStm" {
		return skip()
	}
	if length > MaxStreamInMem {
		if typ == "ObjStm" {
			return fmt.Errorf("an object stream of %d bytes, more than %d: %w", length, MaxStreamInMem, errLimit)
		}
		rd.sums[num] = streamSum{err: fmt.Errorf("the attached file's stream is %d bytes, more than the %d this check reads", length, MaxStreamInMem)}
		return skip()
	}
	raw, err := io.ReadAll(io.LimitReader(l.r, length)) // grows with the data, not with what /Length claims
	l.pos += int64(len(raw))
	if err != nil || int64(len(raw)) < length {
		return fmt.Errorf("a stream of %d bytes is cut short after %d: %w", length, len(raw), unexpectedEOF(err))
	}
	if typ == "EmbeddedFile" {
		rd.sums[num] = rd.hash(raw, d["Filter"])
		return nil
	}
	return rd.objectStream(raw, d)
}

// decoder returns a reader of raw decoded by filter: none or FlateDecode.
func decoder(raw []byte, filter any) (io.Reader, error) {
	if a, ok := filter.(Array); ok && len(a) == 1 {
		filter = a[0]
	}
	switch filter {
	case nil:
		return bytes.NewReader(raw), nil
	case Name("FlateDecode"):
		r, err := zlib.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("its content cannot be inflated: %v", err)
		}
		return r, nil
	}
	return nil, fmt.Errorf("compressed with %v, which this check does not read", filter)
}

// hash returns the size and sha256 of an attached file's content.
func (rd *reader) hash(raw []byte, filter any) streamSum {
	r, err := decoder(raw, filter)
	if err != nil {
		return streamSum{err: err}
	}
	h := sha256.New()
	n, err := io.Copy(h, io.LimitReader(r, min(maxAttachedBytes, MaxInflated-rd.inflated+1)))
	rd.inflated += n
	if err != nil {
		return streamSum{err: fmt.Errorf("its content cannot be inflated: %v", err)}
	}
	if rd.inflated > MaxInflated {
		return streamSum{err: fmt.Errorf("the attached files inflate to more than %d bytes", int64(MaxInflated))}
	}
	return streamSum{size: n, sum: hex.EncodeToString(h.Sum(nil))}
}

// objectStream reads the objects of a compressed object stream.
func (rd *reader) objectStream(raw []byte, d Dict) error {
	r, err := decoder(raw, d["Filter"])
	if err != nil {
		return fmt.Errorf("object stream: %w", err)
	}
	data, err := io.ReadAll(io.LimitReader(r, min(MaxStreamInMem, MaxInflated-rd.inflated)+1))
	rd.inflated += int64(len(data))
	if err != nil {
		return fmt.Errorf("object stream: %v", err)
	}
	if int64(len(data)) > MaxStreamInMem || rd.inflated > MaxInflated {
		return fmt.Errorf("object stream inflates to too many bytes: %w", errLimit)
	}
	n, _ := d["N"].(int64)
	first, _ := d["First"].(int64)
	if n < 0 || n > maxObjStmObjects || first < 0 || first > int64(len(data)) {
		return errors.New("object stream: its /N or /First is out of range")
	}
	// The header: N pairs "number offset"; the objects follow at First.
	hl := newLexer(bytes.NewReader(data[:first]))
	nums := make([]int64, 0, n)
	offs := make([]int64, 0, n)
	for i := int64(0); i < n; i++ {
		a, err1 := hl.next()
		b, err2 := hl.next()
		if err1 != nil || err2 != nil || a.kind != tInt || b.kind != tInt || b.i < 0 || first+b.i > int64(len(data)) {
			return errors.New("object stream: its header is not pairs of numbers")
		}
		nums, offs = append(nums, a.i), append(offs, b.i)
	}
	for i, num := range nums {
		ol := newLexer(bytes.NewReader(data[first+offs[i]:]))
		budget := MaxObjectTokens
		t, err := ol.next()
		if err != nil {
			return fmt.Errorf("object %d in an object stream: %w", num, err)
		}
		v, err := ol.value(t, 0, &budget)
		if err != nil {
			return fmt.Errorf("object %d in an object stream: %w", num, err)
		}
		delete(rd.sums, num) // an object in an object stream is no stream
		if err := rd.keep(num, v); err != nil {
			return err
		}
	}
	return nil
}

// get resolves a reference (and a reference to one), else returns v.
func (rd *reader) get(v any) any {
	for i := 0; i < 8; i++ {
		r, ok := v.(Ref)
		if !ok {
			return v
		}
		v = rd.objs[r.Num]
	}
	return nil
}

// pages walks the page tree and returns the object number of each page in
// order (-1 for a page given directly, which no destination can name).
func (rd *reader) pages(root any) ([]int64, error) {
	type item struct {
		v     any
		depth int
	}
	var out []int64
	seen := map[int64]bool{}
	stack := []item{{root, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		num := int64(-1)
		if r, ok := it.v.(Ref); ok {
			if seen[r.Num] {
				return nil, fmt.Errorf("the page tree visits object %d twice", r.Num)
			}
			seen[r.Num] = true
			num = r.Num
		}
		d, ok := rd.get(it.v).(Dict)
		if !ok {
			return nil, errors.New("the page tree holds something that is not a page")
		}
		kids, isNode := rd.get(d["Kids"]).(Array)
		if typ, _ := d["Type"].(Name); typ == "Page" || !isNode {
			if len(out) >= MaxPages {
				return nil, fmt.Errorf("more than %d pages: %w", MaxPages, errLimit)
			}
			out = append(out, num)
			continue
		}
		if it.depth >= MaxTreeDepth {
			return nil, fmt.Errorf("the page tree is more than %d levels deep: %w", MaxTreeDepth, errLimit)
		}
		if len(stack)+len(kids) > MaxPages {
			return nil, fmt.Errorf("more than %d pages: %w", MaxPages, errLimit)
		}
		for i := len(kids) - 1; i >= 0; i-- {
			stack = append(stack, item{kids[i], it.depth + 1})
		}
	}
	return out, nil
}

// outline reads the top-level bookmarks.
func (rd *reader) outline(root any, pages []int64) ([]Bookmark, error) {
	o, ok := rd.get(root).(Dict)
	if !ok {
		return nil, nil
	}
	index := make(map[int64]int, len(pages))
	for i, n := range pages {
		if n >= 0 {
			index[n] = i + 1
		}
	}
	var out []Bookmark
	seen := map[int64]bool{}
	for v := o["First"]; v != nil; {
		r, ok := v.(Ref)
		if !ok {
			return nil, errors.New("a bookmark is not an indirect object")
		}
		if seen[r.Num] {
			return nil, fmt.Errorf("the bookmarks loop back to object %d", r.Num)
		}
		seen[r.Num] = true
		if len(out) >= MaxBookmarks {
			return nil, fmt.Errorf("more than %d bookmarks: %w", MaxBookmarks, errLimit)
		}
		item, ok := rd.get(r).(Dict)
		if !ok {
			return nil, fmt.Errorf("bookmark object %d is not a dictionary", r.Num)
		}
		title, _ := rd.get(item["Title"]).(String)
		b := Bookmark{Title: Text(title)}
		dest := rd.get(item["Dest"])
		if a, ok := rd.get(item["A"]).(Dict); ok && dest == nil && a["S"] == Name("GoTo") {
			dest = rd.get(a["D"])
		}
		if arr, ok := dest.(Array); ok && len(arr) > 0 {
			if p, ok := arr[0].(Ref); ok {
				b.Page = index[p.Num]
			}
		}
		out = append(out, b)
		v = item["Next"]
	}
	return out, nil
}

// attachments walks the EmbeddedFiles name tree.
func (rd *reader) attachments(root any) ([]Attachment, error) {
	type item struct {
		v     any
		depth int
	}
	var out []Attachment
	seen := map[int64]bool{}
	stack := []item{{root, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if r, ok := it.v.(Ref); ok {
			if seen[r.Num] {
				return nil, fmt.Errorf("the attached files' name tree visits object %d twice", r.Num)
			}
			seen[r.Num] = true
		}
		node, ok := rd.get(it.v).(Dict)
		if !ok {
			if it.depth == 0 && it.v == nil {
				return nil, nil
			}
			return nil, errors.New("the attached files' name tree holds something that is not a dictionary")
		}
		names, _ := rd.get(node["Names"]).(Array)
		for i := 0; i+1 < len(names); i += 2 {
			if len(out) >= MaxAttachments {
				return nil, fmt.Errorf("more than %d attached files: %w", MaxAttachments, errLimit)
			}
			out = append(out, rd.attachment(names[i+1]))
		}
		kids, _ := rd.get(node["Kids"]).(Array)
		if len(kids) > 0 && it.depth >= MaxTreeDepth {
			return nil, fmt.Errorf("the attached files' name tree is more than %d levels deep: %w", MaxTreeDepth, errLimit)
		}
		if len(stack)+len(kids) > MaxAttachments {
			return nil, fmt.Errorf("more than %d attached files: %w", MaxAttachments, errLimit)
		}
		for i := len(kids) - 1; i >= 0; i-- {
			stack = append(stack, item{kids[i], it.depth + 1})
		}
	}
	return out, nil
}

// attachment reads one file specification.
func (rd *reader) attachment(v any) Attachment {
	fs, ok := rd.get(v).(Dict)
	if !ok {
		return Attachment{Err: errors.New("its file specification is not a dictionary")}
	}
	name, _ := rd.get(fs["UF"]).(String)
	if len(name) == 0 {
		name, _ = rd.get(fs["F"]).(String)
	}
	a := Attachment{Name: Text(name)}
	ef, _ := rd.get(fs["EF"]).(Dict)
	r, ok := ef["F"].(Ref)
	if !ok {
		a.Err = errors.New("it has no embedded file stream")
		return a
	}
	s, ok := rd.sums[r.Num]
	switch {
	case !ok:
		a.Err = fmt.Errorf("object %d is not an embedded file stream (/Type /EmbeddedFile)", r.Num)
	case s.err != nil:
		a.Err = s.err
	default:
		a.Size, a.SHA256 = s.size, s.sum
	}
	return a
}

// Text decodes a PDF text string: UTF-16BE with its byte order mark,
// UTF-8 with its mark, else PDFDocEncoding (read as Latin-1).
func Text(b []byte) string {
	switch {
	case len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff:
		u := make([]uint16, 0, len(b)/2)
		for i := 2; i+1 < len(b); i += 2 {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return string(utf16.Decode(u))
	case len(b) >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf && utf8.Valid(b[3:]):
		return string(b[3:])
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}
