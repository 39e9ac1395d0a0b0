package dossier

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/dossier-project/dossier/dossier/textlayout"
)

// oldScripts are the script values written before ISO 15924 codes, with
// the code each stands for.
var oldScripts = map[string]string{"latin": "Latn", "cyrillic": "Cyrl", "arabic": "Arab"}

// scripts checks that each alias's declared script is the one its letters
// are written in, fills in the script where none is declared, and reports
// every character of the case that no font of the PDF can draw.
func (v *validator) scripts() {
	for _, o := range v.c.Officials {
		v.aliasScripts(o.Aliases)
	}
	for _, vic := range v.c.Victims {
		v.aliasScripts(vic.Aliases)
	}
	v.glyphs(reflect.ValueOf(v.c), Meta{}, "")
}

func (v *validator) aliasScripts(aliases []*Alias) {
	scripts := Vocab()["scripts"]
	for _, a := range aliases {
		got := textlayout.Script(a.Name)
		if got == "" {
			continue
		}
		if a.Script == "" {
			if scripts != nil && scripts.Has(got) {
				a.Script = got
			}
			continue
		}
		want := a.Script
		if code, ok := oldScripts[want]; ok {
			want = code
		}
		if want == "other" {
			if _, common := map[string]bool{"Latn": true, "Cyrl": true, "Arab": true}[got]; !common {
				continue
			}
		} else if scripts != nil && !scripts.Has(want) || textlayout.ScriptMatches(want, got) {
			continue
		}
		label := got
		if scripts != nil && scripts.Has(got) {
			label = scripts.Label(got)
		}
		v.sink.warnf(a.Meta.At("script"), "script-mismatch",
			fmt.Sprintf("write \"script: %s\" (ISO 15924), or correct the name", got),
			"alias %q is written in %s, not in the declared script %q", a.Name, label, a.Script)
	}
}

// glyphs walks the case's text fields (following pointers, slices and
// structs, with each struct's positions) and reports characters that no
// font has.
func (v *validator) glyphs(rv reflect.Value, meta Meta, key string) {
	switch rv.Kind() {
	case reflect.Pointer:
		if !rv.IsNil() {
			v.glyphs(rv.Elem(), meta, key)
		}
	case reflect.Slice:
		for i := 0; i < rv.Len(); i++ {
			v.glyphs(rv.Index(i), meta, fmt.Sprintf("%s.%d", key, i))
		}
	case reflect.Struct:
		if m := rv.FieldByName("Meta"); m.IsValid() && m.Type() == metaType {
			meta = m.Interface().(Meta)
		}
		t := rv.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			switch {
			case !f.IsExported() || f.Type == metaType:
			case name == "-" && f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Pointer:
				v.glyphs(rv.Field(i), Meta{}, "") // the case's sources, officials, victims
			case name != "" && name != "-":
				v.glyphs(rv.Field(i), meta, name)
			}
		}
	case reflect.String:
		var missing []string
		seen := map[rune]bool{}
		for _, r := range rv.String() {
			if r >= 0x80 && !seen[r] && !textlayout.Covered(r) {
				seen[r] = true
				missing = append(missing, fmt.Sprintf("U+%04X %q", r, r))
			}
		}
		if len(missing) > 0 {
			v.sink.warnf(meta.At(key), "no-glyph",
				"the PDF leaves a gap for each; add a font that covers the script (README, Scripts and fonts) or add a spelling in a covered script as an alias",
				"no font of the PDF has %s", strings.Join(missing, ", "))
		}
	}
}
