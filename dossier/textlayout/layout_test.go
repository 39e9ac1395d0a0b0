package textlayout

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-text/typesetting/font"
)

func primary(t testing.TB) *Face {
	t.Helper()
	f, err := NewFaceAsIs("DejaVuSans", dejavusans.TTF)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// need skips a test when a tool is missing, except on CI.
func need(t testing.TB, tool string, args ...string) {
	t.Helper()
	if err := exec.Command(tool, args...).Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not available: %v (apt-get install libharfbuzz-bin python3-fonttools)", tool, err)
		}
		t.Skipf("%s is not available: %v", tool, err)
	}
}

func TestRTL(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"Ali al-Rashid", false},
		{"علي الراشد", true},
		{"בנימין נתניהו", true},
		{"علي الراشد دستور بازداشت محمود رضایی را صادر کرد ۱۴۰۱", true},
		{"علي الراشد (Arabic)", false},             // an English line quoting a name
		{"Ali (علي الراشد) is an official", false}, // an English sentence
		{"[S1] بازداشت دانشجو در تهران", false},    // starts left to right
		{"“علي الراشد دستور بازداشت”", true},
		{"2022", false},
		{"", false},
	} {
		if got := RTL(c.in); got != c.want {
			t.Errorf("RTL(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestSimple(t *testing.T) {
	l := New(primary(t))
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"Qairat Nurlanov", true},
		{"Bożena Auštrevičius Ní Aoláin", true},
		{"Қайрат Нұрланов", true},
		{"ბიძინა ივანიშვილი", true}, // Georgian: in DejaVu, needs no shaping
		{"علي", false},
		{"בנימין", false},
		{"陈全国", false},
		{"नरेन्द्र", false},
		{"a\u200cb", false}, // a joiner control
	} {
		if got := l.Simple(c.in); got != c.want {
			t.Errorf("Simple(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// text is a line's characters as drawn, in visual order.
func drawn(ln Line) string {
	var b strings.Builder
	for _, r := range ln.Runs {
		for _, c := range r.Clusters {
			for _, g := range c.Glyphs {
				b.WriteRune(g.Rune)
			}
		}
	}
	return b.String()
}

func TestVisualOrder(t *testing.T) {
	l := New(primary(t))
	for _, c := range []struct {
		in, want string // want: characters in visual order, left to right
	}{
		// Hebrew has no joining forms: the glyphs are the letters reversed.
		{"אבג", "גבא"},
		{"x אבג y", "x גבא y"},
		// A number inside right-to-left text keeps its order (level 2).
		{"a אב 12 גד b", "a דג 12 בא b"},
		{"a אב 12 b", "a 12 בא b"}, // the number, not the English after it
		{"Persian (אב, ۱۴۰۱) and", "Persian (۱۴۰۱ ,בא) and"},
		// Brackets around a right-to-left name stay in the English order.
		{"Ali (אבג) x", "Ali (גבא) x"},
	} {
		lines := l.Lines(c.in, 10, func(int) float64 { return 1000 })
		if len(lines) != 1 {
			t.Fatalf("%q: %d lines", c.in, len(lines))
		}
		if got := drawn(lines[0]); got != c.want {
			t.Errorf("%q drawn as %q, want %q", c.in, got, c.want)
		}
		if lines[0].Text != c.in {
			t.Errorf("%q: logical text %q", c.in, lines[0].Text)
		}
	}
}

// TestLineEndSpace: the space after a right-to-left word that ends a line
// takes no room; it is not drawn between the bracket and the word.
func TestLineEndSpace(t *testing.T) {
	l := New(primary(t))
	w := l.Lines("ab (אב", 10, func(int) float64 { return 1000 })[0].Width
	lines := l.Lines("ab (אב גד) cd", 10, func(int) float64 { return w + 5 })
	if len(lines) < 2 {
		t.Fatalf("%d lines; want a break after the first Hebrew word", len(lines))
	}
	if got := drawn(lines[0]); got != "ab (בא" {
		t.Errorf("first line drawn as %q, want %q", got, "ab (בא")
	}
}

func TestLinesFitAndKeepText(t *testing.T) {
	l := New(primary(t))
	for _, c := range []struct {
		name, in string
		width    float64 // points
	}{
		{"han without spaces", strings.Repeat("陈全国", 30), 120},
		{"thai", strings.Repeat("ประยุทธ์ จันทร์โอชา ", 8), 100},
		{"latin word longer than a line", strings.Repeat("x", 200), 80},
		{"arabic", strings.Repeat("علي الراشد ", 20), 90},
		{"mixed", "Ali al-Rashid (علي الراشد) and 陈全国 and मोदी " + strings.Repeat("z", 60), 70},
	} {
		t.Run(c.name, func(t *testing.T) {
			lines := l.Lines(c.in, 10, func(int) float64 { return c.width })
			if len(lines) < 2 {
				t.Fatalf("%d lines; want the text wrapped", len(lines))
			}
			var all strings.Builder
			for i, ln := range lines {
				if ln.Width > c.width+0.01 {
					t.Errorf("line %d is %.1f pt wide, more than %.1f", i, ln.Width, c.width)
				}
				all.WriteString(ln.Text)
			}
			squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
			if squash(all.String()) != squash(c.in) {
				t.Errorf("lines hold %q, want %q", all.String(), c.in)
			}
		})
	}
}

func TestUncovered(t *testing.T) {
	p := primary(t)
	if got := Uncovered(p, "Ali علي 陈全国 김정은 မင်း ประยุทธ์ मोदी בנימין ბიძინა Սերժ"); len(got) != 0 {
		t.Errorf("uncovered: %q", got)
	}
	if got := Uncovered(p, "ꦗꦮ Javanese"); string(got) != "ꦗꦮ" {
		t.Errorf("uncovered: %q, want the two Javanese letters", got)
	}
	l := New(p)
	l.Lines("ꦗ", 10, func(int) float64 { return 100 })
	if !l.Missing['ꦗ'] {
		t.Error("laying out a character no font has does not record it")
	}
}

// TestEveryGlyphReachable: in the renderer's copy of each fallback font,
// every glyph the shaper may pick has a code point that the copy's own
// character map takes back to that glyph.
func TestEveryGlyphReachable(t *testing.T) {
	for _, fb := range fallbacks {
		f, err := fb.load()
		if err != nil {
			t.Fatal(err)
		}
		cp, err := font.ParseTTF(bytes.NewReader(f.TTF()))
		if err != nil {
			t.Fatalf("%s: the renderer's copy does not parse: %v", fb.name, err)
		}
		n, _ := numGlyphs(f.TTF())
		reach := 0
		for g, r := range f.glyphRune {
			got, ok := cp.NominalGlyph(r)
			if !ok || got != g {
				t.Fatalf("%s: U+%04X maps to glyph %d in the copy, want %d", fb.name, r, got, g)
			}
			reach++
		}
		// Fonts smaller than the Private Use Area have every glyph mapped.
		if n < 6000 && reach < n-1 {
			t.Errorf("%s: %d of %d glyphs reachable", fb.name, reach, n)
		}
	}
}

// TestFontsParseStrictly: fontTools, a strict parser, reads every table
// of the renderer's copies.
func TestFontsParseStrictly(t *testing.T) {
	// The first Python with fontTools: a version manager's python3 may
	// come before Debian's, which python3-fonttools installs into.
	python := ""
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(p, "-c", "import fontTools").Run() == nil {
			python = p
			break
		}
	}
	if python == "" {
		need(t, "python3", "-c", "import fontTools")
	}
	dir := t.TempDir()
	var paths []string
	for _, fb := range fallbacks {
		f, err := fb.load()
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, fb.file)
		if err := os.WriteFile(p, f.TTF(), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	script := `import sys
from fontTools.ttLib import TTFont
for p in sys.argv[1:]:
    f = TTFont(p, lazy=False)
    for tag in f.keys():
        if tag != "GlyphOrder":
            f[tag]
    f.getBestCmap()
`
	out, err := exec.Command(python, append([]string{"-c", script}, paths...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("fontTools: %v\n%s", err, out)
	}
}

// TestShapingMatchesHarfBuzz: the glyphs the layout places, in visual
// order, are those HarfBuzz's hb-shape gives for the same font and text.
func TestShapingMatchesHarfBuzz(t *testing.T) {
	need(t, "hb-shape", "--version")
	l := New(primary(t))
	for _, c := range []struct{ file, text string }{
		{"NotoSansArabic-Regular.ttf", "علي الراشد"},
		{"NotoSansArabic-Regular.ttf", "احمدی‌نژاد"},
		{"NotoSansArabic-Regular.ttf", "لا إله"},
		{"NotoSansHebrew-Regular.ttf", "בנימין נתניהו"},
		{"NotoSansMyanmar-Regular.ttf", "မင်းအောင်လှိုင်"},
		{"NotoSansThai-Regular.ttf", "ประยุทธ์ จันทร์โอชา"},
		{"NotoSansDevanagari-Regular.ttf", "नरेन्द्र मोदी"},
		{"DroidSansFallbackFull.ttf", "陈全国"},
		{"DossierHangul-Regular.ttf", "김정은"},
	} {
		t.Run(c.text, func(t *testing.T) {
			var fb *fallback
			for _, f := range fallbacks {
				if f.file == c.file {
					fb = f
				}
			}
			face, err := fb.load()
			if err != nil {
				t.Fatal(err)
			}
			runeGlyph := map[rune]font.GID{}
			for g, r := range face.glyphRune {
				runeGlyph[r] = g
			}
			lines := l.Lines(c.text, 10, func(int) float64 { return 1e6 })
			if len(lines) != 1 {
				t.Fatalf("%d lines", len(lines))
			}
			var got []string
			for _, run := range lines[0].Runs {
				if run.Face != face {
					t.Fatalf("set in %s, want %s", run.Face.Name, fb.name)
				}
				for _, cl := range run.Clusters {
					for _, g := range cl.Glyphs {
						got = append(got, strconv.Itoa(int(runeGlyph[g.Rune])))
					}
				}
			}
			data, _ := fontFiles.ReadFile("fonts/" + c.file)
			path := filepath.Join(t.TempDir(), c.file)
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command("hb-shape", "--no-glyph-names", "--no-positions", "--no-clusters", path, c.text).Output()
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, g := range strings.Split(strings.Trim(strings.TrimSpace(string(out)), "[]"), "|") {
				if g != "0" || !strings.Contains(c.text, "\u200c") {
					want = append(want, g)
				}
			}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("glyphs %v, hb-shape gives %v", got, want)
			}
		})
	}
}

func TestScript(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Ali al-Rashid", "Latn"},
		{"Қайрат Нұрланов", "Cyrl"},
		{"علي الراشد", "Arab"},
		{"احمدی‌نژاد", "Arab"},
		{"בנימין נתניהו", "Hebr"},
		{"陈全国", "Hani"},
		{"김정은", "Hang"},
		{"မင်းအောင်လှိုင်", "Mymr"},
		{"ประยุทธ์ จันทร์โอชา", "Thai"},
		{"नरेन्द्र मोदी", "Deva"},
		{"ბიძინა ივანიშვილი", "Geor"},
		{"Սերժ Սարգսյան", "Armn"},
		{"Ali (علي الراشد)", "Arab"}, // most letters
		{"1401", ""},
	} {
		if got := Script(c.in); got != c.want {
			t.Errorf("Script(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct {
		want, got string
		ok        bool
	}{
		{"Hans", "Hani", true}, {"Kore", "Hang", true}, {"Jpan", "Kana", true},
		{"Arab", "Arab", true}, {"Hebr", "Arab", false}, {"Latn", "Cyrl", false},
	} {
		if ScriptMatches(c.want, c.got) != c.ok {
			t.Errorf("ScriptMatches(%q, %q) = %v", c.want, c.got, !c.ok)
		}
	}
}
