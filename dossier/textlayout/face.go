package textlayout

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"

	"github.com/go-text/typesetting/font"
)

// Face is one TrueType font as the layout and a renderer share it: the
// parsed face the shaper reads, and a copy of the font file in which every
// glyph the shaper may choose can be reached through the character map.
//
// A shaper returns glyph ids, but a PDF library such as fpdf writes text
// through the font's character map (code point in, glyph out). Shaped
// glyphs without a code point of their own (Arabic joining forms, lam-alef,
// Indic conjuncts, Burmese medials) are therefore given code points of the
// Private Use Area in the copy; the renderer draws them by those code
// points and records the real text beside them (ActualText), so the text
// stays searchable.
type Face struct {
	// Name is the family name under which a renderer registers the face.
	Name string
	// face is for reading the font only; a Layouter shapes with its own
	// font.Face over the same Font, since a Face caches as it is used.
	face *font.Face
	ttf  []byte
	// glyphRune gives, for every glyph reachable in ttf, a code point that
	// draws it there.
	glyphRune map[font.GID]rune
	upem      float64
	// bmp has a bit set for each character of the Basic Multilingual
	// Plane the font covers: coverage is asked for every character drawn.
	bmp []uint64
}

// NewFace parses a TrueType font and prepares its renderer copy, in which
// every glyph has a code point.
func NewFace(name string, ttf []byte) (*Face, error) { return newFace(name, ttf, true) }

// NewFaceAsIs parses a TrueType font whose file the renderer uses as it
// is: a glyph without a code point of its own (a ligature, say) is drawn
// as the glyphs of its characters. Suits a face for scripts that need no
// shaping (Latin, Cyrillic, Greek), and keeps the renderer's work on the
// file as it was.
func NewFaceAsIs(name string, ttf []byte) (*Face, error) { return newFace(name, ttf, false) }

func newFace(name string, ttf []byte, augment bool) (*Face, error) {
	f, err := font.ParseTTF(bytes.NewReader(ttf))
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	fc := &Face{Name: name, face: f, upem: float64(f.Upem()), glyphRune: map[font.GID]rune{}}
	cmap := map[rune]font.GID{}
	it := f.Cmap.Iter()
	for it.Next() {
		r, g := it.Char()
		if r > 0xFFFF || r < 0x20 {
			continue
		}
		cmap[r] = g
	}
	fc.bmp = make([]uint64, 0x10000/64)
	for r := range cmap {
		fc.bmp[r/64] |= 1 << (r % 64)
	}
	runes := make([]rune, 0, len(cmap))
	for r := range cmap {
		runes = append(runes, r)
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	for _, r := range runes {
		if _, ok := fc.glyphRune[cmap[r]]; !ok {
			fc.glyphRune[cmap[r]] = r
		}
	}
	if !augment {
		fc.ttf = ttf
		return fc, nil
	}
	n, err := numGlyphs(ttf)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	// Give the unmapped glyphs free Private Use Area code points, as many
	// as fit (a CJK font may hold more glyphs than the area has points;
	// those glyphs are never chosen by shaping Han or Hangul).
	pua := rune(0xE000)
	for g := font.GID(1); int(g) < n; g++ {
		if _, ok := fc.glyphRune[g]; ok {
			continue
		}
		for _, used := cmap[pua]; used && pua <= 0xF8FF; _, used = cmap[pua] {
			pua++
		}
		if pua > 0xF8FF {
			break
		}
		cmap[pua] = g
		fc.glyphRune[g] = pua
		pua++
	}
	out, err := withCmap(ttf, cmap)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	fc.ttf = out
	return fc, nil
}

// TTF returns a copy of the font file to embed: a copy, because fpdf
// writes into the bytes it is given while it cuts a subset, and documents
// are rendered in parallel (the race detector caught it).
func (f *Face) TTF() []byte { return bytes.Clone(f.ttf) }

// Covers reports whether the font has a glyph for r.
func (f *Face) Covers(r rune) bool {
	if r >= 0 && r < 0x10000 {
		return f.bmp[r/64]&(1<<(r%64)) != 0
	}
	_, ok := f.face.Font.NominalGlyph(r) // the Font, not the Face: no cache, safe to share
	return ok
}

// runeOf returns the code point that draws glyph g in TTF.
func (f *Face) runeOf(g font.GID) (rune, bool) {
	r, ok := f.glyphRune[g]
	return r, ok
}

// numGlyphs reads maxp.numGlyphs.
func numGlyphs(ttf []byte) (int, error) {
	tables, err := tableDir(ttf)
	if err != nil {
		return 0, err
	}
	m, ok := tables["maxp"]
	if !ok || len(m) < 6 {
		return 0, errors.New("no maxp table")
	}
	return int(binary.BigEndian.Uint16(m[4:])), nil
}

// tableDir returns the tables of a TrueType file by tag.
func tableDir(ttf []byte) (map[string][]byte, error) {
	if len(ttf) < 12 {
		return nil, errors.New("not a TrueType font")
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	if len(ttf) < 12+16*n {
		return nil, errors.New("truncated table directory")
	}
	tables := map[string][]byte{}
	for i := 0; i < n; i++ {
		e := ttf[12+16*i:]
		off, ln := binary.BigEndian.Uint32(e[8:]), binary.BigEndian.Uint32(e[12:])
		if uint64(off)+uint64(ln) > uint64(len(ttf)) {
			return nil, fmt.Errorf("table %q runs past the end of the file", e[:4])
		}
		tables[string(e[:4])] = ttf[off : off+ln]
	}
	return tables, nil
}

// withCmap returns ttf with its cmap table replaced by one Windows Unicode
// BMP (format 4) subtable holding m, and the checksums recomputed.
func withCmap(ttf []byte, m map[rune]font.GID) ([]byte, error) {
	tables, err := tableDir(ttf)
	if err != nil {
		return nil, err
	}
	sub, err := cmapFormat4(m)
	if err != nil {
		return nil, err
	}
	cmap := make([]byte, 12, 12+len(sub))
	binary.BigEndian.PutUint16(cmap[2:], 1) // one subtable
	binary.BigEndian.PutUint16(cmap[4:], 3) // Windows
	binary.BigEndian.PutUint16(cmap[6:], 1) // Unicode BMP
	binary.BigEndian.PutUint32(cmap[8:], 12)
	tables["cmap"] = append(cmap, sub...)

	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	var out bytes.Buffer
	hdr := make([]byte, 12+16*n)
	copy(hdr, ttf[:4])
	binary.BigEndian.PutUint16(hdr[4:], uint16(n))
	es, sel := 1, 0
	for es*2 <= n {
		es *= 2
		sel++
	}
	binary.BigEndian.PutUint16(hdr[6:], uint16(es*16))
	binary.BigEndian.PutUint16(hdr[8:], uint16(sel))
	binary.BigEndian.PutUint16(hdr[10:], uint16(n*16-es*16))
	out.Write(hdr)
	headAt := -1
	for i, t := range tags {
		data := tables[t]
		if t == "head" {
			data = append([]byte(nil), data...)
			if len(data) >= 12 {
				binary.BigEndian.PutUint32(data[8:], 0)
			}
			headAt = out.Len()
		}
		e := hdr[12+16*i:]
		copy(e, t)
		binary.BigEndian.PutUint32(e[4:], checksum(data))
		binary.BigEndian.PutUint32(e[8:], uint32(out.Len()))
		binary.BigEndian.PutUint32(e[12:], uint32(len(data)))
		out.Write(data)
		for out.Len()%4 != 0 {
			out.WriteByte(0)
		}
	}
	b := out.Bytes()
	copy(b, hdr)
	if headAt >= 0 {
		binary.BigEndian.PutUint32(b[headAt+8:], 0xB1B0AFBA-checksum(b))
	}
	return b, nil
}

// checksum is the TrueType table checksum.
func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}

// segment is one format 4 segment: code points start..end, drawn either
// by a constant delta or through glyphs.
type segment struct {
	start, end rune
	delta      int
	glyphs     []font.GID // nil for a delta segment
}

// cmapFormat4 encodes m as a format 4 subtable.
func cmapFormat4(m map[rune]font.GID) ([]byte, error) {
	runes := make([]rune, 0, len(m))
	for r := range m {
		if r < 0xFFFF {
			runes = append(runes, r)
		}
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	var segs []segment
	for i := 0; i < len(runes); {
		// A run of consecutive code points...
		j := i + 1
		for j < len(runes) && runes[j] == runes[j-1]+1 {
			j++
		}
		// ...split into pieces of constant delta; short pieces are
		// gathered into one segment with a glyph array.
		var pend []rune
		flush := func() {
			if len(pend) == 0 {
				return
			}
			s := segment{start: pend[0], end: pend[len(pend)-1]}
			for _, r := range pend {
				s.glyphs = append(s.glyphs, m[r])
			}
			segs = append(segs, s)
			pend = nil
		}
		for k := i; k < j; {
			d := int(m[runes[k]]) - int(runes[k])
			l := k + 1
			for l < j && int(m[runes[l]])-int(runes[l]) == d {
				l++
			}
			if l-k >= 4 {
				flush()
				segs = append(segs, segment{start: runes[k], end: runes[l-1], delta: d})
			} else {
				pend = append(pend, runes[k:l]...)
			}
			k = l
		}
		flush()
		i = j
	}
	segs = append(segs, segment{start: 0xFFFF, end: 0xFFFF, delta: 1})
	n := len(segs)
	if n > 0x7FFF {
		return nil, errors.New("character map has too many segments")
	}
	es, sel := 1, 0
	for es*2 <= n {
		es *= 2
		sel++
	}
	head := 14 + 8*n + 2
	size := head
	for _, s := range segs {
		size += 2 * len(s.glyphs)
	}
	if size > 0xFFFF {
		return nil, fmt.Errorf("character map of %d bytes does not fit a format 4 table", size)
	}
	b := make([]byte, size)
	be := binary.BigEndian
	be.PutUint16(b[0:], 4)
	be.PutUint16(b[2:], uint16(size))
	be.PutUint16(b[6:], uint16(2*n))
	be.PutUint16(b[8:], uint16(2*es))
	be.PutUint16(b[10:], uint16(sel))
	be.PutUint16(b[12:], uint16(2*n-2*es))
	ends, starts, deltas, offs := 14, 14+2*n+2, 14+4*n+2, 14+6*n+2
	arr := head
	for i, s := range segs {
		be.PutUint16(b[ends+2*i:], uint16(s.end))
		be.PutUint16(b[starts+2*i:], uint16(s.start))
		if s.glyphs == nil {
			be.PutUint16(b[deltas+2*i:], uint16(s.delta))
			continue
		}
		be.PutUint16(b[offs+2*i:], uint16(arr-(offs+2*i)))
		for _, g := range s.glyphs {
			be.PutUint16(b[arr:], uint16(g))
			arr += 2
		}
	}
	return b, nil
}
