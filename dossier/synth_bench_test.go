package dossier_test

import (
	"path/filepath"
	"testing"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/synth"
)

// synthCase writes a generated case of the named size (S, M or L of the
// README's performance table) into a temporary folder removed after b.
func synthCase(b *testing.B, size string) string {
	dir := filepath.Join(b.TempDir(), "synthetic-"+size)
	if err := synth.Write(dir, synth.Sizes[size], 1); err != nil {
		b.Fatal(err)
	}
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
