// Package leaktest proves that outputs carry no withheld name. It looks
// at every byte a recipient could recover from a file: its name, the raw
// bytes, the parts of a zip package (XLSX), the inflated streams of a PDF,
// UTF-16 text (PDF metadata and hex strings), and the text pdftotext
// extracts (also from a PDF inside a zip), also read backwards (right-to-left text stored in visual
// order). Each is searched with a Matcher: the redaction inventory itself,
// so the scanner searches exactly the terms the redactor replaces.
package leaktest

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf16"

	"github.com/dossier-project/dossier/dossier/internal/fold"
)

// A Finding is one withheld name found in one file.
type Finding struct {
	File  string // path, plus "!part" for a zip part or a PDF stream
	Layer string // where it was found: raw, zip, stream, utf16, hex, pdftotext
	Name  string
}

func (f Finding) String() string { return fmt.Sprintf("%s (%s): %q", f.File, f.Layer, f.Name) }

// A Matcher returns the withheld terms it finds in a text. Use the
// redaction inventory's Matches method, so that the scanner searches
// exactly what the redactor replaces, or Names for a fixed list.
type Matcher func(text string) []string

// Names matches a fixed list of names as whole words, whatever their case
// or diacritics: for positive controls.
func Names(names ...string) Matcher {
	return func(text string) []string {
		ft := fold.New(text)
		var out []string
		for _, n := range names {
			if len(ft.FindWords(n)) > 0 {
				out = append(out, n)
			}
		}
		return out
	}
}

// ScanDir scans every file under dir, and every file and folder name.
func ScanDir(dir string, m Matcher) ([]Finding, error) {
	var out []Finding
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		for _, n := range m(rel) {
			out = append(out, Finding{File: path, Layer: "file name", Name: n})
		}
		if info.IsDir() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		found, err := Scan(path, data, m)
		out = append(out, found...)
		return err
	})
	return out, err
}

// Scan searches one file's content, in all its layers, for the names. The
// error reports a layer that could not be read (pdftotext failing on a PDF),
// since an unread layer proves nothing.
func Scan(name string, data []byte, m Matcher) ([]Finding, error) {
	blobs := map[string][]byte{}
	// Search whatever layers were read even when one failed, then report
	// the failure too.
	layerErr := layers(name, data, "raw", blobs, 0)
	keys := make([]string, 0, len(blobs))
	for k := range blobs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []Finding
	for _, k := range keys {
		for _, n := range m(string(blobs[k])) {
			out = append(out, Finding{File: name, Layer: k, Name: n})
		}
	}
	return out, layerErr
}

var (
	streamRE = regexp.MustCompile(`(?s)stream\r?\n(.*?)\r?\nendstream`)
	hexRE    = regexp.MustCompile(`<([0-9A-Fa-f\s]{4,})>`)
)

// layers adds data and everything decodable inside it to blobs.
func layers(name string, data []byte, layer string, blobs map[string][]byte, depth int) error {
	key := layer
	for i := 2; blobs[key] != nil; i++ {
		key = fmt.Sprintf("%s#%d", layer, i)
	}
	blobs[key] = data
	blobs[key+"/utf16be"] = utf16Text(data, 0)
	blobs[key+"/utf16be+1"] = utf16Text(data, 1)
	if depth > 3 {
		return nil
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return fmt.Errorf("%s: not a readable zip: %w", name, err)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				return err
			}
			part, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				return err
			}
			blobs["zip-name:"+f.Name] = []byte(f.Name)
			if err := layers(name, part, "zip:"+f.Name, blobs, depth+1); err != nil {
				return err
			}
		}
	}
	if bytes.HasPrefix(data, []byte("%PDF")) {
		for i, m := range streamRE.FindAllSubmatch(data, -1) {
			zr, err := zlib.NewReader(bytes.NewReader(m[1]))
			if err != nil {
				continue // not deflated: already searched as raw bytes
			}
			inflated, _ := io.ReadAll(zr)
			if err := layers(name, inflated, fmt.Sprintf("stream%d", i), blobs, depth+1); err != nil {
				return err
			}
		}
		// A whole PDF file: the one scanned, or one inside a zip (the
		// evidence bundle); not the streams inside a PDF.
		if depth == 0 || strings.HasPrefix(layer, "zip:") {
			prefix := ""
			if depth > 0 {
				prefix = layer + "/"
			}
			text, err := pdfToText(data)
			if text != nil {
				blobs[prefix+"pdftotext"] = text
				blobs[prefix+"pdftotext/reversed"] = reversed(text)
			}
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
	}
	var decoded []byte
	for _, m := range hexRE.FindAllSubmatch(data, -1) {
		b, err := hex.DecodeString(string(bytes.Join(bytes.Fields(m[1]), nil)))
		if err == nil {
			decoded = append(append(decoded, b...), '\n')
		}
	}
	if decoded != nil {
		blobs[key+"/hex"] = decoded
		blobs[key+"/hex/utf16be"] = utf16Text(decoded, 0)
	}
	return nil
}

// reversed returns text with the runes of each line in reverse order, as
// right-to-left text stored in visual order reads to a search.
func reversed(text []byte) []byte {
	lines := bytes.Split(text, []byte("\n"))
	for i, l := range lines {
		r := []rune(string(l))
		for a, b := 0, len(r)-1; a < b; a, b = a+1, b-1 {
			r[a], r[b] = r[b], r[a]
		}
		lines[i] = []byte(string(r))
	}
	return bytes.Join(lines, []byte("\n"))
}

// utf16Text decodes data as big-endian UTF-16 from the given offset, so
// that text stored as UTF-16 (PDF strings with a byte-order mark) becomes
// searchable. Garbage decodes to garbage, which matches no name.
func utf16Text(data []byte, offset int) []byte {
	if len(data) <= offset+1 {
		return nil
	}
	units := make([]uint16, 0, (len(data)-offset)/2)
	for i := offset; i+1 < len(data); i += 2 {
		units = append(units, uint16(data[i])<<8|uint16(data[i+1]))
	}
	return []byte(string(utf16.Decode(units)))
}

// PdftotextAvailable reports whether poppler's pdftotext is installed.
func PdftotextAvailable() bool {
	_, err := exec.LookPath("pdftotext")
	return err == nil
}

// pdfToText extracts a PDF's text with pdftotext. Without the tool it
// returns nil, unless CI is set: there, a missing tool must fail the test
// rather than pass it unseen.
func pdfToText(data []byte) ([]byte, error) {
	if !PdftotextAvailable() {
		if os.Getenv("CI") != "" {
			return nil, fmt.Errorf("pdftotext is not installed (apt-get install poppler-utils)")
		}
		return nil, nil
	}
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("pdftotext: %v: %s", err, errb.String())
	}
	return out.Bytes(), nil
}
