package leaktest

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"testing"
	"unicode/utf16"
)

func TestScanFindsHiddenNames(t *testing.T) {
	var deflated bytes.Buffer
	zw := zlib.NewWriter(&deflated)
	zw.Write([]byte("BT (Witness OŁENA KRAUS) Tj ET"))
	zw.Close()
	pdf := append([]byte("%PDF-1.4\n1 0 obj\n<< /Length 9 >>\nstream\n"), deflated.Bytes()...)
	pdf = append(pdf, []byte("\nendstream\nendobj\n")...)

	var title []byte
	for _, u := range utf16.Encode([]rune("Piotr Wiśniewski")) {
		title = append(title, byte(u>>8), byte(u))
	}

	var zbuf bytes.Buffer
	w := zip.NewWriter(&zbuf)
	f, _ := w.Create("xl/sharedStrings.xml")
	f.Write([]byte("<t>anna-lis</t>"))
	w.Close()

	tests := []struct {
		name  string
		data  []byte
		names []string
		want  int
	}{
		{"plain", []byte("said Jana Novák."), []string{"jana novak"}, 1},
		{"deflated PDF stream", pdf, []string{"Olena Kraus"}, 1},
		{"UTF-16 metadata", append([]byte("/Title (\xfe\xff"), title...), []string{"Piotr Wisniewski"}, 1},
		{"zip part, id form", zbuf.Bytes(), []string{"Anna Lis"}, 1},
		{"absent", []byte("nothing to see"), []string{"Jana Novák"}, 0},
		{"part of a longer word", []byte("Novákova"), []string{"Novák"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found, err := Scan(tt.name, tt.data, Names(tt.names...))
			if err != nil && !bytes.HasPrefix(tt.data, []byte("%PDF")) {
				t.Fatal(err)
			}
			if (len(found) > 0) != (tt.want > 0) {
				t.Errorf("found %v, want %d finding(s)", found, tt.want)
			}
		})
	}
}
