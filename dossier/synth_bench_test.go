package dossier_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/synth"
)

// synthCases are generated once per run of the benchmarks, by size.
var (
	synthMu    sync.Mutex
	synthCases = map[string]string{}
)

// synthCase returns the folder of a generated case of the named size
// (S, M or L of the README's performance table).
func synthCase(b *testing.B, size string) string {
	synthMu.Lock()
	defer synthMu.Unlock()
	if dir, ok := synthCases[size]; ok {
		return dir
	}
	root, err := os.MkdirTemp("", "dossier-synth-")
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(root, "synthetic-"+size)
	if err := synth.Write(dir, synth.Sizes[size], 1); err != nil {
		b.Fatal(err)
	}
	synthCases[size] = dir
	return dir
}

// BenchmarkValidateSynth measures load + validate + link (what "dossier
// validate" does) on the generated cases S and M:
//
//	go test -run '^$' -bench ValidateSynth -benchmem ./dossier/
func BenchmarkValidateSynth(b *testing.B) {
	for _, size := range []string{"S", "M"} {
		b.Run(size, func(b *testing.B) {
			dir := synthCase(b, size)
			for b.Loop() {
				if _, ds := dossier.Open(dir); ds.Errors() > 0 {
					b.Fatal(ds[:1])
				}
			}
		})
	}
}
