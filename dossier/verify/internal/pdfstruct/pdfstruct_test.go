package pdfstruct

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// minimal is a small well-formed PDF: two pages, two bookmarks (one
// through a GoTo action), one attached file.
func minimal(attached []byte) []byte {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(attached)
	zw.Close()
	return minimalZ(z.Bytes())
}

// minimalZ is minimal with the attached file's stream given compressed.
func minimalZ(z []byte) []byte {
	return []byte("%PDF-1.4\n" +
		"1 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >> endobj\n" +
		"3 0 obj << /Type /Page /Parent 1 0 R /Contents 9 0 R >> endobj\n" +
		"4 0 obj << /Type /Page /Parent 1 0 R >> endobj\n" +
		"9 0 obj << /Length 11 >>\nstream\nBT (x) Tj E\nendstream endobj\n" +
		"5 0 obj << /Type /Outlines /First 6 0 R >> endobj\n" +
		"6 0 obj << /Title (First \\(one\\)) /Dest [3 0 R /XYZ 0 0 null] /Next 7 0 R >> endobj\n" +
		"7 0 obj << /Title <FEFF00C900740065> /A << /S /GoTo /D [4 0 R /Fit] >> >> endobj\n" +
		fmt.Sprintf("10 0 obj << /Type /EmbeddedFile /Length %d /Filter /FlateDecode >>\nstream\n", len(z)) + string(z) + "\nendstream endobj\n" +
		"11 0 obj << /Type /Filespec /UF (a.txt) /EF << /F 10 0 R >> >> endobj\n" +
		"2 0 obj << /Type /Catalog /Pages 1 0 R /Outlines 5 0 R /Names << /EmbeddedFiles << /Names [(a.txt) 11 0 R] >> >> >> endobj\n" +
		"trailer << /Root 2 0 R >>\n%%EOF\n")
}

func TestReadMinimal(t *testing.T) {
	d, err := Read(bytes.NewReader(minimal([]byte("hello"))))
	if err != nil {
		t.Fatal(err)
	}
	if d.Pages != 2 || len(d.Bookmarks) != 2 || len(d.Attachments) != 1 {
		t.Fatalf("%+v", d)
	}
	if b := d.Bookmarks[0]; b.Title != "First (one)" || b.Page != 1 {
		t.Errorf("bookmark 1: %+v", b)
	}
	if b := d.Bookmarks[1]; b.Title != "Éte" || b.Page != 2 {
		t.Errorf("bookmark 2: %+v", b)
	}
	a := d.Attachments[0]
	if a.Name != "a.txt" || a.Size != 5 || a.SHA256 != "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824" || a.Err != nil {
		t.Errorf("attachment: %+v", a)
	}
}

// TestRedefinedAttachment: an incremental update that redefines the
// attached file's stream object as something else leaves no attached file
// behind it; the hash read from the first definition does not stand.
func TestRedefinedAttachment(t *testing.T) {
	pdf := string(minimal([]byte("hello"))) + "10 0 obj << /Type /Metadata >> endobj\ntrailer << /Root 2 0 R >>\n%%EOF\n"
	d, err := Read(strings.NewReader(pdf))
	if err != nil {
		t.Fatal(err)
	}
	if a := d.Attachments[0]; a.Err == nil || a.SHA256 != "" {
		t.Errorf("attachment after its stream was redefined: %+v", a)
	}
}

// TestHostilePDFs is the hostile corpus for the reader: each must give an
// error that says why (or, where noted, a document), never a panic, a hang
// or memory beyond the limits.
func TestHostilePDFs(t *testing.T) {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(make([]byte, 8<<20))
	zw.Close()
	bomb := z.String()
	deep := strings.Repeat("[", MaxDepth+2) + strings.Repeat("]", MaxDepth+2)
	tests := []struct {
		name, pdf, want string
	}{
		{"empty", "", "no trailer"},
		{"no catalog", "trailer << /Root 9 0 R >>", "not a dictionary"},
		{"deep nesting", "1 0 obj " + deep + " endobj", "nested more than"},
		{"long string", "1 0 obj (" + strings.Repeat("a", MaxString+1) + ") endobj", "longer than"},
		{"long hex string", "1 0 obj <" + strings.Repeat("ab", MaxString+1) + "> endobj", "longer than"},
		{"long name", "1 0 obj /" + strings.Repeat("a", MaxString+1) + " endobj", "longer than"},
		{"unclosed string", "1 0 obj (abc", "unexpected EOF"},
		{"unclosed dictionary", "1 0 obj << /A 1", "not closed"},
		{"unclosed array", "1 0 obj [1 2", "not closed"},
		{"bad hex", "1 0 obj <zz> endobj", "hex string"},
		{"stream without length", "1 0 obj << >>\nstream\nabc\nendstream endobj", "/Length"},
		{"stream with indirect length", "1 0 obj << /Length 2 0 R >>\nstream\nabc\nendstream endobj", "/Length"},
		{"stream longer than its data", "1 0 obj << /Length 999999999 >>\nstream\nabc", "ends after"},
		{"stream length lies", "1 0 obj << /Length 1 >>\nstream\nabc\nendstream endobj", "not /Length"},
		{"object stream bomb", "1 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length " + fmt.Sprint(len(bomb)) + " >>\nstream\n" + bomb + "\nendstream endobj", "header"},
		{"object stream header lies", "1 0 obj << /Type /ObjStm /N 1000000000 /First 0 /Length 3 >>\nstream\n1 0\nendstream endobj", "out of range"},
		{"page tree loop", "1 0 obj << /Type /Pages /Kids [1 0 R] >> endobj 2 0 obj << /Type /Catalog /Pages 1 0 R >> endobj trailer << /Root 2 0 R >>", "twice"},
		{"page tree too deep", deepPages(MaxTreeDepth + 2), "levels deep"},
		{"outline loop", "1 0 obj << /Type /Pages /Kids [] >> endobj 5 0 obj << /First 6 0 R >> endobj 6 0 obj << /Title (a) /Next 6 0 R >> endobj 2 0 obj << /Type /Catalog /Pages 1 0 R /Outlines 5 0 R >> endobj trailer << /Root 2 0 R >>", "loop"},
		{"name tree loop", "1 0 obj << /Type /Pages /Kids [] >> endobj 5 0 obj << /Kids [5 0 R] >> endobj 2 0 obj << /Type /Catalog /Pages 1 0 R /Names << /EmbeddedFiles 5 0 R >> >> endobj trailer << /Root 2 0 R >>", "twice"},
		{"reference loop", "1 0 obj 2 0 R endobj 2 0 obj 1 0 R endobj 3 0 obj << /Type /Catalog /Pages 1 0 R >> endobj trailer << /Root 3 0 R >>", "not a page"},
		{"too many tokens", "1 0 obj [" + strings.Repeat("0 ", MaxObjectTokens+1) + "] endobj", "tokens"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tt.pdf))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error saying %q", err, tt.want)
			}
		})
	}
	t.Run("large attachment", func(t *testing.T) {
		// 8 MiB inflated from a few KiB is hashed as it streams.
		d, err := Read(bytes.NewReader(minimalZ([]byte(bomb))))
		if err != nil {
			t.Fatal(err)
		}
		if a := d.Attachments[0]; a.Err != nil || a.Size != 8<<20 {
			t.Errorf("%+v", a)
		}
	})
	t.Run("attachment not deflated", func(t *testing.T) {
		d, err := Read(bytes.NewReader(minimalZ([]byte("plain text"))))
		if err != nil {
			t.Fatal(err)
		}
		if a := d.Attachments[0]; a.Err == nil || !strings.Contains(a.Err.Error(), "cannot be inflated") {
			t.Errorf("%+v", a)
		}
	})
	if !errors.Is(fmt.Errorf("x: %w", errLimit), errLimit) {
		t.Fatal("errLimit does not wrap")
	}
}

func deepPages(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%d 0 obj << /Type /Pages /Kids [%d 0 R] >> endobj\n", i, i+1)
	}
	fmt.Fprintf(&b, "%d 0 obj << /Type /Catalog /Pages 1 0 R >> endobj trailer << /Root %d 0 R >>", n+5, n+5)
	return b.String()
}

// FuzzRead feeds arbitrary bytes to the reader: it must return a document
// or an error, never panic, hang or read without limit.
//
//	go test ./dossier/verify/internal/pdfstruct -run '^$' -fuzz FuzzRead -fuzztime 60s
func FuzzRead(f *testing.F) {
	f.Add(minimal([]byte("hello")))
	f.Add([]byte("1 0 obj << /Type /ObjStm /N 1 /First 4 /Length 9 >>\nstream\n2 0 << >>\nendstream endobj trailer << /Root 2 0 R >>"))
	f.Add([]byte("trailer << /Root 1 0 R >> 1 0 obj << /Pages << /Kids [<< >>] >> >> endobj"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Read(bytes.NewReader(data))
		if err == nil && d == nil {
			t.Fatal("no document and no error")
		}
	})
}
