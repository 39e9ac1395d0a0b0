package pdf_test

import (
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/pdf"
	"github.com/dossier-project/dossier/dossier/synth"
)

// BenchmarkRenderPDFSynth renders the PDFs of a generated case (S, and M
// unless -short) for one regime and the public audience: the PDF stage of
// a build, without loading, redaction or writing. It reports files, pages
// and bytes of one render.
//
//	go test -run '^$' -bench RenderPDFSynth -benchmem ./dossier/pdf/
func BenchmarkRenderPDFSynth(b *testing.B) {
	for _, size := range []string{"S", "M"} {
		if size == "M" && testing.Short() {
			continue
		}
		b.Run(size, func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "synthetic-"+size)
			if err := synth.Write(dir, synth.Sizes[size], 1); err != nil {
				b.Fatal(err)
			}
			_, d := loadModel(b, dir, model.Public)
			regimes := d.Regimes[:1]
			var files []model.File
			for b.Loop() {
				var err error
				if files, err = pdf.Render(d, model.Options{Regimes: regimes}); err != nil {
					b.Fatal(err)
				}
			}
			reportFiles(b, files)
		})
	}
}

// reportFiles reports the files, pages and bytes of one render.
func reportFiles(b *testing.B, files []model.File) {
	size, pages := 0, 0
	for _, f := range files {
		size += len(f.Data)
		pages += pdfPages(f.Data)
	}
	b.ReportMetric(float64(len(files)), "files")
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(size), "bytes")
}

// pageCount matches fpdf's page tree: /Type /Pages /Kids [...] /Count N.
var pageCount = regexp.MustCompile(`/Type /Pages\s*/Kids \[[^\]]*\]\s*/Count (\d+)`)

// pdfPages is the number of pages fpdf wrote into data.
func pdfPages(data []byte) int {
	m := pageCount.FindSubmatch(data)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}
