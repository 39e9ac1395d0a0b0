package dossier

import (
	"strings"
	"testing"
)

func TestAliasAsPlainString(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string // alias names
		errs       int
	}{
		{"string", "name: A\naliases:\n- Бокаев\n", []string{"Бокаев"}, 0},
		{"mapping", "name: A\naliases:\n- name: Bokaev\n  script: latin\n", []string{"Bokaev"}, 0},
		{"mixed", "name: A\naliases:\n- Bokayev\n- {name: Бокаев, script: cyrillic}\n", []string{"Bokayev", "Бокаев"}, 0},
		{"empty string", "name: A\naliases:\n- ''\n", nil, 1},
		{"list is not an alias", "name: A\naliases:\n- [a, b]\n", nil, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sink := &diagSink{}
			var v Victim
			(&decoder{file: "v.yaml", sink: sink, vocab: Vocab()}).decodeFile([]byte(tc.yaml+"status: detained\n"), &v)
			var got []string
			for _, a := range v.Aliases {
				got = append(got, a.Name)
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("aliases = %q, want %q", got, tc.want)
			}
			if sink.list.Errors() != tc.errs {
				t.Errorf("errors = %v, want %d", sink.list, tc.errs)
			}
			for _, a := range v.Aliases {
				if a.Meta.Pos.Line == 0 && tc.errs == 0 {
					t.Errorf("alias %q has no position", a.Name)
				}
			}
		})
	}
}
