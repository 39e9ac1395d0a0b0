package bundle_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/bundle"
	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/redact"
)

// BenchmarkRenderBundle renders the shipped case's public bundle (4
// exhibits, 198 excerpts): go test -run '^$' -bench RenderBundle -benchmem ./dossier/bundle
func BenchmarkRenderBundle(b *testing.B) {
	c, ds := dossier.Open(filepath.Join("..", "..", "cases", "kazakhstan"))
	if ds.Errors() > 0 {
		b.Fatal(ds)
	}
	d, err := redact.Redact(c, model.Public, time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC))
	if err != nil {
		b.Fatal(err)
	}
	var size int
	for b.Loop() {
		files, err := bundle.Render(d, model.Options{})
		if err != nil {
			b.Fatal(err)
		}
		size = len(files[0].Data)
	}
	b.ReportMetric(float64(size)/1024, "KiB")
}
