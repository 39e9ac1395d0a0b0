package dossier

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"strings"

	"github.com/dossier-project/dossier/dossier/internal/caseroot"
)

// Limits on a photo, checked at validate time from the image's header,
// before any pixel is decoded: a portrait needs neither more pixels nor
// more bytes, and decoding a larger image takes memory in proportion to
// its pixel count (4 bytes a pixel), whatever the file's size.
const (
	MaxPhotoPixels    = 25_000_000 // 25 megapixels, e.g. 6000 × 4000
	MaxPhotoDimension = 10_000     // pixels on either side
)

// photo checks an official's photo, whose bytes the loader read: a JPEG
// or PNG file, by content and by name, within the limits, that decodes
// whole.
func (v *validator) photo(p *Photo) {
	if p.Data == nil {
		return // could not be read: reported by the loader
	}
	at := p.Meta.At("file")
	if msg, hint := checkPhoto(p.File, p.Data); msg != "" {
		v.sink.errorf(at, "photo", hint, "photo %q %s", p.File, msg)
	}
}

// checkPhoto returns what is wrong with a photo file, and how to fix it,
// or "" when it can go into a dossier.
func checkPhoto(name string, data []byte) (msg, hint string) {
	const convert = "save the portrait as a JPEG or PNG file"
	lower := strings.ToLower(name)
	wantExt := ""
	switch {
	case strings.HasSuffix(lower, ".jpg"), strings.HasSuffix(lower, ".jpeg"):
		wantExt = "jpeg"
	case strings.HasSuffix(lower, ".png"):
		wantExt = "png"
	default:
		return "must be a .jpg, .jpeg or .png file", "convert the image to JPEG or PNG"
	}
	if len(data) == 0 {
		return "is empty (0 bytes)", convert
	}
	format := sniffImage(data)
	switch format {
	case "jpeg", "png":
	case "":
		return "is not an image (its content is neither JPEG nor PNG)", convert
	default:
		return fmt.Sprintf("holds %s data, not JPEG or PNG", format), convert
	}
	if format != wantExt {
		return fmt.Sprintf("holds %s data but is named %s", strings.ToUpper(format), name), "rename it to match its content, or convert it"
	}
	var cfg image.Config
	var err error
	if format == "png" {
		cfg, err = png.DecodeConfig(bytes.NewReader(data))
	} else {
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
	}
	if err != nil {
		return fmt.Sprintf("is a damaged %s file: %v", strings.ToUpper(format), err), convert
	}
	limits := fmt.Sprintf("photos are at most %d × %d pixels and %d megapixels, and %s; save a smaller copy",
		MaxPhotoDimension, MaxPhotoDimension, MaxPhotoPixels/1_000_000, caseroot.Size(caseroot.MaxPhoto))
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > MaxPhotoDimension || cfg.Height > MaxPhotoDimension ||
		int64(cfg.Width)*int64(cfg.Height) > MaxPhotoPixels {
		return fmt.Sprintf("is %d × %d pixels, over the limit", cfg.Width, cfg.Height), limits
	}
	if format == "png" && len(data) > 28 && data[28] != 0 {
		return "is an interlaced PNG, which PDF files cannot embed", "save it again without interlacing"
	}
	// The header is sane and the size bounded: decode it whole, so that a
	// truncated or corrupt file fails here and not in the middle of a build.
	if format == "png" {
		_, err = png.Decode(bytes.NewReader(data))
	} else {
		_, err = jpeg.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return fmt.Sprintf("is a damaged %s file: %v", strings.ToUpper(format), err), convert
	}
	return "", ""
}

// sniffImage names an image format from the file's first bytes, or ""
// when it is none it knows.
func sniffImage(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return "jpeg"
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return "GIF"
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return "WebP"
	case bytes.HasPrefix(data, []byte("%PDF")):
		return "PDF"
	case bytes.HasPrefix(data, []byte("BM")):
		return "BMP"
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return "TIFF"
	case len(data) >= 12 && string(data[4:8]) == "ftyp":
		return "HEIF or another ISO media"
	}
	return ""
}
