package dossier

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestPhotoAccepted: a real JPEG and PNG pass validation, and the loader
// puts their bytes on the case, so redaction needs no file access.
func TestPhotoAccepted(t *testing.T) {
	for _, name := range []string{"ok.png", "ok.jpg"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			copyTree(t, filepath.Join("testdata", "base"), dir)
			data, err := os.ReadFile(filepath.Join("testdata", "photos", name))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, "officials", name), data, 0o644)
			path := filepath.Join(dir, "officials", "r-stone.yaml")
			yaml, _ := os.ReadFile(path)
			yaml = append(yaml, []byte("photo:\n  file: officials/"+name+"\n  credit: Unknown\n")...)
			os.WriteFile(path, yaml, 0o644)
			c, ds := Open(dir)
			if ds.Errors() > 0 {
				t.Fatalf("a valid photo is refused:\n%v", ds)
			}
			for _, o := range c.Officials {
				if o.ID == "r-stone" && !bytes.Equal(o.Photo.Data, data) {
					t.Errorf("photo bytes not loaded: %d bytes, want %d", len(o.Photo.Data), len(data))
				}
			}
		})
	}
}

// TestCheckPhotoSaysWhy: each refused photo of the corpus is refused for
// its own reason, so that removing one check makes its case fail here even
// when a later check would catch the file too.
func TestCheckPhotoSaysWhy(t *testing.T) {
	for _, tc := range []struct{ overlay, file, want string }{
		{"photo-gif-named-png", "face.png", "holds GIF data"},
		{"photo-too-many-pixels", "face.png", "20000 × 20000 pixels, over the limit"},
		{"photo-interlaced", "face.png", "interlaced"},
		{"photo-truncated-jpeg", "face.jpg", "damaged JPEG"},
		{"photo-jpeg-named-png", "face.png", "holds JPEG data but is named"},
		{"photo-empty", "face.jpg", "empty (0 bytes)"},
		{"photo-pdf", "face.png", "holds PDF data"},
		{"photo-webp", "face.jpg", "holds WebP data"},
	} {
		data, err := os.ReadFile(filepath.Join("testdata", "bad", tc.overlay, "officials", tc.file))
		if err != nil {
			t.Fatal(err)
		}
		if msg, _ := checkPhoto(tc.file, data); !bytes.Contains([]byte(msg), []byte(tc.want)) {
			t.Errorf("%s: %q, want it to say %q", tc.overlay, msg, tc.want)
		}
	}
}
