package pdf_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/pdf"
)

// TestEmitHandsOverInOrder: with Emit, Render hands over the same files,
// byte for byte and with the same warnings, as it returns without, in the
// same order except that the case dossiers come last; it returns none
// itself. An error from Emit stops the render and is returned as it is.
func TestEmitHandsOverInOrder(t *testing.T) {
	_, d := loadModel(t, steppe, model.Public)
	want, err := pdf.Render(d, model.Options{Regimes: []string{"eu-ghrsr", "us-glomag"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []model.File
	rest, err := pdf.Render(d, model.Options{Regimes: []string{"eu-ghrsr", "us-glomag"}, Emit: func(f model.File) error {
		got = append(got, f)
		return nil
	}})
	if err != nil || len(rest) != 0 {
		t.Fatalf("Render with Emit returned %d files, err %v", len(rest), err)
	}
	// The order Emit follows: the officials' dossiers, then the case's.
	var officials, cases []model.File
	for _, f := range want {
		if strings.Count(f.Name, "-") > strings.Count(model.FileName(d, "pdf", "eu-ghrsr"), "-") {
			officials = append(officials, f)
		} else {
			cases = append(cases, f)
		}
	}
	if len(cases) != 2 {
		t.Fatalf("%d case dossiers, want 2", len(cases))
	}
	want = append(officials, cases...)
	if len(got) != len(want) || len(want) < 3 {
		t.Fatalf("emitted %d files, want %d (at least 3)", len(got), len(want))
	}
	for i := range want {
		if got[i].Name != want[i].Name || !bytes.Equal(got[i].Data, want[i].Data) || !slices.Equal(got[i].Warnings, want[i].Warnings) {
			t.Errorf("file %d: emitted %s (%d bytes, warnings %q), want %s (%d bytes, warnings %q)", i, got[i].Name, len(got[i].Data), got[i].Warnings, want[i].Name, len(want[i].Data), want[i].Warnings)
		}
	}

	full := errors.New("disk full")
	n := 0
	_, err = pdf.Render(d, model.Options{Regimes: []string{"eu-ghrsr", "us-glomag"}, Emit: func(model.File) error {
		n++
		if n == 2 {
			return full
		}
		return nil
	}})
	if err != full || n != 2 {
		t.Errorf("Emit failing on the second file: Render returned %v after %d calls, want the error itself after 2", err, n)
	}
}
