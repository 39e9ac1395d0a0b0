package pdf_test

import (
	"bytes"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/pdf"
	"github.com/dossier-project/dossier/dossier/synth"
	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-fonts/dejavu/dejavuserif"
	"github.com/go-fonts/dejavu/dejavuserifitalic"
	"github.com/go-pdf/fpdf"
)

// BenchmarkPDFFloor compares the PDF stage with a bare-library floor: fpdf
// alone writing the same files, each with the same pages, the same text
// (as pdftotext reads it back from the dossiers) and the same four
// fonts, compressed, on both cores, and nothing else: no citations,
// links, tables, bookmarks or contents. Renders and floors alternate, so
// that a load on the machine weighs on both alike; "ratio" is the stage's
// time over the floor's.
//
//	go test -run '^$' -bench PDFFloor -benchtime 3x ./dossier/pdf/
func BenchmarkPDFFloor(b *testing.B) {
	need(b, "pdftotext")
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
			o := model.Options{Regimes: d.Regimes[:1]}
			files, err := pdf.Render(d, o)
			if err != nil {
				b.Fatal(err)
			}
			docs := make([][]string, len(files))
			for i, f := range files {
				docs[i] = strings.Split(strings.TrimSuffix(text(b, f.Data), "\f"), "\f")
			}
			var stage, floor time.Duration
			n := 0
			for b.Loop() {
				start := time.Now()
				if _, err := pdf.Render(d, o); err != nil {
					b.Fatal(err)
				}
				stage += time.Since(start)
				start = time.Now()
				if err := floorRender(docs); err != nil {
					b.Fatal(err)
				}
				floor += time.Since(start)
				n++
			}
			b.ReportMetric(stage.Seconds()/float64(n), "stage-s/op")
			b.ReportMetric(floor.Seconds()/float64(n), "floor-s/op")
			b.ReportMetric(float64(stage)/float64(floor), "ratio")
		})
	}
}

// floorRender writes each document of docs (its pages' text) with fpdf,
// as many at once as there are cores.
func floorRender(docs [][]string) error {
	errs := make([]error, len(docs))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(docs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = floorDoc(docs[i])
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// floorDoc writes one document: per page, its first line as a heading
// and the rest as body text, a quoted line in italics and a footer.
func floorDoc(pages []string) error {
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	f.SetMargins(25, 24, 22)
	f.SetAutoPageBreak(false, 0)
	f.SetCompression(true)
	f.AddUTF8FontFromBytes("serif", "", dejavuserif.TTF)
	f.AddUTF8FontFromBytes("serif", "I", dejavuserifitalic.TTF)
	f.AddUTF8FontFromBytes("sans", "", dejavusans.TTF)
	f.AddUTF8FontFromBytes("sans", "B", dejavusansbold.TTF)
	for _, page := range pages {
		f.AddPage()
		head, body, _ := strings.Cut(strings.TrimSpace(page), "\n")
		f.SetFont("sans", "B", 11.5)
		f.MultiCell(0, 5.75, head, "", "L", false)
		lines := strings.Split(body, "\n")
		f.SetFont("serif", "I", 10.5)
		f.MultiCell(0, 5.2, lines[0], "", "L", false)
		f.SetFont("serif", "", 10.5)
		f.MultiCell(0, 5.2, strings.Join(lines[1:], " "), "", "L", false)
		f.SetFont("sans", "", 8)
		f.SetXY(25, 283)
		f.CellFormat(0, 4, "Page", "", 0, "R", false, 0, "")
	}
	var buf bytes.Buffer
	return f.Output(&buf)
}
