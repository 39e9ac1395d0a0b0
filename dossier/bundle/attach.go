package bundle

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"unicode/utf16"
)

// attachment is a file attached to the bundle PDF.
type attachment struct {
	name string // file name, the name tree's key
	desc string // what it is: "Exhibit 3"
	data blob
}

// fpdf (v0.9.0) writes attached files before the pages but still numbers
// the pages' objects as if they came first: with n files attached, every
// bookmark, internal link and the opening view point 2n objects too low,
// at the wrong page or at no page at all. So the bundle PDF is written
// without them, and attachFiles adds them after, as an incremental update
// (PDF 32000-1:2008, 7.5.6): the files' streams and file specifications,
// a new version of the catalog whose EmbeddedFiles name tree lists them,
// a cross-reference section for these objects and a trailer pointing back
// to fpdf's. Readers apply it as one document; nothing fpdf wrote moves.
func attachFiles(out *spool, files []attachment) error {
	if len(files) == 0 {
		return nil
	}
	// The trailer ends the file; fpdf writes the catalog just before its
	// cross-reference section, so both are in the last part of the file,
	// which is all that is read (the whole file only if they are not).
	end, err := out.tail(tailWindow)
	if err != nil {
		return fmt.Errorf("bundle: attaching files: %w", err)
	}
	trailer := trailerRE.FindAllSubmatch(end, -1)
	if len(trailer) == 0 {
		return fmt.Errorf("bundle: attaching files: no trailer in the PDF")
	}
	t := trailer[len(trailer)-1]
	size, _ := strconv.Atoi(string(t[1]))
	root, info := string(t[2]), string(t[3])
	prev := string(t[4])
	catRE := regexp.MustCompile(`(?s)\n` + root + ` 0 obj\n(<<\n/Type /Catalog\n.*?)\nendobj\n`)
	cat := catRE.FindAllSubmatch(end, -1)
	if len(cat) == 0 && int64(len(end)) < out.size {
		if end, err = out.tail(out.size); err != nil {
			return fmt.Errorf("bundle: attaching files: %w", err)
		}
		cat = catRE.FindAllSubmatch(end, -1)
	}
	if len(cat) == 0 {
		return fmt.Errorf("bundle: attaching files: no catalog object %s in the PDF", root)
	}
	catalog := cat[len(cat)-1][1]
	if !namesRE.Match(catalog) {
		return fmt.Errorf("bundle: attaching files: the catalog has no EmbeddedFiles name tree to replace")
	}
	sorted := append([]attachment(nil), files...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].name < sorted[j].name })

	// The update is appended to the spool through a buffer; offsets count
	// from the start of the file.
	b := bufio.NewWriterSize(out, 1<<20)
	pos := func() int { return int(out.size) + b.Buffered() }
	offsets := map[int]int{}
	num := size
	var names bytes.Buffer
	var z bytes.Buffer
	for _, f := range sorted {
		z.Reset()
		zw := zlib.NewWriter(&z)
		if err := f.data.writeTo(zw); err != nil {
			return err
		}
		if err := zw.Close(); err != nil {
			return err
		}
		stream, spec := num, num+1
		num += 2
		offsets[stream] = pos()
		fmt.Fprintf(b, "%d 0 obj\n<< /Type /EmbeddedFile /Length %d /Filter /FlateDecode /Params << /Size %d >> >>\nstream\n", stream, z.Len(), f.data.size())
		b.Write(z.Bytes())
		b.WriteString("\nendstream\nendobj\n")
		offsets[spec] = pos()
		fmt.Fprintf(b, "%d 0 obj\n<< /Type /Filespec /F %s /UF %s /EF << /F %d 0 R /UF %d 0 R >> /Desc %s >>\nendobj\n",
			spec, pdfString(f.name), pdfString(f.name), stream, stream, pdfString(f.desc))
		fmt.Fprintf(&names, " %s %d 0 R", pdfString(f.name), spec)
	}
	newCatalog := namesRE.ReplaceAllLiteral(catalog, []byte("/EmbeddedFiles << /Names ["+names.String()+" ] >>"))
	rootNum, _ := strconv.Atoi(root)
	offsets[rootNum] = pos()
	fmt.Fprintf(b, "%d 0 obj\n%s\nendobj\n", rootNum, newCatalog)
	xref := pos()
	fmt.Fprintf(b, "xref\n%d 1\n%010d 00000 n \n%d %d\n", rootNum, offsets[rootNum], size, num-size)
	for n := size; n < num; n++ {
		fmt.Fprintf(b, "%010d 00000 n \n", offsets[n])
	}
	fmt.Fprintf(b, "trailer\n<<\n/Size %d\n/Root %s 0 R\n/Info %s 0 R\n/Prev %s\n>>\nstartxref\n%d\n%%%%EOF\n", num, root, info, prev, xref)
	return b.Flush()
}

// tailWindow is how much of the end of fpdf's output attachFiles reads
// to find the trailer and the catalog: the cross-reference section (20
// bytes an object) and the catalog before it.
const tailWindow = 8 << 20

var (
	trailerRE = regexp.MustCompile(`trailer\n<<\n/Size (\d+)\n/Root (\d+) 0 R\n/Info (\d+) 0 R\n>>\nstartxref\n(\d+)\n%%EOF`)
	namesRE   = regexp.MustCompile(`/EmbeddedFiles << /Names \[[^\]]*\] >>`)
)

// pdfString writes a PDF text string: ASCII as a literal string, anything
// else as UTF-16BE with its byte order mark, in hex.
func pdfString(s string) string {
	ascii := true
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			ascii = false
		}
	}
	if ascii {
		var b bytes.Buffer
		b.WriteByte('(')
		for i := 0; i < len(s); i++ {
			if c := s[i]; c == '(' || c == ')' || c == '\\' {
				b.WriteByte('\\')
			}
			b.WriteByte(s[i])
		}
		b.WriteByte(')')
		return b.String()
	}
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteByte('>')
	return b.String()
}
