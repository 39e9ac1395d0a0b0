package pdf_test

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/pdf"
)

// TestEmitHandsOverInOrder: with Emit, Render hands over the same files,
// byte for byte and with the same warnings, in the order it returns them
// without, and returns none itself. An error from Emit stops the render
// and is returned as it is.
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
