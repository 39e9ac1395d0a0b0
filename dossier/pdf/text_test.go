package pdf

import (
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dossier-project/dossier/dossier/regime"
	"github.com/dossier-project/dossier/templates"
)

func TestEmbeddedTextLoads(t *testing.T) {
	if _, err := LoadText(templates.Embedded()); err != nil {
		t.Fatal(err)
	}
}

func TestTextErrorsSayWhere(t *testing.T) {
	data, err := templates.Embedded().(interface {
		ReadFile(string) ([]byte, error)
	}).ReadFile(TextFile)
	if err != nil {
		t.Fatal(err)
	}
	good := string(data)
	lineOfText := func(s string) int { return strings.Count(good[:strings.Index(good, s)], "\n") + 1 }
	for _, tc := range []struct {
		name string
		edit func(string) string
		want string
	}{
		{"typo in a key", func(s string) string {
			return strings.Replace(s, "  not_known: Not known", "  not_knwon: Not known", 1)
		},
			"text/pdf.yaml:" + strconv.Itoa(lineOfText("  not_known:")) + ": unknown key labels.not_knwon"},
		{"missing key", func(s string) string { return strings.Replace(s, "  sha256: SHA-256\n", "", 1) },
			"labels.sha256 is missing or empty"},
		{"unknown section", func(s string) string { return s + "colours:\n  navy: blue\n" },
			"field colours not found"},
		{"syntax", func(s string) string {
			return strings.Replace(s, `page: "Page {page} of {pages}"`, `page: "Page {page}`, 1)
		},
			"text/pdf.yaml:"},
		{"no default date format", func(s string) string { return strings.Replace(s, `  "": "2 January 2006"`+"\n", "", 1) },
			`date_formats needs a default`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{TextFile: {Data: []byte(tc.edit(good))}}
			_, err := LoadText(fsys)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestProfileHeadingOverrides(t *testing.T) {
	text, _ := LoadText(templates.Embedded())
	p, err := regime.Load(templates.Embedded(), "parliament")
	if err != nil {
		t.Fatal(err)
	}
	got, err := text.withProfile(p)
	if err != nil {
		t.Fatal(err)
	}
	if got.h("request") != "Recommended action" || text.h("request") != "Request" {
		t.Errorf("override: %q, base: %q", got.h("request"), text.h("request"))
	}
	p.Headings = map[string]string{"reqest": "x"}
	if _, err := text.withProfile(p); err == nil || !strings.Contains(err.Error(), `unknown heading "reqest"`) {
		t.Errorf("err = %v", err)
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"a\tb  c":          "a b c",
		"line\r\nnext":     "line\nnext",
		"emoji 😀 here":     "emoji \uFFFD here",
		"bell\a and\u200b": "bell and",
		"Ní Aoláin":        "Ní Aoláin",
		"non\u00a0break":   "non\u00a0break",
	} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}
