package pdf

import (
	"bytes"
	"testing"

	"github.com/go-pdf/fpdf"
)

// TestReorderPages: the page tree is rewritten in place to the order
// asked, at the same length, and a tree that does not list the pages laid
// out is refused rather than rewritten.
func TestReorderPages(t *testing.T) {
	f := fpdf.New("P", "mm", "A4", "")
	for i := 0; i < 3; i++ {
		f.AddPage()
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	n := len(data)
	if err := reorderPages(data, readingOrder(1, 2, 2)); err != nil {
		t.Fatal(err)
	}
	if len(data) != n || !bytes.Contains(data, []byte("/Kids [3 0 R 7 0 R 5 0 R ]")) {
		t.Errorf("page tree not reordered:\n%s", data[bytes.Index(data, []byte("/Kids")):][:40])
	}
	// Already reordered, the tree no longer lists pages 1, 2, 3 in order.
	for _, order := range [][]int{{1, 2}, {1, 2, 3}, {1, 2, 3, 4}} {
		if err := reorderPages(bytes.Clone(data), order); err == nil {
			t.Errorf("order %v of 3 pages accepted", order)
		}
	}
	if err := reorderPages([]byte("%PDF-1.3\nnot a pdf"), []int{1}); err == nil {
		t.Error("a file with no cross-reference table accepted")
	}
}
