package bundle_test

import (
	"fmt"
	"path/filepath"
	"strings"
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

// synthetic is a model of the given size: ten sources of paras paragraphs
// each, and one official with an allegation quoting two paragraphs of
// every source per three paragraphs.
func synthetic(paras int) *model.Dossier {
	d := &model.Dossier{Case: "large", Title: "Large", Country: "Examplestan", Audience: model.Public,
		Classification: "PUBLIC", BuildDate: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	o := &model.Official{ID: "o", Name: "Official One"}
	d.Officials = []*model.Official{o}
	for s := 1; s <= 10; s++ {
		src := &model.Source{ID: fmt.Sprintf("s%d", s), Number: s, Title: fmt.Sprintf("Source %d", s), File: fmt.Sprintf("s%d.txt", s)}
		var b strings.Builder
		for p := 1; p <= paras; p++ {
			start := b.Len()
			fmt.Fprintf(&b, "Paragraph %d of source %d: officers of unit %d detained person number %d on %d May, and the court later extended the detention.\n\n", p, s, p/3, p, p%28+1)
			if p%3 == 0 {
				passage := fmt.Sprintf("officers of unit %d detained person number %d", p/3, p)
				x := &model.Excerpt{Number: len(d.Excerpts) + 1, Source: src.ID, Quote: passage, Passage: passage,
					Paragraph: p, Offset: start + strings.Index(b.String()[start:], passage), Length: len(passage),
					Owner: "o", OwnerKind: "official", OwnerName: o.Name, Supports: "allegation", Target: "o-1"}
				d.Excerpts = append(d.Excerpts, x)
				src.Excerpts = append(src.Excerpts, x.Number)
			}
		}
		src.Text = b.String()
		d.Sources = append(d.Sources, src)
	}
	o.Allegations = []*model.Allegation{{ID: "o-1", Official: "o", Summary: "Detentions."}}
	return d
}

// BenchmarkRenderBundleSizes renders bundles of ten sources of 300
// paragraphs and 1,000 excerpts (M) and of 1,500 paragraphs and 5,000
// excerpts (L): go test -run '^$' -bench RenderBundleSizes -benchmem ./dossier/bundle
func BenchmarkRenderBundleSizes(b *testing.B) {
	for _, size := range []struct {
		name  string
		paras int
	}{{"M", 300}, {"L", 1500}} {
		b.Run(size.name, func(b *testing.B) {
			d := synthetic(size.paras)
			var n int
			for b.Loop() {
				files, err := bundle.Render(d, model.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if len(files[0].Warnings) > 0 {
					b.Fatal(files[0].Warnings[0])
				}
				n = len(files[0].Data)
			}
			b.ReportMetric(float64(n)/1024, "KiB")
		})
	}
}
