package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-project/dossier/dossier/corpus"
)

// fuzzBase is the small valid case the fuzzer varies: its official, one
// victim and one archived text are replaced by the fuzzed bytes.
var fuzzBase = filepath.Join("..", "testdata", "base")

// sha256Line is the recorded hash of an archived text, rewritten so that a
// fuzzed text is linked (and its quotes looked for) rather than refused
// for its hash.
var sha256Line = regexp.MustCompile(`(?m)^sha256: [0-9a-f]+$`)

// FuzzBuild builds a fuzzed case into a temporary folder, as JSON (cheap)
// and PDF (the renderer with the most to break), and checks that the build
// either fails cleanly (an error with a message, and nothing written) or
// writes complete outputs (every file listed, whole, and nothing else but
// the manifests). A panic fails by itself. The seeds, which run in the
// normal test suite, are the base case's own files, every YAML file of the
// hostile corpus in its role (official or victim), and a few texts.
//
//	go test -run '^$' -fuzz FuzzBuild -parallel 1 ./dossier/build/
func FuzzBuild(f *testing.F) {
	read := func(path string) []byte {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		return data
	}
	official := read(filepath.Join(fuzzBase, "officials", "r-stone.yaml"))
	victim := read(filepath.Join(fuzzBase, "victims", "jana-novak.yaml"))
	text := read(filepath.Join(fuzzBase, "sources", "report.txt"))
	f.Add(official, victim, text)
	f.Add(official, victim, []byte(strings.Repeat("Jana Novák was detained by the Oakvale City Police. ", 3)+"questioned for six hours\r\n\u200b\u00ad…"))
	f.Add(bytes.ReplaceAll(official, []byte("R. Stone"), []byte("Р. Стоун \u202eenots\u202c مُحَمَّد 李")), bytes.ReplaceAll(victim, []byte("blogger"), []byte("=cmd|' /C calc'!A0")), text)
	overlays, _ := filepath.Glob(filepath.Join("..", "testdata", "bad", "*", "*", "*.yaml"))
	for _, path := range overlays {
		data, err := os.ReadFile(path)
		if err != nil {
			continue // a FIFO or a link out of the corpus: the corpus tests cover those
		}
		switch filepath.Base(filepath.Dir(path)) {
		case "officials":
			f.Add(data, victim, text)
		case "victims":
			f.Add(official, data, text)
		}
	}
	f.Fuzz(func(t *testing.T, official, victim, text []byte) {
		dir := filepath.Join(t.TempDir(), "fuzzed")
		if err := corpus.CopyTree(fuzzBase, dir); err != nil {
			t.Fatal(err)
		}
		write := func(name string, data []byte) {
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		write(filepath.Join("officials", "r-stone.yaml"), official)
		write(filepath.Join("victims", "jana-novak.yaml"), victim)
		write(filepath.Join("sources", "report.txt"), text)
		sum := sha256.Sum256(text)
		meta, err := os.ReadFile(filepath.Join(dir, "sources", "report.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		write(filepath.Join("sources", "report.yaml"), sha256Line.ReplaceAll(meta, []byte("sha256: "+hex.EncodeToString(sum[:]))))

		out := t.TempDir()
		res, err := Case(dir, Options{OutDir: out, Formats: []string{"json", "pdf"}})
		written := listFiles(t, out)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a message")
			}
			if errors.Is(err, ErrInvalid) && res.Diagnostics.Errors() == 0 {
				t.Fatalf("refused as invalid without an error diagnostic: %v", err)
			}
			if len(written) > 0 {
				t.Fatalf("the build failed (%v) but wrote %s", err, strings.Join(written, ", "))
			}
			return
		}
		var want []string
		for _, p := range res.Files {
			rel, err := filepath.Rel(out, p)
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, filepath.ToSlash(rel))
		}
		var got []string
		for _, name := range written {
			if !strings.HasPrefix(filepath.Base(name), ".dossier-") { // the manifests
				got = append(got, name)
			}
		}
		sort.Strings(want)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("the folder holds\n%s\nbut the build reports\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if len(want) == 0 {
			t.Fatal("a successful build wrote nothing")
		}
		for _, p := range res.Files {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			switch filepath.Ext(p) {
			case ".json":
				if !json.Valid(data) {
					t.Fatalf("%s is not valid JSON", p)
				}
			case ".pdf":
				if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.Contains(data[max(0, len(data)-32):], []byte("%%EOF")) {
					t.Fatalf("%s is not a whole PDF (%d bytes)", p, len(data))
				}
			}
		}
	})
}

// listFiles returns every file under dir, slash-separated and relative to
// it, sorted.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}
