package dossier

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// appendFold appends r to dst as quotes are compared: the characters
// that authors type interchangeably become one form (curly and straight
// quotes, the many dashes, the ellipsis, Arabic and Persian letter
// variants, digits of every script), and characters that carry no text
// (soft hyphen, zero-width space and joiners, byte-order mark, tatweel,
// Arabic vowel marks) are dropped. It allocates nothing.
func appendFold(dst []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if r == '`' {
			return append(dst, '\'')
		}
		return append(dst, byte(r))
	}
	switch r {
	case '‘', '’', '‚', '‛', '′', '´':
		return append(dst, '\'')
	case '“', '”', '„', '‟', '″', '«', '»':
		return append(dst, '"')
	case '‐', '‑', '‒', '–', '—', '―', '−':
		return append(dst, '-')
	case '…':
		return append(dst, "..."...)
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\ufeff':
		return dst
	// Arabic and Persian letters that keyboards of the two languages type
	// differently: Farsi yeh and alef maksura as Arabic yeh, keheh as kaf;
	// tatweel (the joining stretch) and the optional vowel marks carry
	// no letter.
	case 'ی', 'ى':
		return append(dst, "ي"...)
	case 'ک':
		return append(dst, "ك"...)
	case '\u0640':
		return dst
	}
	if r >= '\u064b' && r <= '\u0652' || r == '\u0670' {
		return dst
	}
	// Digits of every script (Persian ۱۴۰۱, Arabic-Indic ١٤٠١, Devanagari
	// १४०१) as Latin digits.
	if unicode.IsDigit(r) {
		return append(dst, byte('0'+digitValue(r)))
	}
	return utf8.AppendRune(dst, r)
}

// digitValue is the value of a decimal digit: Unicode keeps each script's
// digits 0 to 9 in consecutive code points.
func digitValue(r rune) int {
	start := r
	for start > 0 && unicode.IsDigit(start-1) {
		start--
	}
	return int(r-start) % 10
}

// textIndex is a source's text in normalised form, with a map from every
// byte of the normalised text back to the archived bytes, so that a quote
// found in normalised form can be cited at its exact place in the original.
//
// It costs about two bytes per byte of text besides the text itself: the
// normalised copy and a one-byte origin per normalised byte (see origins).
// The linker builds one per source, shares it between every quote of the
// source, and drops it when linking is done.
type textIndex struct {
	text      []byte // the archived bytes
	norm      string
	origin    origins // origin.at(i) is the original byte offset behind norm[i]; origin.at(len(norm)) = len(original)
	paraStart []int   // byte offsets where non-blank lines (paragraphs) start

	// Built on first need by closest: the words of norm and, by key, the
	// indexes of the words that have it.
	words    []wordSpan
	postings map[string][]int32
}

// originBlock is how many normalised bytes share one full offset in
// origins.
const originBlock = 64

// origins maps normalised bytes to archived ones in about one byte each:
// a full offset for every originBlock-th normalised byte, and for each byte
// its distance from that offset in a byte. A block where some distance does
// not fit (a long run of white space or of dropped characters, which then
// took at least 255 archived bytes) keeps its offsets in full.
type origins struct {
	base []int32           // base[k]: the origin of normalised byte k*originBlock
	step []uint8           // step[i]: origin of byte i minus its block's base; wideStep when it does not fit
	wide map[int32][]int32 // by block, every origin of a block holding a wideStep
}

const wideStep = 255

// add records the origin of the next normalised byte.
func (o *origins) add(v int) {
	i := len(o.step) // a step is recorded for every offset
	k := int32(i / originBlock)
	if i%originBlock == 0 {
		o.base = append(o.base, int32(v))
	}
	if w, ok := o.wide[k]; ok {
		o.wide[k] = append(w, int32(v))
		o.step = append(o.step, wideStep)
		return
	}
	d := v - int(o.base[k])
	if d < wideStep {
		o.step = append(o.step, uint8(d))
		return
	}
	// The first distance of the block that does not fit: keep the
	// block's offsets in full from here on.
	w := make([]int32, 0, originBlock)
	for j := int(k) * originBlock; j < i; j++ {
		w = append(w, o.base[k]+int32(o.step[j]))
	}
	if o.wide == nil {
		o.wide = map[int32][]int32{}
	}
	o.wide[k] = append(w, int32(v))
	o.step = append(o.step, wideStep)
}

// at returns the origin of normalised byte i.
func (o *origins) at(i int) int {
	k := i / originBlock
	if s := o.step[i]; s != wideStep {
		return int(o.base[k]) + int(s)
	}
	return int(o.wide[int32(k)][i%originBlock])
}

// normalize returns s as quotes are compared: NFC, folded punctuation, and
// runs of white space collapsed to one space, trimmed at both ends.
func normalize(s string) string {
	return string(normalizeInto(nil, []byte(s), nil))
}

// normalizeInto appends text in normalised form to dst and, when o is not
// nil, records the origin of every byte appended.
func normalizeInto(dst, text []byte, o *origins) []byte {
	pendingSpace := false
	var it norm.Iter
	it.Init(norm.NFC, text)
	for !it.Done() {
		start := it.Pos()
		seg := it.Next()
		for len(seg) > 0 {
			r, size := rune(seg[0]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRune(seg)
			}
			seg = seg[size:]
			if unicode.IsSpace(r) {
				pendingSpace = len(dst) > 0
				continue
			}
			n := len(dst)
			dst = appendFold(dst, r)
			if len(dst) == n {
				continue
			}
			if pendingSpace {
				// The space goes before the folded character.
				dst = append(dst[:n+1], dst[n:]...)
				dst[n] = ' '
				pendingSpace = false
			}
			if o != nil {
				for range len(dst) - n {
					o.add(start)
				}
			}
		}
	}
	return dst
}

// newTextIndex indexes text, which must be shorter than 2 GiB (archived
// texts are limited to far less by caseroot).
func newTextIndex(text []byte) *textIndex {
	ix := &textIndex{text: text}
	ix.origin.base = make([]int32, 0, len(text)/originBlock+2)
	ix.origin.step = make([]uint8, 0, len(text)+1)
	normalised := normalizeInto(make([]byte, 0, len(text)), text, &ix.origin)
	ix.origin.add(len(text))
	ix.norm = string(normalised)

	lineStart := 0
	for lineStart <= len(text) {
		end := len(text)
		if i := bytes.IndexByte(text[lineStart:], '\n'); i >= 0 {
			end = lineStart + i
		}
		if len(bytes.TrimSpace(text[lineStart:end])) > 0 {
			ix.paraStart = append(ix.paraStart, lineStart)
		}
		lineStart = end + 1
	}
	return ix
}

// firstDifference says where a quote first differs from a passage, as
// "the quote has 'X' (U+0058) where the source has 'Y' (U+0059)", so that
// two passages that look alike can be told apart. It returns "" when one
// is the start of the other.
func firstDifference(quote, passage string) string {
	q, p := []rune(normalize(quote)), []rune(passage)
	for i := 0; i < len(q) && i < len(p); i++ {
		if q[i] != p[i] {
			return fmt.Sprintf("the quote has %q (U+%04X) where the source has %q (U+%04X), after %q",
				q[i], q[i], p[i], p[i], string(q[max(0, i-12):i]))
		}
	}
	return ""
}

// match is where a quote sits in the archived text.
type match struct {
	Offset, Length, Paragraph int
	// EndParagraph is the paragraph holding the quote's last byte: a quote
	// spanning paragraphs 6 and 7 has Paragraph 6 and EndParagraph 7.
	EndParagraph int
}

// find looks for the normalised quote and reports its place in the
// original text.
func (ix *textIndex) find(quote string) (match, bool) {
	q := normalize(quote)
	if q == "" {
		return match{}, false
	}
	i := strings.Index(ix.norm, q)
	if i < 0 {
		return match{}, false
	}
	return ix.matchAt(i, len(q)), true
}

// matchAt is the place in the original text of the n normalised bytes at
// normalised offset i.
func (ix *textIndex) matchAt(i, n int) match {
	// The next normalised byte's origin lies past any white space that
	// followed the quote; trim it so the citation covers the quote alone.
	start, end := ix.origin.at(i), ix.origin.at(i+n)
	// Trim whole runes: a no-break space is two bytes, and cutting one
	// would leave half a character in the passage.
	for end > start {
		r, size := utf8.DecodeLastRune(ix.text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	last := start
	if end > start {
		last = end - 1
	}
	return match{Offset: start, Length: end - start, Paragraph: ix.paragraph(start), EndParagraph: ix.paragraph(last)}
}

// paragraph returns the 1-based number of the non-blank line holding offset.
func (ix *textIndex) paragraph(offset int) int {
	n := sort.Search(len(ix.paraStart), func(k int) bool { return ix.paraStart[k] > offset })
	return max(n, 1)
}

// wordSpan is one word of the normalised text: its byte range in norm.
type wordSpan struct{ start, end int }

// wordKey is how words are matched when looking for a near passage:
// lowercased, without the punctuation around them.
func wordKey(w string) string {
	return strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
}

// buildWords splits the normalised text into words and indexes them by
// key, once per source and only when a quote is not found: an exact match
// needs none of it.
func (ix *textIndex) buildWords() {
	if ix.postings != nil {
		return
	}
	ix.postings = map[string][]int32{}
	start := 0
	for i := 0; i <= len(ix.norm); i++ {
		if i == len(ix.norm) || ix.norm[i] == ' ' {
			if i > start {
				n := int32(len(ix.words))
				ix.words = append(ix.words, wordSpan{start, i})
				k := wordKey(ix.norm[start:i])
				ix.postings[k] = append(ix.postings[k], n)
			}
			start = i + 1
		}
	}
}

// Candidate passages tried by the edit-distance search, and the most
// occurrences a word may have and still vote for a place: "the" says
// nothing about where a quote belongs.
const (
	maxCandidates = 8
	maxPostings   = 5000
)

// near is the passage of a source closest to a quote.
type near struct {
	start, end int // byte range in the normalised text, widened to whole words
	cost       int // edits (case-insensitive) between the quote and the passage
	quoteLen   int // runes of the (possibly shortened) quote compared
}

// closest finds the passage of the text nearest to the quote. Rather than
// align the quote against the whole text (seconds on a book-length
// source), it lets each word of the quote vote for the places where the
// quote would start if that word were right, then aligns the quote by edit
// distance (case-insensitively) within the few best-voted windows only.
// ok is false when no word of the quote occurs in the text.
func (ix *textIndex) closest(quote string) (n near, ok bool) {
	q := normalize(quote)
	if r := []rune(q); len(r) > 240 {
		q = string(r[:240]) // the start of a long quote is enough to find its place
	}
	if q == "" || ix.norm == "" {
		return near{}, false
	}
	ix.buildWords()
	qwords := strings.Split(q, " ")
	votes := map[int]int{}
	for i, w := range qwords {
		list := ix.postings[wordKey(w)]
		if len(list) > maxPostings {
			continue
		}
		for _, p := range list {
			votes[int(p)-i]++
		}
	}
	if len(votes) == 0 {
		return near{}, false
	}
	starts := make([]int, 0, len(votes))
	for s := range votes {
		starts = append(starts, s)
	}
	sort.Slice(starts, func(a, b int) bool {
		if votes[starts[a]] != votes[starts[b]] {
			return votes[starts[a]] > votes[starts[b]]
		}
		return starts[a] < starts[b]
	})
	best := near{cost: -1}
	qr := []rune(q)
	for _, s := range starts[:min(len(starts), maxCandidates)] {
		from := max(s-3, 0)
		to := min(s+len(qwords)+3, len(ix.words)) - 1
		if from > to || from >= len(ix.words) {
			continue
		}
		ws, we := ix.words[from].start, ix.words[to].end
		cost, a, b := align(qr, []rune(ix.norm[ws:we]))
		if best.cost < 0 || cost < best.cost {
			base := []rune(ix.norm[ws:we])
			best = near{start: ws + len(string(base[:a])), end: ws + len(string(base[:b])), cost: cost, quoteLen: len(qr)}
		}
	}
	if best.cost < 0 {
		return near{}, false
	}
	// Widen to whole words.
	for best.start > 0 && ix.norm[best.start-1] != ' ' {
		best.start--
	}
	for best.end < len(ix.norm) && ix.norm[best.end] != ' ' {
		best.end++
	}
	return best, true
}

// align is Sellers' approximate substring search: the cheapest edit
// alignment of q against any substring t[a:b], letters compared without
// regard to case. It returns the cost and the rune range.
func align(q, t []rune) (cost, a, b int) {
	prev := make([]int, len(q)+1)
	cur := make([]int, len(q)+1)
	prevStart := make([]int, len(q)+1)
	curStart := make([]int, len(q)+1)
	for i := range prev {
		prev[i] = i
	}
	bestCost, bestEnd, bestStart := len(q)+1, 0, 0
	for j := 1; j <= len(t); j++ {
		cur[0], curStart[0] = 0, j
		for i := 1; i <= len(q); i++ {
			c := 1
			if unicode.ToLower(q[i-1]) == unicode.ToLower(t[j-1]) {
				c = 0
			}
			c, s := prev[i-1]+c, prevStart[i-1]
			if prev[i]+1 < c {
				c, s = prev[i]+1, prevStart[i]
			}
			if cur[i-1]+1 < c {
				c, s = cur[i-1]+1, curStart[i-1]
			}
			cur[i], curStart[i] = c, s
		}
		if cur[len(q)] < bestCost {
			bestCost, bestEnd, bestStart = cur[len(q)], j, curStart[len(q)]
		}
		prev, cur = cur, prev
		prevStart, curStart = curStart, prevStart
	}
	return bestCost, bestStart, bestEnd
}

// original returns the archived text behind a byte range of the normalised
// text, with its white space collapsed for display: what the source says,
// not its normalised form.
func (ix *textIndex) original(start, end int) string {
	a, b := ix.origin.at(start), ix.origin.at(end)
	for b > a && unicode.IsSpace(rune(ix.text[b-1])) {
		b--
	}
	return strings.Join(strings.Fields(string(ix.text[a:b])), " ")
}
