// Package yamledit edits a YAML file a user wrote without rewriting it:
// it finds where things are through yaml.v3's parse (node lines and
// columns) and then replaces or inserts whole lines, so every line it does
// not touch (comments, blank lines, key order, quoting, folded text) stays
// byte for byte as written. Re-encoding the parsed tree instead would
// drop blank lines and re-indent and re-quote the whole file.
package yamledit

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Edit is one line to replace (Line > 0) or lines to insert after line
// After (when Line is 0; After 0 inserts at the top).
type Edit struct {
	Line  int // 1-based line to replace, or 0
	After int // 1-based line to insert after, when Line is 0
	Text  string
}

// Error is a place in the file that AppendItem cannot edit: its line and
// column (1-based), and what is wrong and what to do.
type Error struct {
	Line, Column int
	Msg          string
}

// Error formats the place and the problem: "line 4, column 1: …".
func (e *Error) Error() string { return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg) }

// Lookup returns the key and value nodes of key in mapping m, or nils.
func Lookup(m *yaml.Node, key string) (*yaml.Node, *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

// LineOf returns line n (1-based) of data, without its line end.
func LineOf(data []byte, n int) string {
	lines := strings.Split(string(data), "\n")
	if n-1 < len(lines) && n > 0 {
		return lines[n-1]
	}
	return ""
}

// Apply makes the edits; a replaced line and lines inserted after it may
// be given together. Line numbers refer to data as given.
func Apply(data []byte, edits []Edit) []byte {
	lines := strings.Split(string(data), "\n")
	replace := map[int]string{}
	insert := map[int][]string{}
	for _, e := range edits {
		if e.Line > 0 {
			replace[e.Line] = e.Text
		} else {
			insert[e.After] = append(insert[e.After], e.Text)
		}
	}
	out := append([]string{}, insert[0]...)
	for i, l := range lines {
		if r, ok := replace[i+1]; ok {
			l = r
		}
		out = append(out, l)
		out = append(out, insert[i+1]...)
	}
	return []byte(strings.Join(out, "\n"))
}

// AppendItem adds item (a mapping node) at the end of the block list under
// key in the file's top-level mapping. When the key is missing, or holds
// nothing or an empty flow list ("key: []"), the key is written with a
// list of the one item: at the end of the file, or in place of the empty
// value. The item is encoded by yaml.v3 with two-space indentation at the
// list's own indentation. Nothing else in the file changes.
//
// Whatever the layout, the result is checked: it must parse, keep the
// top mapping's other keys, and hold the key as a block list one item
// longer. A layout the line edit would break (an empty list written over
// several lines, an explicit null on the next line) is refused with its
// place, not written.
func AppendItem(data []byte, key string, item *yaml.Node) ([]byte, error) {
	out, err := appendItem(data, key, item)
	if err != nil {
		return nil, err
	}
	before, _ := topMapping(data)
	after, err := topMapping(out)
	keyNode, val := Lookup(before, key)
	wantKeys, wantItems := len(before.Content)/2, 1
	if keyNode == nil {
		wantKeys++
	} else if val.Kind == yaml.SequenceNode {
		wantItems += len(val.Content)
	}
	if err == nil {
		_, got := Lookup(after, key)
		if len(after.Content)/2 == wantKeys && got != nil && got.Kind == yaml.SequenceNode && got.Style&yaml.FlowStyle == 0 && len(got.Content) == wantItems {
			return out, nil
		}
	}
	if keyNode == nil {
		return nil, fmt.Errorf("adding %s at the end of the file would break it; add the entry by hand", key)
	}
	return nil, &Error{keyNode.Line, keyNode.Column, key + " is written in a way a line edit would break; write it as a block list (or key: []) or add the entry by hand"}
}

// topMapping parses data and returns its top-level mapping.
func topMapping(data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("not a mapping")
	}
	return doc.Content[0], nil
}

func appendItem(data []byte, key string, item *yaml.Node) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("not valid YAML (%v): run dossier validate first", err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("not a mapping: run dossier validate first")
	}
	top := doc.Content[0]
	keyNode, val := Lookup(top, key)
	lines := strings.Split(string(data), "\n")
	cr := ""
	if len(lines) > 0 && strings.HasSuffix(lines[0], "\r") {
		cr = "\r"
	}
	switch {
	case keyNode == nil:
		body, err := encodeItem(item, strings.Repeat(" ", listIndent(data, top)+2), cr)
		if err != nil {
			return nil, err
		}
		indent := strings.Repeat(" ", top.Column-1)
		// After the last line that is not blank, so the file keeps its
		// final line end.
		last := len(lines)
		for last > 0 && strings.TrimSpace(lines[last-1]) == "" {
			last--
		}
		text := indent + key + ":" + cr + "\n" + body
		return Apply(data, []Edit{{After: last, Text: text}}), nil
	case val.Kind == yaml.ScalarNode && val.Tag == "!!null" || val.Kind == yaml.SequenceNode && val.Style&yaml.FlowStyle != 0 && len(val.Content) == 0:
		if val.Line != keyNode.Line && val.Tag != "!!null" {
			return nil, &Error{keyNode.Line, keyNode.Column, key + " is not written as a list on one line; add the entry by hand"}
		}
		body, err := encodeItem(item, strings.Repeat(" ", listIndent(data, top)+2), cr)
		if err != nil {
			return nil, err
		}
		line := LineOf(data, keyNode.Line)
		comment := ""
		if i := strings.Index(line[keyNode.Column-1:], " #"); i >= 0 {
			comment = strings.TrimSuffix(line[keyNode.Column-1+i:], "\r")
		}
		return Apply(data, []Edit{
			{Line: keyNode.Line, Text: strings.Repeat(" ", keyNode.Column-1) + key + ":" + comment + cr},
			{After: keyNode.Line, Text: body},
		}), nil
	case val.Kind == yaml.SequenceNode && val.Style&yaml.FlowStyle == 0:
		// The list ends before the next key of the top mapping (less the
		// blank and comment lines above that key), or at the end of the file.
		end := len(lines)
		for i := 0; i+1 < len(top.Content); i += 2 {
			if top.Content[i] == keyNode && i+2 < len(top.Content) {
				end = top.Content[i+2].Line - 1
			}
		}
		for end > val.Line && isBlankOrComment(lines[end-1]) {
			end--
		}
		// The items' dash sits at the column of the first item's line.
		first := LineOf(data, val.Content[0].Line)
		dash := strings.Index(first, "-")
		if dash < 0 || val.Content[0].Line < keyNode.Line {
			return nil, &Error{keyNode.Line, keyNode.Column, "cannot tell how the list " + key + " is indented; add the entry by hand"}
		}
		body, err := encodeItem(item, strings.Repeat(" ", dash+2), cr)
		if err != nil {
			return nil, err
		}
		return Apply(data, []Edit{{After: end, Text: body}}), nil
	}
	return nil, &Error{keyNode.Line, keyNode.Column, key + " is not a list; run dossier validate first"}
}

// listIndent is the column (0-based) of the dash of the first block list
// under a key of the mapping, so a new list looks like the file's others;
// two more than the mapping's own when it has none.
func listIndent(data []byte, m *yaml.Node) int {
	for i := 1; i < len(m.Content); i += 2 {
		v := m.Content[i]
		if v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0 && v.Content[0].Line > m.Content[i-1].Line {
			if dash := strings.Index(LineOf(data, v.Content[0].Line), "-"); dash >= 0 {
				return dash
			}
		}
	}
	return m.Column + 1
}

func isBlankOrComment(l string) bool {
	t := strings.TrimSpace(l)
	return t == "" || strings.HasPrefix(t, "#")
}

// encodeItem writes "- " and the item, each line after the first indented
// by indent (the item's content column); the dash goes two columns left.
func encodeItem(item *yaml.Node, indent, cr string) (string, error) {
	var b strings.Builder
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(item); err != nil {
		return "", err
	}
	enc.Close()
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	for i, l := range lines {
		switch {
		case i == 0:
			lines[i] = indent[:len(indent)-2] + "- " + l + cr
		case l == "":
			lines[i] = cr
		default:
			lines[i] = indent + l + cr
		}
	}
	return strings.Join(lines, "\n"), nil
}
