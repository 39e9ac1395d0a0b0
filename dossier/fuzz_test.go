package dossier

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoadValidate feeds arbitrary bytes to the loader, validator and
// linker as a victim file and as an official file: whatever the input, they
// must report diagnostics, never panic. The seed corpus (every YAML file of
// the test corpus) runs in the normal test suite.
func FuzzLoadValidate(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*", "*", "*.yaml"))
	more, _ := filepath.Glob(filepath.Join("testdata", "*", "*", "*", "*.yaml"))
	for _, path := range append(seeds, more...) {
		if data, err := os.ReadFile(path); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("name: &a [*a]\n"))
	f.Add([]byte("name: x\nstatus: detained\naliases: &a [*a]\nevents: &b [{evidence: *b}]\n"))
	f.Add([]byte("name: !!binary AAAA\nstatus: [\n"))
	f.Add([]byte("- a\n- b\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		copyTree(t, filepath.Join("testdata", "base"), dir)
		if err := os.WriteFile(filepath.Join(dir, "victims", "fuzzed.yaml"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "officials", "fuzzed-official.yaml"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		c, ds := Open(dir)
		if c == nil {
			t.Fatal("a folder with case.yaml must load")
		}
		for _, d := range ds {
			if d.Message == "" || d.Rule == "" {
				t.Fatalf("diagnostic without message or rule: %+v", d)
			}
		}
	})
}
