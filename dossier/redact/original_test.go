package redact

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier"
	"github.com/dossier-project/dossier/dossier/model"
)

// originalsCase is the bundle's fictional case with captured originals
// (see dossier/bundle/testdata/originals-case).
var originalsCase = filepath.Join("..", "bundle", "testdata", "originals-case")

// TestOriginalDecisions: which originals each audience gets, and why the
// others are withheld, source by source.
func TestOriginalDecisions(t *testing.T) {
	c, ds := dossier.Open(originalsCase)
	if ds.Errors() > 0 {
		t.Fatal(ds)
	}
	tests := []struct {
		source, kind string
		want         map[model.Audience]string // reason withheld; "" when shipped
	}{
		{"un-letter", model.OriginalPDF, nil},
		{"police-notice", model.OriginalPDF, nil},
		{"broken-scan", model.OriginalPDF, nil},
		{"letter-photo", model.OriginalImage, nil},
		{"news-page", model.OriginalHTML, nil},
		{"court-excerpt", model.OriginalPDF, map[model.Audience]string{model.Public: model.WithheldUnchecked, model.Partner: model.WithheldUnchecked}},
		{"gallery-blog", model.OriginalHTML, map[model.Audience]string{model.Public: model.WithheldNames, model.Partner: model.WithheldNames}},
		{"witness-account", model.OriginalHTML, map[model.Audience]string{model.Public: model.WithheldText, model.Partner: model.WithheldText}},
	}
	for _, a := range model.Audiences {
		d, err := Redact(c, a, c.Date.First())
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range tests {
			s := d.Source(tc.source)
			if s == nil || s.Original == nil {
				t.Fatalf("%s: source %s has no original in the model", a, tc.source)
			}
			o, want := s.Original, tc.want[a]
			if o.Kind != tc.kind || o.WithheldReason != want || o.Withheld != (want != "") || (o.Data == nil) != (want != "") {
				t.Errorf("%s: %s: kind %s, withheld %v (%q), %d bytes; want kind %s, reason %q", a, tc.source, o.Kind, o.Withheld, o.WithheldReason, len(o.Data), tc.kind, want)
			}
		}
	}
}

// TestCheckWarnsOfWithheldOriginals: validate --audience says which
// originals a bundle will leave out that the author can act on.
func TestCheckWarnsOfWithheldOriginals(t *testing.T) {
	c, ds := dossier.Open(originalsCase)
	if ds.Errors() > 0 {
		t.Fatal(ds)
	}
	var got []string
	for _, d := range Check(c, model.Public) {
		if d.Rule == "original-withheld" {
			got = append(got, filepath.Base(d.Pos.File))
			if d.Hint == "" {
				t.Errorf("%s: no hint", d)
			}
		}
	}
	sort.Strings(got)
	if strings.Join(got, " ") != "court-excerpt.yaml gallery-blog.yaml" {
		t.Errorf("original-withheld warnings for %v, want court-excerpt and gallery-blog", got)
	}
	if ds := Check(c, model.Internal); len(ds) != 0 {
		t.Errorf("internal withholds nothing, yet: %v", ds)
	}
}
