package build_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-project/dossier/dossier/build"
	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/synth"
)

// BenchmarkBuildSynth measures a build of the generated case S for the
// public audience, in each format and in all of them:
//
//	go test -run '^$' -bench BuildSynth -benchmem ./dossier/build/
func BenchmarkBuildSynth(b *testing.B) {
	root := b.TempDir()
	dir := filepath.Join(root, "synthetic-s")
	if err := synth.Write(dir, synth.Sizes["S"], 1); err != nil {
		b.Fatal(err)
	}
	for _, formats := range [][]string{{"json"}, {"csv"}, {"xlsx"}, {"pdf"}, nil} {
		name := "all"
		if formats != nil {
			name = formats[0]
		}
		b.Run(name, func(b *testing.B) {
			out := filepath.Join(root, "out-"+name)
			for b.Loop() {
				if _, err := build.Case(dir, build.Options{OutDir: out, Formats: formats, Audience: model.Public}); err != nil {
					b.Fatal(err)
				}
			}
			os.RemoveAll(out)
		})
	}
}
