package bundle_test

import (
	"os"
	"testing"

	"github.com/dossier-project/dossier/dossier/bundle"
	"github.com/dossier-project/dossier/dossier/model"
)

// TestRenderLeavesNoTemporaryFile: the bundle PDF is spooled to a
// temporary file while it is made; nothing of it is left after Render.
func TestRenderLeavesNoTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	files, err := bundle.Render(synthetic(30), model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || len(files[0].Data) == 0 {
		t.Fatalf("Render gave %d files", len(files))
	}
	left, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		t.Errorf("left in the temporary folder: %s", e.Name())
	}
}
