package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"sort"
)

// defaultElement matches one <Default …/> declaration of [Content_Types].xml.
var defaultElement = regexp.MustCompile(`<Default [^>]*?(?:/>|></Default>)`)

// canonical rewrites an XLSX package so that the same workbook always gives
// the same bytes: excelize emits zip entries and content-type defaults in
// map order, which differs from run to run. Entries are sorted by name with
// [Content_Types].xml first (as Office writes it), their times are zero,
// and the content-type defaults are sorted.
func canonical(data []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	files := append([]*zip.File(nil), zr.File...)
	sort.Slice(files, func(i, j int) bool {
		a, b := files[i].Name, files[j].Name
		if (a == "[Content_Types].xml") != (b == "[Content_Types].xml") {
			return a == "[Content_Types].xml"
		}
		return a < b
	})
	var out bytes.Buffer
	out.Grow(len(data) + 4096)
	zw := zip.NewWriter(&out)
	for _, f := range files {
		if f.Name != "[Content_Types].xml" {
			// Copied as compressed: the same content compresses to the
			// same bytes, and inflating and deflating it again took a
			// fifth of the workbook's time.
			if err := copyRaw(zw, f); err != nil {
				return nil, err
			}
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		content, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(sortDefaults(content)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// copyRaw copies a zip entry without decompressing it, under a header
// with no time, so that only its name, method and content decide the bytes.
func copyRaw(zw *zip.Writer, f *zip.File) error {
	r, err := f.OpenRaw()
	if err != nil {
		return err
	}
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: f.Name, Method: f.Method, CRC32: f.CRC32,
		CompressedSize64: f.CompressedSize64, UncompressedSize64: f.UncompressedSize64,
	})
	if err != nil {
		return err
	}
	_, err = io.Copy(w, r)
	return err
}

// sortDefaults puts the <Default> declarations in sorted order, in the
// place where the first one stood.
func sortDefaults(xml []byte) []byte {
	locs := defaultElement.FindAllIndex(xml, -1)
	if len(locs) < 2 {
		return xml
	}
	elems := make([]string, len(locs))
	var rest bytes.Buffer
	last := 0
	for i, l := range locs {
		elems[i] = string(xml[l[0]:l[1]])
		rest.Write(xml[last:l[0]])
		if i == 0 {
			rest.WriteString("\x00")
		}
		last = l[1]
	}
	rest.Write(xml[last:])
	sort.Strings(elems)
	joined := ""
	for _, e := range elems {
		joined += e
	}
	return bytes.Replace(rest.Bytes(), []byte("\x00"), []byte(joined), 1)
}
