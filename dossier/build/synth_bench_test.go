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
// public audience, in each format and in all of them, and of its evidence
// bundle for the internal audience too (the public one withholds every
// text, since each names a withheld victim):
//
//	go test -run '^$' -bench BuildSynth -benchmem ./dossier/build/
func BenchmarkBuildSynth(b *testing.B) {
	root := b.TempDir()
	dir := filepath.Join(root, "synthetic-s")
	if err := synth.Write(dir, synth.Sizes["S"], 1); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name     string
		formats  []string
		audience model.Audience
	}{
		{"json", []string{"json"}, model.Public}, {"csv", []string{"csv"}, model.Public},
		{"xlsx", []string{"xlsx"}, model.Public}, {"pdf", []string{"pdf"}, model.Public},
		{"bundle", []string{"bundle"}, model.Public}, {"bundle-internal", []string{"bundle"}, model.Internal},
		{"all", nil, model.Public},
	} {
		b.Run(bc.name, func(b *testing.B) {
			out := filepath.Join(root, "out-"+bc.name)
			for b.Loop() {
				if _, err := build.Case(dir, build.Options{OutDir: out, Formats: bc.formats, Audience: bc.audience}); err != nil {
					b.Fatal(err)
				}
			}
			os.RemoveAll(out)
		})
	}
}
