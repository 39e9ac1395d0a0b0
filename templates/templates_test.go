package templates

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestOverlayAddsAndOverrides(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "regimes"), 0o755)
	os.WriteFile(filepath.Join(dir, "regimes", "zz-new.yaml"), []byte("id: zz-new\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "regimes", "README.md"), []byte("mine"), 0o644)
	fsys := FS(dir)

	data, err := fs.ReadFile(fsys, "regimes/README.md")
	if err != nil || string(data) != "mine" {
		t.Errorf("override: %q, %v", data, err)
	}
	if _, err := fs.ReadFile(fsys, "vocabulary.yaml"); err != nil {
		t.Errorf("embedded files must stay reachable: %v", err)
	}
	entries, err := fs.ReadDir(fsys, "regimes")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, e := range entries {
		names[e.Name()] = true
	}
	if !names["zz-new.yaml"] || !names["README.md"] {
		t.Errorf("listing = %v", names)
	}
}
