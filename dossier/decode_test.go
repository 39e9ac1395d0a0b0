package dossier

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestDecodeFile checks the decoder's documented acceptances and that each
// refusal is one diagnostic of the expected rule at the expected line.
func TestDecodeFile(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		rule       string // "" when the file must decode cleanly
		line       int
	}{
		{"utf-8 byte-order mark accepted", "\ufeffname: Bom Person\nstatus: detained\n", "", 0},
		{"plain tags accepted", "name: !!str Tagged Person\nstatus: detained\n", "", 0},
		{"anchors within the limits accepted", "name: &n Same Name\nstatus: detained\naliases: [{name: *n}]\n", "", 0},
		{"second document", "name: A\nstatus: detained\n---\nname: B\n", "yaml-syntax", 4},
		{"binary tag", "name: !!binary AAAA\nstatus: detained\n", "yaml-tag", 1},
		{"invalid utf-8 on line 2", "name: A\nstatus: d\xffetained\n", "yaml-encoding", 2},
		{"recursive alias", "name: A\nstatus: detained\naliases: &a [*a]\n", "yaml-limit", 3},
		{"too deep", "name: A\nnotes: " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n", "yaml-limit", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sink := &diagSink{}
			var v Victim
			(&decoder{file: "v.yaml", sink: sink, vocab: Vocab()}).decodeFile([]byte(tc.data), &v)
			if tc.rule == "" {
				if len(sink.list) > 0 {
					t.Fatalf("want no diagnostic, got:\n%v", sink.list)
				}
				if !strings.HasSuffix(v.Name, "Person") && v.Name != "Same Name" {
					t.Errorf("name = %q", v.Name)
				}
				return
			}
			if len(sink.list) != 1 || sink.list[0].Rule != tc.rule || sink.list[0].Line != tc.line {
				t.Fatalf("want exactly one %s at line %d, got:\n%v", tc.rule, tc.line, sink.list)
			}
		})
	}
}

func TestCaseNameProblem(t *testing.T) {
	for name, bad := range map[string]bool{
		"kazakhstan": false, "S": false, "Kazakhstan 2024": false, "case_1.v2": false, "Қазақстан": false,
		"a\nb": true, ".": true, ".hidden": true, "-rf": true, "a:b": true, strings.Repeat("x", 65): true,
	} {
		if got := caseNameProblem(name) != ""; got != bad {
			t.Errorf("caseNameProblem(%q) = %q, want a problem: %v", name, caseNameProblem(name), bad)
		}
	}
}

// TestCaseIDOfDot: "validate ." inside a case folder names the case after
// the folder, not ".".
func TestCaseIDOfDot(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "riverton")
	copyTree(t, filepath.Join("testdata", "base"), dir)
	t.Chdir(dir)
	c, ds := Open(".")
	if ds.Errors() > 0 || c.ID != "riverton" {
		t.Errorf("id %q, diagnostics:\n%v", c.ID, ds)
	}
}

// FuzzDecode feeds arbitrary bytes to the decoder as a victim, an official
// and a source file: it must never panic, never leave a nil list item
// behind, and report every problem with a rule and a message.
//
//	go test -run '^$' -fuzz FuzzDecode ./dossier/
func FuzzDecode(f *testing.F) {
	f.Add([]byte("name: x\nstatus: detained\n"))
	f.Add([]byte("name: &a [*a]\n"))
	f.Add([]byte("aliases: &a [{name: A}, {name: B}]\nevents: [{evidence: *a}, {evidence: *a}]\n"))
	f.Add([]byte("name: !!binary AAAA\n---\nname: b\n"))
	f.Add([]byte("\xef\xbb\xbfname: bom\n"))
	f.Add([]byte("\xff\xfen\x00a\x00"))
	f.Add([]byte("allegations:\n  -\n  - evidence: [~, {source: s}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, out := range []any{&Victim{}, &Official{}, &Source{}} {
			sink := &diagSink{}
			(&decoder{file: "f.yaml", sink: sink, vocab: Vocab()}).decodeFile(data, out)
			for _, d := range sink.list {
				if d.Rule == "" || d.Message == "" {
					t.Fatalf("diagnostic without rule or message: %+v", d)
				}
			}
			if o, ok := out.(*Official); ok {
				for _, a := range o.Allegations {
					if a == nil {
						t.Fatal("nil allegation")
					}
					for _, e := range a.Evidence {
						if e == nil {
							t.Fatal("nil evidence item")
						}
					}
				}
			}
			if v, ok := out.(*Victim); ok {
				for _, a := range v.Aliases {
					if a == nil {
						t.Fatal("nil alias")
					}
				}
				for _, ev := range v.Events {
					if ev == nil {
						t.Fatal("nil event")
					}
				}
			}
		}
	})
}
