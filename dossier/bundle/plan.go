package bundle

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/dossier-project/dossier/dossier/model"
)

// exhibit is one source as the bundle presents it.
type exhibit struct {
	n        int // the source's number: exhibit n is source [Sn]
	src      *model.Source
	file     string   // path of its text file inside the bundle
	sum      string   // sha256 of that file
	paras    [][2]int // the paragraphs: non-blank lines, numbered from 1
	passages []*passage
	page     int // first bundle page
	link     int
	orig     *exOriginal // the captured original; nil when the source has none
}

// span is a byte range of an exhibit's text.
type span struct{ start, end int }

// passage is one cited stretch of an exhibit's text, with every excerpt
// that quotes exactly it.
type passage struct {
	span
	para     int // the paragraph it begins in
	excerpts []*model.Excerpt
	page     int // bundle page where it begins
	link     int
}

// Paragraphs returns the paragraphs of a text as dossier numbers them:
// the non-blank lines, in order, as byte ranges.
func Paragraphs(text string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == '\n' {
			if strings.TrimSpace(text[start:i]) != "" {
				out = append(out, [2]int{start, i})
			}
			start = i + 1
		}
	}
	return out
}

// ParagraphAt returns the 1-based number of the paragraph holding offset,
// as the linker counts it.
func ParagraphAt(paras [][2]int, offset int) int {
	n := 0
	for _, p := range paras {
		if p[0] > offset {
			break
		}
		n++
	}
	return max(n, 1)
}

// plan lays out the exhibits of d: one per source, with its cited
// passages placed in the text the audience may read. Excerpts whose source
// is withheld from the audience are placed nowhere. It returns warnings
// for passages it could not place.
func plan(d *model.Dossier) ([]*exhibit, []string) {
	var out []*exhibit
	var warnings []string
	byID := map[string]*exhibit{}
	for _, s := range d.Sources {
		sum := sha256.Sum256([]byte(s.Text))
		e := &exhibit{n: s.Number, src: s, file: exhibitFile(s), sum: hex.EncodeToString(sum[:])}
		e.paras = Paragraphs(s.Text)
		planOriginal(e)
		out = append(out, e)
		byID[s.ID] = e
	}
	for _, x := range d.Excerpts {
		if x.SourceWithheld || x.Passage == "" {
			continue
		}
		e := byID[x.Source]
		if e == nil || e.src.TextWithheld {
			continue // no text in this edition to place it in, and the index says why
		}
		start, ok := locate(e, x)
		if !ok {
			warnings = append(warnings, fmt.Sprintf("excerpt %d: its passage was not found in the text of source %s; it is listed but not highlighted", x.Number, e.src.ID))
			continue
		}
		sp := span{start, start + len(x.Passage)}
		var p *passage
		for _, q := range e.passages {
			if q.span == sp {
				p = q
			}
		}
		if p == nil {
			p = &passage{span: sp, para: e.paraAt(start)}
			e.passages = append(e.passages, p)
		}
		p.excerpts = append(p.excerpts, x)
	}
	for _, e := range out {
		sort.SliceStable(e.passages, func(i, j int) bool {
			a, b := e.passages[i], e.passages[j]
			if a.start != b.start {
				return a.start < b.start
			}
			return a.end < b.end
		})
	}
	return out, warnings
}

// locate finds an excerpt's passage in the text the audience reads: at its
// recorded offset when the text is the archived one, else the occurrence
// in its recorded paragraph (names replaced earlier in the text move it).
func locate(e *exhibit, x *model.Excerpt) (int, bool) {
	text := e.src.Text
	if x.Offset >= 0 && x.Offset+len(x.Passage) <= len(text) && text[x.Offset:x.Offset+len(x.Passage)] == x.Passage {
		return x.Offset, true
	}
	first := -1
	for from := 0; from < len(text); {
		i := strings.Index(text[from:], x.Passage)
		if i < 0 {
			break
		}
		at := from + i
		if first < 0 {
			first = at
		}
		if e.paraAt(at) == x.Paragraph {
			return at, true
		}
		from = at + 1
	}
	return first, first >= 0
}

func (e *exhibit) paraAt(offset int) int { return ParagraphAt(e.paras, offset) }

// exhibitFile names an exhibit's text file inside the bundle:
// "exhibits/exhibit-03-<file>", the file name reduced to safe characters.
func exhibitFile(s *model.Source) string {
	return fmt.Sprintf("exhibits/exhibit-%02d-%s", s.Number, safeName(s.File, "source.txt"))
}
