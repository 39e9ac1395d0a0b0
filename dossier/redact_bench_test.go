package dossier_test

import (
	"testing"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/redact"
)

// BenchmarkRedact measures the redact stage for the public audience on the
// case of BenchmarkOpen, where all 300 victims are withheld.
func BenchmarkRedact(b *testing.B) {
	c, ds := dossier.Open(dossier.WriteLargeCase(b, 100))
	if ds.Errors() > 0 {
		b.Fatal(ds[:1])
	}
	for b.Loop() {
		if _, err := redact.Redact(c, model.Public, c.Date.First()); err != nil {
			b.Fatal(err)
		}
	}
}
