package verify

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dossier-project/dossier/dossier/build"
	"github.com/dossier-project/dossier/dossier/bundle"
	"github.com/dossier-project/dossier/dossier/model"
)

var shipped struct {
	once  sync.Once
	files map[string][]byte // the shipped case's public bundle, by name inside its folder
	err   error
}

const root = "kazakhstan-bundle-public"

// shippedFiles builds the shipped case's public bundle once and returns
// its files.
func shippedFiles(t *testing.T) map[string][]byte {
	t.Helper()
	shipped.once.Do(func() {
		out, err := os.MkdirTemp("", "verify-test")
		if err != nil {
			shipped.err = err
			return
		}
		defer os.RemoveAll(out)
		if _, err := build.Case(filepath.Join("..", "..", "cases", "kazakhstan"),
			build.Options{OutDir: out, Formats: []string{"bundle"}, Audience: model.Public}); err != nil {
			shipped.err = err
			return
		}
		data, err := os.ReadFile(filepath.Join(out, "kazakhstan", root+".zip"))
		if err != nil {
			shipped.err = err
			return
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			shipped.err = err
			return
		}
		shipped.files = map[string][]byte{}
		for _, f := range zr.File {
			rc, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			rc.Close()
			shipped.files[strings.TrimPrefix(f.Name, root+"/")] = b.Bytes()
		}
	})
	if shipped.err != nil {
		t.Fatal(shipped.err)
	}
	out := map[string][]byte{}
	for k, v := range shipped.files {
		out[k] = append([]byte(nil), v...)
	}
	return out
}

// writeDir writes files into a new folder, as an unpacked bundle.
func writeDir(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// rawEntry is a zip entry as a test writes it, hostile or not.
type rawEntry struct {
	name string
	data []byte
	mode fs.FileMode
}

// makeZip writes entries as given, without any check.
func makeZip(t testing.TB, entries []rawEntry) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.mode != 0 {
			h.SetMode(e.mode)
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.data)
	}
	zw.Close()
	return buf.Bytes()
}

func zipFiles(t *testing.T, files map[string][]byte) string {
	var entries []rawEntry
	for name, data := range files {
		entries = append(entries, rawEntry{name: root + "/" + name, data: data})
	}
	p := filepath.Join(t.TempDir(), root+".zip")
	os.WriteFile(p, makeZip(t, entries), 0o644)
	return p
}

func TestIntactBundle(t *testing.T) {
	files := shippedFiles(t)
	for _, p := range []string{zipFiles(t, files), writeDir(t, files)} {
		r, err := Check(p)
		if err != nil {
			t.Fatal(err)
		}
		if !r.OK() || r.Files != len(files)-1 || r.Passages < 190 {
			t.Errorf("%s: ok %v, %d files, %d passages: %v", p, r.OK(), r.Files, r.Passages, r.Problems)
		}
	}
}

// TestTamperingIsNamed changes one byte of each file, removes each file,
// and adds one; each time verify must fail and name the file.
func TestTamperingIsNamed(t *testing.T) {
	files := shippedFiles(t)
	type tamper struct {
		name  string
		files map[string][]byte
		want  string // the file a problem must name
	}
	var cases []tamper
	for name := range files {
		changed := shippedFiles(t)
		d := changed[name]
		d[len(d)/2] ^= 0x01
		cases = append(cases, tamper{"one byte of " + name, changed, name})
		if name != bundle.ManifestSums {
			removed := shippedFiles(t)
			delete(removed, name)
			cases = append(cases, tamper{"removed " + name, removed, name})
		}
	}
	added := shippedFiles(t)
	added["exhibits/exhibit-99-planted.txt"] = []byte("planted\n")
	cases = append(cases, tamper{"added a file", added, "exhibits/exhibit-99-planted.txt"})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, p := range []string{writeDir(t, tc.files), zipFiles(t, tc.files)} {
				r, err := Check(p)
				if err != nil {
					// A broken MANIFEST.sha256 is an error naming it.
					if tc.want == bundle.ManifestSums && strings.Contains(err.Error(), bundle.ManifestSums) {
						continue
					}
					t.Fatalf("%s: %v", p, err)
				}
				if r.OK() {
					t.Fatalf("%s: verify finds it intact", p)
				}
				named := false
				for _, pr := range r.Problems {
					named = named || pr.File == tc.want
				}
				if !named {
					t.Errorf("%s: no problem names %s: %v", p, tc.want, r.Problems)
				}
			}
		})
	}
}

// TestPassageTableChecked: a manifest.json whose passage no longer matches
// its exhibit (re-hashed, so only the passage check can see it) fails.
func TestPassageTableChecked(t *testing.T) {
	files := shippedFiles(t)
	mj := string(files[bundle.ManifestJSON])
	i := strings.Index(mj, `"text": "`) + len(`"text": "`)
	files[bundle.ManifestJSON] = []byte(mj[:i] + "X" + mj[i+1:])
	delete(files, bundle.ManifestSums)
	files[bundle.ManifestSums] = bundle.Sums(files)
	r, err := Check(writeDir(t, files))
	if err != nil {
		t.Fatal(err)
	}
	if r.OK() || r.Problems[0].Kind != "passage" {
		t.Errorf("a changed passage went unseen: %v", r.Problems)
	}
}

func sumLine(name string, data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:]) + "  " + name + "\n"
}

// TestHostileBundles is the hostile corpus: each zip must be refused with
// a message that says why, without reading further.
func TestHostileBundles(t *testing.T) {
	manifest := func(lines ...string) rawEntry {
		return rawEntry{name: "b/" + bundle.ManifestSums, data: []byte(strings.Join(lines, ""))}
	}
	deep := "b/" + strings.Repeat("d/", MaxDepth) + "f.txt"
	many := []rawEntry{manifest()}
	for i := 0; i <= MaxEntries; i++ {
		many = append(many, rawEntry{name: fmt.Sprintf("b/f%d", i)})
	}
	tests := []struct {
		name    string
		entries []rawEntry
		want    string
	}{
		{"zip-slip", []rawEntry{manifest(), {name: "b/../../evil.txt", data: []byte("x")}}, "zip-slip"},
		{"absolute path", []rawEntry{manifest(), {name: "/etc/evil", data: []byte("x")}}, "absolute path"},
		{"drive letter", []rawEntry{manifest(), {name: "C:/evil", data: []byte("x")}}, "absolute path"},
		{"backslash", []rawEntry{manifest(), {name: `b\..\evil`, data: []byte("x")}}, "backslash"},
		{"symlink", []rawEntry{manifest(), {name: "b/link", data: []byte("/etc/passwd"), mode: fs.ModeSymlink | 0o777}}, "symbolic link"},
		{"duplicate", []rawEntry{manifest(), {name: "b/a.txt"}, {name: "b/a.txt"}}, "appears twice"},
		{"duplicate by case", []rawEntry{manifest(), {name: "b/A.txt"}, {name: "b/a.txt"}}, "differ only in case"},
		{"file and folder", []rawEntry{manifest(), {name: "b/a"}, {name: "b/a/x"}}, "both a file and a folder"},
		{"deep", []rawEntry{manifest(), {name: deep}}, "nested"},
		{"too many entries", many, "entries"},
		{"control character", []rawEntry{manifest(), {name: "b/a\nb"}}, "control character"},
		{"manifest names a file outside", []rawEntry{manifest(sumLine("../../etc/passwd", nil))}, "outside the bundle"},
		{"manifest names an absolute path", []rawEntry{manifest(sumLine("/etc/passwd", nil))}, "outside the bundle"},
		{"manifest lists a file twice", []rawEntry{manifest(sumLine("a", nil), sumLine("a", nil)), {name: "b/a"}}, "second time"},
		{"manifest garbage", []rawEntry{manifest("not a manifest\n")}, "not a"},
		{"no manifest", []rawEntry{{name: "b/a.txt"}}, "not a bundle"},
		{"zip bomb", []rawEntry{manifest(), {name: "b/zeros", data: make([]byte, 8*RatioFloor)}}, "zip bomb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := makeZip(t, tt.entries)
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			_, err = checkZip(zr)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error saying %q", err, tt.want)
			}
		})
	}
}

// TestLyingSizes: an entry whose header declares more than the limit is
// refused before a byte is inflated.
func TestLyingSizes(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("b/" + bundle.ManifestSums)
	w.Write(nil)
	// A plausible ratio, so that only the size limit can refuse it.
	w, _ = zw.CreateRaw(&zip.FileHeader{Name: "b/huge", Method: zip.Deflate, CompressedSize64: MaxFileSize / 4, UncompressedSize64: MaxFileSize + 1, CRC32: 0})
	w.Write([]byte{3, 0})
	zw.Close()
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := checkZip(zr); err == nil || !errors.Is(err, ErrHostile) || !strings.Contains(err.Error(), "would unpack to") {
		t.Errorf("got %v, want a refusal for its size", err)
	}
}

func TestHostileFolders(t *testing.T) {
	files := shippedFiles(t)
	t.Run("symlink to a file", func(t *testing.T) {
		dir := writeDir(t, files)
		os.Symlink("/etc/passwd", filepath.Join(dir, "exhibits", "passwd"))
		if _, err := Check(dir); err == nil || !strings.Contains(err.Error(), "symbolic link") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("symlink to a folder", func(t *testing.T) {
		dir := writeDir(t, files)
		os.Symlink("/etc", filepath.Join(dir, "etc"))
		if _, err := Check(dir); err == nil || !strings.Contains(err.Error(), "symbolic link") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("manifest names a file outside", func(t *testing.T) {
		outside := t.TempDir()
		os.WriteFile(filepath.Join(outside, "secret"), []byte("s"), 0o644)
		dir := filepath.Join(outside, "b")
		os.Mkdir(dir, 0o755)
		os.WriteFile(filepath.Join(dir, bundle.ManifestSums), []byte(sumLine("../secret", []byte("s"))), 0o644)
		if _, err := Check(dir); err == nil || !strings.Contains(err.Error(), "outside the bundle") {
			t.Errorf("got %v", err)
		}
	})
}
