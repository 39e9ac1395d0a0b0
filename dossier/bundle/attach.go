package bundle

import (
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
	data []byte
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
func attachFiles(pdf []byte, files []attachment) ([]byte, error) {
	if len(files) == 0 {
		return pdf, nil
	}
	trailer := trailerRE.FindAllSubmatch(pdf, -1)
	if len(trailer) == 0 {
		return nil, fmt.Errorf("bundle: attaching files: no trailer in the PDF")
	}
	t := trailer[len(trailer)-1]
	size, _ := strconv.Atoi(string(t[1]))
	root, info := string(t[2]), string(t[3])
	prev := string(t[4])
	catRE := regexp.MustCompile(`(?s)\n` + root + ` 0 obj\n(<<\n/Type /Catalog\n.*?)\nendobj\n`)
	cat := catRE.FindAllSubmatch(pdf, -1)
	if len(cat) == 0 {
		return nil, fmt.Errorf("bundle: attaching files: no catalog object %s in the PDF", root)
	}
	catalog := cat[len(cat)-1][1]
	if !namesRE.Match(catalog) {
		return nil, fmt.Errorf("bundle: attaching files: the catalog has no EmbeddedFiles name tree to replace")
	}
	sorted := append([]attachment(nil), files...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].name < sorted[j].name })

	// One allocation for the whole result: the texts deflate to less than
	// they are, and each file's objects take under 512 bytes besides.
	extra := len(catalog) + 512*len(files)
	for _, f := range files {
		extra += len(f.data) + len(f.data)/1000 + 64
	}
	var b bytes.Buffer
	b.Grow(len(pdf) + extra)
	b.Write(pdf)
	offsets := map[int]int{}
	num := size
	var names bytes.Buffer
	for _, f := range sorted {
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		zw.Write(f.data)
		if err := zw.Close(); err != nil {
			return nil, err
		}
		stream, spec := num, num+1
		num += 2
		offsets[stream] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n<< /Type /EmbeddedFile /Length %d /Filter /FlateDecode /Params << /Size %d >> >>\nstream\n", stream, z.Len(), len(f.data))
		b.Write(z.Bytes())
		b.WriteString("\nendstream\nendobj\n")
		offsets[spec] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n<< /Type /Filespec /F %s /UF %s /EF << /F %d 0 R /UF %d 0 R >> /Desc %s >>\nendobj\n",
			spec, pdfString(f.name), pdfString(f.name), stream, stream, pdfString(f.desc))
		fmt.Fprintf(&names, " %s %d 0 R", pdfString(f.name), spec)
	}
	newCatalog := namesRE.ReplaceAllLiteral(catalog, []byte("/EmbeddedFiles << /Names ["+names.String()+" ] >>"))
	rootNum, _ := strconv.Atoi(root)
	offsets[rootNum] = b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", rootNum, newCatalog)
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n%d 1\n%010d 00000 n \n%d %d\n", rootNum, offsets[rootNum], size, num-size)
	for n := size; n < num; n++ {
		fmt.Fprintf(&b, "%010d 00000 n \n", offsets[n])
	}
	fmt.Fprintf(&b, "trailer\n<<\n/Size %d\n/Root %s 0 R\n/Info %s 0 R\n/Prev %s\n>>\nstartxref\n%d\n%%%%EOF\n", num, root, info, prev, xref)
	return b.Bytes(), nil
}

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
