package textlayout

import (
	"embed"
	"sort"
	"sync"
	"unicode"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-text/typesetting/language"
)

// The fallback fonts, embedded: Noto Sans (SIL Open Font License 1.1) for
// the scripts DejaVu lacks or draws without the joining and reordering
// rules, Droid Sans Fallback (Apache License 2.0) for Han and Japanese
// kana, and DossierHangul, the Hangul of NanumGothic (OFL 1.1, renamed as
// the licence asks of a modified font), for Korean. Licences are in fonts/. Only the glyphs a document uses
// are embedded in it.
//
//go:embed fonts/*.ttf
var fontFiles embed.FS

// fallback is one embedded font and the scripts it is preferred for.
type fallback struct {
	file, name string
	scripts    []language.Script
	once       sync.Once
	face       *Face
	err        error
}

var fallbacks = []*fallback{
	{file: "NotoSansArabic-Regular.ttf", name: "NotoSansArabic", scripts: []language.Script{language.Arabic}},
	{file: "NotoSansHebrew-Regular.ttf", name: "NotoSansHebrew", scripts: []language.Script{language.Hebrew}},
	{file: "NotoSansDevanagari-Regular.ttf", name: "NotoSansDevanagari", scripts: []language.Script{language.Devanagari}},
	{file: "NotoSansMyanmar-Regular.ttf", name: "NotoSansMyanmar", scripts: []language.Script{language.Myanmar}},
	{file: "NotoSansThai-Regular.ttf", name: "NotoSansThai", scripts: []language.Script{language.Thai}},
	{file: "DroidSansFallbackFull.ttf", name: "DroidSansFallback", scripts: []language.Script{
		language.Han, language.Hiragana, language.Katakana, language.Bopomofo}},
	{file: "DossierHangul-Regular.ttf", name: "DossierHangul", scripts: []language.Script{language.Hangul}},
}

// load parses a fallback font once per process.
func (fb *fallback) load() (*Face, error) {
	fb.once.Do(func() {
		data, err := fontFiles.ReadFile("fonts/" + fb.file)
		if err != nil {
			fb.err = err
			return
		}
		fb.face, fb.err = NewFace(fb.name, data)
	})
	return fb.face, fb.err
}

// preferred maps a script to its fallback.
var preferred = func() map[language.Script]*fallback {
	m := map[language.Script]*fallback{}
	for _, fb := range fallbacks {
		for _, s := range fb.scripts {
			m[s] = fb
		}
	}
	return m
}()

// FontInfo describes one shipped fallback font.
type FontInfo struct {
	// Name is the font's family name; File its file under fonts/.
	Name, File string
	// Scripts are the ISO 15924 codes it is used for.
	Scripts []string
}

// Fallbacks lists the shipped fallback fonts.
func Fallbacks() []FontInfo {
	out := make([]FontInfo, 0, len(fallbacks))
	for _, fb := range fallbacks {
		fi := FontInfo{Name: fb.name, File: fb.file}
		for _, s := range fb.scripts {
			fi.Scripts = append(fi.Scripts, scriptCode(s))
		}
		sort.Strings(fi.Scripts)
		out = append(out, fi)
	}
	return out
}

// scriptCode is the ISO 15924 code of a script, capitalised ("Arab").
func scriptCode(s language.Script) string {
	c := []byte(s.String())
	if len(c) == 4 && c[0] >= 'a' && c[0] <= 'z' {
		c[0] -= 'a' - 'A'
	}
	return string(c)
}

// dejavu is DejaVu Sans, the renderers' primary face, for Covered.
var dejavu = sync.OnceValues(func() (*Face, error) { return NewFaceAsIs("DejaVuSans", dejavusans.TTF) })

// Covered reports whether a renderer can draw r: DejaVu Sans or one of the
// fallback fonts has it, or it draws nothing (a space, a control).
func Covered(r rune) bool {
	if r < 0x80 || ignorable(r) || unicode.IsSpace(r) {
		return true
	}
	if f, err := dejavu(); err == nil && f.Covers(r) {
		return true
	}
	return fallbackFor(r) != nil
}
