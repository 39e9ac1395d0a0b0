package dossier

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"slices"
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
}

// Limits on a case file's shape. Real case files are shallow and small (the
// largest official of the shipped case has under 2,000 values); these stop
// a recursive alias ("a: &x [*x]") or an alias bomb (one anchor repeated
// through aliases until the file stands for millions of values) before any
// of it is decoded.
const (
	MaxYAMLDepth   = 32      // levels of nesting
	MaxYAMLNodes   = 200_000 // values, counting every alias expansion
	MaxYAMLAliases = 1_000   // aliases (*name) in one file
)

var yamlLine = regexp.MustCompile(`line (\d+)`)

// plainTags are the YAML tags a case file may carry: those that plain
// values are given anyway. Any other explicit tag ("!!binary", "!custom")
// asks for a meaning the format does not have.
var plainTags = map[string]bool{
	"!!str": true, "!!int": true, "!!float": true, "!!bool": true, "!!null": true,
	"!!timestamp": true, "!!seq": true, "!!map": true,
}

// decodeFile parses data as one YAML document and decodes it into out,
// which must be a pointer to a struct. It reports whether the document
// could be decoded. A file that is not UTF-8, holds more than one
// document, carries a tag other than the plain ones, or exceeds a limit is
// reported once, precisely, and not decoded at all: nothing else is said
// about it, so the one message that matters is not lost in noise.
func (d *decoder) decodeFile(data []byte, out any) bool {
	if e := checkEncoding(data); e != nil {
		d.sink.errorf(Pos{File: d.file, Line: e.Line}, "yaml-encoding", "case files are UTF-8 text; save the file as UTF-8 (without NUL bytes)", "%s", e)
		return false
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte-order mark is accepted
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		if err == io.EOF {
			d.sink.errorf(Pos{File: d.file, Line: 1, Column: 1}, "yaml-syntax", "", "file is empty; it must hold a YAML mapping")
		} else {
			d.syntaxError(err, data)
		}
		return false
	}
	if len(root.Content) == 0 {
		d.sink.errorf(Pos{File: d.file, Line: 1, Column: 1}, "yaml-syntax", "", "file is empty; it must hold a YAML mapping")
		return false
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == io.EOF:
	case err != nil:
		d.syntaxError(err, data)
		return false
	default:
		p := Pos{File: d.file, Line: next.Line, Column: next.Column}
		if len(next.Content) > 0 {
			p = d.pos(next.Content[0])
		}
		d.sink.errorf(p, "yaml-syntax", "one file holds one person, source or case: move the second document (after ---) into its own file",
			"a second YAML document starts here; a case file holds only one")
		return false
	}
	if !d.check(root.Content[0]) {
		return false
	}
	d.value(root.Content[0], reflect.ValueOf(out).Elem(), "")
	return true
}

var unknownAnchor = regexp.MustCompile(`unknown anchor '(.*)' referenced`)

func (d *decoder) syntaxError(err error, data []byte) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	p := Pos{File: d.file}
	hint := "check indentation and quoting around this line; strings with ': ' or starting with a quote need quotes"
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		p.Line, _ = strconv.Atoi(m[1])
		msg = strings.TrimPrefix(strings.TrimPrefix(msg, m[0]), ": ")
	} else if m := unknownAnchor.FindStringSubmatch(msg); m != nil {
		// The parser gives no line for this one: find the alias.
		if i := bytes.Index(data, []byte("*"+m[1])); i >= 0 {
			p.Line = lineAt(data, i)
			p.Column = i - bytes.LastIndexByte(data[:i], '\n')
		}
		hint = "define the anchor (&" + m[1] + ") before the alias, or write the value out; a value starting with * needs quotes"
	}
	if f, ok := syntaxCause(data, p.Line); ok && p.Line > 0 {
		p.Line, p.Column = f.line, 0
		d.sink.errorf(p, "yaml-syntax", f.hint, "YAML syntax error: %s", f.message)
		return
	}
	d.sink.errorf(p, "yaml-syntax", hint, "YAML syntax error: %s", msg)
}

// check walks the document once, expanding aliases, before anything is
// decoded, and reports the first limit it exceeds or the first tag that
// is not plain. Counting stops at the limit, so a file standing for
// billions of values costs no more than one at the limit.
func (d *decoder) check(top *yaml.Node) bool {
	var (
		nodes, aliases int
		active         = map[*yaml.Node]bool{} // anchors being expanded: an alias to one refers to itself
		via            *yaml.Node              // the outermost alias being expanded, where a limit is blamed
		walk           func(n *yaml.Node, depth int) bool
		fail           = func(n *yaml.Node, hint, format string, args ...any) bool {
			if via != nil {
				n = via
			}
			d.sink.errorf(d.pos(n), "yaml-limit", hint, format, args...)
			return false
		}
	)
	walk = func(n *yaml.Node, depth int) bool {
		nodes++
		if nodes > MaxYAMLNodes {
			if aliases > 0 {
				return fail(n, "write the repeated values out, or use fewer aliases (*name)",
					"the file stands for more than %d values once its %d aliases (*name) are expanded; the limit is %d", MaxYAMLNodes, aliases, MaxYAMLNodes)
			}
			return fail(n, "split the file: one official or victim per file",
				"the file holds more than %d values; the limit is %d", MaxYAMLNodes, MaxYAMLNodes)
		}
		if depth > MaxYAMLDepth {
			return fail(n, "case files are a few levels deep; check the indentation",
				"values are nested more than %d levels deep here; the limit is %d", MaxYAMLDepth, MaxYAMLDepth)
		}
		if n.Style&yaml.TaggedStyle != 0 && !plainTags[n.Tag] && n.Kind != yaml.AliasNode {
			d.sink.errorf(d.pos(n), "yaml-tag", "remove the tag and write the value as plain text",
				"explicit tag %s is not allowed in a case file", n.Tag)
			return false
		}
		if n.Kind == yaml.AliasNode {
			aliases++
			if aliases > MaxYAMLAliases {
				return fail(n, "write the repeated values out", "the file uses more than %d aliases (*name); the limit is %d", MaxYAMLAliases, MaxYAMLAliases)
			}
			if n.Alias == nil {
				return fail(n, "define the anchor (&name) before using it", "alias *%s refers to no anchor", n.Value)
			}
			if active[n.Alias] {
				return fail(n, "an alias cannot stand for a value that contains it; write the value out",
					"alias *%s refers to a value that contains it", n.Value)
			}
			active[n.Alias] = true
			outer := via == nil
			if outer {
				via = n
			}
			ok := walk(n.Alias, depth+1)
			if outer && ok {
				via = nil
			}
			delete(active, n.Alias)
			return ok
		}
		if n.Anchor != "" {
			active[n] = true
			defer delete(active, n)
		}
		for _, c := range n.Content {
			if !walk(c, depth+1) {
				return false
			}
		}
		return true
	}
	return walk(top, 1)
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
	aliasType     = reflect.TypeOf(Alias{})
)

// value decodes n into v; field names the key for messages ("" at the root).
func (d *decoder) value(n *yaml.Node, v reflect.Value, field string) {
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
			if elem.Kind() == reflect.Pointer && elem.IsNil() {
				continue // reported; a nil item would crash every later stage
			}
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
	case v.Type() == aliasType && n.Kind == yaml.ScalarNode:
		// An alias may be written as just the name.
		if n.Value == "" {
			d.sink.errorf(d.pos(n), "required", "write the other spelling of the name, or remove the item", "%s is empty", field)
			return
		}
		v.Set(reflect.ValueOf(Alias{Name: n.Value, Meta: Meta{Pos: d.pos(n), fields: map[string]Pos{"name": d.pos(n)}}}))
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

// FieldSpec describes one YAML key of a case-file record as the decoder
// reads it: the schema and the scaffolding are generated from these, so
// they cannot drift from what the validator accepts.
type FieldSpec struct {
	Key      string       // the YAML key
	Required bool         // missing or empty is an error
	Vocab    string       // the controlled vocabulary its values come from, if any
	Type     reflect.Type // the Go type the value decodes into
}

// Fields lists the YAML keys of a record type (Case, Source, Official, …)
// in declaration order.
func Fields(t reflect.Type) []FieldSpec {
	var out []FieldSpec
	for _, f := range structFields(t) {
		out = append(out, FieldSpec{Key: f.key, Required: f.required, Vocab: f.vocab, Type: t.Field(f.index).Type})
	}
	return out
}

// Kinds maps each kind of case file to the record type it decodes into:
// case (case.yaml), source, official, victim, and for corruption cases
// company, asset and flow.
var Kinds = map[string]reflect.Type{
	"case":     reflect.TypeOf(Case{}),
	"source":   reflect.TypeOf(Source{}),
	"official": reflect.TypeOf(Official{}),
	"victim":   reflect.TypeOf(Victim{}),
	"company":  reflect.TypeOf(Company{}),
	"asset":    reflect.TypeOf(Asset{}),
	"flow":     reflect.TypeOf(Flow{}),
}

// KindNames lists the kinds of case file in the order a case is written.
var KindNames = []string{"case", "source", "official", "victim", "company", "asset", "flow"}

// IsDate reports whether a field holds a single (possibly partial) date.
func IsDate(t reflect.Type) bool { return t == dateType }

// IsDateRange reports whether a field holds a date or a range of dates.
func IsDateRange(t reflect.Type) bool { return t == dateRangeType }

// IsAlias reports whether a record type is Alias, which may also be written
// as a plain string.
func IsAlias(t reflect.Type) bool { return t == aliasType }

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
			d.sink.errorf(meta.At(f.key), "required", fmt.Sprintf("add a line \"%s: …\"", f.key), "required field %q is missing or empty", f.key)
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
		// A --templates folder whose vocabulary.yaml predates this field.
		d.sink.errorf(d.pos(n), "vocabulary", "copy the "+f.vocab+" list from the built-in templates/vocabulary.yaml into your templates folder's",
			"%s: the templates' vocabulary.yaml has no list %q to check it against", f.key, f.vocab)
		return
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
		d.sink.errorf(d.pos(item), "vocabulary", vocabHint(item.Value, terms), "%s: %q is not an allowed value", f.key, item.Value)
	}
}

// vocabHint lists the allowed values close to a wrong one in spelling and,
// from synonyms.yaml, in meaning, each with what it means, and leaves the
// choice to the author: "persecuted" is close to "prosecuted" in spelling,
// but may well mean "harassed".
func vocabHint(value string, terms *Terms) string {
	allowed := append([]string(nil), terms.Values...)
	sort.Strings(allowed)
	list := "allowed: " + strings.Join(allowed, ", ")
	meaning := func(v string) string {
		if m := terms.Meanings[v]; m != "" {
			return fmt.Sprintf("%q (%s)", v, m)
		}
		return fmt.Sprintf("%q", v)
	}
	spelling := nearest(value, terms.Values)
	key := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(value)), " ", "_")
	near := terms.Near[key]
	if len(near) == 0 {
		if spelling == "" {
			return list
		}
		return fmt.Sprintf("did you mean %s? (%s)", meaning(spelling), list)
	}
	var parts []string
	for _, v := range near {
		parts = append(parts, meaning(v))
	}
	h := fmt.Sprintf("%q is not a value; near it in meaning: %s", value, strings.Join(parts, "; "))
	if spelling != "" && !slices.Contains(near, spelling) {
		h += fmt.Sprintf("; close in spelling: %s", meaning(spelling))
	} else if spelling != "" {
		h += fmt.Sprintf(` ("%s" is also close in spelling, but the meanings differ)`, spelling)
	}
	return h + ". Choose the one the sources support (" + list + ")"
}
