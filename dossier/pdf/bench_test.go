package pdf_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/pdf"
)

// BenchmarkRenderPDF renders every PDF of the Kazakhstan case (or, while
// that case is not valid, the steppe test case) for the case's regimes,
// for the internal audience. It reports the files, pages and bytes of one
// render. Run: go test -bench RenderPDF -benchmem -run '^$' ./dossier/pdf
func BenchmarkRenderPDF(b *testing.B) {
	dir := filepath.Join("..", "..", "cases", "kazakhstan")
	if _, err := os.Stat(filepath.Join(dir, "case.yaml")); err != nil {
		dir = steppe
	}
	_, d := loadModel(b, dir, model.Internal)
	b.Logf("case %s: %d officials, regimes %v", dir, len(d.Officials), d.Regimes)
	var files []model.File
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var err error
		files, err = pdf.Render(d, model.Options{Regimes: d.Regimes})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	size := 0
	for _, f := range files {
		size += len(f.Data)
	}
	b.ReportMetric(float64(len(files)), "files")
	b.ReportMetric(float64(size), "bytes")
}
