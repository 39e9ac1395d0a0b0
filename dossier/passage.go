package dossier

import (
	"bytes"
	"errors"
	"strings"
)

// Passage is one place where words occur in a source's archived text.
type Passage struct {
	Paragraph int    // 1-based, counting non-blank lines
	Offset    int    // byte offset in the archived file
	Text      string // the words as the source has them, white space collapsed
	Context   string // the whole paragraph, white space collapsed
}

// ErrNoText is returned for a source whose archived file was not read.
var ErrNoText = errors.New("the source's archived file could not be read")

// Find returns every place where words occur in the source's archived
// text, compared exactly as validation compares quotes.
func (s *Source) Find(words string) ([]Passage, error) {
	ix, err := s.textIndex()
	if err != nil {
		return nil, err
	}
	q := normalize(words)
	if q == "" {
		return nil, nil
	}
	var out []Passage
	for from := 0; from < len(ix.norm); {
		i := strings.Index(ix.norm[from:], q)
		if i < 0 {
			break
		}
		i += from
		start := ix.origin.at(i)
		out = append(out, Passage{
			Paragraph: ix.paragraph(start),
			Offset:    start,
			Text:      ix.original(i, i+len(q)),
			Context:   ix.paragraphText(start),
		})
		from = i + 1
	}
	return out, nil
}

// Suggest explains why words are not in the source, as validation would:
// the closest passage in the source's own words with the differences
// marked, or the common cause (letter case, an elision, another source of
// the case holds them). sources are the case's other sources.
func (s *Source) Suggest(words string, sources []*Source) string {
	if _, err := s.textIndex(); err != nil {
		return ""
	}
	for _, o := range sources {
		o.textIndex()
	}
	return misquoteHint(words, s, sources)
}

func (s *Source) textIndex() (*textIndex, error) {
	if s.index == nil {
		if s.Text == nil {
			return nil, ErrNoText
		}
		s.index = newTextIndex(s.Text)
	}
	return s.index, nil
}

// paragraphText returns the non-blank line holding offset, white space
// collapsed.
func (ix *textIndex) paragraphText(offset int) string {
	start := bytes.LastIndexByte(ix.text[:offset], '\n') + 1
	end := len(ix.text)
	if i := bytes.IndexByte(ix.text[offset:], '\n'); i >= 0 {
		end = offset + i
	}
	return strings.Join(strings.Fields(string(ix.text[start:end])), " ")
}
