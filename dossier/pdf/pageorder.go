package pdf

import (
	"bytes"
	"fmt"
	"strconv"
)

// The table of contents is drawn once the body is laid out, when its
// length is known. Its first page is reserved after the cover; any further
// pages are added after the body and then moved into place by rewriting
// the page tree, so that a dossier is laid out once, whatever its contents
// take. Links and bookmarks name page objects, not positions, and stay
// right.

// readingOrder lists the pages fpdf made, by fpdf's number, in the order
// they are read: the cover and the first page of contents (up to
// tocStart), the further pages of contents (added after the last page of
// the body), then the body.
func readingOrder(tocStart, last, tocPages int) []int {
	order := make([]int, 0, last+tocPages-1)
	for p := 1; p <= tocStart; p++ {
		order = append(order, p)
	}
	for p := last + 1; p < last+tocPages; p++ {
		order = append(order, p)
	}
	for p := tocStart + 1; p <= last; p++ {
		order = append(order, p)
	}
	return order
}

// reorderPages rewrites, in place, the page tree of a PDF written by fpdf
// so that its pages are read in order (order[i] is the fpdf number of the
// (i+1)th page). fpdf writes page n as object 2n+1 and the page tree as
// object 1 with every kid on one line; the rewritten line is a permutation
// of the same references, so it has the same length and the
// cross-reference table stays valid.
func reorderPages(pdf []byte, order []int) error {
	obj, err := objectOffset(pdf, 1)
	if err != nil {
		return err
	}
	const head = "1 0 obj\n<</Type /Pages\n/Kids ["
	if !bytes.HasPrefix(pdf[obj:], []byte(head)) {
		return fmt.Errorf("pdf: the page tree is not where the cross-reference table puts it")
	}
	start := obj + len(head)
	end := bytes.IndexByte(pdf[start:], ']')
	if end < 0 {
		return fmt.Errorf("pdf: the page tree has no end")
	}
	kids := pdf[start : start+end]
	var want, got []byte
	for p := 1; p <= len(order); p++ {
		want = append(want, strconv.Itoa(2*p+1)+" 0 R "...)
	}
	for _, p := range order {
		got = append(got, strconv.Itoa(2*p+1)+" 0 R "...)
	}
	if !bytes.Equal(kids, want) || len(got) != len(kids) {
		return fmt.Errorf("pdf: the page tree lists other pages than the %d laid out", len(order))
	}
	copy(kids, got)
	return nil
}

// objectOffset reads the byte offset of object n from the cross-reference
// table that fpdf writes: "startxref" and its offset end the file, and
// each entry of the table is 20 bytes.
func objectOffset(pdf []byte, n int) (int, error) {
	i := bytes.LastIndex(pdf, []byte("\nstartxref\n"))
	if i < 0 {
		return 0, fmt.Errorf("pdf: no cross-reference table")
	}
	rest := pdf[i+len("\nstartxref\n"):]
	if j := bytes.IndexByte(rest, '\n'); j >= 0 {
		rest = rest[:j]
	}
	xref, err := strconv.Atoi(string(rest))
	if err != nil || xref < 0 || xref >= len(pdf) {
		return 0, fmt.Errorf("pdf: the cross-reference offset %q is not valid", rest)
	}
	table := pdf[xref:]
	nl := bytes.IndexByte(table, '\n')
	if nl < 0 || !bytes.HasPrefix(table, []byte("xref\n")) {
		return 0, fmt.Errorf("pdf: no cross-reference table at %d", xref)
	}
	table = table[len("xref\n"):]
	if nl = bytes.IndexByte(table, '\n'); nl < 0 {
		return 0, fmt.Errorf("pdf: the cross-reference table is cut short")
	}
	entries := table[nl+1:]
	at := 20 * n
	if len(entries) < at+20 {
		return 0, fmt.Errorf("pdf: the cross-reference table has no object %d", n)
	}
	off, err := strconv.Atoi(string(entries[at : at+10]))
	if err != nil || off < 0 || off >= len(pdf) {
		return 0, fmt.Errorf("pdf: object %d has no valid offset", n)
	}
	return off, nil
}
