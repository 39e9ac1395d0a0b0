package dossier

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeLargeCase generates a case with the given number of officials, each
// with three allegations quoting two of ten sources (about 40 KB each), and
// one victim per allegation.
func writeLargeCase(tb testing.TB, officials int) string {
	tb.Helper()
	dir := tb.TempDir()
	for _, sub := range []string{"sources", "officials", "victims"} {
		os.MkdirAll(filepath.Join(dir, sub), 0o755)
	}
	os.WriteFile(filepath.Join(dir, "case.yaml"), []byte("title: Large\ncountry: Examplestan\ndate: 2024-01-01\n"), 0o644)
	const sources = 10
	for s := 0; s < sources; s++ {
		var text strings.Builder
		for p := 0; p < officials*3; p++ {
			fmt.Fprintf(&text, "Paragraph %d of source %d: officers of unit %d detained person number %d on %d May.\n\n", p, s, p/3, p, p%28+1)
		}
		sum := sha256.Sum256([]byte(text.String()))
		os.WriteFile(filepath.Join(dir, "sources", fmt.Sprintf("s%d.txt", s)), []byte(text.String()), 0o644)
		os.WriteFile(filepath.Join(dir, "sources", fmt.Sprintf("s%d.yaml", s)),
			[]byte(fmt.Sprintf("title: Source %d\ntype: report\nfile: s%d.txt\nsha256: %s\n", s, s, hex.EncodeToString(sum[:]))), 0o644)
	}
	for o := 0; o < officials; o++ {
		var b strings.Builder
		fmt.Fprintf(&b, "kind: person\nname: Official Number%d\nallegations:\n", o)
		for a := 0; a < 3; a++ {
			p := o*3 + a
			fmt.Fprintf(&b, "  - summary: Detention %d.\n    violations: [arbitrary_detention]\n    role: perpetrated\n    victims: [victim-%d]\n    evidence:\n", p, p)
			for _, s := range []int{p % sources, (p + 1) % sources} {
				fmt.Fprintf(&b, "      - source: s%d\n        quote: \"officers of unit %d detained person number %d\"\n", s, p/3, p)
			}
			os.WriteFile(filepath.Join(dir, "victims", fmt.Sprintf("victim-%d.yaml", p)),
				[]byte(fmt.Sprintf("name: Person Numbered%d\nstatus: detained\nsensitivity: restricted\n", p)), 0o644)
		}
		os.WriteFile(filepath.Join(dir, "officials", fmt.Sprintf("official-%d.yaml", o)), []byte(b.String()), 0o644)
	}
	return dir
}

// BenchmarkOpen measures load + validate + link of a case with 100
// officials, 300 allegations, 300 victims, 600 quotes and 10 sources of
// about 25 KB each.
func BenchmarkOpen(b *testing.B) {
	dir := writeLargeCase(b, 100)
	for b.Loop() {
		_, ds := Open(dir)
		if ds.Errors() > 0 {
			b.Fatal(ds[:1])
		}
	}
}

// WriteLargeCase is writeLargeCase for the benchmarks of the external
// test package (redaction lives in dossier/redact, which imports dossier).
var WriteLargeCase = writeLargeCase

// largeText is about 5 MB of varied prose: paragraphs that share most of
// their words, as the pages of a long report do.
func largeText() []byte {
	var b strings.Builder
	words := []string{"officers", "detained", "the", "activist", "near", "court", "in", "Almaty", "and", "held", "him", "for", "days", "without", "charge", "lawyer", "police", "said"}
	for p := 0; b.Len() < 5<<20; p++ {
		fmt.Fprintf(&b, "Paragraph %d.", p)
		for w := 0; w < 20; w++ {
			fmt.Fprintf(&b, " %s", words[(p*7+w*3)%len(words)])
		}
		fmt.Fprintf(&b, " Witness %d named Nurlan%d.\n\n", p, p*13%9973)
	}
	return []byte(b.String())
}

// BenchmarkMisquoteLargeSource measures the hint for one quote that is not
// in a 5 MB source: finding the closest passage through the word index
// (built once per source) instead of aligning the quote against all of it.
func BenchmarkMisquoteLargeSource(b *testing.B) {
	ix := newTextIndex(largeText())
	quote := "Witness 30000 named Nurlen1053" // the source has "Nurlan1053"
	if _, ok := ix.find(quote); ok {
		b.Fatal("the misquote is in the text")
	}
	for b.Loop() {
		n, ok := ix.closest(quote)
		if !ok || n.cost != 1 {
			b.Fatalf("closest = %+v, %v (%q)", n, ok, ix.original(n.start, n.end))
		}
	}
}

// BenchmarkMisquoteLargeSourceCold includes building the source's word
// index, paid once per source by its first misquote.
func BenchmarkMisquoteLargeSourceCold(b *testing.B) {
	text := largeText()
	for b.Loop() {
		ix := newTextIndex(text)
		if _, ok := ix.closest("Witness 30000 named Nurlen1053"); !ok {
			b.Fatal("no passage")
		}
	}
}
