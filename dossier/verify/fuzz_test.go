package verify

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io/fs"
	"testing"

	"github.com/dossier-project/dossier/dossier/bundle"
)

// FuzzCheckZip feeds arbitrary bytes to verify as a zip: it must return a
// report or an error, never panic, hang or read without limit.
//
//	go test ./dossier/verify -run '^$' -fuzz FuzzCheckZip -fuzztime 60s
func FuzzCheckZip(f *testing.F) {
	text := []byte("Title\n\nFirst paragraph.\n")
	mj := []byte(`{"files":[{"file":"a.txt","size":24,"sha256":"` + sha(text) + `"}],"passages":[{"excerpt":1,"file":"a.txt","paragraph":2,"offset":7,"text":"First"}]}`)
	good := map[string][]byte{"a.txt": text, bundle.ManifestJSON: mj}
	good[bundle.ManifestSums] = bundle.Sums(good)
	var entries []rawEntry
	for n, d := range good {
		entries = append(entries, rawEntry{name: "b/" + n, data: d})
	}
	f.Add(makeZip(f, entries))
	f.Add(makeZip(f, []rawEntry{{name: "b/" + bundle.ManifestSums, data: []byte(sumLine("../x", nil))}}))
	f.Add(makeZip(f, []rawEntry{{name: "b/" + bundle.ManifestSums}, {name: "b/l", mode: fs.ModeSymlink | 0o777}}))
	f.Add([]byte("PK\x05\x06" + string(make([]byte, 18))))
	// A bundle whose PDF is read for its index.
	pdf := []byte("1 0 obj << /Type /Pages /Kids [3 0 R] >> endobj 3 0 obj << /Type /Page >> endobj 5 0 obj << /First 6 0 R >> endobj " +
		"6 0 obj << /Title (Exhibit 1 \\055 T) /Dest [3 0 R] >> endobj 2 0 obj << /Type /Catalog /Pages 1 0 R /Outlines 5 0 R >> endobj trailer << /Root 2 0 R >>")
	withPDF := map[string][]byte{"b.pdf": pdf, bundle.ManifestJSON: []byte(`{"prefix":"KZ","pages":1,"files":[{"file":"b.pdf","size":` +
		fmt.Sprint(len(pdf)) + `,"sha256":"` + sha(pdf) + `","role":"bundle"}],"exhibits":[{"exhibit":1,"title":"T","first_page":"KZ-000001"}]}`)}
	withPDF[bundle.ManifestSums] = bundle.Sums(withPDF)
	entries = nil
	for n, d := range withPDF {
		entries = append(entries, rawEntry{name: "b/" + n, data: d})
	}
	f.Add(makeZip(f, entries))
	f.Fuzz(func(t *testing.T, data []byte) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		r, err := checkZip(zr)
		if err == nil && r == nil {
			t.Fatal("no report and no error")
		}
	})
}

func sha(b []byte) string { return sumLine("", b)[:64] }
