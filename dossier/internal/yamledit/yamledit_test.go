package yamledit

import (
	"errors"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func item() *yaml.Node {
	var n yaml.Node
	yaml.Unmarshal([]byte("authority: OFAC\nevidence:\n  - source: s\n    quote: '\"a\": [\"b\"]'\n"), &n)
	return n.Content[0]
}

func TestAppendItem(t *testing.T) {
	const it = "authority: OFAC\nevidence:\n  - source: s\n    quote: '\"a\": [\"b\"]'"
	indent := func(prefix string) string {
		lines := strings.Split(it, "\n")
		for i := range lines {
			if i == 0 {
				lines[i] = prefix[:len(prefix)-2] + "- " + lines[i]
			} else {
				lines[i] = prefix + lines[i]
			}
		}
		return strings.Join(lines, "\n")
	}
	tests := []struct {
		name, in, want string
	}{
		{"missing key: at the end, lists indented as the file's",
			"# head\nname: X # trailing\n\nallegations:\n  - a: 1\n# foot\n",
			"# head\nname: X # trailing\n\nallegations:\n  - a: 1\n# foot\nlist:\n" + indent("    ") + "\n"},
		{"missing key, no list in the file",
			"name: X\n",
			"name: X\nlist:\n" + indent("    ") + "\n"},
		{"missing key, unindented lists",
			"allegations:\n- a: 1\n",
			"allegations:\n- a: 1\nlist:\n" + indent("  ") + "\n"},
		{"empty value",
			"list:\nname: X\n",
			"list:\n" + indent("    ") + "\nname: X\n"},
		{"empty flow list, comment kept",
			"list: [] # none yet\nname: X\n",
			"list: # none yet\n" + indent("    ") + "\nname: X\n"},
		{"block list before a key and its comment",
			"list:\n  - x: 1\n    y: 2\n\n# about name\nname: X\n",
			"list:\n  - x: 1\n    y: 2\n" + indent("    ") + "\n\n# about name\nname: X\n"},
		{"block list at the end, before a closing comment",
			"name: X\nlist:\n- x: 1\n# the end\n",
			"name: X\nlist:\n- x: 1\n" + indent("  ") + "\n# the end\n"},
		{"CRLF line ends",
			"name: X\r\nlist:\r\n  - x: 1\r\n",
			"name: X\r\nlist:\r\n  - x: 1\r\n" + strings.ReplaceAll(indent("    "), "\n", "\r\n") + "\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := AppendItem([]byte(tt.in), "list", item())
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			var check struct {
				List []map[string]any `yaml:"list"`
			}
			if err := yaml.Unmarshal(got, &check); err != nil || check.List[len(check.List)-1]["authority"] != "OFAC" {
				t.Errorf("result does not parse as a list ending in the item: %v %+v", err, check)
			}
		})
	}
}

func TestAppendItemRefuses(t *testing.T) {
	for _, in := range []string{"list: [a]\n", "list: text\n", "- a\n", "a: [\n"} {
		if _, err := AppendItem([]byte(in), "list", item()); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
	// A key it cannot edit is named by line and column, for file:line:column.
	tests := []struct {
		in           string
		line, column int
		msg          string
	}{
		{"name: X\n  # c\nlist: text\n", 3, 1, "list is not a list"},
		{"name: X\nlist:\n  []\n", 2, 1, "list is not written as a list on one line"},
		// Line edits would leave "]" or "~" behind: the check of the result refuses them.
		{"name: X\nlist: [\n]\nafter: 1\n", 2, 1, "list is written in a way a line edit would break"},
		{"list:\n  ~\nname: X\n", 1, 1, "list is written in a way a line edit would break"},
	}
	for _, tt := range tests {
		_, err := AppendItem([]byte(tt.in), "list", item())
		var e *Error
		if !errors.As(err, &e) || e.Line != tt.line || e.Column != tt.column || !strings.Contains(e.Msg, tt.msg) {
			t.Errorf("%q: %v, want line %d, column %d: %s", tt.in, err, tt.line, tt.column, tt.msg)
		}
	}
}
