package xlsx_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/redact"
	"github.com/dossier-project/dossier/dossier/synth"
	"github.com/dossier-project/dossier/dossier/xlsx"
	"github.com/xuri/excelize/v2"
)

// BenchmarkXLSXFloor compares the XLSX stage with a bare-library floor:
// excelize's StreamWriter alone writing the same sheets with the same
// cells (as excelize reads them back from the workbook, empty ones left
// out), and nothing else: no styles, widths, tables, links or validation. Renders and floors
// alternate, so that a load on the machine weighs on both alike; "ratio"
// is the stage's time over the floor's, "cpu-ratio" the same for the CPU
// time the process used (user and system, the garbage collector's
// included), which a load on the machine disturbs less.
//
//	go test -run '^$' -bench XLSXFloor -benchtime 3x ./dossier/xlsx/
//
// Size L (a minute to set up, 4 GB) runs with DOSSIER_BENCH_L=1.
func BenchmarkXLSXFloor(b *testing.B) {
	for _, size := range []string{"S", "M", "L"} {
		if size == "M" && testing.Short() || size == "L" && os.Getenv("DOSSIER_BENCH_L") == "" {
			continue
		}
		b.Run(size, func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "synthetic-"+size)
			if err := synth.Write(dir, synth.Sizes[size], 1); err != nil {
				b.Fatal(err)
			}
			c, ds := dossier.Open(dir)
			if c == nil || ds.Errors() > 0 {
				b.Fatalf("%s: %v", dir, ds)
			}
			d, err := redact.Redact(c, model.Public, time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC))
			if err != nil {
				b.Fatal(err)
			}
			files, err := xlsx.Render(d, model.Options{})
			if err != nil {
				b.Fatal(err)
			}
			sheets, cells := readBack(b, files[0].Data)
			var stage, floor, stageCPU, floorCPU time.Duration
			n := 0
			for b.Loop() {
				start, cpu := time.Now(), cpuTime()
				if _, err := xlsx.Render(d, model.Options{}); err != nil {
					b.Fatal(err)
				}
				stage += time.Since(start)
				stageCPU += cpuTime() - cpu
				start, cpu = time.Now(), cpuTime()
				if err := floorWorkbook(sheets, cells); err != nil {
					b.Fatal(err)
				}
				floor += time.Since(start)
				floorCPU += cpuTime() - cpu
				n++
			}
			total := 0
			for _, s := range cells {
				total += s.count
			}
			b.ReportMetric(float64(total), "cells")
			b.ReportMetric(stage.Seconds()/float64(n), "stage-s/op")
			b.ReportMetric(floor.Seconds()/float64(n), "floor-s/op")
			b.ReportMetric(float64(stage)/float64(floor), "ratio")
			b.ReportMetric(float64(stageCPU)/float64(floorCPU), "cpu-ratio")
		})
	}
}

// sheet is the cells of one sheet, row by row.
type sheet struct {
	rows  [][]any
	count int
}

// readBack reads every sheet of a workbook.
func readBack(b *testing.B, data []byte) ([]string, map[string]sheet) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	out := map[string]sheet{}
	names := f.GetSheetList()
	for _, name := range names {
		rows, err := f.GetRows(name)
		if err != nil {
			b.Fatal(err)
		}
		var s sheet
		for _, r := range rows {
			row := make([]any, len(r))
			for i, v := range r {
				if v != "" { // an empty cell is not written
					row[i] = v
				}
			}
			s.rows = append(s.rows, row)
			s.count += len(r)
		}
		out[name] = s
	}
	return names, out
}

// floorWorkbook writes the sheets with the stream writer.
func floorWorkbook(names []string, cells map[string]sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range names {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return err
		}
		for r, row := range cells[name].rows {
			ref, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := sw.SetRow(ref, row); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	_, err := f.WriteTo(&buf)
	return err
}
