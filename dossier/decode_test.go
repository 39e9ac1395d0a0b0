package dossier

import (
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
