package pdf_test

import (
	"encoding/xml"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/dossier-project/dossier/dossier/internal/leaktest"
	"github.com/dossier-project/dossier/dossier/model"
	"github.com/dossier-project/dossier/dossier/pdf"
	"golang.org/x/text/unicode/norm"
)

// scriptsCase has names in Arabic, Persian (with a zero-width non-joiner),
// Hebrew, Han, Hangul, Burmese, Thai, Devanagari, Georgian and Armenian,
// mixed with Latin and digits, and a quote from a Persian source.
var scriptsCase = filepath.Join("testdata", "scripts")

// scriptNames are the strings that must come back from the PDF as written.
var scriptNames = []string{
	"علي الراشد",
	"احمدی‌نژاد",
	"بنيامين نتنياهو",
	"علی الراشد خان",
	"تهران",
	"בנימין נתניהו",
	"陈全国",
	"김정은",
	"မင်းအောင်လှိုင်",
	"ประยุทธ์ จันทร์โอชา",
	"नरेन्द्र मोदी",
	"ბიძინა ივანიშვილი",
	"Սերժ Սարգսյան",
	"محمود رضایی",
	"علي الراشد دستور بازداشت محمود رضایی را صادر کرد",
}

var (
	scriptsOnce  sync.Once
	scriptsFiles []model.File
	scriptsErr   error
)

// scriptsPDF renders the scripts case (internal audience, so that every
// name is printed) once per test binary and returns the official's
// dossier.
func scriptsPDF(t *testing.T) model.File {
	t.Helper()
	scriptsOnce.Do(func() {
		_, d := loadModel(t, scriptsCase, model.Internal)
		scriptsFiles, scriptsErr = pdf.Render(d, model.Options{Regimes: []string{"eu-ghrsr"}})
	})
	if scriptsErr != nil {
		t.Fatal(scriptsErr)
	}
	for _, f := range scriptsFiles {
		if strings.Contains(f.Name, "ali-al-rashid") {
			return f
		}
	}
	t.Fatal("no dossier for ali-al-rashid")
	return model.File{}
}

// logical normalises extracted text for comparison: NFKC (Arabic
// presentation forms back to letters), without bidi controls and
// zero-width joiners, whitespace collapsed.
func logical(s string) string {
	s = norm.NFKC.String(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\u200e' || r == '\u200f' || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069'):
			return -1
		case r == '\u200c' || r == '\u200d':
			return -1
		}
		return r
	}, s)
	return squash(s)
}

// TestScriptsRoundTrip: every name, in every script, is extracted from
// the PDF in reading order.
func TestScriptsRoundTrip(t *testing.T) {
	need(t, "pdftotext")
	got := logical(text(t, scriptsPDF(t).Data))
	for _, name := range scriptNames {
		if !strings.Contains(got, logical(name)) {
			t.Errorf("%q not found in the extracted text", name)
		}
	}
	// Scripts are printed by their labels from the vocabulary, including
	// the one validate filled in for the Devanagari alias.
	for _, label := range []string{"(Georgian)", "(Armenian)", "(Burmese)", "(Chinese (simplified))", "(Devanagari)"} {
		if !strings.Contains(got, label) {
			t.Errorf("script label %s not printed", label)
		}
	}
	// The long unbreakable Han alias is wrapped, not cut: its characters,
	// with the short alias's, are all there in order (the row may break
	// across pages, so other text may come between).
	han := strings.Map(func(r rune) rune {
		if strings.ContainsRune("陈全国", r) {
			return r
		}
		return -1
	}, got)
	if want := strings.Repeat("陈全国", 23); han != want {
		t.Errorf("the Han aliases come out as %q, want %q", han, want)
	}
}

// TestScriptsNoMissingGlyph: every character of the case is drawn with a
// font that has it; the renderer warns about none.
func TestScriptsNoMissingGlyph(t *testing.T) {
	f := scriptsPDF(t)
	if len(f.Warnings) > 0 {
		t.Errorf("warnings: %v", f.Warnings)
	}
	need(t, "pdffonts")
	fonts := run(t, nil, "pdffonts", withFile(t, f.Data))
	for _, want := range []string{"NotoSansArabic", "NotoSansHebrew", "NotoSansMyanmar", "NotoSansThai", "NotoSansDevanagari", "DroidSansFallback", "DossierHangul"} {
		if !strings.Contains(fonts, "utf8"+strings.ToLower(want)) {
			t.Errorf("font %s not embedded:\n%s", want, fonts)
		}
	}
}

// TestMissingGlyphWarns: a character no shipped font has is reported.
func TestMissingGlyphWarns(t *testing.T) {
	_, d := loadModel(t, steppe, model.Internal)
	d.Officials[0].Aliases = append(d.Officials[0].Aliases, model.Alias{Name: "ꦗꦮ Javanese"})
	files, err := pdf.Render(d, model.Options{Regimes: []string{"eu-ghrsr"}})
	if err != nil {
		t.Fatal(err)
	}
	warned := false
	for _, f := range files {
		for _, w := range f.Warnings {
			if strings.Contains(w, "U+A997") {
				warned = true
			}
		}
	}
	if !warned {
		t.Error("no warning for the Javanese letters no font has")
	}
}

// bboxDoc is pdftotext -bbox output.
type bboxDoc struct {
	Pages []struct {
		Width float64 `xml:"width,attr"`
		Words []struct {
			XMax float64 `xml:"xMax,attr"`
			Text string  `xml:",chardata"`
		} `xml:"word"`
	} `xml:"body>doc>page"`
}

// TestScriptsWithinMargin: no word on any page passes the right margin.
func TestScriptsWithinMargin(t *testing.T) {
	need(t, "pdftotext")
	out := run(t, nil, "pdftotext", "-bbox", withFile(t, scriptsPDF(t).Data), "-")
	var doc bboxDoc
	dec := xml.NewDecoder(strings.NewReader(out))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) == 0 {
		t.Fatal("no pages in pdftotext -bbox output")
	}
	const marginRight = 22.0 * 72 / 25.4
	for i, p := range doc.Pages {
		for _, w := range p.Words {
			if w.XMax > p.Width-marginRight+0.5 {
				t.Errorf("page %d: %q ends at %s pt, past the margin at %.1f", i+1, w.Text, strconv.FormatFloat(w.XMax, 'f', 1, 64), p.Width-marginRight)
			}
		}
	}
}

// BenchmarkScriptsPDF renders the scripts test case, whose text is
// nearly all laid out by textlayout (bidi, fallback fonts, shaping).
// Run: go test -run '^$' -bench ScriptsPDF -benchmem ./dossier/pdf
func BenchmarkScriptsPDF(b *testing.B) {
	_, d := loadModel(b, scriptsCase, model.Internal)
	var files []model.File
	for i := 0; i < b.N; i++ {
		var err error
		files, err = pdf.Render(d, model.Options{Regimes: []string{"eu-ghrsr"}})
		if err != nil {
			b.Fatal(err)
		}
	}
	size := 0
	for _, f := range files {
		size += len(f.Data)
	}
	b.ReportMetric(float64(size), "bytes")
}

// TestLeakScannerSeesShapedNames: names drawn as shaped glyphs (joining
// forms, private code points with ActualText) are still found by the leak
// scanner, which proves redaction by looking for withheld names in the
// outputs.
func TestLeakScannerSeesShapedNames(t *testing.T) {
	need(t, "pdftotext")
	f := scriptsPDF(t)
	names := []string{"محمود رضایی", "علي الراشد", "בנימין נתניהו", "陈全国", "김정은", "नरेन्द्र मोदी"}
	found, err := leaktest.Scan(f.Name, f.Data, leaktest.Names(names...))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, x := range found {
		seen[x.Name] = true
	}
	for _, n := range names {
		if !seen[n] {
			t.Errorf("the leak scanner does not find %q in a PDF that prints it", n)
		}
	}
}
