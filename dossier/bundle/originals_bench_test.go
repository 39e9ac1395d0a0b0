package bundle_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/dossier-project/dossier/dossier/bundle"
	"github.com/dossier-project/dossier/dossier/model"
	"github.com/go-pdf/fpdf"
)

// BenchmarkRenderBundleOriginalPDF renders a small bundle whose one source
// has a captured original PDF of 10 and of 1,000 text pages, laid out as
// bundle pages: go test -run '^$' -bench RenderBundleOriginalPDF -benchmem ./dossier/bundle
func BenchmarkRenderBundleOriginalPDF(b *testing.B) {
	for _, pages := range []int{10, 1000} {
		b.Run(fmt.Sprintf("pages=%d", pages), func(b *testing.B) {
			f := fpdf.New("P", "mm", "Letter", "")
			f.SetFont("Helvetica", "", 11)
			for p := 1; p <= pages; p++ {
				f.AddPage()
				for l := 1; l <= 40; l++ {
					f.CellFormat(0, 5, fmt.Sprintf("Page %d, line %d of a long captured original.", p, l), "", 1, "L", false, 0, "")
				}
			}
			var buf bytes.Buffer
			if err := f.Output(&buf); err != nil {
				b.Fatal(err)
			}
			d := synthetic(30)
			d.Sources[0].Original = &model.Original{File: "s1.pdf", Kind: model.OriginalPDF, SHA256: "x", Size: buf.Len(), Data: buf.Bytes()}
			var size int
			for b.Loop() {
				files, err := bundle.Render(d, model.Options{})
				if err != nil {
					b.Fatal(err)
				}
				size = len(files[0].Data)
			}
			b.ReportMetric(float64(size)/1024, "KiB")
		})
	}
}
