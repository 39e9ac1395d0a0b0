package dossier

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// decoder turns a yaml.Node tree into the case-file types, strictly: unknown
// keys, wrong types, missing required fields and values outside a controlled
// vocabulary become diagnostics with the position of the offending node.
// It never stops at the first problem, so an author sees them all at once.
type decoder struct {
	file  string
	sink  *diagSink
	vocab Vocabulary

	depth, nodes int  // guards against recursive or exploding YAML aliases
	tooDeep      bool // reported once per file
}

// Limits on a case file's shape. Real case files are shallow and small;
// these stop a recursive alias ("a: &x [*x]") or an alias bomb.
const (
	maxDepth = 32
	maxNodes = 200000
)

var yamlLine = regexp.MustCompile(`line (\d+)`)

// decodeFile parses data as one YAML document and decodes it into out,
// which must be a pointer to a struct. It reports whether the document
// could be parsed at all.
func (d *decoder) decodeFile(data []byte, out any) bool {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		p := Pos{File: d.file}
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			p.Line, _ = strconv.Atoi(m[1])
			msg = strings.TrimPrefix(strings.TrimPrefix(msg, m[0]), ": ")
		}
		d.sink.errorf(p, "yaml-syntax", "check indentation and quoting around this line; strings with ': ' or starting with a quote need quotes", "YAML syntax error: %s", msg)
		return false
	}
	if len(root.Content) == 0 {
		d.sink.errorf(Pos{File: d.file, Line: 1, Column: 1}, "yaml-syntax", "", "file is empty; it must hold a YAML mapping")
		return false
	}
	d.value(root.Content[0], reflect.ValueOf(out).Elem(), "")
	return true
}

func (d *decoder) pos(n *yaml.Node) Pos { return Pos{File: d.file, Line: n.Line, Column: n.Column} }

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return "a single value"
	}
	return "something else"
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

var (
	dateType      = reflect.TypeOf(Date{})
	dateRangeType = reflect.TypeOf(DateRange{})
	metaType      = reflect.TypeOf(Meta{})
)

// value decodes n into v; field names the key for messages ("" at the root).
func (d *decoder) value(n *yaml.Node, v reflect.Value, field string) {
	d.depth++
	d.nodes++
	defer func() { d.depth-- }()
	if d.depth > maxDepth || d.nodes > maxNodes {
		if !d.tooDeep {
			d.tooDeep = true
			d.sink.errorf(d.pos(n), "yaml-syntax", "remove the YAML anchors (&) and aliases (*) and write the values out", "%s is nested too deeply or refers to itself", field)
		}
		return
	}
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	switch {
	case v.Type() == dateType || v.Type() == dateRangeType:
		if isNull(n) {
			return
		}
		if n.Kind != yaml.ScalarNode {
			d.wrongType(n, field, "a date such as 2020-02-25")
			return
		}
		if v.Type() == dateType {
			date, err := ParseDate(n.Value)
			if err != nil {
				d.sink.errorf(d.pos(n), "date-format", "dates are ISO 8601: 2020, 2020-02 or 2020-02-25", "%s: %v", field, err)
				return
			}
			v.Set(reflect.ValueOf(date))
		} else {
			r, err := ParseDateRange(n.Value)
			if err != nil {
				d.sink.errorf(d.pos(n), "date-format", "dates are ISO 8601: 2020, 2020-02, 2020-02-25, or a range 2020-07-30/2020-09-27", "%s: %v", field, err)
				return
			}
			v.Set(reflect.ValueOf(r))
		}
	case v.Kind() == reflect.String:
		if isNull(n) {
			return
		}
		if n.Kind != yaml.ScalarNode {
			d.wrongType(n, field, "text")
			return
		}
		v.SetString(n.Value)
	case v.Kind() == reflect.Bool:
		if isNull(n) {
			return
		}
		if n.Kind != yaml.ScalarNode || (n.Value != "true" && n.Value != "false") {
			d.wrongType(n, field, "true or false")
			return
		}
		v.SetBool(n.Value == "true")
	case v.Kind() == reflect.Slice:
		if isNull(n) {
			return
		}
		if n.Kind != yaml.SequenceNode {
			d.wrongType(n, field, "a list (one item per line starting with \"- \")")
			return
		}
		s := reflect.MakeSlice(v.Type(), 0, len(n.Content))
		for i, item := range n.Content {
			if isNull(item) {
				d.sink.errorf(d.pos(item), "wrong-type", "remove the lone \"-\" or write the item after it", "%s[%d] is an empty list item", field, i+1)
				continue
			}
			elem := reflect.New(v.Type().Elem()).Elem()
			d.value(item, elem, fmt.Sprintf("%s[%d]", field, i+1))
			s = reflect.Append(s, elem)
		}
		v.Set(s)
	case v.Kind() == reflect.Pointer:
		if isNull(n) {
			return
		}
		p := reflect.New(v.Type().Elem())
		d.value(n, p.Elem(), field)
		v.Set(p)
	case v.Kind() == reflect.Struct:
		if n.Kind != yaml.MappingNode {
			d.wrongType(n, field, "a mapping of \"key: value\" lines")
			return
		}
		d.mapping(n, v)
	default:
		panic(fmt.Sprintf("dossier: decoder cannot fill %s", v.Type()))
	}
}

func (d *decoder) wrongType(n *yaml.Node, field, want string) {
	name := field
	if name == "" {
		name = "the file"
	}
	d.sink.errorf(d.pos(n), "wrong-type", "", "%s must be %s, not %s", name, want, kindName(n))
}

// fieldInfo describes one settable YAML key of a struct.
type fieldInfo struct {
	index    int
	key      string
	required bool
	vocab    string
}

func structFields(t reflect.Type) []fieldInfo {
	var out []fieldInfo
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		key := f.Tag.Get("yaml")
		if key == "" || key == "-" {
			continue
		}
		fi := fieldInfo{index: i, key: key}
		for _, opt := range strings.Split(f.Tag.Get("dossier"), ",") {
			switch {
			case opt == "required":
				fi.required = true
			case strings.HasPrefix(opt, "vocab="):
				fi.vocab = strings.TrimPrefix(opt, "vocab=")
			}
		}
		out = append(out, fi)
	}
	return out
}

func (d *decoder) mapping(n *yaml.Node, v reflect.Value) {
	fields := structFields(v.Type())
	byKey := map[string]fieldInfo{}
	keys := make([]string, 0, len(fields))
	for _, f := range fields {
		byKey[f.key] = f
		keys = append(keys, f.key)
	}
	meta := Meta{Pos: d.pos(n), fields: map[string]Pos{}}
	seen := map[string]bool{}
	failed := map[string]bool{} // keys whose value was reported as wrong already
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.sink.errorf(d.pos(k), "wrong-type", "", "a key must be a plain word, not %s", kindName(k))
			continue
		}
		f, ok := byKey[k.Value]
		if !ok {
			hint := "allowed here: " + strings.Join(keys, ", ")
			if s := nearest(k.Value, keys); s != "" {
				hint = fmt.Sprintf("did you mean %q? (%s)", s, hint)
			}
			d.sink.errorf(d.pos(k), "unknown-field", hint, "unknown field %q", k.Value)
			continue
		}
		if seen[k.Value] {
			d.sink.errorf(d.pos(k), "duplicate-key", "remove one of the two", "field %q is given twice", k.Value)
			continue
		}
		seen[k.Value] = true
		meta.fields[k.Value] = d.pos(val)
		if val.Kind == yaml.SequenceNode {
			for j, item := range val.Content {
				meta.fields[fmt.Sprintf("%s.%d", k.Value, j)] = d.pos(item)
			}
		}
		before := len(d.sink.list)
		d.value(val, v.Field(f.index), k.Value)
		failed[k.Value] = len(d.sink.list) > before
		if f.vocab != "" {
			d.checkVocab(val, f)
		}
	}
	for _, f := range fields {
		if f.required && !failed[f.key] && (!seen[f.key] || isEmpty(v.Field(f.index))) {
			d.sink.errorf(meta.Pos, "required", fmt.Sprintf("add a line \"%s: …\"", f.key), "required field %q is missing or empty", f.key)
		}
	}
	if mf := v.FieldByName("Meta"); mf.IsValid() && mf.Type() == metaType {
		mf.Set(reflect.ValueOf(meta))
	}
}

func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String, reflect.Slice:
		return v.Len() == 0
	case reflect.Pointer:
		return v.IsNil()
	case reflect.Struct:
		if v.Type() == dateType {
			return v.Interface().(Date).IsZero()
		}
		if v.Type() == dateRangeType {
			return v.Interface().(DateRange).IsZero()
		}
	}
	return false
}

func (d *decoder) checkVocab(n *yaml.Node, f fieldInfo) {
	terms := d.vocab[f.vocab]
	if terms == nil {
		panic("dossier: unknown vocabulary " + f.vocab)
	}
	var values []*yaml.Node
	switch n.Kind {
	case yaml.ScalarNode:
		if !isNull(n) {
			values = []*yaml.Node{n}
		}
	case yaml.SequenceNode:
		values = n.Content
	}
	for _, item := range values {
		if item.Kind != yaml.ScalarNode || terms.Has(item.Value) {
			continue
		}
		if renamed := d.vocab["renamed_"+f.vocab]; renamed != nil && renamed.Has(item.Value) {
			d.sink.errorf(d.pos(item), "vocabulary", fmt.Sprintf("renamed to %s: write %s: %s", renamed.Label(item.Value), f.key, renamed.Label(item.Value)),
				"%s: %q was renamed to %q", f.key, item.Value, renamed.Label(item.Value))
			continue
		}
		allowed := append([]string(nil), terms.Values...)
		sort.Strings(allowed)
		hint := "allowed: " + strings.Join(allowed, ", ")
		if s := nearest(item.Value, terms.Values); s != "" {
			hint = fmt.Sprintf("did you mean %q? (%s)", s, hint)
		}
		d.sink.errorf(d.pos(item), "vocabulary", hint, "%s: %q is not an allowed value", f.key, item.Value)
	}
}
